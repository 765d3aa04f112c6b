"""Plain data for the cache: govsite's frozen dataclasses as tuples, and back.

The cache is not a security boundary (CI restores it from a shared store), so nothing
read from it may run code: entries are ``marshal`` data of plain values only (str, int,
float, bool, None, bytes, tuples), never pickles. Decoding rebuilds only dataclasses and
enums that govsite itself defines and has already imported; anything else is refused
with :class:`PlainDataError`, and the caller treats the entry as missing.

A tuple of plain scalars is stored as it is (positions, keywords, …); every other
container is a list whose first item says what it was:

``["t", …]`` tuple, ``["l", …]`` list, ``["m", k, v, …]`` dict, ``["f", …]`` frozenset,
``["d", ordinal]`` date, ``["e", "module:Name", value]`` enum,
``["c", "module:Name", field, …]`` dataclass (fields in ``__init__`` order).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import sys
from typing import Any

SCALARS = (str, int, float, bool, type(None), bytes)
PACKAGE = "govsite."


class PlainDataError(ValueError):
    """The data does not describe govsite values (corrupt, or from elsewhere)."""


_FIELDS: dict[type, tuple[str, ...]] = {}
_CLASSES: dict[str, type] = {}


def _init_fields(cls: type) -> tuple[str, ...]:
    names = _FIELDS.get(cls)
    if names is None:
        names = tuple(f.name for f in dataclasses.fields(cls) if f.init)
        _FIELDS[cls] = names
    return names


def _name(cls: type) -> str:
    return f"{cls.__module__}:{cls.__qualname__}"


def encode(value: Any) -> Any:
    """``value`` as plain data (raises ``PlainDataError`` for what cannot be cached)."""
    kind = type(value)
    if kind in SCALARS:
        return value
    if kind is tuple:
        if all(type(item) in SCALARS for item in value):
            return value
        return ["t", *map(encode, value)]
    if kind is list:
        return ["l", *map(encode, value)]
    if kind is dict:
        flat: list[Any] = ["m"]
        for key, item in value.items():
            flat += (encode(key), encode(item))
        return flat
    if kind is frozenset:
        return ["f", *sorted(map(encode, value), key=repr)]
    if kind is dt.date:
        return ["d", value.toordinal()]
    if isinstance(value, enum.Enum) and kind.__module__.startswith(PACKAGE):
        return ["e", _name(kind), encode(value.value)]
    if dataclasses.is_dataclass(value) and kind.__module__.startswith(PACKAGE):
        return ["c", _name(kind), *(encode(getattr(value, n)) for n in _init_fields(kind))]
    raise PlainDataError(f"cannot cache a {kind.__qualname__}")


def _class(name: Any) -> type:
    """A govsite dataclass or enum, only from modules already imported (never imports)."""
    cls = _CLASSES.get(name)
    if cls is not None:
        return cls
    if not isinstance(name, str) or not name.startswith(PACKAGE):
        raise PlainDataError("not a govsite type")
    module_name, _, qualname = name.partition(":")
    module = sys.modules.get(module_name)
    found: Any = module
    for part in qualname.split("."):
        found = getattr(found, part, None)
    if not isinstance(found, type) or not (
        dataclasses.is_dataclass(found) or issubclass(found, enum.Enum)
    ):
        raise PlainDataError(f"unknown type {name}")
    _CLASSES[name] = found
    return found


# Decoded as they are. A stored tuple is not searched for non-scalars: the SHA-256 of
# each entry catches corruption, and nothing marshal can hold runs code.
_RAW = frozenset({*SCALARS, tuple})


def decode(data: Any) -> Any:
    """The value ``encode`` gave ``data`` for (raises ``PlainDataError`` if malformed)."""
    kind = type(data)
    if kind in _RAW:
        return data
    if kind is not list or not data:
        raise PlainDataError(f"unexpected {kind.__qualname__}")
    tag = data[0]
    try:
        if tag == "c":
            cls = _class(data[1])
            if len(data) != len(_init_fields(cls)) + 2:
                raise PlainDataError(f"wrong number of fields for {data[1]}")
            return cls(*[x if type(x) in _RAW else decode(x) for x in data[2:]])
        if tag == "t":
            return tuple([x if type(x) in _RAW else decode(x) for x in data[1:]])
        if tag == "l":
            return [x if type(x) in _RAW else decode(x) for x in data[1:]]
        if tag == "m":
            keys, values = data[1::2], data[2::2]
            if len(keys) != len(values):
                raise PlainDataError("odd dict")
            return {
                (k if type(k) in _RAW else decode(k)): (v if type(v) in _RAW else decode(v))
                for k, v in zip(keys, values, strict=True)
            }
        if tag == "d":
            return dt.date.fromordinal(data[1])
        if tag == "f":
            return frozenset(map(decode, data[1:]))
        if tag == "e":
            return _class(data[1])(decode(data[2]))
    except PlainDataError:
        raise
    except (TypeError, ValueError, IndexError, OverflowError, KeyError) as error:
        raise PlainDataError(f"malformed {tag!r}: {error}") from None
    raise PlainDataError(f"unknown tag {tag!r}")
