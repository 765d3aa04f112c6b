"""Which media files are checked and published, and with what bytes.

A file under ``content/<dept>/media/`` is published when a published page links to it
or declares it in ``media`` (or an annual report links to it), and only then: a file
used only by a draft, a scheduled or a withheld item waits for that item; one no page
uses is an orphan (AT006) and stays unpublished. What is published is safe: active
formats are never copied, images lose their metadata.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from govsite import attachtext
from govsite.attachments import HEAD, PARSED_AS, STREAMS, AttachmentText, Limits, key_of_digest
from govsite.attachments.images import published_image
from govsite.attachments.model import MIB, Refused, Unreadable
from govsite.attachments.sniff import ACTIVE_SUFFIXES, sniff
from govsite.cache import PUBLISHED, Cache, code_hash, hash_text
from govsite.content.discover import CONTENT_DIR
from govsite.safepath import (
    NotRegularFile,
    SymlinkRefused,
    fingerprint,
    read_regular,
    regular_stat,
)


@dataclass
class AttachmentShelf:
    """The media files of known departments, read at most once per check."""

    root: Path
    paths: tuple[str, ...] = ()  # site-relative: content/<dept>/media/…
    limits: Limits = field(default_factory=Limits)
    _texts: dict[str, AttachmentText] = field(default_factory=dict, repr=False)
    used: dict[tuple, list[str]] = field(default_factory=dict, repr=False)  # memo of the rules
    _published: frozenset[str] | None = field(default=None, repr=False)

    def holds(self, rel: str) -> bool:
        """Whether ``rel`` is one of the media files a build may publish: a link or a
        media entry naming any other file (a dotfile, a file outside ``media/``, one of
        an unknown department) shows nothing on the portal."""
        if self._published is None:
            self._published = frozenset(self.paths)
        return rel in self._published

    def read(self, rel: str) -> AttachmentText:
        if rel not in self._texts:
            try:
                # once per file content, across runs too (the build cache)
                self._texts[rel] = attachtext.read(self.root / rel, rel, self.limits)
            except (SymlinkRefused, NotRegularFile):  # replaced since discovery
                self._texts[rel] = AttachmentText("unknown", unreadable="not-regular")
            except OSError as error:
                self._texts[rel] = AttachmentText(
                    "unknown", unreadable="damaged", detail=type(error).__name__
                )
        return self._texts[rel]


def page_references(page, facts) -> Iterator[str]:
    """The ``content/…`` path of each local file a page links to or declares."""
    from govsite.rules.media import media_target

    if facts is None and page.meta is not None:
        facts = _unrendered_facts(page)  # a draft: not rendered by the check
    if facts is not None:
        for link in facts.links:
            if link.kind == "file" and link.target:
                yield f"{CONTENT_DIR}/{link.target}"
    if page.meta is not None:
        for entry in page.meta.media:
            target = media_target(page, entry.file)
            if "://" not in target:
                yield f"{CONTENT_DIR}/{target}"


def _unrendered_facts(page):
    """The links of a page the check did not render (a draft), resolved against every
    file: enough to know which media it uses."""
    from govsite.render.links import SiteTargets
    from govsite.render.markdown import render_markdown

    everything = _AnyFile()
    targets = SiteTargets(page_urls={}, published_urls=frozenset(), files=everything)  # type: ignore[arg-type]
    try:
        return render_markdown(
            page.body, page.body_line, page.content_path, page.url, targets
        ).facts
    except Exception:  # a page too broken to render links nothing
        return None


class _AnyFile(frozenset):
    """A set that contains every path (so a link resolves to the file it names)."""

    def __contains__(self, item: object) -> bool:
        return True


def report_references(report, files: Iterable[str]) -> Iterator[str]:
    """Local files an annual report's texts link to."""
    from govsite.render.links import SiteTargets
    from govsite.render.markdown import render_markdown

    below = report.path.removeprefix(f"{CONTENT_DIR}/")
    targets = SiteTargets(
        page_urls={},
        published_urls=frozenset(),
        files=frozenset(f.removeprefix(f"{CONTENT_DIR}/") for f in files),
    )
    for text in (report.overview, report.problems_text, report.other_matters):
        if not text:
            continue
        for link in render_markdown(text, 1, below, below, targets).facts.links:
            if link.kind == "file" and link.target:
                yield f"{CONTENT_DIR}/{link.target}"


def referenced(pages, facts: dict, reports, files: tuple[str, ...]) -> set[str]:
    """The media files these pages and reports use."""
    known = set(files)
    used = {rel for page in pages for rel in page_references(page, facts.get(page.path))}
    used |= {rel for report in reports for rel in report_references(report, files)}
    return used & known


def media_users(analysis) -> dict[str, set[str]]:
    """Each media file → the publishable pages and reports that use it: what ``--withhold``
    holds back with a file that has errors (the file then has no user left to publish it)."""
    facts = {path: body.facts for path, body in analysis.bodies.items()}
    files = set(analysis.tree.media)
    users: dict[str, set[str]] = {}
    for page in analysis.publishable():
        for rel in page_references(page, facts.get(page.path)):
            if rel in files:
                users.setdefault(rel, set()).add(page.path)
    for report in analysis.reports:
        for rel in report_references(report, files):
            users.setdefault(rel, set()).add(report.path)
    return users


class MediaChanged(Exception):
    """A media file to publish is no longer the regular file the check read (a link, a
    FIFO or gone since): the build stops, publishing nothing."""

    def __init__(self, rel: str, error: OSError):
        super().__init__(rel)
        self.rel = rel
        self.error = error


def publish_media(
    analysis,
    portal,
    writer,
    cache: Cache | None = None,
    hashed: Mapping[str, tuple[str, tuple[int, ...]]] | None = None,
) -> None:
    """Write the media files the published pages and reports use (``render_into``),
    never through a link and never from a FIFO.

    With a cache, what each file's published bytes are is remembered by the source's
    SHA-256 (images lose their metadata: they are parsed and written again). A file
    this run hashed already (``hashed``, govsite.verdict) that still has the status it
    had then, and whose published bytes the staging folder holds already, is neither
    read nor parsed again: reading and re-encoding 4,000 attachments was a twentieth
    of a one-file rebuild."""
    facts = {path: body.facts for path, body in analysis.bodies.items()}
    files = tuple(
        rel for rel in analysis.tree.media if analysis.config.department(rel.split("/")[1])
    )
    pages = [item.page for item in portal.items]
    refused = {
        f.path for f in analysis.findings if f.rule == "AT001" and f.severity.value == "error"
    }
    root, limits = analysis.config.root, _limits(analysis)
    wanted = sorted(referenced(pages, facts, portal.reports, files) - refused)
    known = _known_results(cache, hashed or {}, root, wanted, limits)
    for rel in wanted:
        target = rel.removeprefix(f"{CONTENT_DIR}/")
        result = known.get(rel)
        if result is not None and writer.keep(target, *result):
            continue  # already in staging
        try:
            raw = read_regular(root, rel)
        except OSError as error:
            raise MediaChanged(rel, error) from None
        data = published_bytes(raw, rel, limits)
        # A file not to publish has no entry: "publish nothing" is no claim a cache entry
        # may make (one written by anyone would silently drop a file a page links to);
        # its bytes decide each time (it is rare: its check refuses it, AT001).
        if cache is not None and data is not None:
            source = hashlib.sha256(raw).hexdigest()  # of what was read, not what was hashed
            kept = (hashlib.sha256(data).hexdigest(), len(data))
            cache.store(PUBLISHED, _result_key(source, rel, limits), kept)
        if data is not None:
            writer.write(target, data)


def _result_key(source: str, name: str, limits: Limits) -> str:
    """What a file's published bytes depend on: its SHA-256, its name's suffix, the
    limits, and govsite's code (how images are cleaned)."""
    return hash_text(code_hash(), key_of_digest(source, name, limits))


def _known_results(
    cache: Cache | None,
    hashed: Mapping[str, tuple[str, tuple[int, ...]]],
    root: Path,
    rels: list[str],
    limits: Limits,
) -> dict[str, tuple[str, int]]:
    """path -> (SHA-256, size) of the bytes to publish, for the files
    whose source this run hashed and has not changed since, as the cache remembers them."""
    if cache is None:
        return {}
    keys = {}
    for rel in rels:
        earlier = hashed.get(rel)
        if earlier is None:
            continue
        try:
            info = regular_stat(root / rel)
        except OSError:
            continue  # read below, which says why
        if fingerprint(info) == earlier[1]:
            keys[rel] = _result_key(earlier[0], rel, limits)
    stored = cache.load_many(PUBLISHED, list(keys.values()))
    found = {}
    for rel, key in keys.items():
        value = stored.get(key)
        if (
            isinstance(value, tuple)
            and len(value) == 2
            and isinstance(value[0], str)
            and type(value[1]) is int
        ):
            found[rel] = value
    return found


def _limits(analysis) -> Limits:
    return getattr(analysis.config, "attachments", None) or Limits()


def published_bytes(data: bytes, name: str, limits: Limits) -> bytes | None:
    """The bytes to publish for one media file, or None when it must not be published
    (an active or hostile format: its check reports why, AT001)."""
    from govsite.attachments.model import Budget
    from govsite.attachments.ooxml import has_macros
    from govsite.attachments.text import read_svg, read_xml
    from govsite.attachments.zips import open_zip

    if PurePosixPath(name).suffix.lower() in ACTIVE_SUFFIXES:
        return None
    if len(data) > limits.max_file_mib * MIB:
        return data if sniff(data[:HEAD]) in STREAMS else None
    kind = sniff(data)
    if kind in ("exe", "html"):
        return None
    if kind in ("text", "xml", "svg") and PurePosixPath(name).suffix.lower() in PARSED_AS:
        kind = PARSED_AS[PurePosixPath(name).suffix.lower()]
    try:
        if kind in ("svg", "xml"):
            (read_svg if kind == "svg" else read_xml)(data, Budget(limits))
        elif kind in ("docx", "xlsx"):
            if has_macros(open_zip(data, limits)):
                return None
        elif kind in ("jpeg", "png", "webp", "tiff", "gif"):
            return published_image(data, kind, limits)
    except Refused:
        return None
    except Unreadable:
        return data
    return data
