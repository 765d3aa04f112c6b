"""``govsite new`` and ``govsite init``: start an item or a whole portal correctly.

A new item starts as a draft with every front-matter field present, so an editor
fills in blanks instead of remembering field names; it cannot publish until the
review chain is complete.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from dataclasses import dataclass, replace
from pathlib import Path

from govsite.config import (
    CONFIG_NAME,
    CREDIT_CODE,
    ID_PATTERN,
    RESERVED_DEPARTMENT_IDS,
    Column,
    ConfigError,
    Department,
    SiteConfig,
    load_config,
)
from govsite.content.discover import CONTENT_DIR
from govsite.errors import UsageError
from govsite.i18n import Translator
from govsite.installsource import GovsiteSource, detect_source
from govsite.named import column_hint, require_placement
from govsite.render.templates import THEME_DIR
from govsite.safepath import inside, require_slug
from govsite.textnorm import trim


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
index_no: "{index_no}"   # 索引号 <单位代码>/<年份>-<流水号>：本部门当年已用的最大流水号加一
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
    dept, column = require_placement(config, dept_id, column_id, t)
    if not trim(title):  # FM002 on the file it would write: refuse it now
        raise UsageError(t("cli.new_no_title"))
    date = date or dt.date.today()
    folder = root / CONTENT_DIR / dept_id / column_id
    slug = slug or _free_slug(folder, date)
    require_slug(slug)  # the one slug check (pattern and length), as `import` and FM004
    path = inside(root, f"{CONTENT_DIR}/{dept_id}/{column_id}/{slug}.md")
    if path.exists():
        raise UsageError(t("cli.new_exists", path=path))
    return _write_item(config, dept, column, title, path, date)


def _write_item(
    config: SiteConfig, dept: Department, column: Column, title: str, path: Path, date: dt.date
) -> Path:
    """Write a draft with every front-matter field present."""
    disclosure = ""
    if column.disclosure:
        index_no = next_index_no(config.root, dept.id, dept.credit_code, date.year)
        disclosure = DISCLOSURE_FIELDS.format(index_no=index_no, year=date.year)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        NEW_ITEM.format(title=_yaml_string(title), date=date.isoformat(), disclosure=disclosure),
        encoding="utf-8",
    )
    return path


INDEX_LINE = re.compile(r"""^index_no:\s*["']?(?P<value>[^"'#\s]+)""", re.MULTILINE)


def next_index_no(root: Path, dept_id: str, credit_code: str, year: int) -> str:
    """The department's next free index number for ``year``: ``<credit_code>/<year>-<serial>``.

    The serial is one more than the highest the department's content uses that year (drafts
    included), five digits wide. Without a ``credit_code`` there is no valid prefix: the
    field is left empty for the editor (DS004 names it).
    """
    if not credit_code:
        return ""
    prefix = f"{credit_code}/{year}-"
    highest = 0
    for path in sorted((root / CONTENT_DIR / dept_id).rglob("*.md")):
        try:
            text = path.read_text("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
        for match in INDEX_LINE.finditer(text):
            value = match.group("value")
            serial = value.removeprefix(prefix)
            if value.startswith(prefix) and serial.isdigit():
                highest = max(highest, int(serial))
    return f"{prefix}{highest + 1:05d}"


def _free_slug(folder: Path, date: dt.date) -> str:
    number = 1
    while (folder / f"{date:%Y%m%d}-{number}.md").exists():
        number += 1
    return f"{date:%Y%m%d}-{number}"


def _yaml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


INIT_SITE_TOML = """\
# 门户网站配置，由网站主管单位维护；每一项的含义见 govsite 的 docs/web-office.md。
# 标有“占位”的值是 govsite init 写入的示例，格式正确但不是真实信息：上线前逐项改为
# 本市的真实值（网站标识码、备案号以主管部门核发的为准）。

[site]
title = "某某市人民政府"                       # 占位：网站名称
base_url = "https://www.example.gov.cn/"      # 占位：网站首页地址
language = "zh-CN"
site_code = "0000000000"                      # 占位：网站标识码（10 位数字）
icp = "某ICP备00000000号-1"                   # 占位：ICP 备案号
public_security = "某公网安备00000000000000号"  # 占位：公安机关备案号
sponsor = "某某市人民政府办公室"               # 占位：主办单位
contact = ""                                  # 网站联系电话（填写后不会被当作个人信息）
timezone = "Asia/Shanghai"                    # 时区：审计日志的时间按此时区记录（默认）

[[departments]]
id = "office"                                 # content/ 下的文件夹名
name = "某某市人民政府办公室"                   # 占位：部门全称
short_name = "市政府办"
credit_code = "000000000000000000"            # 占位：统一社会信用代码（索引号的前缀）
phones = []                                   # 本部门公开的办公电话

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

INIT_PAGE = """\
---
title: "{title}"
date: {date}
review:
  status: approved
  level: general
  editor: 某编辑             # 占位：上线前改为真实的编辑、审核、签发人
  reviewer: 某审核
  approver: 某签发
  approver_role: principal
  approved: {date}
index_no: "000000000000000000/{year}-{serial:05d}"
---

{body}
"""

GUIDE_BODY = """\
本页是 govsite init 生成的样稿，请按本单位实际情况改写后再上线。

## 一、主动公开

本机关主动公开的政府信息，通过本网站“政府信息公开”专栏发布，按栏目分类编排。

## 二、依申请公开

申请人可以通过信函、当面提交或网上申请等方式提出政府信息公开申请。

## 三、工作机构

名称、办公地址、办公时间、联系电话和电子邮箱：（填写本机关政府信息公开工作机构的信息）。
"""

RULES_BODY = """\
本页是 govsite init 生成的样稿，请列出本单位的政府信息公开制度（如主动公开、
依申请公开、保密审查、考核评议等制度）后再上线。
"""

INIT_GITIGNORE = (
    "/public/\n/.public.*\n.govsite-cache/\n/.govsite/\n/compliance.html\n/govsite.sarif\n"
)

INIT_CHECKS = {
    "domains.yaml": """\
# 本门户对外部链接域名白名单（规则 LK001）的补充。默认名单随 govsite 发布，已含党政机关
# （gov.cn）、中央媒体和国家级平台；本省、本市的媒体和平台加在 extend: 下，例如：
#
# extend:
#   allow:
#     - example.org.cn   # 网站名称（主办单位）
#
# `govsite rules --pack` 列出实际生效的名单和每一条的来源。
""",
    "sources.yaml": """\
# 本门户对转载来源白名单（规则 SR002）的补充，例如本省党报：
#
# extend:
#   sources:
#     - name: 某某日报
#       aliases: [某某日报社]
#       domains: [example.org.cn]
""",
}

CI_FILES = {
    "github-actions.yml": ".github/workflows/govsite.yml",
    "gitlab-ci.yml": ".gitlab-ci.yml",
    "pre-commit-config.yaml": ".pre-commit-config.yaml",
}
SCAFFOLD_FILES = Path(__file__).resolve().parent / "scaffold_files"


def render_ci_file(name: str, source: GovsiteSource) -> str:
    """One of ``scaffold_files/`` with the govsite version to pin filled in."""
    text = (SCAFFOLD_FILES / name).read_text("utf-8")
    return (
        text.replace("{requirement}", source.requirement)
        .replace("{repo}", source.repo)
        .replace("{rev}", source.rev)
    )


def init_site(
    directory: Path,
    t: Translator,
    *,
    source: GovsiteSource | None = None,
    today: dt.date | None = None,
) -> Path:
    """Write a portal that builds as it is (placeholders marked), with CI and pre-commit."""
    if directory.is_symlink() or (directory.exists() and not directory.is_dir()):
        raise UsageError(t("cli.init_not_folder", path=directory))
    if directory.exists() and any(directory.iterdir()):
        raise UsageError(t("cli.init_not_empty", path=directory))
    source = source or detect_source()
    today = today or dt.date.today()
    directory.mkdir(parents=True, exist_ok=True)
    (directory / CONFIG_NAME).write_text(INIT_SITE_TOML, encoding="utf-8")
    (directory / ".gitignore").write_text(INIT_GITIGNORE, encoding="utf-8")
    (directory / "checks").mkdir()
    for name, text in INIT_CHECKS.items():
        (directory / "checks" / name).write_text(text, encoding="utf-8")
    if THEME_DIR.is_dir():
        shutil.copytree(
            THEME_DIR, directory / "templates", ignore=shutil.ignore_patterns("README*")
        )
    # Every department publishes a disclosure guide and rules page (DS005).
    pages = (("guide", "政府信息公开指南", GUIDE_BODY), ("rules", "政府信息公开制度", RULES_BODY))
    for serial, (column, title, body) in enumerate(pages, start=1):
        folder = directory / CONTENT_DIR / "office" / column
        folder.mkdir(parents=True)
        (folder / f"{column}.md").write_text(
            INIT_PAGE.format(
                title=f"某某市人民政府办公室{title}",
                date=today.isoformat(),
                year=today.year,
                serial=serial,
                body=body,
            ),
            encoding="utf-8",
        )
    for name, target in CI_FILES.items():
        path = directory / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_ci_file(name, source), encoding="utf-8")
    return directory


# ---------------------------------------------------------------- a department joins

JOINING_KINDS = ("guide", "rules")  # every department publishes these two (DS005)


@dataclass(frozen=True)
class NewDepartment:
    department: Department
    config_block: str  # the [[departments]] entry
    config_written: bool  # False: the block is printed for the web office to add
    items: tuple[Path, ...]  # the draft guide and rules pages


def new_department(
    root: Path,
    dept_id: str,
    name: str,
    t: Translator,
    *,
    short_name: str = "",
    credit_code: str = "",
    phones: tuple[str, ...] = (),
    columns: tuple[str, ...] | None = None,
    write_config: bool = True,
) -> NewDepartment:
    """Register a department in ``site.toml`` (or return the entry to add) and write its
    disclosure guide and rules pages as drafts, so it can join without blocking the city:
    until they are approved, ``build --withhold`` holds the department back whole."""
    config = load_config(root, t)
    dept = _valid_department(config, dept_id, name, short_name, credit_code, phones, columns, t)
    block = department_block(dept)
    if write_config:
        _append_to_config(root, block, t)
        config = load_config(root, t)
    else:
        config = replace(config, departments=(*config.departments, dept))
    items = []
    for column in config.columns_of(dept):
        if column.kind in JOINING_KINDS:
            title = t(f"ds.title_{column.kind}", name=dept.name)
            path = root / CONTENT_DIR / dept.id / column.id / f"{column.kind}.md"
            if not path.exists():
                items.append(_write_item(config, dept, column, title, path, dt.date.today()))
    return NewDepartment(dept, block, write_config, tuple(items))


def _valid_department(
    config: SiteConfig,
    dept_id: str,
    name: str,
    short_name: str,
    credit_code: str,
    phones: tuple[str, ...],
    columns: tuple[str, ...] | None,
    t: Translator,
) -> Department:
    if not ID_PATTERN.match(dept_id):
        raise UsageError(t("config.bad_id", id=dept_id))
    if dept_id in RESERVED_DEPARTMENT_IDS:
        reserved = ", ".join(sorted(RESERVED_DEPARTMENT_IDS))
        raise UsageError(t("config.reserved_id", id=dept_id, reserved=reserved))
    if config.department(dept_id) is not None:
        raise UsageError(t("newdept.exists", id=dept_id))
    if not name.strip():
        raise UsageError(t("newdept.no_name"))
    if credit_code and not CREDIT_CODE.match(credit_code):
        raise UsageError(t("newdept.bad_credit_code", value=credit_code))
    if columns is not None:
        known = [c.id for c in config.columns]
        for column_id in columns:
            if column_id not in known:
                hint = column_hint(config, column_id, t)
                raise UsageError(t("cli.no_such_column", column=column_id, hint=hint))
        # the guide and rules columns are not optional (DS005)
        columns = tuple(c.id for c in config.columns if c.id in columns or c.kind in JOINING_KINDS)
    return Department(
        id=dept_id,
        name=name.strip(),
        short_name=short_name.strip() or name.strip(),
        credit_code=credit_code,
        phones=phones,
        columns=columns,
    )


def department_block(dept: Department) -> str:
    """The ``[[departments]]`` entry for ``site.toml``."""
    lines = [
        "[[departments]]",
        f"id = {_toml_string(dept.id)}",
        f"name = {_toml_string(dept.name)}",
        f"short_name = {_toml_string(dept.short_name)}",
        f"credit_code = {_toml_string(dept.credit_code)}"
        + ("" if dept.credit_code else "    # 统一社会信用代码，索引号的前缀"),
        "phones = [" + ", ".join(_toml_string(p) for p in dept.phones) + "]",
    ]
    if dept.columns is not None:
        lines.append("columns = [" + ", ".join(_toml_string(c) for c in dept.columns) + "]")
    return "\n".join(lines) + "\n"


def _toml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(c if c >= " " and c != "\x7f" else f"\\u{ord(c):04x}" for c in escaped)
    return f'"{escaped}"'


def _append_to_config(root: Path, block: str, t: Translator) -> None:
    """Append the entry to ``site.toml`` atomically; put the file back if the result does
    not load (nothing is half-written)."""
    path = root / CONFIG_NAME
    original = path.read_bytes()
    bom = b"\xef\xbb\xbf" if original.startswith(b"\xef\xbb\xbf") else b""
    text = original.decode("utf-8-sig")
    newline = "\r\n" if "\r\n" in text else "\n"  # keep the file's own line endings
    separator = (
        "" if text.endswith(newline * 2) else (newline if text.endswith(newline) else newline * 2)
    )
    added = separator + block.replace("\n", newline)
    _replace_file(path, bom + (text + added).encode("utf-8"))
    try:
        load_config(root, t)
    except ConfigError:
        _replace_file(path, original)
        raise


def _replace_file(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.govsite-tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
