"""Markdown → safe HTML plus :class:`PageFacts`.

markdown-it-py with raw HTML **disabled** (SPEC 9): any tag an editor or an attacker
writes is escaped and shown as text, never executed. Unsafe URL schemes
(``javascript:``, ``vbscript:``, ``data:``) are refused by markdown-it's link validator,
and every other scheme but https, http, mailto and tel by :mod:`govsite.urlpolicy`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.anchors import anchors_plugin

from govsite.render.facts import HeadingFact, LinkFact, PageFacts, RenderedBody, TextFact
from govsite.render.links import SiteTargets, resolve
from govsite.urlpolicy import publishable

UNSAFE_SCHEME = re.compile(r"(javascript|vbscript|data):", re.IGNORECASE)


@cache
def markdown_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    anchors_plugin(md, min_level=1, max_level=6)
    return md


def render_markdown(
    body: str,
    body_line: int,
    content_path: str,
    page_url: str,
    targets: SiteTargets,
    hidden: Callable[[str], bool] | None = None,
) -> RenderedBody:
    """Render one page body. ``body_line`` is the file line the body starts on. A link
    whose target ``hidden`` says is not published (withheld by ``build --withhold``) is
    shown as its text, an image as its alt text: nothing points at a missing page."""
    md = markdown_parser()
    tokens = md.parse(body)
    links: list[LinkFact] = []
    headings: list[HeadingFact] = []
    text: list[TextFact] = []
    table = _TableHeaders()
    for index, token in enumerate(tokens):
        kind = token.type
        if kind[0] == "t":  # table, thead, tbody, tr, th, td
            table.see(token)
        elif kind == "inline" and table.in_head and table.in_cell:
            table.headers.append(token.content)
        if kind in ("fence", "code_block") and token.map is not None:
            text.extend(_code_lines(token, body_line))
        if kind != "inline" or token.map is None:
            continue
        first_line = body_line + token.map[0]
        text.extend(_text_lines(token, first_line, table.header()))
        links.extend(_rewrite_links(token, first_line, content_path, page_url, targets))
        if hidden is not None:
            _unlink(token, content_path, page_url, targets, hidden)
        opener = tokens[index - 1] if index else None
        if opener is not None and opener.type == "heading_open":
            anchor = str(opener.attrGet("id") or "")
            headings.append(HeadingFact(int(opener.tag[1]), token.content, anchor, first_line))
    html = md.renderer.render(tokens, md.options, {})
    return RenderedBody(html, PageFacts(tuple(links), tuple(headings), tuple(text)))


class _TableHeaders:
    """Follows table tokens so each body cell knows its column's header text."""

    def __init__(self) -> None:
        self.headers: list[str] = []
        self.column = -1
        self.in_head = False
        self.in_cell = False

    def see(self, token: Token) -> None:
        kind = token.type
        if kind == "table_open":
            self.headers = []
        elif kind == "thead_open":
            self.in_head = True
        elif kind == "thead_close":
            self.in_head = False
        elif kind == "tr_open":
            self.column = -1
        elif kind in ("th_open", "td_open"):
            self.column += 1
            self.in_cell = True
        elif kind in ("th_close", "td_close", "table_close"):
            self.in_cell = False

    def header(self) -> str:
        if self.in_head or not self.in_cell or not 0 <= self.column < len(self.headers):
            return ""
        return self.headers[self.column]


def _code_lines(token: Token, body_line: int) -> list[TextFact]:
    """Code blocks are published text too (a hacked page pasted with its indentation
    lands in an indented code block): one fact per source line."""
    assert token.map is not None
    fenced = token.type == "fence"
    first = body_line + token.map[0] + (1 if fenced else 0)
    kind = "code" if fenced else "indented"
    return [
        TextFact(first + offset, line, kind)
        for offset, line in enumerate(token.content.split("\n"))
        if line.strip()
    ]


def _text_lines(token: Token, first_line: int, header: str = "") -> list[TextFact]:
    """The visible text of an inline token, one fact per source line; link and image
    titles as facts of their own."""
    lines: list[str] = [""]
    titles: list[TextFact] = []
    for child in token.children or ():
        if child.type in ("softbreak", "hardbreak"):
            lines.append("")
        elif child.type in ("text", "code_inline"):
            lines[-1] += child.content
        elif child.type == "image":
            lines[-1] += child.content  # the alt text
        if child.type in ("link_open", "image") and child.attrGet("title"):
            title = str(child.attrGet("title"))
            titles.append(TextFact(first_line + len(lines) - 1, title, "title"))
    facts = [
        TextFact(first_line + offset, line, "text", header)
        for offset, line in enumerate(lines)
        if line
    ]
    return facts + titles


def _rewrite_links(
    token: Token, first_line: int, content_path: str, page_url: str, targets: SiteTargets
) -> list[LinkFact]:
    """Point internal references at published URLs; record every link and image."""
    facts = []
    line = first_line
    children = token.children or []
    for position, child in enumerate(children):
        if child.type in ("softbreak", "hardbreak"):
            line += 1
            continue
        attribute = {"link_open": "href", "image": "src"}.get(child.type)
        if attribute is None:
            continue
        written = str(child.attrGet(attribute) or "")
        child.meta["written"] = written
        resolution = resolve(written, content_path, page_url, targets)
        # markdown-it lets data:image, ftp:, intent: … through: only https, http, mailto
        # and tel are ever rendered as links (govsite.urlpolicy; LK004 reports the rest).
        if publishable(written):
            child.attrSet(attribute, resolution.href)
        else:
            child.attrs.pop(attribute, None)  # <a> without href: text, not a link
        image = child.type == "image"
        facts.append(
            LinkFact(
                href=unquote(written),  # as the editor wrote it, not percent-encoded
                text=child.content if image else _link_text(children, position),
                line=line,
                kind=resolution.kind,
                target=resolution.target,
                anchor=resolution.anchor,
                image=image,
                alt=child.content if image else "",
            )
        )
    return facts


def _unlink(
    token: Token,
    content_path: str,
    page_url: str,
    targets: SiteTargets,
    hidden: Callable[[str], bool],
) -> None:
    """Drop the links (keep their text) and images (keep their alt) to hidden targets."""
    children: list[Token] = []
    dropping = False
    for child in token.children or []:
        if child.type in ("link_open", "image"):
            # the written reference, kept by markdown-it in the token's markup-free attrs
            written = str(child.meta.get("written", ""))
            target = resolve(written, content_path, page_url, targets).target
            if target is not None and hidden(target):
                if child.type == "image":
                    children.append(Token("text", "", 0, content=child.content))
                else:
                    dropping = True
                continue
        if child.type == "link_close" and dropping:
            dropping = False
            continue
        children.append(child)
    token.children = children


def _link_text(children: list[Token], start: int) -> str:
    text = []
    for child in children[start + 1 :]:
        if child.type == "link_close":
            break
        text.append(child.content)
    return "".join(text)
