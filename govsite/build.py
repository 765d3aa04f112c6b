"""``govsite build``: analyse → decide → render into staging → swap. Prints nothing.

A build publishes only when no finding blocks it; with ``withhold`` it publishes
everything except the items with blocking findings. Either way the previous output is
untouched until the complete new one is swapped in (see ``publish``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from jinja2 import Environment, TemplateError
from markupsafe import Markup

from govsite import audit
from govsite.attachments.media import media_users, publish_media
from govsite.findings import Finding, blocks_publishing
from govsite.i18n import Translator
from govsite.output import StagingWriter
from govsite.publish import discard, output_lock, staging_dir, swap_in
from govsite.render.markdown import render_markdown
from govsite.render.portal import Portal, PublishedItem, Scope
from govsite.render.templates import ASSETS_DIR, TEMPLATES_DIR, make_environment, template_dirs
from govsite.render.views import ViewFactory
from govsite.safepath import check_output, inside
from govsite.search import BUNDLE, Indexer, SearchIndexError, start_index
from govsite.site import Analysis, analyse


class BuildError(Exception):
    """The site cannot be rendered (a template error); carries ``path:line: message``."""


@dataclass(frozen=True)
class BuildOptions:
    root: Path
    out: Path
    as_of: dt.date
    strict: bool = False
    withhold: bool = False
    include_drafts: bool = False  # preview only
    on_wait: Callable[[], None] | None = None  # called if another build holds the output
    sign_key: object | None = None  # an Ed25519 private key: manifest.json gets a signature


@dataclass
class BuildResult:
    analysis: Analysis
    published: bool
    pages: int = 0
    files: int = 0
    withheld: list[str] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return self.analysis.findings


def build(options: BuildOptions, t: Translator) -> BuildResult:
    check_output(options.root, options.out)  # before anything is read or written
    inside(options.root, audit.AUDIT_LOG.as_posix())  # the audit log: never through a link
    analysis = analyse(options.root, options.as_of, t, include_drafts=options.include_drafts)
    blocking = [f for f in analysis.findings if blocks_publishing(f, strict=options.strict)]
    # A page or an annual report with errors can be withheld alone; anything else blocks all.
    report_files = {r.path: r.path for r in analysis.reports}
    report_files |= {
        r.applications_source: r.path for r in analysis.reports if r.applications_source != "yaml"
    }
    withholdable = {p.path: p.path for p in analysis.pages} | report_files
    withheld = sorted({withholdable[f.path] for f in blocking if f.path in withholdable})
    # An attachment with errors is held back with the pages that use it.
    users = media_users(analysis) if blocking else {}
    media = frozenset(analysis.tree.media)
    held = {f.path for f in blocking if f.path in media}
    withheld = sorted({*withheld, *held, *(u for path in held for u in users.get(path, ()))})
    site_blocked = any(f.path not in withholdable and f.path not in media for f in blocking)
    if blocking and (not options.withhold or site_blocked):
        return BuildResult(analysis, published=False)
    items = [p for p in analysis.publishable() if p.path not in withheld]
    pages, files = write_site(analysis, items, options, frozenset(withheld))
    return BuildResult(analysis, published=True, pages=pages, files=files, withheld=withheld)


def make_portal(
    analysis: Analysis,
    pages: list,
    *,
    preview: bool = False,
    withheld: frozenset[str] = frozenset(),
    env: Environment | None = None,
    cache: dict[str, tuple[object, object, PublishedItem]] | None = None,
) -> Portal:
    """The portal of these published pages (and the reports not withheld). A live preview
    passes its template environment and a ``cache`` of item views to reuse between
    rebuilds (an entry is reused while its page and rendered body are the same objects)."""
    config = analysis.config
    views = ViewFactory(config)
    items = []
    for page in pages:
        body = analysis.bodies[page.path]
        cached = cache.get(page.path) if cache is not None else None
        if cached is not None and cached[0] is page and cached[1] is body:
            items.append(cached[2])
            continue
        entry = PublishedItem(page, replace(views.item(page), body=Markup(body.html)))
        if cache is not None:
            cache[page.path] = (page, body, entry)
        items.append(entry)

    def markdown(text: str, path: str) -> str:
        """Report text, with links resolved as if written in the file at ``path``."""
        below = path.removeprefix("content/")
        assert analysis.targets is not None
        return render_markdown(text, 1, below, below, analysis.targets).html

    return Portal(
        config,
        env or make_environment(config),
        items,
        reports=[r for r in analysis.reports if r.path not in withheld],
        registries=analysis.registries,
        markdown=markdown,
        preview=preview,
        as_of=analysis.as_of,
    )


def render_into(
    writer: StagingWriter,
    portal: Portal,
    analysis: Analysis,
    scope: Scope | None = None,
    *,
    search: bool = False,
) -> None:
    """Write the portal's outputs (all, or those ``scope`` affects), media and assets, and
    with ``search`` the search index, built by Pagefind in parallel with the pages it does
    not index. Template errors become :class:`BuildError` with the template's file and line."""
    indexer = None
    try:
        for output in portal.indexed_outputs(scope):
            writer.write(output.path, output.data)
        if search:
            indexer = start_index(writer.folder)
        for output in portal.other_outputs(scope):
            writer.write(output.path, output.data)
        publish_media(analysis, portal, writer)
        _copy_assets(analysis.config.root, writer)
    except TemplateError as error:
        raise BuildError(_describe(error, analysis.config.root)) from None
    except Exception as error:
        if _template_location(error, analysis.config.root) is None:
            raise
        raise BuildError(_describe(error, analysis.config.root)) from None
    finally:
        if indexer is not None and sys.exc_info()[0] is not None:
            indexer.kill()
    if indexer is not None:
        _record_index(writer, indexer)


def _record_index(writer: StagingWriter, indexer: Indexer) -> None:
    """Wait for the search index and enter its files into the manifest."""
    try:
        indexer.wait()
    except SearchIndexError as error:
        raise BuildError(f"search index: {error}") from None
    bundle = writer.folder / BUNDLE
    for path in sorted(bundle.rglob("*")):
        if path.is_file():
            writer.record(path.relative_to(writer.folder).as_posix(), path.read_bytes())


def _describe(error: Exception, root: Path) -> str:
    where = _template_location(error, root) or TEMPLATES_DIR
    detail = error.message if isinstance(error, TemplateError) and error.message else error
    return f"{where}: {type(error).__name__}: {detail}"


def write_site(
    analysis: Analysis,
    pages: list,
    options: BuildOptions,
    withheld_paths: frozenset[str] = frozenset(),
) -> tuple[int, int]:
    """Render every output into a staging folder and swap it in; returns counts."""
    portal = make_portal(analysis, pages, preview=options.include_drafts, withheld=withheld_paths)
    with output_lock(options.out, options.on_wait):  # one build at a time into one output
        check_output(options.root, options.out)  # again: the folder may have changed meanwhile
        previous = audit.read_manifest(options.out)
        staging = staging_dir(options.out)
        try:
            writer = StagingWriter(staging)
            render_into(writer, portal, analysis, search=True)
            writer.write_manifest(options.as_of)
            if options.sign_key is not None:
                writer.sign_manifest(options.sign_key)
            swap_in(staging, options.out)
        except BaseException:
            discard(staging)
            raise
        audit.append(
            options.root,
            audit.audit_entries(
                previous, writer.files, analysis.pages, options.as_of, analysis.config
            ),
        )
    return len(pages), len(writer.files)


def _copy_assets(root: Path, writer: StagingWriter) -> None:
    """Copy ``assets/`` of the theme, then of the site's templates (site files win)."""
    for directory in reversed(template_dirs(root)):
        assets = directory / ASSETS_DIR
        for source in sorted(assets.rglob("*")) if assets.is_dir() else ():
            if source.is_file() and not source.is_symlink():
                writer.copy(source, f"{ASSETS_DIR}/{source.relative_to(assets).as_posix()}")


def _template_location(error: BaseException, root: Path) -> str | None:
    """``path:line`` of the template at fault: from a syntax error's own position, else
    from the innermost template frame of the traceback (Jinja maps frames to templates)."""
    filename, line = getattr(error, "filename", None), getattr(error, "lineno", None)
    if not (filename and line):
        for frame, frame_line in traceback.walk_tb(error.__traceback__):
            if frame.f_code.co_filename.endswith((".html", ".xml", ".j2")):
                filename, line = frame.f_code.co_filename, frame_line
    if not (filename and line):
        return None
    with contextlib.suppress(ValueError):
        filename = Path(filename).resolve().relative_to(root.resolve()).as_posix()
    return f"{filename}:{line}"
