"""PDF: the text of each page, document information, annotations (comments), files and
scripts inside. Encrypted PDFs that need a password and PDFs without a text layer
(scans) cannot be checked.
"""

from __future__ import annotations

import io
import logging
import re
import warnings

from govsite.attachments.model import AttachmentText, Budget, Chunk, Limits, Refused, Unreadable

# Document information that names a person or tells where the file was made.
INFO_FIELDS = {"/Author": "author", "/Creator": "creator"}
STANDARD_INFO = frozenset(
    {"/Author", "/Creator", "/Producer", "/Title", "/Subject", "/Keywords", "/CreationDate",
     "/ModDate", "/Trapped"}
)  # fmt: skip
TEXT_INFO = {"/Title": "title", "/Subject": "subject", "/Keywords": "keywords"}
NOT_COMMENTS = frozenset({"/Link", "/Popup", "/Widget", "/PrinterMark", "/TrapNet", "/Watermark"})


def read_pdf(data: bytes, limits: Limits, budget: Budget) -> AttachmentText:
    import pypdf
    from pypdf.errors import LimitReachedError

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _read(pypdf.PdfReader(io.BytesIO(data), strict=False), limits, budget)
    except (Refused, Unreadable):
        raise
    except RecursionError:
        raise Refused("nesting") from None
    except LimitReachedError as error:
        detail = re.sub(r"\b\d{7,}\b|0x[0-9a-fA-F]+", "…", str(error))  # no addresses
        raise Refused("pdf-limit", detail[:120]) from None
    except MemoryError:
        raise Refused("memory") from None
    except Exception as error:  # pypdf raises many kinds for a damaged file
        if _caused_by(error, RecursionError):  # pypdf wraps it in PdfReadError
            raise Refused("nesting") from None
        raise Unreadable("damaged", type(error).__name__) from None


def _caused_by(error: BaseException, kind: type[BaseException]) -> bool:
    seen = 0
    cause: BaseException | None = error
    while cause is not None and seen < 50:
        if isinstance(cause, kind):
            return True
        cause, seen = cause.__cause__ or cause.__context__, seen + 1
    return False


def _read(reader, limits: Limits, budget: Budget) -> AttachmentText:
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")
        except Exception:  # an unsupported algorithm, a damaged dictionary
            opened = 0
        if not opened:
            raise Unreadable("encrypted")
    pages = len(reader.pages)
    if pages > limits.max_pdf_pages:
        raise Refused("pages", f"{pages} > max_pdf_pages = {limits.max_pdf_pages}")
    metadata, chunks = _info(reader)
    comments: list[Chunk] = []
    embedded: list[str] = []
    any_text = False
    for number, page in enumerate(reader.pages, start=1):
        text = (page.extract_text() or "").replace("\n", " ")
        if text.strip():
            any_text = True
            budget.take_text(text)
            chunks.append(Chunk(text, "page", line=number))
        comments += _annotations(page, number, budget, embedded)
    embedded = list(dict.fromkeys(embedded + _inside(reader)))  # each script said once
    result = AttachmentText(
        "pdf",
        tuple(chunks + comments),
        tuple(metadata),
        embedded=tuple(embedded),
    )
    if not any_text and pages:
        return AttachmentText(
            "pdf", tuple(comments), tuple(metadata), embedded=tuple(embedded), unreadable="no-text"
        )
    return result


def _info(reader) -> tuple[list[tuple[str, str]], list[Chunk]]:
    from govsite.attachments.ooxml import GENERIC

    metadata: list[tuple[str, str]] = []
    chunks: list[Chunk] = []
    info = reader.metadata or {}
    for key, value in info.items():
        value = str(value).strip()
        if not value:
            continue
        if key in INFO_FIELDS and value.lower() not in GENERIC:
            metadata.append((INFO_FIELDS[key], value[:120]))
        elif key in TEXT_INFO:
            chunks.append(Chunk(value, "property", part=TEXT_INFO[key]))
        elif key not in STANDARD_INFO:
            metadata.append(("custom", f"{key.lstrip('/')}={value}"[:120]))
            chunks.append(Chunk(value, "property", part=key.lstrip("/")))
    return metadata, chunks


def _annotations(page, number: int, budget: Budget, embedded: list[str]) -> list[Chunk]:
    chunks = []
    if _runs_script(page):
        embedded.append("JavaScript")  # the page's open/close actions
    for reference in page.get("/Annots") or ():
        annotation = reference.get_object()
        if not hasattr(annotation, "get"):
            continue
        if _runs_script(annotation):
            embedded.append("JavaScript")  # a link or a form field that runs a script
        subtype = str(annotation.get("/Subtype", ""))
        if subtype == "/FileAttachment":
            embedded.append(f"{number}: {annotation.get('/Contents', '')}".strip())
        if subtype in NOT_COMMENTS:
            continue
        text = str(annotation.get("/Contents", "") or "").strip()
        if text:
            budget.take_text(text)
            chunks.append(
                Chunk(
                    text,
                    "comment",
                    line=number,
                    number=len(chunks) + 1,
                    part=str(annotation.get("/T", "") or ""),
                    revision="comment",
                )
            )
    return chunks


def _runs_script(holder) -> bool:
    """Whether an annotation's action (/A) or additional actions (/AA) run JavaScript."""
    actions = []
    action = holder.get("/A")
    if action is not None:
        actions.append(action.get_object())
    extra = holder.get("/AA")
    extra = extra.get_object() if extra is not None else None
    if hasattr(extra, "values"):
        actions += [value.get_object() for value in extra.values()]
    return any(hasattr(a, "get") and a.get("/S") == "/JavaScript" for a in actions)


def _inside(reader) -> list[str]:
    """Files and scripts a PDF carries besides its pages."""
    found = [f"file: {name}" for name in reader.attachments]
    root = reader.trailer["/Root"]
    names = root.get("/Names")
    names = names.get_object() if names is not None else {}
    if "/JavaScript" in names or "/AA" in root:
        found.append("JavaScript")
    action = root.get("/OpenAction")
    action = action.get_object() if action is not None else None
    if hasattr(action, "get") and action.get("/S") == "/JavaScript":
        found.append("JavaScript")
    return sorted(set(found))
