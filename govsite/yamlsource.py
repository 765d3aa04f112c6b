"""The one YAML loader: every YAML file govsite reads (front matter, the rule pack, annual
reports, new-media registries) goes through :func:`load_yaml`.

It returns the data with the source position of every key, or a :class:`YamlProblem`
that names the line and column and says — in the run's language — what is wrong and how
to fix it. Nothing in a YAML file can make it raise, hang or blow up:

* the event stream is read first with limits on nesting depth and alias uses, so an
  alias bomb or ``[[[[…`` thousands deep is refused in milliseconds;
* the node graph is then checked before any Python object is built: a recursive alias
  (``&a [*a]``), more than :data:`MAX_NODES` nodes once aliases are expanded, keys that
  are not text (``null:``, a date, a number), duplicate keys, integers longer than
  :data:`MAX_INT_DIGITS` digits, tags outside YAML's core schema, and impossible or
  out-of-range dates (``2026-02-30``, ``0000-01-01``, ``9999-12-31``) are problems;
* syntax errors are translated, and the common mistakes get their own message at the
  line where they were made: a full-width colon (``title：…``), a tab in the indentation,
  a value starting with a character YAML reserves.

Dates are accepted between :data:`DATE_MIN` and :data:`DATE_MAX`, so date arithmetic
anywhere (working days, freshness, deadlines) can never overflow; :func:`checked_date`
applies the same bounds to dates written as text (CSV, quoted strings, ``--as-of``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import yaml

from govsite.i18n import Translator

SafeLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

KeyPath = tuple[str | int, ...]

MAX_DEPTH = 64  # nesting of mappings and sequences
MAX_ALIASES = 200  # alias uses (``*name``) in one document
MAX_NODES = 100_000  # nodes once every alias is expanded
MAX_INT_DIGITS = 30
DATE_MIN = dt.date(1900, 1, 1)
DATE_MAX = dt.date(2199, 12, 31)

_TAG = "tag:yaml.org,2002:"
_CORE_TAGS = frozenset(
    _TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)
_TIMESTAMP = re.compile(
    r"^(?P<year>[0-9]{4})-(?P<month>[0-9]{1,2})-(?P<day>[0-9]{1,2})"
    r"(?:(?:[Tt]|[ \t]+)(?P<hour>[0-9]{1,2}):(?P<minute>[0-9]{2}):(?P<second>[0-9]{2})"
    r"(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?$"
)
_CHINESE_DATE = re.compile(r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?\s*$")
_FULL_WIDTH_KEY = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][A-Za-z0-9_-]*)\s*：")
_TAB_INDENT = re.compile(r"^ *\t")


@dataclass(frozen=True)
class YamlProblem:
    line: int  # 1-based, in the text given
    column: int
    detail: str  # in the run's language


@dataclass(frozen=True)
class LoadedYaml:
    data: Any
    positions: dict[KeyPath, tuple[int, int]]  # 1-based (line, column) of each key/item


class _Refused(Exception):
    """A limit or a check failed at ``mark``; ``key``/``params`` make the message."""

    def __init__(self, mark: Any, message_key: str, **params: Any):
        super().__init__(message_key)
        self.mark = mark
        self.message_key = message_key
        self.params = params


def load_yaml(text: str, t: Translator | None = None) -> LoadedYaml | YamlProblem:
    """Parse one YAML document; on failure return where and why (never raise). ``t`` gives
    the run's language; without it the detail is in English (as PyYAML's own was)."""
    t = t or Translator("en")
    try:
        if _may_exceed_limits(text):
            _scan_events(text)
        loader = SafeLoader(text)
        try:
            node = loader.get_single_node()
            if node is not None:
                _check_graph(node)
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except _Refused as refused:
        line, column = _position(refused.mark)
        return YamlProblem(line, column, t(refused.message_key, **refused.params))
    except yaml.MarkedYAMLError as error:
        return _syntax_problem(text, error, t)
    except (yaml.YAMLError, ValueError, OverflowError, RecursionError, TypeError) as error:
        return _hinted(text, 1, 1, t("yaml.syntax", detail=_short(str(error))), t)
    positions: dict[KeyPath, tuple[int, int]] = {}
    if node is not None:
        _collect(node, (), positions)
    return LoadedYaml(data, positions)


# ---------------------------------------------------------------- limits and checks


_INDICATOR = re.compile(r"[-?:](?=\s|\Z)")


def _may_exceed_limits(text: str) -> bool:
    """Whether the event scan is needed: every collection starts at an indicator of its
    own (``[``, ``{``, or ``-``, ``?``, ``:`` before a space), so fewer indicators than
    :data:`MAX_DEPTH` bound the depth, and every alias use needs a ``*``. Ordinary front
    matter passes this count in microseconds and is parsed once, not twice."""
    if text.count("*") > MAX_ALIASES:
        return True
    indicators = text.count("[") + text.count("{")
    if indicators >= MAX_DEPTH:
        return True
    return indicators + len(_INDICATOR.findall(text)) >= MAX_DEPTH


def _scan_events(text: str) -> None:
    """Depth and alias limits on the event stream, before any node is built."""
    depth = aliases = 0
    for event in yaml.parse(text, Loader=SafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _Refused(event.start_mark, "yaml.too_deep", limit=MAX_DEPTH)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_ALIASES:
                raise _Refused(event.start_mark, "yaml.too_many_aliases", limit=MAX_ALIASES)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _check_graph(root: yaml.Node) -> None:
    """Recursion, expanded size and every node's own checks, iteratively (no recursion
    limit to hit), each shared node once."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        ident = id(node)
        if finished:
            open_nodes.discard(ident)
            sizes[ident] = 1 + sum(sizes[id(child)] for child in _children(node))
            if sizes[ident] > MAX_NODES:
                raise _Refused(node.start_mark, "yaml.too_big", limit=MAX_NODES)
            continue
        if ident in sizes:
            continue
        _check_node(node)
        open_nodes.add(ident)
        stack.append((node, True))
        for child in _children(node):
            if id(child) in open_nodes:
                raise _Refused(child.start_mark, "yaml.recursive")
            if id(child) not in sizes:
                stack.append((child, False))


def _check_node(node: yaml.Node) -> None:
    if node.tag not in _CORE_TAGS and node.tag != _TAG + "merge":
        raise _Refused(node.start_mark, "yaml.tag", tag=_short(node.tag, 40))
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, _ in node.value:
            if key.tag == _TAG + "merge":
                continue
            if not isinstance(key, yaml.ScalarNode) or key.tag != _TAG + "str":
                shown = key.value if isinstance(key, yaml.ScalarNode) else "…"
                raise _Refused(key.start_mark, "yaml.key_type", key=_short(str(shown), 40))
            if key.value in seen:
                raise _Refused(key.start_mark, "yaml.duplicate_key", key=_short(key.value, 40))
            seen.add(key.value)
    elif isinstance(node, yaml.ScalarNode):
        if node.tag == _TAG + "int" and len(node.value.lstrip("+-0").replace("_", "")) > (
            MAX_INT_DIGITS
        ):
            raise _Refused(node.start_mark, "yaml.int_too_big", limit=MAX_INT_DIGITS)
        if node.tag == _TAG + "timestamp":
            key = _timestamp_problem(node.value)
            if key is not None:
                raise _Refused(node.start_mark, key, **_date_params(node.value))


def _timestamp_problem(value: str) -> str | None:
    match = _TIMESTAMP.match(value.strip())
    if match is None:
        return "yaml.bad_date"
    try:
        day = dt.date(int(match["year"]), int(match["month"]), int(match["day"]))
        if match["hour"] is not None:
            dt.time(int(match["hour"]), int(match["minute"]), int(match["second"]))
    except ValueError:
        return "yaml.bad_date"
    return None if DATE_MIN <= day <= DATE_MAX else "yaml.date_range"


def _date_params(value: str) -> dict[str, str]:
    return {"value": _short(value, 40), "min": DATE_MIN.isoformat(), "max": DATE_MAX.isoformat()}


# ---------------------------------------------------------------- dates written as text


def checked_date(value: Any) -> dt.date | str:
    """A date from YAML or text, within :data:`DATE_MIN` … :data:`DATE_MAX`; otherwise the
    message key saying why not (``yaml.bad_date``, ``yaml.date_range``,
    ``yaml.chinese_date``). Use :func:`date_message` for the text."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value if DATE_MIN <= value <= DATE_MAX else "yaml.date_range"
    if not isinstance(value, str):
        return "yaml.bad_date"
    text = value.strip()
    if _CHINESE_DATE.match(text):
        return "yaml.chinese_date"
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return "yaml.bad_date"
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return "yaml.bad_date"
    return day if DATE_MIN <= day <= DATE_MAX else "yaml.date_range"


def date_message(key: str, value: Any, t: Translator) -> str:
    """The message of a :func:`checked_date` key, with the ISO form of a Chinese date."""
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    params = _date_params(text)
    match = _CHINESE_DATE.match(text)
    if match:
        year, month, day = (int(part) for part in match.groups())
        params["iso"] = f"{year:04d}-{month:02d}-{day:02d}"
    return t(key, **params)


# ---------------------------------------------------------------- syntax errors


_KNOWN_PROBLEMS = (
    ("maximum nesting depth", "yaml.too_deep"),  # newer libyaml refuses deep flows itself
    ("mapping values are not allowed", "yaml.colon_in_value"),
    ("could not find expected ':'", "yaml.expected_colon"),
    ("that cannot start any token", "yaml.reserved_start"),
    ("found undefined alias", "yaml.undefined_alias"),
    ("did not find expected key", "yaml.indentation"),
    ("expected <block end>", "yaml.indentation"),
    ("did not find expected '-' indicator", "yaml.indentation"),
    ("found unexpected end of stream", "yaml.unclosed_quote"),
    ("found unknown escape character", "yaml.escape"),
    ("expected ',' or ']'", "yaml.flow_sequence"),
    ("expected ',' or '}'", "yaml.flow_mapping"),
    ("did not find expected ',' or ']'", "yaml.flow_sequence"),
    ("did not find expected ',' or '}'", "yaml.flow_mapping"),
    ("did not find expected node content", "yaml.node_content"),  # libyaml's wording
    ("expected the node content", "yaml.node_content"),  # the pure-Python parser's
    ("expected a single document", "yaml.several_documents"),
    ("could not determine a constructor", "yaml.tag"),
    ("found duplicate anchor", "yaml.duplicate_anchor"),
    ("found a tab character", "yaml.tab"),
)


def _syntax_problem(text: str, error: yaml.MarkedYAMLError, t: Translator) -> YamlProblem:
    mark = error.problem_mark or error.context_mark
    line, column = _position(mark)
    problem = str(error.problem or "")
    key = next((key for known, key in _KNOWN_PROBLEMS if known in problem), None)
    if key is None:
        detail = " ".join(str(part) for part in (error.context, error.problem) if part)
        message = t("yaml.syntax", detail=_short(detail))
    else:
        char = re.search(r"found character '(.+?)'", problem)
        message = t(
            key, char=char.group(1) if char else "", tag=_short(problem, 40), limit=MAX_DEPTH
        )
    return _hinted(text, line, column, message, t)


def _hinted(text: str, line: int, column: int, message: str, t: Translator) -> YamlProblem:
    """The common mistakes, told at the line where they were made (often above the line
    the parser stopped at: ``title：…`` is read as text until the next key fails)."""
    lines = text.split("\n")
    for number, content in enumerate(lines[:line], start=1):
        full_width = _FULL_WIDTH_KEY.match(content)
        if full_width:
            at = content.index("：") + 1
            return YamlProblem(number, at, t("yaml.full_width_colon", key=full_width.group(2)))
        if _TAB_INDENT.match(content):
            return YamlProblem(number, content.index("\t") + 1, t("yaml.tab"))
    return YamlProblem(line, column, message)


def _position(mark: Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _short(text: str, width: int = 120) -> str:
    text = str(text)
    return text if len(text) <= width else text[:width] + "…"


# ---------------------------------------------------------------- positions


def _collect(node: yaml.Node, path: KeyPath, out: dict[KeyPath, tuple[int, int]]) -> None:
    out.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            child = (*path, key)
            out[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            _collect_value(value_node, child, out)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _collect(item, (*path, index), out)


def _collect_value(node: yaml.Node, path: KeyPath, out: dict[KeyPath, tuple[int, int]]) -> None:
    """Record a mapping value's own position under ``path + ("=",)`` and descend."""
    out[(*path, "=")] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode | yaml.SequenceNode):
        saved = out[path]
        _collect(node, path, out)
        out[path] = saved
