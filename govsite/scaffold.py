"""``govsite new`` and ``govsite init``: start an item or a whole portal correctly.

A new item starts as a draft with every front-matter field present, so an editor
fills in blanks instead of remembering field names; it cannot publish until the
review chain is complete.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from govsite.config import CONFIG_NAME, load_config
from govsite.content.discover import CONTENT_DIR
from govsite.errors import UsageError
from govsite.i18n import Translator
from govsite.render.templates import THEME_DIR
from govsite.safepath import inside, require_slug


class ScaffoldError(Exception):
    """The item or site cannot be written (exit 2)."""


NEW_ITEM = """\
---
title: {title}
date: {date}
review:
  status: draft            # draft | approved：签发后改为 approved
  level: general           # general 一般 | important 重要 | major 重大敏感
  editor: ""               # 编辑
  reviewer: ""             # 审核
  approver: ""             # 签发人
  approver_role: ""        # principal | deputy-leader | city-leader
  approved:                # 签发日期 YYYY-MM-DD，不晚于发布日期
{disclosure}topic: ""
keywords: []
summary: ""
---

正文。
"""

DISCLOSURE_FIELDS = """\
index_no: "{index_no}"   # 索引号
doc_no: ""               # 发文字号，如 示政办发〔{year}〕1号
written:                 # 成文日期 YYYY-MM-DD
"""


def new_item(
    root: Path,
    dept_id: str,
    column_id: str,
    title: str,
    t: Translator,
    *,
    slug: str | None = None,
    date: dt.date | None = None,
) -> Path:

    config = load_config(root, t)
    dept = config.department(dept_id)
    column = config.column(column_id)
    if dept is None:
        raise UsageError(t("fm.unknown_department", dept=dept_id, hint=""))
    if column is None or column not in config.columns_of(dept):
        raise UsageError(t("fm.unknown_column", column=column_id, hint=""))
    date = date or dt.date.today()
    folder = root / CONTENT_DIR / dept_id / column_id
    slug = slug or _free_slug(folder, date)
    require_slug(slug)  # the one slug check (pattern and length), as `import` and FM004
    path = inside(root, f"{CONTENT_DIR}/{dept_id}/{column_id}/{slug}.md")
    if path.exists():
        raise UsageError(t("cli.new_exists", path=path))
    disclosure = ""
    if column.disclosure:
        prefix = dept.credit_code or dept_id
        disclosure = DISCLOSURE_FIELDS.format(index_no=f"{prefix}/{date.year}-", year=date.year)
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(
        NEW_ITEM.format(title=_yaml_string(title), date=date.isoformat(), disclosure=disclosure),
        encoding="utf-8",
    )
    return path


def _free_slug(folder: Path, date: dt.date) -> str:
    number = 1
    while (folder / f"{date:%Y%m%d}-{number}.md").exists():
        number += 1
    return f"{date:%Y%m%d}-{number}"


def _yaml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


INIT_SITE_TOML = """\
# 门户网站配置（SPEC 3.0）。由网站主管单位维护。

[site]
title = "某某市人民政府"
base_url = "https://www.example.gov.cn/"
language = "zh-CN"
site_code = ""          # 网站标识码
icp = ""                # ICP 备案号
public_security = ""    # 公安机关备案号
sponsor = ""            # 主办单位
contact = ""            # 网站联系电话

[[departments]]
id = "office"
name = "某某市人民政府办公室"
short_name = "市政府办"
credit_code = ""
phones = []

[[columns]]
id = "news"
title = "工作动态"
kind = "dynamic"

[[columns]]
id = "notice"
title = "通知公告"
kind = "notice"

[[columns]]
id = "policy"
title = "政策文件"
kind = "policy"
disclosure = true

[[columns]]
id = "guide"
title = "政府信息公开指南"
kind = "guide"
disclosure = true

[[columns]]
id = "rules"
title = "政府信息公开制度"
kind = "rules"
disclosure = true
"""


def init_site(directory: Path, t: Translator) -> Path:

    if directory.is_symlink() or (directory.exists() and not directory.is_dir()):
        raise UsageError(t("cli.init_not_folder", path=directory))
    if directory.exists() and any(directory.iterdir()):
        raise UsageError(t("cli.init_not_empty", path=directory))
    directory.mkdir(parents=True, exist_ok=True)
    (directory / CONFIG_NAME).write_text(INIT_SITE_TOML, encoding="utf-8")
    (directory / "checks").mkdir()
    (directory / CONTENT_DIR / "office").mkdir(parents=True)
    if THEME_DIR.is_dir():
        shutil.copytree(
            THEME_DIR, directory / "templates", ignore=shutil.ignore_patterns("README*")
        )
    (directory / ".gitignore").write_text("/public/\n.govsite-cache/\n", encoding="utf-8")
    # Every department publishes a disclosure guide and rules page (DS005): start them as drafts.
    for column, title in (("guide", "政府信息公开指南"), ("rules", "政府信息公开制度")):
        new_item(directory, "office", column, f"某某市人民政府办公室{title}", t, slug=column)
    return directory
