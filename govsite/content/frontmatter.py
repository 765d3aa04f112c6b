"""Split a content file into front matter and body, tolerating what editors' tools write.

A BOM and CRLF line endings are normalised silently (Word and Windows editors produce
them); invalid UTF-8, an empty file and a missing or unclosed front matter are FM001.
"""

from __future__ import annotations

from dataclasses import dataclass

from govsite.content.model import Problem
from govsite.i18n import Translator

FENCE = "---"


@dataclass(frozen=True)
class SplitFile:
    front_matter: str
    body: str
    body_line: int  # file line of the body's first line


def decode(raw: bytes, t: Translator) -> str | Problem:
    """Bytes → text with LF line endings, or the FM001 problem saying why not."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return Problem("FM001", line, None, t("fm.not_utf8", line=line))
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split(text: str, t: Translator) -> SplitFile | Problem:
    if not text.strip():
        return Problem("FM001", 1, 1, t("fm.empty"))
    lines = text.split("\n")
    if lines[0].rstrip() != FENCE:
        return Problem("FM001", 1, 1, t("fm.missing"))
    for index in range(1, len(lines)):
        if lines[index].rstrip() in (FENCE, "..."):
            return SplitFile(
                front_matter="\n".join(lines[1:index]),
                body="\n".join(lines[index + 1 :]),
                body_line=index + 2,
            )
    return Problem("FM001", 1, 1, t("fm.unclosed"))
