"""``govsite build``: analyse → decide → render into staging → swap. Prints nothing.

A build publishes only when no finding blocks it; with ``withhold`` it publishes
everything except the items with blocking findings. Either way the previous output is
untouched until the complete new one is swapped in (see ``publish``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
import traceback
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from jinja2 import Environment, TemplateError, TemplateNotFound, TemplateSyntaxError
from markupsafe import Markup

from govsite import audit, outputrecord, withhold
from govsite.attachments.media import MediaChanged, media_users, publish_media
from govsite.cache import LISTING, Cache
from govsite.content.loader import why_unread
from govsite.content.model import Page, Status
from govsite.errors import BuildError
from govsite.findings import blocks_publishing
from govsite.i18n import Translator, language_of
from govsite.output import StagingWriter
from govsite.pipeline import ArticleError
from govsite.progress import Progress
from govsite.publish import (
    adopt_spare,
    discard,
    staging_dir,
    swap_in,
)
from govsite.render.markdown import render_markdown
from govsite.render.portal import Portal, PublishedItem, Remembered, Scope
from govsite.render.templates import (
    ASSETS_DIR,
    TEMPLATES_DIR,
    MissingName,
    describe_missing,
    make_environment,
    template_dirs,
)
from govsite.render.views import ViewFactory
from govsite.reuse import Reuse
from govsite.runoptions import BuildOptions, BuildResult, RunOptions
from govsite.safepath import read_regular
from govsite.search import Indexer, SearchIndexError, group_keys, groups_for, indexed
from govsite.site import Analysis, analyse
from govsite.verdict import Verdict


def build_locked(options: BuildOptions, t: Translator) -> BuildResult:
    """Check the site; publish it (or all but the withheld items) if nothing blocks it.
    Called with the output's lock held (:func:`govsite.rebuild.build`).

    Article pages are written into the staging folder while the site is checked (by the
    workers that render them, or copied from the cache); a blocked build discards it.
    Creating a staging folder clears what killed builds left beside the output, which is
    never another live build's folder: the lock says so."""
    if options.cache is not None:  # start from the output before the current one
        cache, out = options.cache, options.out
        staging, reuse = adopt_spare(out, lambda folder: outputrecord.recorded(cache, out, folder))
    else:
        staging, reuse = staging_dir(options.out), None
    try:
        run = RunOptions(
            options.jobs, options.cache, staging, options.progress, reuse, options.hashed
        )
        try:
            analysis = analyse(
                options.root,
                options.as_of,
                t,
                include_drafts=options.include_drafts,
                options=run,
            )
        except ArticleError as error:
            raise BuildError(str(error)) from None
        result = _publish(analysis, options, t, staging, reuse)
    except BaseException:
        discard(staging)
        raise
    if not result.published:  # it may hold what was refused: never kept
        discard(staging)
    return result


def _publish(
    analysis: Analysis, options: BuildOptions, t: Translator, staging: Path, reuse: Reuse | None
) -> BuildResult:
    blocking = [f for f in analysis.findings if blocks_publishing(f, strict=options.strict)]
    # What can be withheld is held back with what it belongs to (govsite.withhold);
    # a finding on site.toml, checks/ or templates/ blocks everything.
    held = withhold.decide(analysis, blocking, media_users(analysis) if blocking else {})
    if blocking and (not options.withhold or held.blocked):
        return BuildResult(Verdict.of(analysis), published=False, analysis=analysis)
    items = [p for p in analysis.publishable() if p.path not in held.items]
    notes = [
        note
        for page in items
        for note in withhold.unlinked(page, analysis.bodies[page.path].facts, held, t)
    ]
    pages, written, swapped = write_site(analysis, items, options, held, t, staging, reuse)
    return BuildResult(
        Verdict.of(analysis),
        published=True,
        analysis=analysis,
        pages=pages,
        files=len(written),
        written=written,
        swapped=swapped,
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
        entry = PublishedItem(page, views.item(page, Markup(body.html)), banner)
        if cache is not None:
            cache[page.path] = (page, body, entry)
        items.append(entry)

    def markdown(text: str, path: str) -> str:
        """Report text, with links resolved as if written in the file at ``path``."""
        below = path.removeprefix("content/")
        assert analysis.targets is not None
        return render_markdown(text, 1, below, below, analysis.targets, hidden).html

    keys = None
    if held == withhold.Withheld() and analysis.site_key:  # withheld: links become text
        keys = (analysis.site_key, {path: o.key for path, o in analysis.outcomes.items() if o.key})
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
        keys=keys,
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
    articles: bool = True,
    cache: Cache | None = None,
    progress: Progress | None = None,
    jobs: int = 1,
    hashed: Mapping[str, tuple[str, tuple[int, ...]]] | None = None,
) -> None:
    """Write the portal's outputs (all, or those ``scope`` affects), media and assets, and
    with ``search`` the search indexes, built by ``jobs`` Pagefind processes (one index
    per department or part of one) in parallel with the pages they do not index.
    ``articles=False``: the article pages are in the folder already (written while the
    site was checked). Template errors become :class:`BuildError` with the template's
    file and line. ``hashed``: the inputs this run hashed (govsite.verdict): media files
    among them need not be read again."""
    t = t or Translator(language_of(analysis.config.site.language))
    indexer = None
    progress = progress or Progress.silent()
    try:
        outputs = portal.indexed_outputs(scope) if articles else portal.report_outputs_only(scope)
        for output in outputs:
            writer.write(output.path, output.data)
        if search:
            departments = [d.id for d in portal.config.departments]
            known = frozenset(departments)
            writer.sweep(keep=lambda path: not indexed(path, known))  # stale pages
            groups = groups_for(departments, writer.files)
            keys = group_keys(groups, writer.files)
            portal.search_bundles = [portal.views.url(f"/{g.bundle}/") for g in groups[1:]]
            progress.total("indexed", len(groups))
            indexer = Indexer(
                writer.folder,
                groups,
                keys,
                cache,
                on_done=lambda g: progress.advance("indexed"),
                reuse=writer.reuse,
                services=jobs,
            )
        progress.stage("render")
        remembered = []
        for output in portal.other_outputs(scope):
            if isinstance(output, Remembered):
                remembered.append(output)
            else:
                writer.write(output.path, output.data)
        write_remembered(writer, remembered, cache)
        publish_media(analysis, portal, writer, cache, hashed)
        _copy_assets(analysis.config.root, writer)
    except TemplateError as error:
        raise BuildError(_describe(error, analysis.config.root, t)) from None
    except MediaChanged as error:
        raise BuildError(why_unread(error.error, error.rel, t)) from None
    except Exception as error:
        if _template_location(error, analysis.config.root) is None:
            raise
        raise BuildError(_describe(error, analysis.config.root, t)) from None
    finally:
        if indexer is not None and sys.exc_info()[0] is not None:
            indexer.kill()
    if indexer is not None:
        progress.stage("search")
        _record_index(writer, indexer)


def write_remembered(writer: StagingWriter, outputs: list[Remembered], cache: Cache | None) -> None:
    """Keep the file staging holds at each output's path if it has the bytes that
    output's key gave last time (nothing rendered); else render and write it, and
    remember its SHA-256 and size under the key. A one-file build renders the listing
    pages that show the file, not the thousand others (0.4 s of ~5.5 s at 10,000 items)."""
    known = cache.load_many(LISTING, [o.key for o in outputs]) if cache is not None else {}
    for output in outputs:
        found = known.get(output.key)
        if (
            isinstance(found, tuple)
            and len(found) == 2
            and isinstance(found[0], str)
            and type(found[1]) is int
            and writer.keep(output.path, found[0], found[1])
        ):
            continue
        rendered = output.render()
        writer.write(rendered.path, rendered.data)
        if cache is not None:
            entry = writer.files[rendered.path]
            cache.store(LISTING, output.key, (entry["sha256"], entry["size"]))


def _record_index(writer: StagingWriter, indexer: Indexer) -> None:
    """Wait for the search indexes and enter their files into the manifest."""
    try:
        indexer.wait()
    except SearchIndexError as error:
        raise BuildError(f"search index: {error}") from None
    writer.files.update(indexer.records)


def describe_template_error(error: Exception, root: Path, t: Translator) -> str | None:
    """``template:line: what is wrong`` for an error raised by a template, else None."""
    if isinstance(error, TemplateError) or _template_location(error, root) is not None:
        return _describe(error, root, t)
    return None


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
    staging: Path | None = None,
    reuse: Reuse | None = None,
) -> tuple[int, dict[str, dict], int]:
    """Render every output into a staging folder and swap it in; returns the number of
    pages, the manifest's entries (path -> SHA-256 and size of each file) and the output
    folder's change time right after the swap (0 if unknown: see govsite.outputrecord). The
    staging folder may hold the article pages already (see :func:`build`), and be the
    previous output to start from (``reuse``)."""
    held = withheld or withhold.Withheld()
    portal = make_portal(analysis, pages, preview=options.include_drafts, withheld=held)
    previous = audit.read_manifest(options.out)
    staging = staging or staging_dir(options.out)
    try:
        writer = StagingWriter(staging, reuse)
        articles = _enter_articles(analysis, pages, writer, portal)
        render_into(
            writer,
            portal,
            analysis,
            search=options.search,
            t=t,
            articles=not articles,
            cache=options.cache,
            progress=options.progress,
            jobs=options.jobs,
            hashed=options.hashed,
        )
        writer.sweep()
        writer.write_manifest(options.as_of)
        if options.sign_key is not None:
            writer.sign_manifest(options.sign_key)
        swap_in(staging, options.out, keep=options.cache is not None)
        swapped = _changed(options.out)
    except BaseException:
        discard(staging)
        raise
    audit.append(
        options.root,
        audit.audit_entries(previous, writer.files, analysis.pages, options.as_of, analysis.config),
    )
    return len(pages), writer.files, swapped


def _changed(out: Path) -> int:
    """The change time of ``out`` (the rename that swapped it in set it), 0 if unknown."""
    try:
        return os.stat(out, follow_symlinks=False).st_ctime_ns
    except OSError:
        return 0


def _enter_articles(analysis: Analysis, pages: list, writer: StagingWriter, portal: Portal) -> bool:
    """Enter the article pages written during the check into the manifest, and delete
    those not published after all (withheld). An article rendered differently now that
    the published items are known (it shows a policy or its interpretations, links to a
    withheld page, or shares its URL with a withheld page) is rendered again here.
    False if the check wrote none."""
    if not analysis.outcomes:
        return False
    published = {page.path for page in pages}
    entries = {entry.page.path: entry for entry in portal.items}
    claims: dict[str, list[str]] = {}  # article file -> pages that wrote it
    for path, outcome in sorted(analysis.outcomes.items()):
        if outcome.written and outcome.article is not None:
            claims.setdefault(outcome.page.url + "index.html", []).append(path)
    for rel, paths in claims.items():
        writer.reuse.wrote(rel, analysis.outcomes[paths[0]].article[1])  # type: ignore[index]
        kept = [path for path in paths if path in published and path in entries]
        if not kept:
            writer.remove(rel)
            continue
        entry = entries[kept[0]]
        relinked = bool(str(entry.view.body))  # make_portal rendered it again (withheld links)
        related = any(portal.interpretation_links(kept[0]).values())
        if len(paths) > 1 or relinked or related or entry.banner:
            _rewrite_article(analysis, entry, writer, portal)
        else:
            article = analysis.outcomes[kept[0]].article
            assert article is not None
            writer.files[rel] = {"sha256": article[0], "size": article[1]}
    return True


def _rewrite_article(
    analysis: Analysis, entry: PublishedItem, writer: StagingWriter, portal: Portal
) -> None:
    page = entry.page
    if not str(entry.view.body):
        assert analysis.targets is not None
        body = render_markdown(
            page.body, page.body_line, page.content_path, page.url, analysis.targets
        )
        entry = replace(entry, view=replace(entry.view, body=Markup(body.html)))
    output = portal.item_page(entry)
    writer.write(output.path, output.data)


def _copy_assets(root: Path, writer: StagingWriter) -> None:
    """Copy ``assets/`` of the theme, then of the site's templates (site files win)."""
    for directory in reversed(template_dirs(root)):
        assets = directory / ASSETS_DIR
        for source in sorted(assets.rglob("*")) if assets.is_dir() else ():
            if source.is_file() and not source.is_symlink():
                rel = source.relative_to(assets).as_posix()
                # replaced by a link or FIFO since it was listed: left out, as a link is
                with contextlib.suppress(OSError):
                    writer.write(f"{ASSETS_DIR}/{rel}", read_regular(assets, rel))


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
