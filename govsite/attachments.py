"""Attachments are checked as strictly as pages: the text of every Word, PDF and plain
text file in a department's ``media/`` folder goes through the same detectors.

A position in an attachment is its paragraph (Word), page (PDF) or line (text); it is
reported as the finding's line, and the message names which.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

TEXT_SUFFIXES = (".txt", ".csv", ".md")
CHECKED_SUFFIXES = (".docx", ".pdf", *TEXT_SUFFIXES)


@dataclass(frozen=True)
class Chunk:
    position: int  # paragraph, page or line, 1-based
    unit: str  # 段 | 页 | 行
    text: str
    hidden: bool = False  # Word text formatted as hidden (a classic hiding place for spam)


class UnreadableAttachment(Exception):
    """The attachment's text cannot be extracted (encrypted, damaged, scanned)."""


def chunks(path: Path) -> Iterator[Chunk]:
    suffix = path.suffix.lower()
    if suffix == ".docx":
        yield from _docx(path)
    elif suffix == ".pdf":
        yield from _pdf(path)
    else:
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise UnreadableAttachment("not UTF-8") from None
        for number, line in enumerate(text.splitlines(), start=1):
            yield Chunk(number, "行", line)


def _docx(path: Path) -> Iterator[Chunk]:
    import docx
    from docx.oxml.ns import qn

    try:
        document = docx.Document(str(path))
    except Exception as error:  # python-docx raises several kinds for a bad file
        raise UnreadableAttachment(type(error).__name__) from None
    body = document.element.body
    for number, paragraph in enumerate(body.iter(qn("w:p")), start=1):
        runs = list(paragraph.iter(qn("w:r")))
        text = "".join(t.text or "" for t in paragraph.iter(qn("w:t")))
        hidden = any(run.find(f"{qn('w:rPr')}/{qn('w:vanish')}") is not None for run in runs)
        if text.strip():
            yield Chunk(number, "段", text, hidden)


def _pdf(path: Path) -> Iterator[Chunk]:
    import pypdf

    try:
        reader = pypdf.PdfReader(str(path))
        if reader.is_encrypted:
            raise UnreadableAttachment("encrypted")
        pages = [page.extract_text() or "" for page in reader.pages]
    except UnreadableAttachment:
        raise
    except Exception as error:  # pypdf raises several kinds for a damaged file
        raise UnreadableAttachment(type(error).__name__) from None
    if not any(text.strip() for text in pages):
        raise UnreadableAttachment("no text (scanned images?)")
    for number, text in enumerate(pages, start=1):
        yield Chunk(number, "页", text.replace("\n", " "))
