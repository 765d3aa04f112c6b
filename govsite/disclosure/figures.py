"""The figures of an annual report, read exactly as the office wrote them.

A count is a Python ``int`` (printed in full, never ``3.98576e+06``); an amount (万元) is a
``Decimal`` that keeps every digit written, trailing zeros included (``96171.60`` stays
``96171.60``). A blank cell (empty, ``——``, ``/``) counts as 0 for the arithmetic and is
printed as written. Reading works on the scalar's source text, so YAML's own guesses
(octal ``012``, sexagesimal ``1:20``, ``.inf``) never decide a figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

Number = int | Decimal

COUNT_DIGITS = 9  # a count has at most 9 digits (999,999,999); more is a typing error
AMOUNT_DIGITS = 8  # an amount stays under 100,000,000 万元 (1 万亿元)
AMOUNT_PLACES = 6  # 0.000001 万元 = 1 分
BLANK = re.compile(r"^[-—–―－/／\s]*$")  # 空白、——、/ (national format's empty cells)
NUMBER = re.compile(r"^(?P<whole>\d+|\d{1,3}(?:,\d{3})+)(?:\.(?P<places>\d+))?$", re.ASCII)
# Full-width digits, comma and point, as a Chinese input method types them, read as
# ASCII; no other digits (Arabic-Indic ٣, superscript ³, circled ①, mathematical 𝟑)
# are figures: NFKC or \d would read "①②" as 12 without a word.
FULL_WIDTH = str.maketrans("０１２３４５６７８９，．", "0123456789,.")


@dataclass(frozen=True)
class Figure:
    """One cell: its value for the arithmetic and what the office wrote."""

    value: Number
    written: str  # the source text ("3985758", "5949.088667", "——", "/", "")
    blank: bool = False
    invalid: bool = False  # unreadable (already reported); counts as 0

    @property
    def shown(self) -> str:
        """What the page prints for this cell."""
        return self.written if self.blank else format_number(self.value)


@dataclass(frozen=True)
class Unreadable:
    """Why a cell's text is not a figure; ``reason`` is a message key."""

    reason: str  # "ds.not_count", "ds.not_amount", "ds.too_large", "ds.too_precise"
    written: str


def blank(written: str = "") -> Figure:
    return Figure(0, written, blank=True)


def parse_figure(text: str, *, amount: bool) -> Figure | Unreadable:
    """A count (``amount=False``) or an amount in 万元 from the cell's source text.

    Accepted: digits, optionally with thousands separators (``3,985,758``) and, for an
    amount, decimals (``195068.9178``); full-width digits read as digits. A blank,
    ``—``/``——``/``-`` or ``/`` is a blank cell.
    """
    written = text.strip()
    normal = written.translate(FULL_WIDTH)
    if BLANK.match(written):
        return blank(written)
    reason = "ds.not_amount" if amount else "ds.not_count"
    match = NUMBER.match(normal)
    if match is None:
        return Unreadable(reason, written)
    whole = match.group("whole").replace(",", "")
    places = match.group("places") or ""
    if len(whole.lstrip("0")) > (AMOUNT_DIGITS if amount else COUNT_DIGITS):
        return Unreadable("ds.too_large", written)
    if not amount:
        if places.strip("0"):
            return Unreadable(reason, written)
        return Figure(int(whole), written)
    if len(places) > AMOUNT_PLACES:
        return Unreadable("ds.too_precise", written)
    return Figure(Decimal(f"{whole}.{places}" if places else whole), written)


def figure_of_value(value: object, *, amount: bool) -> Figure | Unreadable:
    """A figure from a loaded YAML value, when its source text is not at hand."""
    if value is None:
        return blank("")
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return Unreadable("ds.not_amount" if amount else "ds.not_count", repr(value))
    if isinstance(value, float):
        text = repr(value)
        if not re.fullmatch(r"-?\d+\.\d+", text):  # inf, nan, 1e+20
            return Unreadable("ds.not_amount" if amount else "ds.not_count", text)
        return parse_figure(text, amount=amount)
    return parse_figure(str(value), amount=amount)


def format_number(value: Number) -> str:
    """Every digit: ``3985758``, ``5949.088667``, ``96171.60`` (no exponent, no rounding)."""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)
