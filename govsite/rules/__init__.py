"""The rule catalogue (SPEC 5). Importing this package registers every rule."""

from govsite.rules import (  # noqa: F401  (importing registers the rules)
    annual,
    attachments,
    backdating,
    content,
    disclosure,
    external_links,
    freshness,
    frontmatter,
    interpretation,
    leaders,
    links,
    media,
    newmedia,
    privacy,
    review,
    site,
    sources,
    waivers,
    wording,
)
from govsite.rules.registry import RULES, PageContext, Rule, SiteContext, rule

__all__ = ["RULES", "PageContext", "Rule", "SiteContext", "rule"]
