"""What reading an attachment yields: plain, serialisable data (a cache may store it).

``read_attachment`` is a pure function of a file's bytes, its name and the limits, so
its result can be kept under the file's hash. Nothing here refers to the site.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields

MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """``[attachments]`` in site.toml: how much govsite reads of one file before refusing it."""

    max_file_mib: int = 64  # the file itself
    max_unpacked_mib: int = 256  # all members of a .docx/.xlsx, declared and actual
    max_members: int = 10_000  # members of a .docx/.xlsx
    max_ratio: int = 200  # compression ratio of one member (members over 1 MiB)
    max_cells: int = 2_000_000  # cells of a workbook
    max_pdf_pages: int = 3_000
    max_image_megapixels: int = 150  # Pillow's decompression-bomb limit
    max_text_mib: int = 64  # text extracted from one file

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))


@dataclass(frozen=True)
class Chunk:
    """One piece of an attachment's text and where it is.

    ``where`` says which part: ``paragraph`` (Word body), ``page`` (PDF), ``line`` (text,
    SVG), ``cell`` (spreadsheet), ``header``/``footer``/``footnote``/``endnote``/
    ``textbox`` (Word parts), ``comment`` (Word, Excel or PDF), ``property`` (document
    properties). ``line`` is the finding's line (paragraph, page, line or row number; None
    outside the body); ``column`` a spreadsheet column's number.
    """

    text: str
    where: str
    line: int | None = None
    column: int | None = None
    number: int | None = None  # paragraph number within a header, comment number …
    sheet: str = ""  # spreadsheet sheet
    cell: str = ""  # "C14"
    part: str = ""  # "header1.xml", a property's name, a comment's author
    context: str = ""  # a spreadsheet column's header: read with the cell for identifiers
    hidden: str = ""  # why it is not shown: text | sheet | very-hidden-sheet | row | column
    revision: str = ""  # deleted | inserted | comment
    inside: str = ""  # the embedded file this text comes from ("word/embeddings/x.xlsx")
    table: tuple[int, int, int] | None = None  # a Word table's number, row and column


@dataclass(frozen=True)
class AttachmentText:
    """Everything read from one attachment.

    ``refused`` (a reason) means the file must never be published: an active format (HTML,
    script, executable, SVG with script) or a hostile one (over a limit). ``unreadable``
    (a reason) means govsite cannot check it but may publish it. ``metadata`` lists
    ``(field, value)`` pairs that travel with the file; ``removed`` lists what the
    published copy of an image leaves out; ``embedded`` lists what a file carries that
    govsite did not read (files embedded in a PDF, macros …).
    """

    kind: str  # what the content is: docx, xlsx, pdf, text, svg, jpeg, png, … or unknown
    chunks: tuple[Chunk, ...] = ()
    metadata: tuple[tuple[str, str], ...] = ()
    removed: tuple[str, ...] = ()
    embedded: tuple[str, ...] = ()
    unreadable: str = ""
    refused: str = ""
    detail: str = ""  # what the reason is about: a limit's value, a member's name …

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> AttachmentText:
        data = json.loads(text)
        data["chunks"] = tuple(Chunk(**c) for c in data["chunks"])
        data["metadata"] = tuple(tuple(pair) for pair in data["metadata"])
        for name in ("removed", "embedded"):
            data[name] = tuple(data[name])
        return cls(**data)


class Refused(Exception):
    """Reading stopped: the file must not be published (``reason``, ``detail``)."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(reason, detail)
        self.reason = reason
        self.detail = detail


class Unreadable(Exception):
    """Reading stopped: govsite cannot check this file (``reason``, ``detail``)."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(reason, detail)
        self.reason = reason
        self.detail = detail


@dataclass
class Budget:
    """Counts what one read has taken so far against the limits."""

    limits: Limits
    text_chars: int = 0
    cells: int = 0

    def take_text(self, text: str) -> None:
        self.text_chars += len(text)
        if self.text_chars > self.limits.max_text_mib * MIB:
            raise Refused("text", f"max_text_mib = {self.limits.max_text_mib}")

    def take_cell(self) -> None:
        self.cells += 1
        if self.cells > self.limits.max_cells:
            raise Refused("cells", f"max_cells = {self.limits.max_cells}")
