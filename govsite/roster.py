"""The leaders' roster, ``checks/leaders.yaml`` (LD001): who holds which title, in which
rank, and which titles they held before and until when.

The web office keeps it; loading validates it like every rule-pack file and reports
``checks/leaders.yaml:line:col`` errors (exit 2). The packaged default has no roster, so
LD001 stays quiet until a site provides one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

LEVELS = ("national", "provincial", "local")
_PLACE = re.compile(r"[\u4e00-\u9fff]+?[省市县区州盟旗]")
_PARTY = ("中国共产党", "中共", "中国人民政治协商会议", "政协")


# What a short form may not leave out: it changes the rank (副市长 is not 市长, 常务副市长
# is not 副市长, 代市长 is not 市长).
_RANK_WORDS = ("副", "常务", "第一", "执行", "代")


def short_form(written: str, title: str) -> bool:
    """Whether ``written`` is ``title`` or ``title`` without its unit (林海东书记 for the
    市委书记, 赵文涛主任 for the 市人大常委会主任): news write leaders so every day."""
    if written == title:
        return True
    dropped = title.removesuffix(written)
    return dropped != title and not any(word in dropped for word in _RANK_WORDS)


@dataclass(frozen=True)
class Title:
    title: str
    since: dt.date | None = None  # when it was taken up (optional)


@dataclass(frozen=True)
class FormerTitle:
    title: str
    until: dt.date  # the last day it was held


@dataclass(frozen=True)
class Leader:
    name: str
    unit: str
    rank: int
    level: str = "local"
    titles: tuple[Title, ...] = ()
    former: tuple[FormerTitle, ...] = ()

    @property
    def places(self) -> tuple[str, ...]:
        """The place the unit governs (示例市 for 示例市人民政府), as text may prefix a title."""
        unit = self.unit
        for party in _PARTY:
            unit = unit.removeprefix(party)
        match = _PLACE.match(unit)
        return (match.group(0),) if match else ()

    @property
    def order(self) -> tuple[int, int]:
        return (LEVELS.index(self.level), self.rank)

    def current(self, on: dt.date) -> list[str]:
        return [t.title for t in self.titles if t.since is None or t.since <= on]

    def held_on(self, title: str, on: dt.date) -> bool:
        """Whether the leader held ``title`` on the day ``on`` (or its short form:
        书记 for 市委书记)."""
        if any(short_form(title, held) for held in self.current(on)):
            return True
        # A former title was held until its end; a page dated then may use it.
        return any(short_form(title, f.title) and on <= f.until for f in self.former)

    def ever_held(self, title: str) -> bool:
        return any(short_form(title, held) for held in self.all_titles)

    @property
    def all_titles(self) -> frozenset[str]:
        return frozenset(t.title for t in self.titles) | {f.title for f in self.former}


@dataclass(frozen=True)
class Roster:
    leaders: tuple[Leader, ...] = ()
    titles: tuple[str, ...] = ()  # further leader titles, besides those of the roster
    allow: tuple[str, ...] = ()  # phrases where a title or name is an ordinary word

    @property
    def vocabulary(self) -> tuple[str, ...]:
        words = set(self.titles) | {t for leader in self.leaders for t in leader.all_titles}
        return tuple(sorted(words, key=lambda w: (-len(w), w)))


def read_roster(reader: Any) -> Roster:
    """``checks/leaders.yaml`` → :class:`Roster`; problems go to the reader (positioned)."""
    reader.keys(reader.data, (), ("leaders", "titles", "allow"))
    entries = reader.data.get("leaders") or []
    if not isinstance(entries, list):
        reader.problem(
            ("leaders",),
            "fm.wrong_type",
            field="leaders",
            expected=reader._list_name(),
            found=_found(entries, reader.t),
        )
        entries = []
    leaders = []
    for index, entry in enumerate(entries):
        leader = _leader(reader, ("leaders", index), entry)
        if leader is not None:
            leaders.append(leader)
    return Roster(
        leaders=tuple(leaders),
        titles=reader.strings(reader.data, ("titles",)),
        allow=reader.strings(reader.data, ("allow",)),
    )


def _leader(reader: Any, path: tuple, entry: Any) -> Leader | None:
    if not isinstance(entry, dict):
        reader.problem(path, "fm.not_mapping")
        return None
    reader.keys(entry, path, ("name", "unit", "rank", "level", "titles", "former"))
    missing = [n for n in ("name", "unit", "rank", "titles") if entry.get(n) in (None, "", [])]
    for name in missing:
        reader.problem(path, "fm.missing_field", field=_dotted((*path, name)))
    name = str(entry.get("name") or "").strip()
    short = bool(name) and len(name) < 2
    if short:  # a one-character "name" would match next to every title
        reader.problem((*path, "name"), "ld.short_name", name=name)
    rank = entry.get("rank")
    bad_rank = rank is not None and (isinstance(rank, bool) or not isinstance(rank, int))
    if bad_rank:
        reader.problem(
            (*path, "rank"),
            "fm.wrong_type",
            field=_dotted((*path, "rank")),
            expected="1, 2, 3 …",
            found=_found(rank, reader.t),
        )
    level = str(entry.get("level") or "local")
    if level not in LEVELS:
        reader.problem(
            (*path, "level"),
            "fm.bad_choice",
            field=_dotted((*path, "level")),
            value=level,
            choices=" | ".join(LEVELS),
            hint="",
        )
    titles = _titles(reader, (*path, "titles"), entry.get("titles"))
    former = _former(reader, (*path, "former"), entry.get("former"))
    if missing or short or bad_rank or level not in LEVELS or titles is None or former is None:
        return None
    return Leader(
        str(entry["name"]).strip(), str(entry["unit"]).strip(), rank, level, titles, former
    )


def _titles(reader: Any, path: tuple, value: Any) -> tuple[Title, ...] | None:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        reader.problem(
            path,
            "fm.wrong_type",
            field=_dotted(path),
            expected="[市长]",
            found=_found(value, reader.t),
        )
        return None
    titles = []
    for index, item in enumerate(value):
        where = (*path, index)
        if isinstance(item, str) and item.strip():
            titles.append(Title(item.strip()))
        elif isinstance(item, dict) and isinstance(item.get("title"), str):
            reader.keys(item, where, ("title", "since"))
            since = _date(reader, (*where, "since"), item.get("since"), required=False)
            titles.append(Title(item["title"].strip(), since))
        else:
            reader.problem(
                where,
                "fm.wrong_type",
                field=_dotted(where),
                expected="市长 | {title, since}",
                found=_found(item, reader.t),
            )
            return None
    return tuple(titles)


def _former(reader: Any, path: tuple, value: Any) -> tuple[FormerTitle, ...] | None:
    if value is None:
        return ()
    if not isinstance(value, list):
        reader.problem(
            path,
            "fm.wrong_type",
            field=_dotted(path),
            expected="[{title, until}]",
            found=_found(value, reader.t),
        )
        return None
    former = []
    for index, item in enumerate(value):
        where = (*path, index)
        if not isinstance(item, dict) or not isinstance(item.get("title"), str):
            reader.problem(where, "fm.missing_field", field=_dotted((*where, "title")))
            return None
        reader.keys(item, where, ("title", "until"))
        until = _date(reader, (*where, "until"), item.get("until"), required=True)
        if until is None:
            return None
        former.append(FormerTitle(item["title"].strip(), until))
    return tuple(former)


def _date(reader: Any, path: tuple, value: Any, *, required: bool) -> dt.date | None:
    if value is None:
        if required:
            reader.problem(path, "fm.missing_field", field=_dotted(path))
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    reader.problem(
        path,
        "fm.wrong_type",
        field=_dotted(path),
        expected="YYYY-MM-DD",
        found=_found(value, reader.t),
    )
    return None


def _dotted(path: tuple) -> str:
    return ".".join(str(part) if isinstance(part, str) else f"[{part}]" for part in path).replace(
        ".[", "["
    )


def _found(value: Any, t: Any) -> str:
    """What was found, in words (``文本 'x'``), never a Python type name."""
    from govsite.values import describe

    return describe(value, t)
