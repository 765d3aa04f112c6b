"""``govsite build``: analyse → decide → render into staging → swap. Prints nothing.

A build publishes only when no finding blocks it; with ``withhold`` it publishes
everything except the items with blocking findings. Either way the previous output is
untouched until the complete new one is swapped in (see ``publish``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import traceback
from dataclasses import dataclass, field, replace
from pathlib import Path

from jinja2 import TemplateError
from markupsafe import Markup

from govsite.findings import Finding, blocks_publishing
from govsite.i18n import Translator
from govsite.output import StagingWriter
from govsite.publish import discard, staging_dir, swap_in
from govsite.render.markdown import render_markdown
from govsite.render.portal import Portal, PublishedItem
from govsite.render.templates import ASSETS_DIR, TEMPLATES_DIR, make_environment, template_dirs
from govsite.render.views import ViewFactory
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
    analysis = analyse(options.root, options.as_of, t, include_drafts=options.include_drafts)
    blocking = [f for f in analysis.findings if blocks_publishing(f, strict=options.strict)]
    # A page or an annual report with errors can be withheld alone; anything else blocks all.
    report_files = {r.path: r.path for r in analysis.reports}
    report_files |= {
        r.applications_source: r.path for r in analysis.reports if r.applications_source != "yaml"
    }
    withholdable = {p.path: p.path for p in analysis.pages} | report_files
    withheld = sorted({withholdable[f.path] for f in blocking if f.path in withholdable})
    site_blocked = any(f.path not in withholdable for f in blocking)
    if blocking and (not options.withhold or site_blocked):
        return BuildResult(analysis, published=False)
    items = [p for p in analysis.publishable() if p.path not in withheld]
    pages, files = write_site(analysis, items, options, frozenset(withheld))
    return BuildResult(analysis, published=True, pages=pages, files=files, withheld=withheld)


def write_site(
    analysis: Analysis,
    pages: list,
    options: BuildOptions,
    withheld_paths: frozenset[str] = frozenset(),
) -> tuple[int, int]:
    """Render every output into a staging folder and swap it in; returns counts."""
    config = analysis.config
    views = ViewFactory(config)
    items = [
        PublishedItem(page, replace(views.item(page), body=Markup(analysis.bodies[page.path].html)))
        for page in pages
    ]
    reports = [r for r in analysis.reports if r.path not in withheld_paths]

    def markdown(text: str, content_path: str) -> str:
        path = content_path.removeprefix("content/")
        assert analysis.targets is not None
        return render_markdown(text, 1, path, path, analysis.targets).html

    portal = Portal(
        config,
        make_environment(config),
        items,
        reports=reports,
        markdown=markdown,
        preview=options.include_drafts,
    )
    staging = staging_dir(options.out)
    try:
        writer = StagingWriter(staging)
        for output in portal.outputs():
            writer.write(output.path, output.data)
        _copy_media(analysis, writer)
        _copy_assets(config.root, writer)
        writer.write_manifest(options.as_of)
        swap_in(staging, options.out)
    except Exception as error:
        discard(staging)
        where = _template_location(error, config.root)
        if where is None and not isinstance(error, TemplateError):
            raise
        detail = error.message if isinstance(error, TemplateError) and error.message else error
        raise BuildError(f"{where or TEMPLATES_DIR}: {type(error).__name__}: {detail}") from None
    except BaseException:
        discard(staging)
        raise
    return len(items), len(writer.files)


def _copy_media(analysis: Analysis, writer: StagingWriter) -> None:
    """Media of known departments are published at the path pages link them by."""
    known = {d.id for d in analysis.config.departments}
    for rel in analysis.tree.media:
        if rel.split("/")[1] in known:
            writer.copy(analysis.config.root / rel, rel.removeprefix("content/"))


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
