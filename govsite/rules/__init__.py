"""The rule catalogue (SPEC 5). Importing this package registers every rule."""

from govsite.rules import frontmatter, review  # noqa: F401  (registration)
from govsite.rules.registry import RULES, PageContext, Rule, SiteContext, rule

__all__ = ["RULES", "PageContext", "Rule", "SiteContext", "rule"]
