"""``content/<dept>/new-media.yaml`` → :class:`Account` records with their lines.

Type problems are FM001 on the registry file; the NM rules judge the accounts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govsite.content.loader import read_site_file
from govsite.content.model import Problem
from govsite.i18n import Translator
from govsite.values import KINDS, describe
from govsite.yamlsource import YamlProblem, load_yaml

PLATFORMS = {
    "wechat": "微信公众号",
    "weibo": "微博",
    "douyin": "抖音",
    "app": "移动客户端",
    "other": "其他",
}
STATUSES = {"active": "运行", "closing": "拟关停", "closed": "已关停"}
FIELDS = (
    "name",
    "platform",
    "opened",
    "filed",
    "status",
    "closure_announced",
    "closes",
    "url",
    "last_post",
)


@dataclass(frozen=True)
class Account:
    name: str
    platform: str
    opened: dt.date | None
    filed: dt.date | None
    status: str
    closure_announced: dt.date | None
    closes: dt.date | None
    url: str
    lines: dict[str, int]  # field -> file line
    last_post: dt.date | None = None  # the day of the account's latest post (NM005)

    @property
    def platform_label(self) -> str:
        return PLATFORMS.get(self.platform, self.platform)

    @property
    def status_label(self) -> str:
        return STATUSES.get(self.status, self.status)

    def silent_days(self, as_of: dt.date) -> int | None:
        """Days since the latest post of a live account (None: not known or not live)."""
        if self.status != "active" or self.last_post is None or self.last_post > as_of:
            return None
        return (as_of - self.last_post).days


@dataclass
class Registry:
    path: str
    department: str
    accounts: list[Account] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def load_registry(root: Path, rel: str, department: str, t: Translator) -> Registry:
    registry = Registry(rel, department)
    raw = read_site_file(root, rel, t)
    if isinstance(raw, Problem):
        registry.problems.append(raw)
        return registry
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        registry.problems.append(Problem("FM001", 1, None, t("fm.not_utf8", line=1)))
        return registry
    loaded = load_yaml(text, t)
    if isinstance(loaded, YamlProblem):
        registry.problems.append(
            Problem("FM001", loaded.line, loaded.column, t("nm.yaml", detail=loaded.detail))
        )
        return registry
    accounts = loaded.data.get("accounts") if isinstance(loaded.data, dict) else None
    if not isinstance(accounts, list):
        registry.problems.append(Problem("FM001", 1, 1, t("nm.no_accounts")))
        return registry
    for index, entry in enumerate(accounts):
        account = _account(entry, index, loaded.positions, registry, t)
        if account is not None:
            registry.accounts.append(account)
    return registry


def _account(
    entry: Any, index: int, positions: dict, registry: Registry, t: Translator
) -> Account | None:
    def line(name: str | None = None) -> int:
        key = ("accounts", index, name) if name else ("accounts", index)
        return positions.get(key, positions.get(("accounts", index), (1, 1)))[0]

    def problem(name: str | None, key: str, **params: Any) -> None:
        registry.problems.append(Problem("FM001", line(name), 1, t(key, **params)))

    if not isinstance(entry, dict):
        problem(None, "fm.not_mapping")
        return None
    for name in entry:
        if name not in FIELDS:
            problem(name, "fm.unknown_field", field=f"accounts[{index}].{name}", hint="")
    dates: dict[str, dt.date | None] = {}
    for name in ("opened", "filed", "closure_announced", "closes", "last_post"):
        value = entry.get(name)
        if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
            dates[name] = value
        else:
            problem(
                name,
                "fm.wrong_type",
                field=f"accounts[{index}].{name}",
                expected="YYYY-MM-DD",
                found=describe(value, t),
            )
            dates[name] = None
    values: dict[str, str] = {}
    for name in ("name", "platform", "status", "url"):
        value = entry.get(name)
        if value is not None and not isinstance(value, str | int):  # a list, a mapping, a date
            problem(
                name,
                "fm.wrong_type",
                field=f"accounts[{index}].{name}",
                expected=KINDS["text"][1 if t.lang == "en" else 0],
                found=describe(value, t),
            )
            value = None
        values[name] = str(value or "")
    choices = {"platform": PLATFORMS, "status": STATUSES}
    values["status"] = values["status"] or "active"
    for name, allowed in choices.items():
        if values[name] not in allowed:
            problem(
                name,
                "fm.bad_choice",
                field=f"accounts[{index}].{name}",
                value=values[name],
                choices=" | ".join(allowed),
                hint="",
            )
            return None
    if not values["name"]:
        problem(None, "fm.missing_field", field=f"accounts[{index}].name")
        return None
    lines = {name: line(name) for name in FIELDS} | {"": line()}
    return Account(
        values["name"],
        values["platform"],
        dates["opened"],
        dates["filed"],
        values["status"],
        dates["closure_announced"],
        dates["closes"],
        values["url"],
        lines,
        dates["last_post"],
    )
