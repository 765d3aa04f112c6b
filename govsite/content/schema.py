"""Front matter data → :class:`FrontMatter`, with FM001/FM002/RV001 problems positioned.

Every problem names the field and the file line it is written on. Unknown fields are
FM001 with a "did you mean" guess: in a compliance tool a misspelt ``aprover`` must
never pass as an unreviewed item.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from govsite.content.model import (
    APPROVER_ROLES,
    DOC_TYPES,
    MEDIA_KINDS,
    ORIGINS,
    PRIVACY_EXEMPTIONS,
    REVIEW_LEVELS,
    REVIEW_STATUSES,
    FrontMatter,
    MediaEntry,
    Privacy,
    Problem,
    Review,
    Source,
    Waiver,
)
from govsite.i18n import Translator
from govsite.textnorm import trim, without_invisible
from govsite.values import describe
from govsite.yamlsource import KeyPath, checked_date, date_message

TOP_LEVEL_FIELDS = (
    "title",
    "department",
    "column",
    "slug",
    "date",
    "review",
    "origin",
    "source",
    "doc_no",
    "index_no",
    "written",
    "doc_type",
    "repealed",
    "interprets",
    "topic",
    "keywords",
    "summary",
    "media",
    "privacy",
    "waive",
)
REVIEW_CHAIN = ("editor", "reviewer", "approver", "approver_role", "approved")
_TYPE_NAMES = {
    "str": ("文本", "text"),
    "date": ("日期（YYYY-MM-DD）", "a date (YYYY-MM-DD)"),
    "mapping": ("映射（键: 值）", "a mapping (key: value)"),
    "list": ("列表", "a list"),
    "str-list": ("文本列表", "a list of texts"),
}


class FrontMatterReader:
    """Reads one file's front matter; collects problems instead of raising."""

    def __init__(self, data: dict, positions: dict[KeyPath, tuple[int, int]], t: Translator):
        self.data = data
        self.positions = positions
        self.t = t
        self.problems: list[Problem] = []

    # -- positions and problems

    def where(self, path: KeyPath) -> tuple[int, int]:
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return (1, 1)

    def add(self, rule: str, path: KeyPath, key: str, **params: Any) -> None:
        line, column = self.where(path)
        self.problems.append(Problem(rule, line, column, self.t(key, **params)))

    def wrong_type(self, path: KeyPath, kind: str, value: Any) -> None:
        zh, en = _TYPE_NAMES[kind]
        self.add(
            "FM001",
            path,
            "fm.wrong_type",
            field=_dotted(path),
            expected=en if self.t.lang == "en" else zh,
            found=describe(value, self.t),
        )

    # -- typed getters; each returns None (and records a problem) when unusable

    def string(self, table: dict, path: KeyPath) -> str | None:
        value = table.get(path[-1])
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.wrong_type(path, "str", value)
            return None
        return trim(str(value))  # spaces and invisible characters at the ends

    def name(self, table: dict, path: KeyPath) -> str:
        """A person's name in the review chain, without invisible characters anywhere:
        ``张\u200b三`` is 张三, who must not approve what 张三 edited (RV005)."""
        return without_invisible(self.string(table, path) or "")

    def date(self, table: dict, path: KeyPath) -> dt.date | None:
        value = table.get(path[-1])
        if value is None:
            return None
        checked = checked_date(value)
        if isinstance(checked, dt.date):
            return checked
        if isinstance(value, str | dt.date):  # a date, but not a usable one: say why
            line, column = self.where(path)
            message = date_message(checked, value, self.t)
            field = self.t("fm.date_field", field=_dotted(path))
            self.problems.append(Problem("FM001", line, column, field + message))
            return None
        self.wrong_type(path, "date", value)
        return None

    def choice(self, table: dict, path: KeyPath, choices: tuple[str, ...]) -> str | None:
        value = self.string(table, path)
        if not value:  # absent or left blank: the caller decides whether that is allowed
            return None
        if value not in choices:
            self.add(
                "FM001",
                path,
                "fm.bad_choice",
                field=_dotted(path),
                value=value,
                choices=" | ".join(choices),
                hint=self.hint(value, choices),
            )
            return None
        return value

    def mapping(self, table: dict, path: KeyPath) -> dict | None:
        value = table.get(path[-1])
        if value is None:
            return None
        if not isinstance(value, dict):
            self.wrong_type(path, "mapping", value)
            return None
        return value

    def items(self, table: dict, path: KeyPath) -> list[tuple[KeyPath, dict]]:
        """A list of mappings, as ``(path, mapping)`` pairs."""
        value = table.get(path[-1])
        if value is None:
            return []
        if not isinstance(value, list):
            self.wrong_type(path, "list", value)
            return []
        result = []
        for index, item in enumerate(value):
            if isinstance(item, dict):
                result.append(((*path, index), item))
            else:
                self.wrong_type((*path, index), "mapping", item)
        return result

    def strings(self, table: dict, path: KeyPath) -> tuple[str, ...]:
        value = table.get(path[-1])
        if value is None:
            return ()
        if isinstance(value, str):
            return tuple(
                part.strip() for part in value.replace("，", ",").split(",") if part.strip()
            )
        if isinstance(value, list) and all(isinstance(v, str | int) for v in value):
            return tuple(str(v) for v in value)
        self.wrong_type(path, "str-list", value)
        return ()

    def required(self, table: dict, path: KeyPath, value: Any, rule: str = "FM002") -> None:
        """Record a missing or empty required field (a present but mistyped one already
        has its FM001)."""
        if value not in (None, ""):
            return
        name = path[-1]
        raw = table.get(name)
        if raw is not None and not (isinstance(raw, str) and not trim(raw)):
            return
        key = "fm.empty_field" if name in table else "fm.missing_field"
        self.add(rule, path if name in table else path[:-1], key, field=_dotted(path))

    def unknown(self, table: dict, path: KeyPath, known: tuple[str, ...]) -> None:
        for name in table:
            if name not in known:
                self.add(
                    "FM001",
                    (*path, name),
                    "fm.unknown_field",
                    field=_dotted((*path, name)),
                    hint=self.hint(str(name), known),
                )

    def hint(self, value: str, choices: tuple[str, ...]) -> str:
        return self.t.did_you_mean(value, choices)


def _dotted(path: KeyPath) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def read_front_matter(
    data: Any, positions: dict[KeyPath, tuple[int, int]], t: Translator
) -> tuple[FrontMatter | None, dict[str, str], list[Problem]]:
    """Returns the typed front matter (``None`` if unusable), the folder-overriding
    fields (department, column, slug) as written, and the problems found."""
    if not isinstance(data, dict):
        return None, {}, [Problem("FM001", 2, 1, t("fm.not_mapping"))]
    reader = FrontMatterReader(data, positions, t)
    reader.unknown(data, (), TOP_LEVEL_FIELDS)
    overrides = {
        name: value
        for name in ("department", "column", "slug")
        if (value := reader.string(data, (name,))) is not None
    }
    title = reader.string(data, ("title",))
    reader.required(data, ("title",), title)
    date = reader.date(data, ("date",))
    reader.required(data, ("date",), date)
    review = _review(reader)
    origin = reader.choice(data, ("origin",), ORIGINS) or "original"
    fields: dict[str, Any] = {
        "origin": origin,
        "source": _source(reader),
        "doc_no": reader.string(data, ("doc_no",)) or "",
        "index_no": reader.string(data, ("index_no",)) or "",
        "written": reader.date(data, ("written",)),
        "doc_type": reader.choice(data, ("doc_type",), DOC_TYPES) or "",
        "repealed": reader.date(data, ("repealed",)),
        "interprets": reader.string(data, ("interprets",)) or "",
        "topic": reader.string(data, ("topic",)) or "",
        "keywords": reader.strings(data, ("keywords",)),
        "summary": reader.string(data, ("summary",)) or "",
        "media": _media(reader),
        "privacy": _privacy(reader),
        "waive": _waivers(reader),
    }
    if origin == "repost" and fields["source"] is None:
        reader.required(data, ("source",), None)
    fatal = any(p.rule in ("FM001", "FM002") for p in reader.problems)
    if fatal or title is None or date is None or review is None:
        return None, overrides, reader.problems
    return FrontMatter(title=title, date=date, review=review, **fields), overrides, reader.problems


def _review(reader: FrontMatterReader) -> Review | None:
    table = reader.mapping(reader.data, ("review",))
    if table is None:
        reader.required(reader.data, ("review",), None)
        return None
    path: KeyPath = ("review",)
    reader.unknown(table, path, ("status", "level", *REVIEW_CHAIN))
    status = reader.choice(table, (*path, "status"), REVIEW_STATUSES)
    reader.required(table, (*path, "status"), status)
    level = reader.choice(table, (*path, "level"), REVIEW_LEVELS)
    reader.required(table, (*path, "level"), level)
    review = Review(
        status=status or "draft",
        level=level or "general",
        editor=reader.name(table, (*path, "editor")),
        reviewer=reader.name(table, (*path, "reviewer")),
        approver=reader.name(table, (*path, "approver")),
        approver_role=reader.choice(table, (*path, "approver_role"), APPROVER_ROLES) or "",
        approved=reader.date(table, (*path, "approved")),
    )
    return review if status and level else None


def _source(reader: FrontMatterReader) -> Source | None:
    table = reader.mapping(reader.data, ("source",))
    if table is None:
        return None
    path: KeyPath = ("source",)
    reader.unknown(table, path, ("name", "url", "title"))
    get: Callable[[str], str] = lambda name: reader.string(table, (*path, name)) or ""  # noqa: E731
    return Source(name=get("name"), url=get("url"), title=get("title"))


def _media(reader: FrontMatterReader) -> tuple[MediaEntry, ...]:
    entries = []
    for path, table in reader.items(reader.data, ("media",)):
        reader.unknown(table, path, ("file", "source", "license", "kind", "map_review_no"))
        file = reader.string(table, (*path, "file"))
        reader.required(table, (*path, "file"), file)
        if not file:
            continue
        entries.append(
            MediaEntry(
                file=file,
                source=reader.string(table, (*path, "source")) or "",
                license=reader.string(table, (*path, "license")) or "",
                kind=reader.choice(table, (*path, "kind"), MEDIA_KINDS) or "image",
                map_review_no=reader.string(table, (*path, "map_review_no")) or "",
            )
        )
    return tuple(entries)


def _privacy(reader: FrontMatterReader) -> Privacy | None:
    table = reader.mapping(reader.data, ("privacy",))
    if table is None:
        return None
    path: KeyPath = ("privacy",)
    reader.unknown(table, path, ("exemption", "basis"))
    exemption = reader.choice(table, (*path, "exemption"), PRIVACY_EXEMPTIONS)
    reader.required(table, (*path, "exemption"), exemption)
    basis = reader.string(table, (*path, "basis")) or ""
    return Privacy(exemption, basis) if exemption else None


def _waivers(reader: FrontMatterReader) -> tuple[Waiver, ...]:
    waivers = []
    for path, table in reader.items(reader.data, ("waive",)):
        reader.unknown(table, path, ("rule", "reason", "by"))
        values = {name: reader.string(table, (*path, name)) for name in ("rule", "reason", "by")}
        for name, value in values.items():
            reader.required(table, (*path, name), value)
        if all(values.values()):
            waivers.append(
                Waiver(
                    rule=str(values["rule"]).upper(),
                    reason=str(values["reason"]),
                    by=str(values["by"]),
                    line=reader.where(path)[0],
                )
            )
    return tuple(waivers)


def review_gaps(review: Review) -> list[str]:
    """The review-chain fields an approved item still lacks (RV001)."""
    return [name for name in REVIEW_CHAIN if getattr(review, name) in ("", None)]
