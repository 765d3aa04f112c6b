"""The report's YAML source text, read token by token before and beside ``load_yaml``.

YAML reads ``{decisions: 447,228}`` as two items and refuses ``[1, , 0]`` outright, and
it turns ``5949.088667`` into a float. This module reads the source with PyYAML's own
scanner (no parsing of ours, nothing constructed, no alias expanded) to:

* find thousands separators inside ``[ ]`` / ``{ }`` and rewrite ``447,228`` as
  ``447228`` plus a space, so the text keeps every other position (see :func:`prepare`);
* give an empty slot of a flow list a null (``[1, , 0]`` → ``[1,~, 0]``), so one blank
  cell no longer makes the whole report unreadable;
* map every scalar's position to its source text (:class:`Scalars`), so figures are
  read from what was written, not from YAML's float.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from govsite.yamlsource import SafeLoader

MAX_SCANNED = 65_536  # characters: a report is a few KB; a larger file is left to the loader,
# its figures then read from the loaded values (the scanner keeps every token in memory)
LEAD_GROUP = re.compile(r"^\d{1,3}$")
GROUP = re.compile(r"^\d{3}$")
LAST_GROUP = re.compile(r"^\d{3}(?:\.\d+)?$")
ROW_LENGTHS = (6, 7)  # a table 三 row: six applicant columns, the 总计 optional


@dataclass(frozen=True)
class Scalar:
    text: str  # as written (plain) or unquoted (quoted); block scalars: their content
    style: str | None  # None plain, "'" or '"' quoted, "|" or ">" block


@dataclass(frozen=True)
class Rewrite:
    """A number written with thousands separators in a flow collection, read as one."""

    line: int  # 1-based, in the prepared text
    column: int
    written: str  # "447,228"


@dataclass(frozen=True)
class Prepared:
    text: str
    rewrites: tuple[Rewrite, ...] = ()
    scalars: dict[tuple[int, int], Scalar] = field(default_factory=dict)


def prepare(text: str) -> Prepared:
    """The text to load (thousands joined, empty flow slots nulled) and its scalars."""
    tokens = _tokens(text)
    if tokens is None:
        return Prepared(text)
    edits: list[tuple[int, int, str, bool]] = []  # (start, end, replacement, is_thousands)
    stack: list[list] = []
    for token in tokens:
        if isinstance(token, yaml.FlowSequenceStartToken | yaml.FlowMappingStartToken):
            stack.append([token])
        elif isinstance(token, yaml.FlowSequenceEndToken | yaml.FlowMappingEndToken):
            if stack:
                frame = stack.pop()
                edits += _frame_edits(frame, text)
                if stack:
                    stack[-1].append(None)  # a nested collection is one item of its parent
        elif stack:
            stack[-1].append(token)
    prepared, rewrites = _apply(text, sorted(edits))
    scanned = _tokens(prepared) if edits else tokens
    return Prepared(prepared, tuple(rewrites), _scalars(scanned or []))


def _tokens(text: str) -> list | None:
    if len(text) > MAX_SCANNED:
        return None
    try:
        return list(yaml.scan(text, Loader=SafeLoader))
    except yaml.YAMLError:
        return None  # the loader reports it, with its position


def _scalars(tokens: list) -> dict[tuple[int, int], Scalar]:
    scalars = {}
    for token in tokens:
        if isinstance(token, yaml.ScalarToken):
            mark = token.start_mark
            style = None if token.plain else token.style
            scalars[(mark.line + 1, mark.column + 1)] = Scalar(token.value, style)
    return scalars


def _frame_edits(frame: list, text: str) -> list[tuple[int, int, str, bool]]:
    start, *tokens = frame
    slots: list[list] = [[]]  # the tokens of each item, split at commas
    entries: list = []
    for token in tokens:
        if isinstance(token, yaml.FlowEntryToken):
            entries.append(token)
            slots.append([])
        else:
            slots[-1].append(token)
    if isinstance(start, yaml.FlowMappingStartToken):
        return _mapping_thousands(slots, entries, text)
    edits = []
    for index, entry in enumerate(entries):
        if not slots[index]:  # "[, 1]" or "1, , 0": an empty cell
            edits.append(_null_slot(entry, text, entries[index - 1] if index else start))
    runs = _runs(slots, entries)
    if runs and _join_runs(slots, entries, runs):
        edits += [_joined(slots, run, text) for run in runs]
    return edits


def _null_slot(entry, text: str, before) -> tuple[int, int, str, bool]:
    at = entry.start_mark.index
    if at - 1 >= before.end_mark.index and text[at - 1] in " \t":
        return (at - 1, at, "~", False)  # same length: "1, , 0" -> "1,~, 0"
    return (at, at, "~", False)


def _plain(slot: list, pattern: re.Pattern) -> yaml.ScalarToken | None:
    if len(slot) == 1 and isinstance(slot[0], yaml.ScalarToken) and slot[0].plain:
        return slot[0] if pattern.match(slot[0].value) else None
    return None


def _adjacent(left, entry, right, gap: str = "") -> bool:
    """Whether ``left,right`` has no space before the comma and ``gap`` after it."""
    return (
        left.end_mark.index == entry.start_mark.index
        and entry.end_mark.index + len(gap) == right.start_mark.index
    )


def _chain(slots: list[list], entries: list, index: int, text: str = "", loose=False) -> int:
    """The last slot of a number split by YAML that starts at slot ``index``; ``loose``
    (in a mapping, where a bare number is no key) allows spaces after the comma."""
    last = index
    while last < len(entries):
        group = _plain(slots[last + 1], LAST_GROUP)
        after = entries[last].end_mark.index
        gap = ""
        if group is not None and loose:
            gap = text[after : group.start_mark.index]
            gap = gap if not gap.strip(" \t") else "?"
        if group is None or not _adjacent(slots[last][-1], entries[last], group, gap):
            break
        last += 1
        if not GROUP.match(group.value):
            break  # decimals end the number
    return last


def _runs(slots: list[list], entries: list) -> list[tuple[int, int]]:
    """(first, last) slot indexes of numbers like ``3,985,758`` split by YAML."""
    runs = []
    index = 0
    while index < len(entries):
        last = _chain(slots, entries, index) if _plain(slots[index], LEAD_GROUP) else index
        if last > index:
            runs.append((index, last))
        index = last + 1
    return runs


def _join_runs(slots: list[list], entries: list, runs: list[tuple[int, int]]) -> bool:
    """Whether the runs are thousands separators rather than a compact list.

    ``[3,985,758, 0, 0, 0, 0, 0]`` separates its other items with a space: joined.
    ``[100,200,300,0,0,0]`` separates nothing with a space and has six items: kept.
    Otherwise joined when only joining gives a row of six or seven cells.
    """
    inside = {i for first, last in runs for i in range(first, last)}
    for index, entry in enumerate(entries):
        before = slots[index][-1] if slots[index] else None
        after = slots[index + 1][0] if slots[index + 1] else None
        if index in inside or before is None or after is None:
            continue
        space_before = before.end_mark.index < entry.start_mark.index
        if space_before or entry.end_mark.index < after.start_mark.index:
            return True
    items = len(slots) - (0 if slots[-1] else 1)
    joined = items - sum(last - first for first, last in runs)
    return items not in ROW_LENGTHS and joined in ROW_LENGTHS


def _joined(slots: list[list], run: tuple[int, int], text: str) -> tuple[int, int, str, bool]:
    """The run's text with its commas removed and padded, so later columns stay put."""
    begin = slots[run[0]][-1].start_mark.index
    end = slots[run[1]][0].end_mark.index
    written = text[begin:end]
    digits = re.sub(r"[,\s]", "", written)
    return (begin, end, digits + " " * (len(written) - len(digits)), True)


def _mapping_thousands(slots: list[list], entries: list, text: str) -> list:
    """``{decisions: 447,228}`` (or ``447, 228``): a value, then commas and three digits
    that are no key."""
    edits = []
    index = 0
    while index < len(entries):
        slot = slots[index]
        last = index
        if (
            len(slot) >= 2
            and isinstance(slot[-2], yaml.ValueToken)
            and isinstance(slot[-1], yaml.ScalarToken)
            and slot[-1].plain
            and LEAD_GROUP.match(slot[-1].value)
        ):
            last = _chain(slots, entries, index, text, loose=True)
        if last > index:
            edits.append(_joined(slots, (index, last), text))
        index = last + 1
    return edits


def _apply(text: str, edits: list) -> tuple[str, list[Rewrite]]:
    parts, starts, position = [], [], 0
    for begin, end, replacement, thousands in edits:
        if begin < position:
            continue  # overlapping edits cannot happen; be safe
        parts.append(text[position:begin])
        if thousands:
            starts.append((sum(map(len, parts)), text[begin:end]))
        parts.append(replacement)
        position = end
    parts.append(text[position:])
    result = "".join(parts)
    rewrites = []
    for index, written in starts:
        line = result.count("\n", 0, index) + 1
        column = index - (result.rfind("\n", 0, index) + 1) + 1
        rewrites.append(Rewrite(line, column, written))
    return result, rewrites
