"""What a draft is held to: one definition for ``check``, ``import``, ``serve``, ``build``
and the pre-commit hook, so an editor gets one answer wherever they ask.

A draft is an item whose review is unfinished (``review.status: draft``). It is never
published, but it is committed, and a commit is read by everyone who can read the
repository. So:

1. **Every page rule runs on a draft**, except the review findings only an approval can
   satisfy (:data:`REVIEW_ONLY`): an incomplete chain (RV001), an approval date after the
   publication date (RV002), the approver's role (RV003), self-approval (RV005), a date
   earlier than the day the file entered git (RV006: a draft's date is provisional). An
   unfinished review is what a draft *is*. RV004 (sensitive content must be reviewed at
   level ``major``) does run: the level decides who must sign, and the editor sets it.
2. **A draft's findings are pending** (``Finding.draft``): shown with their severity in
   every report, to be fixed before the item is approved, but they never block the
   build of the other pages, and never the commit.
3. **Personal data and illegal content block the commit in any file** (:data:`LEAKS`):
   a resident ID or mobile number, gambling or fraud content, raw HTML. ``check`` on the
   file exits 1 and the pre-commit hook refuses it, draft or not; ``build`` publishes
   the other pages (never the draft) and then exits 1, so CI shows the leak.

Scheduled items (approved, dated in the future) are not drafts: they are judged as
what they are, pages a later build publishes.
"""

from __future__ import annotations

from collections.abc import Iterable

from govsite.content.model import Page
from govsite.findings import Finding, Severity, blocks_publishing

REVIEW_ONLY = frozenset({"RV001", "RV002", "RV003", "RV005", "RV006"})
LEAKS = frozenset({"PV001", "PV002", "PV003", "PV004", "PV005", "AD002", "AD003"})


def is_draft(page: Page) -> bool:
    """Whether the item's review is unfinished (front matter that cannot be read is not
    a draft: nobody can tell, so it is held to what a published page is)."""
    return page.meta is not None and page.meta.review.status != "approved"


def runs_on(code: str, page: Page) -> bool:
    """Whether the page rule ``code`` judges this page."""
    return not (code in REVIEW_ONLY and is_draft(page))


def draft_paths(pages: Iterable[Page]) -> frozenset[str]:
    return frozenset(page.path for page in pages if is_draft(page))


def is_leak(finding: Finding) -> bool:
    return finding.rule in LEAKS


def blocks_commit(finding: Finding, *, strict: bool) -> bool:
    """Whether ``check`` (and so the pre-commit hook) fails for this finding: what blocks
    the build, and personal data or illegal content in any file, drafts included."""
    if blocks_publishing(finding, strict=strict):
        return True
    if not (finding.draft and is_leak(finding)) or finding.waived:
        return False
    return finding.severity is Severity.ERROR or (strict and finding.severity is Severity.WARNING)
