"""Excel (.xlsx): every cell of every sheet, hidden ones included, and cell comments,
streamed with openpyxl's read-only parser (a sheet is never held in memory).

Hidden sheets, rows and columns are where a list's ID column usually hides: the cell is
checked like any other and its chunk says why it is not shown. A cell is read with its
column's header (the first row's text), so a number under 银行卡号 reads as a card.
"""

from __future__ import annotations

import datetime as dt
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
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet._reader import WorkSheetParser

    state = sheet.sheet_state
    hidden_sheet = {"visible": "", "veryHidden": "very-hidden-sheet"}.get(state, "sheet")
    workbook = sheet.parent
    chunks: list[Chunk] = []
    headers: dict[int, str] = {}
    header_row: int | None = None
    with sheet._get_source() as source:
        parser = WorkSheetParser(
            source,
            sheet._shared_strings,
            data_only=True,
            epoch=workbook.epoch,
            date_formats=workbook._date_formats,
            timedelta_formats=workbook._timedelta_formats,
        )
        hidden_columns: set[int] | None = None
        for row_number, cells in parser.parse():
            if hidden_columns is None:  # <cols> comes before the first row
                hidden_columns = _hidden_columns(parser.column_dimensions)
            row_hidden = _hidden(parser.row_dimensions.get(str(row_number), {}))
            for cell in cells:
                budget.take_cell()
                text = _text(cell.get("value"))
                if not text.strip():
                    continue
                budget.take_text(text)
                column = cell["column"]
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
                        cell=f"{get_column_letter(column)}{row_number}",
                        context="" if row_number == header_row else headers.get(column, ""),
                        hidden=hidden,
                    )
                )
    return chunks


def _hidden(attributes: dict) -> bool:
    if str(attributes.get("hidden", "")).lower() in TRUE:
        return True
    height = attributes.get("ht")
    return height is not None and _number(height) == 0 and "customHeight" in attributes


def _hidden_columns(dimensions: dict) -> set[int]:
    hidden: set[int] = set()
    for attributes in dimensions.values():
        width = attributes.get("width")
        if _hidden(attributes) or (width is not None and _number(width) == 0):
            low = int(_number(attributes.get("min", 0)))
            high = int(_number(attributes.get("max", low)))
            hidden.update(range(low, min(high, 16384) + 1))
    return hidden


def _number(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return -1.0


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    return str(value)


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
