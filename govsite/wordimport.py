"""``govsite import``: a Word document (.docx) → a draft content item in Markdown.

Department offices write in Word. The import keeps what the portal can publish —
headings, paragraphs, bold, lists, tables, images — and nothing else: no styles, no
fonts, no raw HTML. Images are extracted into the department's ``media/`` folder and
declared in ``media`` with blank ``source`` and ``license`` for the editor to fill in
(MD002 says so until they do). The item starts as a draft; the import then runs the
checks on it, so personal data in the document is reported before anyone approves it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.document import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from govsite.config import load_config
from govsite.content.discover import CONTENT_DIR, MEDIA_DIR
from govsite.errors import UsageError
from govsite.i18n import Translator
from govsite.named import require_placement
from govsite.safepath import inside, require_slug
from govsite.scaffold import DISCLOSURE_FIELDS, NEW_ITEM, _free_slug, _yaml_string, next_index_no

IMAGE_TYPES = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp"}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


@dataclass
class Converted:
    title: str
    blocks: list[str] = field(default_factory=list)
    images: list[tuple[str, bytes]] = field(default_factory=list)  # (file name, data)


def convert(document: Document, stem: str) -> Converted:
    """The document's body as Markdown blocks, in order, with its images."""
    result = Converted(title=(document.core_properties.title or "").strip())
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            _paragraph(Paragraph(child, document), document, result, stem)
        elif child.tag == qn("w:tbl"):
            result.blocks.append(_table(Table(child, document)))
    if not result.title:
        result.title = next((b.lstrip("# ") for b in result.blocks if b.startswith("#")), stem)
    return result


def _paragraph(paragraph: Paragraph, document: Document, result: Converted, stem: str) -> None:
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    text = _runs(paragraph)
    for blip in paragraph._p.iter(qn("a:blip")):
        image = _image(document, blip.get(qn("r:embed")), stem, len(result.images) + 1)
        if image is not None:
            result.images.append(image)
            result.blocks.append(f"![图片{len(result.images)}](../{MEDIA_DIR}/{image[0]})")
    if not text.strip():
        return
    if style == "Title" and not result.title:
        result.title = paragraph.text.strip()
        return
    heading = re.match(r"Heading (\d)", style)
    if heading:
        level = min(int(heading.group(1)) + 1, 6)  # the item's title is the page's h1
        result.blocks.append("#" * level + " " + paragraph.text.strip())
    elif style.startswith("List Number"):
        result.blocks.append("1. " + text.strip())
    elif style.startswith("List"):
        result.blocks.append("- " + text.strip())
    else:
        result.blocks.append(text.strip())


def _runs(paragraph: Paragraph) -> str:
    parts = []
    for run in paragraph.runs:
        text = _MARKDOWN_SPECIAL.sub(r"\\\1", run.text)
        parts.append(f"**{text}**" if run.bold and text.strip() else text)
    return "".join(parts).replace("****", "")


def _table(table: Table) -> str:
    rows = [
        [_MARKDOWN_SPECIAL.sub(r"\\\1", cell.text.strip()).replace("\n", " ") for cell in row.cells]
        for row in table.rows
    ]
    if not rows:
        return ""
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "| " + " | ".join(["---"] * width) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    return "\n".join(lines)


def _image(
    document: Document, rel_id: str | None, stem: str, number: int
) -> tuple[str, bytes] | None:
    part = document.part.related_parts.get(rel_id or "")
    suffix = IMAGE_TYPES.get(getattr(part, "content_type", ""))
    if part is None or suffix is None:
        return None
    return f"{stem}-{number}.{suffix}", part.blob


def import_word(
    root: Path,
    source: Path,
    dept_id: str,
    column_id: str,
    t: Translator,
    *,
    slug: str | None = None,
) -> Path:
    """Write ``content/<dept>/<column>/<slug>.md`` (a draft) and its images; return its path."""

    config = load_config(root, t)
    dept, column = require_placement(config, dept_id, column_id, t)
    if slug is not None:
        require_slug(slug)  # exactly as `new`: never a path outside the column folder
    try:
        document = docx.Document(str(source))
    except Exception as error:  # python-docx raises several kinds for a bad file
        missing = isinstance(error, OSError) or not source.is_file()
        detail = t("import.missing") if missing else t("import.not_docx")
        raise UsageError(t("import.bad_docx", path=source, detail=detail)) from None
    today = dt.date.today()
    folder = root / CONTENT_DIR / dept_id / column_id
    slug = slug or _free_slug(folder, today)
    path = inside(root, f"{CONTENT_DIR}/{dept_id}/{column_id}/{slug}.md")
    if path.exists():
        raise UsageError(t("cli.new_exists", path=path))
    converted = convert(document, slug)
    disclosure = ""
    if column.disclosure:
        index_no = next_index_no(root, dept_id, dept.credit_code, today.year)
        disclosure = DISCLOSURE_FIELDS.format(index_no=index_no, year=today.year)
    if converted.images:
        entries = "".join(
            f'  - {{file: ../{MEDIA_DIR}/{name}, source: "", license: ""}}\n'
            for name, _ in converted.images
        )
        disclosure += "media:\n" + entries
    text = NEW_ITEM.format(
        title=_yaml_string(converted.title), date=today.isoformat(), disclosure=disclosure
    )
    text = text.replace("\n正文。\n", "\n" + "\n\n".join(b for b in converted.blocks if b) + "\n")
    folder.mkdir(parents=True, exist_ok=True)
    media = inside(root, f"{CONTENT_DIR}/{dept_id}/{MEDIA_DIR}")
    for name, _ in converted.images:
        if inside(root, f"{CONTENT_DIR}/{dept_id}/{MEDIA_DIR}/{name}").exists():
            raise UsageError(t("cli.new_exists", path=media / name))  # another item's image
    for name, data in converted.images:
        media.mkdir(parents=True, exist_ok=True)
        (media / name).write_bytes(data)
    path.write_text(text, encoding="utf-8")
    return path
