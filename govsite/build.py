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

from jinja2 import Environment, TemplateError, TemplateNotFound, TemplateSyntaxError
from markupsafe import Markup

from govsite import audit, withhold
from govsite.attachments.media import media_users, publish_media
from govsite.content.model import Page, Status
from govsite.findings import Finding, blocks_publishing
from govsite.i18n import Translator, language_of
from govsite.output import StagingWriter
from govsite.publish import discard, output_lock, staging_dir, swap_in
from govsite.render.markdown import render_markdown
from govsite.render.portal import Portal, PublishedItem, Scope
from govsite.render.templates import (
    ASSETS_DIR,
    TEMPLATES_DIR,
    MissingName,
    describe_missing,
    make_environment,
    template_dirs,
)
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
    notes: list[Finding] = field(default_factory=list)  # links to withheld pages, unlinked

    @property
    def findings(self) -> list[Finding]:
        if not self.notes:
            return self.analysis.findings
        return sorted(self.analysis.findings + self.notes, key=Finding.sort_key)


def build(options: BuildOptions, t: Translator) -> BuildResult:
    check_output(options.root, options.out)  # before anything is read or written
    inside(options.root, audit.AUDIT_LOG.as_posix())  # the audit log: never through a link
    analysis = analyse(options.root, options.as_of, t, include_drafts=options.include_drafts)
    blocking = [f for f in analysis.findings if blocks_publishing(f, strict=options.strict)]
    # What can be withheld is held back with what it belongs to (govsite.withhold);
    # a finding on site.toml, checks/ or templates/ blocks everything.
    held = withhold.decide(analysis, blocking, media_users(analysis) if blocking else {})
    if blocking and (not options.withhold or held.blocked):
        return BuildResult(analysis, published=False)
    items = [p for p in analysis.publishable() if p.path not in held.items]
    notes = [
        note
        for page in items
        for note in withhold.unlinked(page, analysis.bodies[page.path].facts, held, t)
    ]
    pages, files = write_site(analysis, items, options, held, t)
    return BuildResult(
        analysis,
        published=True,
        pages=pages,
        files=files,
        withheld=held.listing(),
        notes=notes,
    )


def make_portal(
    analysis: Analysis,
    pages: list,
    *,
    preview: bool = False,
    withheld: withhold.Withheld | None = None,
    env: Environment | None = None,
    cache: dict[str, tuple[object, object, PublishedItem]] | None = None,
) -> Portal:
    """The portal of these published pages (and the reports, departments and accounts not
    withheld; links to what is withheld are shown as text). A live preview passes its
    template environment and a ``cache`` of item views to reuse between rebuilds (an
    entry is reused while its page and rendered body are the same objects)."""
    held = withheld or withhold.Withheld()
    config = analysis.config
    if held.departments:
        kept = tuple(d for d in config.departments if d.id not in held.departments)
        config = replace(config, departments=kept)
    views = ViewFactory(config)
    t = Translator(language_of(config.site.language))
    hidden = held.hides if held.urls else None
    items = []
    for page in pages:
        body = analysis.bodies[page.path]
        if hidden is not None and any(
            link.target is not None and hidden(link.target) for link in body.facts.links
        ):
            assert analysis.targets is not None
            body = render_markdown(
                page.body, page.body_line, page.content_path, page.url, analysis.targets, hidden
            )
        cached = cache.get(page.path) if cache is not None else None
        if cached is not None and cached[0] is page and cached[1] is body:
            items.append(cached[2])
            continue
        banner = preview_banner(page, analysis.as_of, t) if preview else ""
        entry = PublishedItem(page, replace(views.item(page), body=Markup(body.html)), banner)
        if cache is not None:
            cache[page.path] = (page, body, entry)
        items.append(entry)

    def markdown(text: str, path: str) -> str:
        """Report text, with links resolved as if written in the file at ``path``."""
        below = path.removeprefix("content/")
        assert analysis.targets is not None
        return render_markdown(text, 1, below, below, analysis.targets, hidden).html

    return Portal(
        config,
        env or make_environment(config),
        items,
        reports=[r for r in analysis.reports if r.path not in held.reports],
        registries=[
            r for r in analysis.registries if r.department not in held.registries | held.departments
        ],
        markdown=markdown,
        preview=preview,
        as_of=analysis.as_of,
    )


def preview_banner(page: Page, as_of: dt.date, t: Translator) -> str:
    """The preview's banner on an item the portal does not show yet ("" on the others)."""
    status = page.status(as_of)
    if status is Status.DRAFT:
        return t("preview.banner_draft")
    if status is Status.SCHEDULED and page.meta is not None:
        return t("preview.banner_scheduled", date=page.meta.date.isoformat())
    return ""


def render_into(
    writer: StagingWriter,
    portal: Portal,
    analysis: Analysis,
    scope: Scope | None = None,
    *,
    search: bool = False,
    t: Translator | None = None,
) -> None:
    """Write the portal's outputs (all, or those ``scope`` affects), media and assets, and
    with ``search`` the search index, built by Pagefind in parallel with the pages it does
    not index. Template errors become :class:`BuildError` with the template's file and line."""
    t = t or Translator(language_of(analysis.config.site.language))
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
        raise BuildError(_describe(error, analysis.config.root, t)) from None
    except Exception as error:
        if _template_location(error, analysis.config.root) is None:
            raise
        raise BuildError(_describe(error, analysis.config.root, t)) from None
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


def _describe(error: Exception, root: Path, t: Translator) -> str:
    """``templates/file.html:line: what is wrong`` in the run's language."""
    where = _template_location(error, root) or TEMPLATES_DIR
    if isinstance(error, MissingName):
        detail = describe_missing(error, t)
    elif isinstance(error, TemplateNotFound):
        detail = t("template.not_found", name=error.name)
    elif isinstance(error, TemplateSyntaxError):
        detail = t("template.syntax", detail=error.message or "")
    else:
        message = error.message if isinstance(error, TemplateError) else str(error)
        detail = t("template.failed", detail=message or "")
    return f"{where}: {detail}"


def write_site(
    analysis: Analysis,
    pages: list,
    options: BuildOptions,
    withheld: withhold.Withheld | None = None,
    t: Translator | None = None,
) -> tuple[int, int]:
    """Render every output into a staging folder and swap it in; returns counts."""
    held = withheld or withhold.Withheld()
    portal = make_portal(analysis, pages, preview=options.include_drafts, withheld=held)
    with output_lock(options.out, options.on_wait):  # one build at a time into one output
        check_output(options.root, options.out)  # again: the folder may have changed meanwhile
        previous = audit.read_manifest(options.out)
        staging = staging_dir(options.out)
        try:
            writer = StagingWriter(staging)
            render_into(writer, portal, analysis, search=True, t=t)
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
