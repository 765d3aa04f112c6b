"""Load one content file into a :class:`Page`: a pure function of its bytes and the config.

FM001 (unusable file or field), FM002 (missing field), FM003 (folder vs site.toml and
front matter) and the URL-safety half of FM004 are found here; duplicate URLs need the
whole site and are found by :func:`duplicate_urls`.
"""

from __future__ import annotations

from pathlib import Path

from govsite.config import SiteConfig
from govsite.content.frontmatter import decode, split
from govsite.content.model import Page, Problem, file_positions
from govsite.content.schema import read_front_matter
from govsite.i18n import Translator
from govsite.named import column_hint, department_hint
from govsite.safepath import (
    RESERVED_SLUGS,
    SLUG_MAX,
    SLUG_PATTERN,
    NotRegularFile,
    SymlinkRefused,
    UnsafePath,
    check_slug,
    read_regular,
)
from govsite.yamlsource import YamlProblem, load_yaml

__all__ = ["RESERVED_SLUGS", "SLUG_PATTERN", "duplicate_urls", "load_page"]


def load_page(
    root: Path,
    rel: str,
    config: SiteConfig,
    t: Translator,
    raw: bytes | Problem | None = None,
) -> Page:
    """Read ``root/rel`` (``content/<dept>/<column>/<file>.md``) into a Page; ``raw``
    gives the file's bytes (or why they could not be read safely) when the caller has read
    and hashed them already."""
    _, dept, column, filename = rel.split("/")
    stem = filename.removesuffix(".md")
    if raw is None:
        raw = read_site_file(root, rel, t)
    if isinstance(raw, Problem):
        return _broken(rel, dept, column, stem, [raw])
    text = decode(raw, t)
    if isinstance(text, Problem):
        return _broken(rel, dept, column, stem, [text])
    parts = split(text, t)
    if isinstance(parts, Problem):
        return _broken(rel, dept, column, stem, [parts])
    loaded = load_yaml(parts.front_matter, t)
    if isinstance(loaded, YamlProblem):
        problem = Problem(
            "FM001", loaded.line + 1, loaded.column, t("fm.yaml", detail=loaded.detail)
        )
        return _broken(rel, dept, column, stem, [problem], parts.body, parts.body_line)
    positions = file_positions(loaded)
    meta, overrides, problems = read_front_matter(loaded.data, positions, t)
    problems += _placement(dept, column, overrides, positions, config, t)
    slug = overrides.get("slug", stem)
    slug_problems = _slug_problems(slug, "slug" in overrides, positions, t)
    problems += slug_problems
    if slug_problems and "slug" in overrides:
        slug = stem  # an unsafe slug never becomes a URL or a folder (serve, build)
    return Page(
        path=rel,
        department=dept,
        column=column,
        slug=slug,
        meta=meta,
        body=parts.body,
        body_line=parts.body_line,
        known_positions=positions,
        problems=tuple(problems),
        front_matter=parts.front_matter,
    )


def _broken(
    rel: str,
    dept: str,
    column: str,
    stem: str,
    problems: list[Problem],
    body: str = "",
    body_line: int = 1,
) -> Page:
    return Page(rel, dept, column, stem, None, body, body_line, {}, tuple(problems))


def _placement(
    dept: str,
    column: str,
    overrides: dict[str, str],
    positions: dict,
    config: SiteConfig,
    t: Translator,
) -> list[Problem]:
    """FM003: the folders must name a known department and column, and agree with
    the front matter where it repeats them."""
    problems = []
    department = config.department(dept)
    if department is None:
        hint = department_hint(config, dept, t)
        problems.append(Problem("FM003", 1, 1, t("fm.unknown_department", dept=dept, hint=hint)))
    if config.column(column) is None:
        hint = column_hint(config, column, t)
        problems.append(Problem("FM003", 1, 1, t("fm.unknown_column", column=column, hint=hint)))
    elif (
        department is not None
        and department.columns is not None
        and column not in department.columns
    ):
        problems.append(
            Problem("FM003", 1, 1, t("fm.column_not_in_department", column=column, dept=dept))
        )
    for name, folder in (("department", dept), ("column", column)):
        if name in overrides and overrides[name] != folder:
            line, col = positions.get((name,), (1, 1))
            message = t("fm.disagrees", field=name, value=overrides[name], folder=folder)
            problems.append(Problem("FM003", line, col, message))
    return problems


def read_site_file(root: Path, rel: str, t: Translator, rule: str = "FM001") -> bytes | Problem:
    """The bytes of a site file, never through a symbolic link and only from a regular
    file; otherwise the problem saying why it was not read."""
    try:
        return read_regular(root, rel)
    except (OSError, UnsafePath) as error:
        return Problem(rule, None, None, why_unread(error, rel, t))


def why_unread(error: OSError | UnsafePath, rel: str, t: Translator) -> str:
    """Why ``rel`` was not read (a link, not a regular file, outside the site, an error
    of the system), in the run's language."""
    if isinstance(error, SymlinkRefused):
        return t("safe.symlink_file", path=rel)
    if isinstance(error, NotRegularFile):
        return t("safe.not_regular", path=rel)
    if isinstance(error, UnsafePath):
        return error.message(t)
    return t("safe.unreadable", path=rel, detail=error.strerror)


def _slug_problems(
    slug: str, from_front_matter: bool, positions: dict, t: Translator
) -> list[Problem]:
    key = check_slug(slug)
    if key is None:
        return []
    line, col = positions.get(("slug",), (1, 1)) if from_front_matter else (1, 1)
    shown = slug if len(slug) <= 60 else slug[:60] + "…"
    return [Problem("FM004", line, col, t(key, slug=shown, limit=SLUG_MAX, length=len(slug)))]


def duplicate_urls(pages: list[Page], t: Translator) -> dict[str, list[Problem]]:
    """FM004 for every page after the first that claims an already-claimed URL (an
    approved item owns its URL before a draft does: a draft never blocks a page)."""
    owner: dict[str, Page] = {}
    found: dict[str, list[Problem]] = {}
    for page in sorted(pages, key=_claim_order):
        if page.url in owner:
            first = owner[page.url]
            line = page.line_of("slug")
            message = t("fm.duplicate_url", url="/" + page.url, other=first.path)
            found.setdefault(page.path, []).append(Problem("FM004", line, 1, message))
        else:
            owner[page.url] = page
    return found


def _claim_order(page: Page) -> tuple[bool, str]:
    from govsite.drafts import is_draft

    return (is_draft(page), page.path)
