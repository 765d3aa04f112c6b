"""Text files (.txt .csv .tsv .json .xml .md …) line by line, and SVG drawings.

An SVG is published only if it is a plain drawing: no script, no event handler, no
foreignObject, no reference outside the file, no entity or DTD, nothing a browser could
run or fetch. govsite does not sanitise a drawing (a sanitiser changes what the editor
reviewed and is a race against browsers' parsers); it refuses one that is not plain and
says why, so the editor exports it again or publishes a PNG. Generic XML is refused when
a browser would run it (XHTML or SVG elements, an XSLT stylesheet).
"""

from __future__ import annotations

import re

from lxml import etree

from govsite.attachments.model import AttachmentText, Budget, Chunk, Limits, Refused
from govsite.attachments.sniff import decode_text

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XHTML = "http://www.w3.org/1999/xhtml"
MATHML = "http://www.w3.org/1998/Math/MathML"
# Elements a browser gives behaviour to (scripts, frames, links): never in a plain
# drawing, not even inside <metadata>, where a browser runs them all the same.
ACTIVE_NAMESPACES = frozenset({XHTML, MATHML})
# Namespaces an editor's export adds and a browser ignores (Inkscape, Illustrator, RDF).
IGNORED_NAMESPACES = frozenset(
    {
        "http://www.inkscape.org/namespaces/inkscape",
        "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "http://purl.org/dc/elements/1.1/",
        "http://creativecommons.org/ns#",
        "http://web.resource.org/cc/",
        "http://ns.adobe.com/AdobeIllustrator/10.0/",
        "http://ns.adobe.com/AdobeSVGViewerExtensions/3.0/",
        "http://ns.adobe.com/Extensibility/1.0/",
        "http://ns.adobe.com/Graphs/1.0/",
        "http://ns.adobe.com/SaveForWeb/1.0/",
        "http://ns.adobe.com/Variables/1.0/",
        "http://ns.adobe.com/ImageReplacement/1.0/",
        "http://ns.adobe.com/xap/1.0/",
    }
)
SVG_ELEMENTS = frozenset(
    [
        "svg",
        "g",
        "defs",
        "desc",
        "title",
        "metadata",
        "symbol",
        "use",
        "switch",
        "path",
        "rect",
        "circle",
        "ellipse",
        "line",
        "polyline",
        "polygon",
        "text",
        "tspan",
        "textPath",
        "linearGradient",
        "radialGradient",
        "stop",
        "pattern",
        "clipPath",
        "mask",
        "marker",
        "filter",
        "feBlend",
        "feColorMatrix",
        "feComponentTransfer",
        "feComposite",
        "feConvolveMatrix",
        "feDiffuseLighting",
        "feDisplacementMap",
        "feDistantLight",
        "feDropShadow",
        "feFlood",
        "feFuncA",
        "feFuncB",
        "feFuncG",
        "feFuncR",
        "feGaussianBlur",
        "feImage",
        "feMerge",
        "feMergeNode",
        "feMorphology",
        "feOffset",
        "fePointLight",
        "feSpecularLighting",
        "feSpotLight",
        "feTile",
        "feTurbulence",
        "image",
        "style",
        "view",
        "animate",
        "animateMotion",
        "animateTransform",
        "mpath",
    ]
)
LOCAL_REFERENCE = re.compile(r"^\s*#[\w.:-]*\s*$")
DATA_IMAGE = re.compile(r"^\s*data:image/(?:png|jpeg|gif|webp);base64,", re.IGNORECASE)
# CSS that loads or runs something, looked for once escapes are decoded (``\\75 rl(`` is
# ``url(``; Illustrator writes 微软雅黑 as ``\\5FAE\\8F6F\\96C5\\9ED1``, which stays fine).
CSS_DANGER = re.compile(
    r"url\s*\(\s*+['\"]?+\s*+(?!#)|@import|image-set\s*\(|expression\s*\(|javascript:", re.I
)
CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})\s?|(.))", re.S)


def css_danger(text: str) -> bool:
    """Whether CSS text (a <style>, a style= or a presentation attribute such as fill=)
    loads something from outside the file or runs script."""

    def decode(match: re.Match[str]) -> str:
        if match.group(1):
            code = int(match.group(1), 16)
            return chr(code) if 0 < code <= 0x10FFFF else "\ufffd"
        return match.group(2)

    return bool(CSS_DANGER.search(CSS_ESCAPE.sub(decode, text)))


TEXT_ELEMENTS = frozenset({"text", "tspan", "textPath", "title", "desc"})


def read_text(data: bytes, budget: Budget) -> AttachmentText:
    text = decode_text(data) or ""
    budget.take_text(text)
    chunks = tuple(
        Chunk(line, "line", line=number)
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip()
    )
    return AttachmentText("text", chunks)


def read_xml(data: bytes, budget: Budget) -> AttachmentText:
    """XML is text to check, unless a browser would run it."""
    root = _parse(data)
    if root is not None:
        dtd = root.getroottree().docinfo.internalDTD
        if dtd is not None and any(True for _ in dtd.iterentities()):
            # a browser expands entities govsite does not: what they hold goes unseen
            raise Refused("xml-active", "<!ENTITY>")
        for node in (*root.itersiblings(preceding=True), *root.iter()):
            if isinstance(node, etree._ProcessingInstruction) and node.target == "xml-stylesheet":
                raise Refused("xml-active", "<?xml-stylesheet?>")
            if isinstance(node.tag, str) and etree.QName(node).namespace in (XHTML, SVG):
                raise Refused("xml-active", etree.QName(node).localname)
    result = read_text(data, budget)
    return AttachmentText("xml", result.chunks)


def read_svg(data: bytes, budget: Budget) -> AttachmentText:
    root = _parse(data)
    if root is None:
        raise Refused("svg", "XML")
    if root.getroottree().docinfo.internalDTD is not None or b"<!ENTITY" in data:
        raise Refused("svg", "<!DOCTYPE>/<!ENTITY>")
    chunks: list[Chunk] = []
    metadata: list[tuple[str, str]] = []
    for node in (*root.itersiblings(preceding=True), *root.iter()):
        if isinstance(node, etree._ProcessingInstruction):
            if node.target == "xml-stylesheet":
                raise Refused("svg", "<?xml-stylesheet?>")
            continue
        if isinstance(node, etree._Entity):
            raise Refused("svg", f"&{node.name};")
        if not isinstance(node.tag, str):
            continue
        _check_element(node, metadata, budget.limits)
        name = etree.QName(node)
        if name.namespace == SVG and name.localname in TEXT_ELEMENTS:
            text = " ".join((node.text or "").split())
            if text:
                budget.take_text(text)
                chunks.append(Chunk(text, "line", line=node.sourceline))
        if node.tail and node.tail.strip() and node.getparent() is not None:
            parent = etree.QName(node.getparent())
            if parent.namespace == SVG and parent.localname in TEXT_ELEMENTS:
                text = " ".join(node.tail.split())
                budget.take_text(text)
                chunks.append(Chunk(text, "line", line=node.sourceline))
    return AttachmentText("svg", tuple(chunks), tuple(metadata))


def _picture_metadata(
    value: str, line: int | None, metadata: list[tuple[str, str]], limits: Limits
) -> None:
    """A photo drawn into the SVG as a data: URI travels with it, GPS and all: reported
    as for pictures inside Word files (the SVG is published as it is)."""
    import base64
    import binascii

    from govsite.attachments.images import image_metadata

    try:
        data = base64.b64decode(value.split(",", 1)[1], validate=False)
    except (binascii.Error, ValueError):
        return
    found = image_metadata(data, limits)
    if found:
        metadata.append(("image", f"<image> ({line}): {', '.join(found)}"))


def _parse(data: bytes):
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        return etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError):
        return None


def _check_element(node, metadata: list[tuple[str, str]], limits: Limits) -> None:
    name = etree.QName(node)
    inside_metadata = any(
        etree.QName(a).localname == "metadata"
        for a in node.iterancestors()
        if isinstance(a.tag, str)
    )
    if name.namespace == SVG:
        if name.localname not in SVG_ELEMENTS:
            raise Refused("svg", f"<{name.localname}>")
        if name.localname == "style" and css_danger("".join(node.itertext())):
            raise Refused("svg", "<style>")
        if name.localname in ("animate", "set", "animateTransform", "animateMotion"):
            target = (node.get("attributeName") or "").lower()
            if target.endswith("href") or target.startswith("on"):
                raise Refused("svg", f"<{name.localname} attributeName={target}>")
    elif name.namespace in ACTIVE_NAMESPACES or (
        name.namespace not in IGNORED_NAMESPACES and not inside_metadata
    ):
        raise Refused("svg", f"<{name.localname}>")
    for key, value in node.attrib.items():
        attribute = etree.QName(key)
        local = attribute.localname.lower()
        if local.startswith("on"):
            raise Refused("svg", f"{attribute.localname}=")
        if local == "href" and not (LOCAL_REFERENCE.match(value) or DATA_IMAGE.match(value)):
            raise Refused("svg", f"href={value[:60]}")
        if local == "href" and DATA_IMAGE.match(value):
            _picture_metadata(value, node.sourceline, metadata, limits)
        if attribute.namespace is None and local != "href" and css_danger(value):
            raise Refused("svg", f"{attribute.localname}=")  # style=, fill="url(http://…)"
        if local in ("docname", "export-filename") and value:
            metadata.append(("file_path", value[:200]))
    if name.localname == "creator" and inside_metadata:
        text = " ".join("".join(node.itertext()).split())
        if text:
            metadata.append(("author", text[:120]))
