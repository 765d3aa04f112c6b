"""A value found where another was expected, in words: ``文本 'abc'``, ``整数 5``,
``列表 [1, 2]`` — never a Python type name (``str``, ``int``, ``NoneType``).

Used by every "expected X, found Y" message (site.toml, front matter, the rule pack, the
annual report). The value is shown as the file would write it (``true``, ``2026-03-02``)
and cut to a short excerpt; resident ID, bank-card and mobile numbers are masked *before*
the cut, and a number the cut goes through is starred, so no message gives away part of an
identifier (a region code and a birth date).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from govsite.findings import mask_personal
from govsite.i18n import Translator

KINDS: dict[str, tuple[str, str]] = {
    "text": ("文本", "text"),
    "integer": ("整数", "an integer"),
    "number": ("小数", "a number"),
    "boolean": ("布尔值", "a boolean"),
    "date": ("日期", "a date"),
    "datetime": ("日期时间", "a date and time"),
    "time": ("时间", "a time"),
    "list": ("列表", "a list"),
    "mapping": ("映射（键: 值）", "a mapping (key: value)"),
    "null": ("空值", "nothing (null)"),
    "other": ("无法识别的值", "an unrecognised value"),
}
MAX_SHOWN = 50


def kind_of(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, dt.datetime):
        return "datetime"
    if isinstance(value, dt.date):
        return "date"
    if isinstance(value, dt.time):
        return "time"
    if isinstance(value, list | tuple):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    return "other"


def shown(value: Any, depth: int = 0) -> str:
    """The value as a YAML or TOML file would write it (nested and long values cut)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(mask_personal(value)[: MAX_SHOWN + 1])
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, list | tuple | dict) and depth >= 3:
        return "…"
    if isinstance(value, list | tuple):
        items = [shown(v, depth + 1) for v in list(value)[:10]]
        return "[" + ", ".join(items + (["…"] if len(value) > 10 else [])) + "]"
    if isinstance(value, dict):
        pairs = [f"{k}: {shown(v, depth + 1)}" for k, v in list(value.items())[:10]]
        return "{" + ", ".join(pairs + (["…"] if len(value) > 10 else [])) + "}"
    if isinstance(value, int | float):
        try:
            return str(value)
        except ValueError:  # an integer too long to print
            return "…"
    return "…"


def describe(value: Any, t: Translator) -> str:
    """``文本 'abc'`` / ``text 'abc'``: what was found, for "expected X, found Y"."""
    zh, en = KINDS[kind_of(value)]
    word = en if t.lang == "en" else zh
    if value is None:
        return word
    text = mask_personal(shown(value))
    if len(text) > MAX_SHOWN:
        cut = text[: MAX_SHOWN - 1]
        if text[MAX_SHOWN - 1].isdigit():
            cut = re.sub(r"\d+$", lambda m: "*" * len(m.group(0)), cut)
        text = cut + "…"
    return f"{word} {text}"
