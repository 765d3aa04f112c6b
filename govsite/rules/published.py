"""Published strings outside pages go through the content rules too.

The annual report's text sections (一、总体情况, 五、存在的主要问题及改进情况, 六、其他需要报告的
事项) and the new-media directory's account names are published on the portal like any
page, so personal data (PV001–PV005), advertising and illegal content (AD001–AD003) and
wording errors (WD001, WD002) in them are found at their own file and line, under the
same codes. The engine runs this once per check, after the site rules.
"""

from __future__ import annotations

from collections.abc import Iterator

from govsite.content.model import Problem
from govsite.rules.content import _grouped, advertising_problems, content_matches, html_problems
from govsite.rules.matching import swap_matcher
from govsite.rules.privacy import identifier_hits, privacy_problems
from govsite.rules.registry import SiteContext
from govsite.rules.texts import Published, yaml_published

REPORT_SECTIONS = (
    ("overview", "overview"),
    ("problems", "problems_text"),
    ("other_matters", "other_matters"),
)


def data_file_problems(ctx: SiteContext) -> Iterator[tuple[str, Problem]]:
    """Content findings in every annual report and new-media registry."""
    for report in ctx.reports:
        source = _read(ctx, report.path)
        if source is None:
            continue
        strings = [((key,), getattr(report, attribute), key) for key, attribute in REPORT_SECTIONS]
        published = yaml_published(source, report.positions, strings)
        yield from ((report.path, problem) for problem in content_problems(published, ctx))
    for registry in ctx.registries:
        source = _read(ctx, registry.path)
        if source is None:
            continue
        positions = {}
        strings = []
        for index, account in enumerate(registry.accounts):
            path = ("accounts", index, "name")
            positions[path] = (account.lines.get("name", 1), 1)
            strings.append((path, account.name, "name"))
        published = yaml_published(source, positions, strings)
        yield from ((registry.path, problem) for problem in content_problems(published, ctx))


def content_problems(published: Published, ctx: SiteContext) -> list[Problem]:
    """PV, AD and WD findings for one file's published strings."""
    if not published.spans:
        return []
    hits = identifier_hits(published, ctx.config.official_phones)
    problems = privacy_problems(published, hits, ctx.t)
    illegal, advertising = content_matches(published.lines, ctx.pack)
    problems += _grouped(published, illegal, "AD002", "ad.illegal", ctx.t)
    skip = {i for i, _, _ in illegal}
    problems += advertising_problems(published, ctx.pack, ctx.t, skip, advertising)
    problems += html_problems(published, ctx.t)
    for code, swaps, allow, key in (
        ("WD001", ctx.pack.wording, ctx.pack.wording_allow, "wd.serious"),
        ("WD002", ctx.pack.typos, ctx.pack.typos_allow, "wd.typo"),
    ):
        matcher = swap_matcher(tuple(swaps.items()), allow)
        for index, match in matcher.scan(published.lines):
            line = published.spans[index].line
            message = ctx.t(key, wrong=match.text, right=matcher.replacements[match.text])
            column = published.column(line, match.text)
            problems.append(Problem(code, line, column, message, excerpt=match.text))
    return problems


def _read(ctx: SiteContext, rel: str) -> str | None:
    try:
        return (ctx.config.root / rel).read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None  # the loader has reported it (FM001)
