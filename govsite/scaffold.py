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
    ID_PATTERN,
    RESERVED_DEPARTMENT_IDS,
    Column,
    ConfigError,
    Department,
    SiteConfig,
    load_config,
)
from govsite.content.discover import CONTENT_DIR
from govsite.content.loader import SLUG_PATTERN
from govsite.errors import UsageError
from govsite.i18n import Translator
from govsite.render.templates import THEME_DIR


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
    if not SLUG_PATTERN.match(slug):
        raise UsageError(t("fm.bad_slug", slug=slug))
    path = folder / f"{slug}.md"
    if path.exists():
        raise UsageError(t("cli.new_exists", path=path))
    return _write_item(config, dept, column, title, path, date)


def _write_item(
    config: SiteConfig, dept: Department, column: Column, title: str, path: Path, date: dt.date
) -> Path:
    """Write a draft with every front-matter field present."""
    disclosure = ""
    if column.disclosure:
        prefix = dept.credit_code or dept.id
        disclosure = DISCLOSURE_FIELDS.format(index_no=f"{prefix}/{date.year}-", year=date.year)
    path.parent.mkdir(parents=True, exist_ok=True)
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
timezone = "Asia/Shanghai"   # 时区：审计日志的时间按此时区记录

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


# ---------------------------------------------------------------- a department joins

CREDIT_CODE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")
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
                hint = t.did_you_mean(column_id, known)
                raise UsageError(t("fm.unknown_column", column=column_id, hint=hint))
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
