"""What .docx and .xlsx share: document properties, relationships, safe XML parsing.

Properties that name people (author, last modified by, manager) or organisations
(company), and local file paths in relationships (``file:///C:/Users/…``), travel with
the file: they are reported as metadata. Title, subject, keywords, description and
custom properties are text a reader sees in the file's properties: checked like the body.
"""

from __future__ import annotations

import dataclasses
import posixpath
import zipfile
from collections.abc import Iterator

from lxml import etree

from govsite.attachments.model import Budget, Chunk, Limits, Unreadable
from govsite.attachments.zips import read_member

NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    "op": "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
# Values Office, WPS and libraries fill in by themselves: they name nobody.
GENERIC = frozenset(
    {
        "", "administrator", "admin", "user", "users", "owner", "author", "unknown", "pc",
        "microsoft office user", "microsoft office 用户", "微软用户", "用户", "windows 用户",
        "windows user", "python-docx", "openpyxl", "apache poi", "作者", "匿名", "anonymous",
        "微软中国", "微软", "microsoft", "microsoft china", "china", "中国", "lenovo", "dell",
        "hp", "thinkpad", "微软公司", "mc solution", "www.ftpdown.com", "deepinghost",
    }
)  # fmt: skip
PEOPLE = {("dc", "creator"): "author", ("cp", "lastModifiedBy"): "last_modified_by"}
TEXT_PROPERTIES = {
    ("dc", "title"): "title",
    ("dc", "subject"): "subject",
    ("dc", "description"): "description",
    ("cp", "keywords"): "keywords",
    ("cp", "category"): "category",
}
APP_PROPERTIES = {"Company": "company", "Manager": "manager"}


def parser() -> etree.XMLParser:
    """An XML parser that expands no entity, loads no DTD and reads nothing from outside."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def parse(data: bytes, name: str) -> etree._Element:
    try:
        return etree.fromstring(data, parser())
    except etree.XMLSyntaxError:
        raise Unreadable("damaged", name) from None


def iterparse(stream, events: tuple[str, ...] = ("start", "end"), tag=None):
    return etree.iterparse(
        stream,
        events=events,
        tag=tag,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
    )


def properties(archive: zipfile.ZipFile) -> tuple[list[tuple[str, str]], list[Chunk]]:
    """Metadata that names people or places, and property text to check."""
    metadata: list[tuple[str, str]] = []
    chunks: list[Chunk] = []
    core = read_member(archive, "docProps/core.xml")
    if core:
        root = parse(core, "docProps/core.xml")
        for (prefix, local), name in PEOPLE.items():
            for element in root.iter(f"{{{NS[prefix]}}}{local}"):
                _person(metadata, name, element.text)
        for (prefix, local), name in TEXT_PROPERTIES.items():
            for element in root.iter(f"{{{NS[prefix]}}}{local}"):
                if (element.text or "").strip():
                    chunks.append(Chunk(element.text.strip(), "property", part=name))
    app = read_member(archive, "docProps/app.xml")
    if app:
        root = parse(app, "docProps/app.xml")
        for local, name in APP_PROPERTIES.items():
            for element in root.iter(f"{{{NS['ep']}}}{local}"):
                _person(metadata, name, element.text)
    custom = read_member(archive, "docProps/custom.xml")
    if custom:
        root = parse(custom, "docProps/custom.xml")
        for prop in root.iter(f"{{{NS['op']}}}property"):
            value = "".join(prop.itertext()).strip()
            if value:
                name = prop.get("name", "")
                metadata.append(("custom", f"{name}={value}"[:120]))
                chunks.append(Chunk(value, "property", part=name))
    metadata += local_paths(archive)
    return metadata, chunks


def _person(metadata: list[tuple[str, str]], name: str, value: str | None) -> None:
    value = (value or "").strip()
    if value.lower() not in GENERIC and (name, value) not in metadata:
        metadata.append((name, value))


def local_paths(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """Targets of relationships that point into the author's computer or network."""
    found = []
    for name in archive.namelist():
        if not name.endswith(".rels"):
            continue
        data = read_member(archive, name)
        if not data:
            continue
        for rel in parse(data, name).iter(f"{{{NS['rel']}}}Relationship"):
            target = rel.get("Target", "")
            if rel.get("TargetMode") == "External" and _is_local(target):
                pair = ("local_path", target[:200])
                if pair not in found:
                    found.append(pair)
    return found


def _is_local(target: str) -> bool:
    lowered = target.lower()
    return (
        lowered.startswith(("file:", "\\\\", "//"))
        or (len(target) > 2 and target[1] == ":" and target[0].isalpha())
        or lowered.startswith("/users/")
        or lowered.startswith("/home/")
    )


def relationships(archive: zipfile.ZipFile, part: str) -> Iterator[tuple[str, str]]:
    """``(type, target path inside the archive)`` of a part's internal relationships."""
    folder, name = posixpath.split(part)
    rels = read_member(archive, f"{folder}/_rels/{name}.rels")
    if not rels:
        return
    for rel in parse(rels, part).iter(f"{{{NS['rel']}}}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        yield rel.get("Type", ""), posixpath.normpath(path)


def has_macros(archive: zipfile.ZipFile) -> bool:
    return any(n.lower().endswith("vbaproject.bin") for n in archive.namelist())


def embedded(
    archive: zipfile.ZipFile, folder: str, limits: Limits, budget: Budget, depth: int
) -> tuple[list[Chunk], list[tuple[str, str]], list[str]]:
    """What a document carries inside it: an embedded workbook or document (a chart's
    data is a whole .xlsx) is read like an attachment, once deep; a picture's metadata is
    reported; anything else is listed as not checked."""
    from govsite.attachments import read_members_file
    from govsite.attachments.images import IMAGE_KINDS, image_metadata
    from govsite.attachments.sniff import sniff

    chunks: list[Chunk] = []
    metadata: list[tuple[str, str]] = []
    unread: list[str] = []
    for name in sorted(archive.namelist()):
        if not name.startswith((f"{folder}embeddings/", f"{folder}media/")) or name.endswith("/"):
            continue
        data = read_member(archive, name) or b""
        kind = sniff(data)
        if kind in IMAGE_KINDS:
            found = image_metadata(data, limits)
            if found:
                metadata.append(("image", f"{name}: {', '.join(found)}"))
        elif kind in ("docx", "xlsx") and depth == 0:
            inner = read_members_file(data, kind, limits, budget, depth + 1)
            chunks += [dataclasses.replace(c, inside=name) for c in inner.chunks]
            metadata += [(key, f"{name}: {value}") for key, value in inner.metadata]
            unread += [f"{name}: {u}" for u in inner.embedded]
            if inner.unreadable or inner.refused:
                unread.append(name)
        elif name.startswith(f"{folder}embeddings/"):
            unread.append(name)
    return chunks, metadata, unread
