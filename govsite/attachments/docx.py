"""Word (.docx): the body, headers and footers, footnotes, comments, tracked changes,
hidden text and document properties, read as a stream (a huge document.xml is never
held in memory as a tree).

Paragraphs are numbered in document order over the whole body (tables and text boxes
included), as the finding's line; a paragraph in a table also says which table (in
document order), row and column, as an officer finds a cell. Text a reader sees (with
tracked insertions) is one chunk per paragraph; hidden runs, tracked deletions and
insertions get chunks of their own, so each is both checked like the body and reported
as what it is.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field

from govsite.attachments.model import AttachmentText, Budget, Chunk, Limits, Refused
from govsite.attachments.ooxml import embedded, has_macros, iterparse, properties
from govsite.attachments.zips import open_zip

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
DELETIONS = {f"{W}del", f"{W}moveFrom"}
INSERTIONS = {f"{W}ins", f"{W}moveTo"}
COMMENT_MARKS = {f"{W}commentRangeStart", f"{W}commentReference"}
TEXT_TAGS = {f"{W}t", f"{W}delText", f"{W}tab", f"{W}br"}
OFF = ("0", "false", "off")
PARTS = (
    (re.compile(r"^word/header\d*\.xml$"), "header"),
    (re.compile(r"^word/footer\d*\.xml$"), "footer"),
    (re.compile(r"^word/footnotes\.xml$"), "footnote"),
    (re.compile(r"^word/endnotes\.xml$"), "endnote"),
)


@dataclass
class _Paragraph:
    number: int
    visible: list[str] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    inserted: list[str] = field(default_factory=list)
    table: tuple[int, int, int] | None = None  # table, row, column (1-based)


def read_docx(data: bytes, limits: Limits, budget: Budget, depth: int = 0) -> AttachmentText:
    archive = open_zip(data, limits)
    if has_macros(archive):
        raise Refused("macros")
    anchors: dict[str, int] = {}
    authors: set[str] = set()
    chunks = _part(archive, "word/document.xml", "paragraph", budget, anchors, authors)
    for name in sorted(archive.namelist()):
        for pattern, where in PARTS:
            if pattern.match(name):
                chunks += _part(archive, name, where, budget, {}, authors)
    comments, comment_authors = _comments(archive, anchors, budget)
    metadata, property_chunks = properties(archive)
    metadata += [("revision_author", a) for a in sorted(authors) if a]
    metadata += [("comment_author", a) for a in sorted(comment_authors) if a]
    inner, inner_metadata, unread = embedded(archive, "word/", limits, budget, depth)
    return AttachmentText(
        "docx",
        tuple(chunks + comments + property_chunks + inner),
        tuple(metadata + inner_metadata),
        embedded=tuple(unread),
    )


def _part(
    archive: zipfile.ZipFile,
    name: str,
    where: str,
    budget: Budget,
    anchors: dict[str, int],
    authors: set[str],
) -> list[Chunk]:
    """The paragraphs of one part. In the body a paragraph's number is the finding's
    line; elsewhere (headers …) it is the number within the part."""
    if name not in archive.namelist():
        return []
    reader = _PartReader(where, name.rsplit("/", 1)[-1], budget, anchors, authors)
    with archive.open(name) as stream:
        for event, element in iterparse(stream):
            reader.feed(event, element)
    return reader.chunks


class _PartReader:
    """Follows one part's XML events: which paragraph is open, whether the current run
    is hidden, whether we are inside a tracked deletion or insertion."""

    def __init__(self, where: str, part: str, budget: Budget, anchors: dict, authors: set):
        self.where, self.part, self.budget = where, part, budget
        self.body = where == "paragraph"
        self.anchors, self.authors = anchors, authors
        self.chunks: list[Chunk] = []
        self.stack: list[_Paragraph] = []
        self.count = self.deleting = self.inserting = self.fallback = 0
        self.hidden_run = False
        self.tables = 0
        self.cells: list[list[int]] = []  # [table, row, column] of each open table

    def feed(self, event: str, element) -> None:
        if element.tag == MC_FALLBACK:  # the same content again, for old Word versions
            self.fallback += 1 if event == "start" else -1
        elif self.fallback:
            pass
        elif event == "start":
            self._start(element)
            return
        else:
            self._end(element)
        if event == "end" and not self.stack:  # nothing open: free what was read
            element.clear()
            while element.getprevious() is not None:
                del element.getparent()[0]

    def _start(self, element) -> None:
        tag = element.tag
        if tag == f"{W}p":
            self.count += 1
            cell = self.cells[-1] if self.cells else None
            table = (cell[0], cell[1], cell[2]) if cell and cell[1] and cell[2] else None
            self.stack.append(_Paragraph(self.count, table=table))
        elif tag == f"{W}tbl":
            self.tables += 1
            self.cells.append([self.tables, 0, 0])
        elif tag == f"{W}tr" and self.cells:
            self.cells[-1][1] += 1
            self.cells[-1][2] = 0
        elif tag == f"{W}tc" and self.cells:
            self.cells[-1][2] += 1
        elif tag == f"{W}r":
            self.hidden_run = False
        elif tag in DELETIONS or tag in INSERTIONS:
            if tag in DELETIONS:
                self.deleting += 1
            else:
                self.inserting += 1
            self.authors.add(element.get(f"{W}author", ""))
        elif tag in COMMENT_MARKS and self.body:
            self.anchors.setdefault(element.get(f"{W}id", ""), self.count)

    def _end(self, element) -> None:
        tag = element.tag
        parent = element.getparent()
        if tag == f"{W}rPr" and parent is not None and parent.tag == f"{W}r":
            vanish = element.find(f"{W}vanish")
            self.hidden_run = vanish is not None and vanish.get(f"{W}val") not in OFF
        elif tag == f"{W}tbl" and self.cells:
            self.cells.pop()
        elif tag in DELETIONS:
            self.deleting -= 1
        elif tag in INSERTIONS:
            self.inserting -= 1
        elif tag in TEXT_TAGS and self.stack:
            self._text(tag, element.text or "" if tag in (f"{W}t", f"{W}delText") else " ")
        elif tag == f"{W}p" and self.stack:
            paragraph = self.stack.pop()
            self.chunks += _chunks(paragraph, self.where, self.part, self.body, self.budget)

    def _text(self, tag: str, text: str) -> None:
        paragraph = self.stack[-1]
        if self.deleting or tag == f"{W}delText":
            paragraph.deleted.append(text)
        elif self.hidden_run:
            paragraph.hidden.append(text)
        else:
            paragraph.visible.append(text)
            if self.inserting:
                paragraph.inserted.append(text)


def _chunks(
    paragraph: _Paragraph, where: str, part: str, body: bool, budget: Budget
) -> list[Chunk]:
    line = paragraph.number if body else None
    number = None if body else paragraph.number
    found = []
    for texts, kind in (
        (paragraph.visible, ""),
        (paragraph.hidden, "hidden"),
        (paragraph.deleted, "deleted"),
        (paragraph.inserted, "inserted"),
    ):
        text = "".join(texts)
        if not text.strip():
            continue
        budget.take_text(text)
        found.append(
            Chunk(
                text,
                where,
                line=line,
                number=number,
                part="" if body else part,
                table=paragraph.table if body else None,
                hidden="text" if kind == "hidden" else "",
                revision=kind if kind in ("deleted", "inserted") else "",
            )
        )
    return found


def _comments(
    archive: zipfile.ZipFile, anchors: dict[str, int], budget: Budget
) -> tuple[list[Chunk], set[str]]:
    if "word/comments.xml" not in archive.namelist():
        return [], set()
    chunks, authors = [], set()
    with archive.open("word/comments.xml") as stream:
        for _, element in iterparse(stream, ("end",)):
            if element.tag != f"{W}comment":
                continue
            paragraphs = [
                "".join(t.text or "" for t in p.iter(f"{W}t")) for p in element.iter(f"{W}p")
            ]
            text = "\n".join(p for p in paragraphs if p.strip())
            author = element.get(f"{W}author", "")
            authors.add(author)
            budget.take_text(text)
            chunks.append(
                Chunk(
                    text,
                    "comment",
                    line=anchors.get(element.get(f"{W}id", "")),
                    number=len(chunks) + 1,
                    revision="comment",
                )
            )
            element.clear()
    return chunks, authors
