"""Normalise published text before detectors read it, keeping every position.

Spammers and careless paste both hide terms from a plain substring search: full-width
letters and digits (``３６５ｂｅｔ``), zero-width and other invisible characters
(``博\u200b彩``), HTML entities (``&#x535A;&#x5F69;``). :func:`normalise` folds them into
one plain form and keeps a map from every normalised character back to the original,
so a finding still names the exact line and column that was written.

Spaces and punctuation inserted *inside* a term (``3 6 5 b e t``) are not removed here
(that would join words across a sentence); the term matcher tolerates them instead
(:mod:`govsite.rules.matching`).

Cost: two C-level regex scans for ordinary text; the position map is built only when
characters are removed or entities decoded, which ordinary pages never need.
"""

from __future__ import annotations

import html
import importlib.util
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path


@cache
def traditional_to_simplified() -> dict[str, str]:
    """OpenCC's traditional-to-simplified character table (shipped by ``opencc-purepy``),
    single characters only; empty when the package is missing."""
    spec = importlib.util.find_spec("opencc_purepy")  # found, not imported: only its data
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover
        return {}
    table = Path(spec.submodule_search_locations[0]) / "dicts" / "TSCharacters.txt"
    try:
        lines = table.read_text("utf-8").splitlines()
    except OSError:  # pragma: no cover
        return {}
    mapping = {}
    for line in lines:
        key, _, values = line.partition("\t")
        value = values.split(" ")[0] if values else ""
        if len(key) == 1 and len(value) == 1 and key != value:
            mapping[key] = value
    return mapping


# One-to-one folds (length-preserving, so positions stay the same).
_FOLD: dict[int, str] = {}
for _code in range(0xFF10, 0xFF1A):  # full-width digits
    _FOLD[_code] = chr(_code - 0xFEE0)
for _code in (*range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)):  # full-width letters
    _FOLD[_code] = chr(_code - 0xFEE0)
for _char, _plain in {
    "\uff0b": "+",
    "\uff0d": "-",
    "\uff0e": ".",
    "\uff0f": "/",
    "\uff3f": "_",
    "\uff20": "@",
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",  # em dash and horizontal bar, written between the parts of a number
    "\u2015": "-",
    "\u2212": "-",
    "\u3000": " ",
    "\u00a0": " ",
    "\u202f": " ",
    "\u205f": " ",
    "\t": " ",
    "\u00b7": ".",  # middle dot, bullet, katakana middle dot: dots inserted into a term
    "\u2022": ".",
    "\u30fb": ".",
    "\u4e28": "|",  # 丨, a stroke used as a separator bar
}.items():
    _FOLD[ord(_char)] = _plain
# Decorative symbols put between the characters of a term (办◆证, 代★孕) read as a space,
# which the term matcher skips as a gap. Not ○ or ◯: they stand for zero (五○二室).
for _char in "◆◇★☆●■□▲△▼▽◀▶♦♥❤♠♣♡♢♤♧✿❀✪✦✧❖◎※✚✖✔✘☀☎☏✉❥":
    _FOLD[ord(_char)] = " "
# Emoji and pictographs do the same job (百🎲家🎲乐, 博🔥彩): the pictograph blocks of the
# supplementary plane (mahjong tiles and playing cards too), and the BMP's miscellaneous symbols and dingbats. None is a digit
# or a letter (the keycap digits are ASCII digits followed by invisible selectors).
for _code in (
    *range(0x2600, 0x27C0),
    *range(0x1F000, 0x1F100),  # mahjong tiles, dominoes, playing cards (🀄🂡: gambling spam)
    *range(0x1F300, 0x1F650),
    *range(0x1F680, 0x1F700),
    *range(0x1F900, 0x1FA00),
    *range(0x1FA70, 0x1FB00),
):
    if unicodedata.category(chr(_code)) == "So":
        _FOLD.setdefault(_code, " ")
for _code in range(0x2000, 0x200B):  # en quad … hair space
    _FOLD[_code] = " "
_FOLD[0x130] = "i"  # the one character whose lower case is two (so lower() keeps positions)
# Letter-like compatibility characters that spam uses to dodge filters: mathematical
# alphanumerics (𝟑𝟔𝟓𝐛𝐞𝐭), enclosed letters (ⓑⓔⓣ), CJK compatibility ideographs and
# Kangxi radicals (⾦ for 金) fold to what NFKC makes of them when that is one character.
for _code in (*range(0x1D400, 0x1D800), *range(0x24B6, 0x24EA), *range(0x2F00, 0x2FD6)):
    _nfkc = unicodedata.normalize("NFKC", chr(_code))
    if len(_nfkc) == 1 and _nfkc != chr(_code):
        _FOLD[_code] = _nfkc.lower() if 0x24B6 <= _code < 0x24EA else _nfkc
for _code in (*range(0xF900, 0xFB00), *range(0x2F800, 0x2FA20)):
    _nfkc = unicodedata.normalize("NFKC", chr(_code))
    if len(_nfkc) == 1 and _nfkc != chr(_code):
        _FOLD[_code] = _nfkc
# Decimal digits of every script (Arabic-Indic, Devanagari, mathematical …) read as ASCII:
# a number is the same number whichever digits it is written in.
# (the CJK, Hangul and private-use blocks have none and are skipped: a quicker import)
for _code in (*range(0x0660, 0x3400), *range(0xA000, 0xAC00), *range(0xF900, 0x1FBFA)):
    if _code not in _FOLD and unicodedata.category(chr(_code)) == "Nd":
        _FOLD[_code] = str(unicodedata.digit(chr(_code)))
# Traditional characters read as their simplified form (辦證 → 办证, 號 → 号), one character
# for one, from OpenCC's character table (the first simplified form of each): spam
# written in traditional characters dodges a simplified word list otherwise. Phrase-level
# conversion is not needed for matching and would move positions.
_FOLD.update({ord(k): v for k, v in traditional_to_simplified().items() if ord(k) not in _FOLD})


def _class(codes: list[int]) -> str:
    """A regex character class for the given code points, as ranges."""
    codes = sorted(set(codes))
    parts, start, previous = [], codes[0], codes[0]
    for code in [*codes[1:], None]:
        if code is not None and code == previous + 1:
            previous = code
            continue
        parts.append(
            re.escape(chr(start)) + ("-" + re.escape(chr(previous)) if previous > start else "")
        )
        if code is not None:
            start = previous = code
    return "[" + "".join(parts) + "]"


_FOLDABLE = re.compile(_class(list(_FOLD)) + "+")

# Invisible characters: soft hyphen, combining grapheme joiner, zero-width and bidi
# controls, word joiner and invisible operators, variation selectors, BOM, Hangul fillers,
# tag characters.
INVISIBLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\U000e0000-\U000e007f"
)
_ENTITY = r"&(?:[A-Za-z][A-Za-z0-9]{1,30};|#[0-9]{1,7};|#[xX][0-9A-Fa-f]{1,6};)"
_EDIT = re.compile(rf"[{INVISIBLE}]+|{_ENTITY}")
# Anything normalise would change: most text has none, and one scan says so. Characters
# outside the Basic Multilingual Plane get a class of their own, checked only when a text
# has such characters: a class mixing both planes is checked range by range, slowly.
_BMP_INVISIBLE = INVISIBLE.replace("\U000e0000-\U000e007f", "")
_ANY = re.compile(_class([c for c in _FOLD if c <= 0xFFFF])[:-1] + _BMP_INVISIBLE + "&]")
_ANY_ASTRAL = re.compile(_class([c for c in _FOLD if c > 0xFFFF])[:-1] + "\U000e0000-\U000e007f]")


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")  # one range: quick (``max(text)`` is not)


def _changes(text: str) -> bool:
    """Whether normalising would change ``text``."""
    if _ANY.search(text):
        return True
    return _ASTRAL.search(text) is not None and _ANY_ASTRAL.search(text) is not None


@dataclass(frozen=True, slots=True)
class Normalised:
    """``text`` as detectors read it; ``index[i]`` is the offset in ``source`` of
    ``text[i]`` (``None`` when both have the same length and offsets)."""

    text: str
    source: str
    index: tuple[int, ...] | None = None

    def where(self, start: int, end: int) -> tuple[int, int]:
        """The span of ``source`` that ``text[start:end]`` was made from."""
        if self.index is None:
            return start, end
        stop = self.index[end] if end < len(self.index) else len(self.source)
        return self.index[start] if start < len(self.index) else stop, stop

    def original(self, start: int, end: int) -> str:
        """The original text behind ``text[start:end]``."""
        a, b = self.where(start, end)
        return self.source[a:b]


def fold(text: str) -> str:
    """Only the one-to-one folds (full-width letters and digits, spaces, dashes)."""
    if not _changes(text):
        return text
    return _FOLDABLE.sub(lambda m: m.group(0).translate(_FOLD), text)


def normalise(text: str) -> Normalised:
    """Fold full-width and look-alike characters, drop invisible ones, decode entities."""
    if not _changes(text):
        return Normalised(text, text)
    folded = fold(text)
    if not _EDIT.search(folded):
        return Normalised(folded, text)
    pieces: list[str] = []
    index: list[int] = []
    position = 0
    for match in _EDIT.finditer(folded):
        pieces.append(folded[position : match.start()])
        index.extend(range(position, match.start()))
        token = match.group(0)
        if token.startswith("&"):
            decoded = fold(html.unescape(token))
            decoded = "".join(c for c in decoded if not _is_invisible(c))
            pieces.append(decoded)
            index.extend([match.start()] * len(decoded))
        position = match.end()
    pieces.append(folded[position:])
    index.extend(range(position, len(folded)))
    return Normalised("".join(pieces), text, tuple(index))


_INVISIBLE_ONE = re.compile(f"[{INVISIBLE}]")
_INVISIBLE_RUN = re.compile(f"[{INVISIBLE}]+")


def _is_invisible(char: str) -> bool:
    return bool(_INVISIBLE_ONE.match(char))


def without_invisible(text: str) -> str:
    """``text`` without its invisible characters, wherever they are: ``张\u200b三`` is
    张三 (the names of a review chain are compared so)."""
    return _INVISIBLE_RUN.sub("", text)


_EDGE = re.compile(rf"[\s{INVISIBLE}]")


def trim(text: str) -> str:
    """``text`` without spaces or invisible characters (zero-width, bidi marks, BOM …) at
    either end: a title or a name made of them only is empty, not "filled in". Walked from
    each end, one character at a time: a pattern for the end (``[…]+\\Z``) is tried at
    every space of the text, quadratic in a run of them (a title of 200,000 spaces
    between two letters took minutes)."""
    start, end = 0, len(text)
    while start < end and _EDGE.match(text, start):
        start += 1
    while end > start and _EDGE.match(text, end - 1):
        end -= 1
    return text[start:end]
