"""Excel (.xlsx): every cell of every sheet, hidden ones included, and cell comments,
streamed with openpyxl's read-only parser (a sheet is never held in memory).

Hidden sheets, rows and columns are where a list's ID column usually hides: the cell is
checked like any other and its chunk says why it is not shown. A cell is read with its
column's header (the first row's text), so a number under 银行卡号 reads as a card.
"""

from __future__ import annotations

import io
import warnings
import zipfile

from govsite.attachments.model import (
    MIB,
    AttachmentText,
    Budget,
    Chunk,
    Limits,
    Refused,
    Unreadable,
)
from govsite.attachments.ooxml import (
    embedded,
    has_macros,
    iterparse,
    properties,
    relationships,
)
from govsite.attachments.zips import open_zip

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
COMMENTS = "/comments"
TRUE = ("1", "true")


def read_xlsx(data: bytes, limits: Limits, budget: Budget, depth: int = 0) -> AttachmentText:
    archive = open_zip(data, limits)
    if has_macros(archive):
        raise Refused("macros")
    for member in archive.infolist():  # openpyxl holds every shared string in memory
        if member.filename.endswith("sharedStrings.xml") and (
            member.file_size > limits.max_text_mib * MIB
        ):
            raise Refused("text", f"{member.filename}: max_text_mib = {limits.max_text_mib}")
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(
                io.BytesIO(data), read_only=True, data_only=True, keep_links=False
            )
    except (Refused, Unreadable):
        raise
    except Exception as error:  # openpyxl raises many kinds for a damaged workbook
        raise Unreadable("damaged", type(error).__name__) from None
    chunks: list[Chunk] = []
    try:
        for sheet in workbook.worksheets:
            chunks += _sheet(sheet, budget)
            chunks += _comments(archive, sheet._worksheet_path, sheet.title, budget)
    finally:
        workbook.close()
    metadata, property_chunks = properties(archive)
    inner, inner_metadata, unread = embedded(archive, "xl/", limits, budget, depth)
    return AttachmentText(
        "xlsx",
        tuple(chunks + property_chunks + inner),
        tuple(metadata + inner_metadata),
        embedded=tuple(unread),
    )


def _sheet(sheet, budget: Budget) -> list[Chunk]:
    """The cells of one sheet, streamed: openpyxl found the sheet and its shared strings;
    the sheet's XML is read here element by element (lxml), keeping rows' and columns'
    hidden flags that openpyxl's read-only mode drops, and cleared as it goes."""
    from openpyxl.utils import get_column_letter

    state = sheet.sheet_state
    hidden_sheet = {"visible": "", "veryHidden": "very-hidden-sheet"}.get(state, "sheet")
    shared = sheet._shared_strings
    chunks: list[Chunk] = []
    headers: dict[int, str] = {}
    header_row: int | None = None
    hidden_columns: set[int] = set()
    row_number, row_hidden, column = 0, False, 0
    with sheet._get_source() as source:
        tags = (f"{MAIN}row", f"{MAIN}c", f"{MAIN}col")
        for event, element in iterparse(source, tag=tags):
            tag = element.tag
            if event == "start":
                if tag == f"{MAIN}row":
                    row_number = _int(element.get("r"), row_number + 1)
                    row_hidden = _hidden(element.attrib)
                    column = 0
                continue
            if tag == f"{MAIN}col":
                _hide_columns(element.attrib, hidden_columns)
            elif tag == f"{MAIN}c":
                budget.take_cell()
                column = _column(element.get("r"), column + 1)
                text = _cell_text(element, shared)
                element.clear()
                if not text.strip():
                    continue
                budget.take_text(text)
                if header_row is None:
                    header_row = row_number
                if row_number == header_row:
                    headers[column] = text
                hidden = hidden_sheet or (
                    "row" if row_hidden else "column" if column in hidden_columns else ""
                )
                chunks.append(
                    Chunk(
                        text,
                        "cell",
                        line=row_number,
                        column=column,
                        sheet=sheet.title,
                        cell=f"{get_column_letter(min(column, 16384))}{row_number}",
                        context="" if row_number == header_row else headers.get(column, ""),
                        hidden=hidden,
                    )
                )
            elif tag == f"{MAIN}row":
                element.clear()
                while element.getprevious() is not None:
                    del element.getparent()[0]
    return chunks


def _cell_text(element, shared) -> str:
    kind = element.get("t", "n")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in element.iter(f"{MAIN}t"))
    value = element.find(f"{MAIN}v")
    raw = value.text if value is not None and value.text else ""
    if kind == "s":
        index = _int(raw, -1)
        return str(shared[index]) if 0 <= index < len(shared) else ""
    if kind == "b":
        return "TRUE" if raw == "1" else "FALSE"
    if kind == "n" and raw:
        return _number(raw)
    return raw


def _number(raw: str) -> str:
    """A number as Excel shows it in General format: 13912345678, not 1.3912345678E10."""
    try:
        value = float(raw)
    except ValueError:
        return raw
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return raw


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _column(reference: str | None, default: int) -> int:
    """The column number of a cell reference such as ``C14``."""
    if not reference:
        return default
    number = 0
    for character in reference:
        if not character.isalpha():
            break
        number = number * 26 + (ord(character.upper()) - 64)
    return number or default


def _hidden(attributes) -> bool:
    if str(attributes.get("hidden", "")).lower() in TRUE:
        return True
    return "customHeight" in attributes and _float(attributes.get("ht")) == 0


def _hide_columns(attributes, hidden: set[int]) -> None:
    width = attributes.get("width")
    if _hidden(attributes) or (width is not None and _float(width) == 0):
        low = _int(attributes.get("min"), 0)
        high = _int(attributes.get("max"), low)
        hidden.update(range(max(low, 1), min(high, 16384) + 1))


def _float(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return -1.0


def _comments(archive: zipfile.ZipFile, sheet_path: str, title: str, budget: Budget) -> list[Chunk]:
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    chunks: list[Chunk] = []
    for kind, target in relationships(archive, sheet_path):
        if not kind.endswith(COMMENTS) or target not in archive.namelist():
            continue
        authors: list[str] = []
        with archive.open(target) as stream:
            for _, element in iterparse(stream, ("end",)):
                if element.tag == f"{MAIN}author":
                    authors.append(element.text or "")
                elif element.tag == f"{MAIN}comment":
                    text = "".join(t.text or "" for t in element.iter(f"{MAIN}t")).strip()
                    ref = element.get("ref", "")
                    try:
                        letters, row = coordinate_from_string(ref)
                        column = column_index_from_string(letters)
                    except ValueError:
                        row, column = None, None
                    if text:
                        budget.take_text(text)
                        chunks.append(
                            Chunk(
                                text,
                                "comment",
                                line=row,
                                column=column,
                                sheet=title,
                                cell=ref,
                                number=len(chunks) + 1,
                                revision="comment",
                            )
                        )
                    element.clear()
    return chunks
