"""Findings are data, never log lines: rules return them, reporters print them."""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace

MASKED_KINDS = frozenset({"id", "card", "mobile"})


def mask_personal(text: str) -> str:
    """``text`` with every resident ID, bank card and mobile number in it masked
    (``5301**********123X``); the same object when there is nothing to mask."""
    if not text or sum(c.isdigit() for c in text) < 11:
        return text
    from govsite.identifiers import find_identifiers, mask

    hits = [hit for hit in find_identifiers(text) if hit.kind in MASKED_KINDS]
    if not hits:
        return text
    parts, end = [], 0
    for hit in hits:
        parts += [text[end : hit.start], mask(hit)]
        end = hit.start + len(hit.text)
    return "".join(parts) + text[end:]


class Severity(enum.Enum):
    """How much a finding weighs: errors block publishing, warnings only with ``--strict``."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "info": 0}[self.value]


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at one place.

    ``path`` is relative to the site root (POSIX separators); ``line`` and ``column``
    are 1-based positions in the source file, or ``None`` for a site-level finding.
    ``excerpt`` never carries personal data unmasked. ``draft`` marks a finding on a
    draft: pending, it blocks the item's approval, not the build (see ``govsite.drafts``).
    """

    rule: str
    severity: Severity
    path: str
    line: int | None
    column: int | None
    message: str
    article: str = ""
    excerpt: str = ""
    waived: bool = False
    waiver_reason: str = ""
    draft: bool = False

    def __post_init__(self) -> None:
        # Masked at the source: no report, dashboard or preview panel can show an ID
        # number, a bank card or a mobile number a message happens to quote (SPEC 4.1).
        for name in ("message", "excerpt", "waiver_reason"):
            value = getattr(self, name)
            masked = mask_personal(value)
            if masked is not value:
                object.__setattr__(self, name, masked)

    def sort_key(self) -> tuple:
        return (self.path, self.line or 0, self.column or 0, self.rule, self.message)

    def with_severity(self, severity: Severity) -> Finding:
        return replace(self, severity=severity)


@dataclass(frozen=True, slots=True)
class Note:
    """A rule saying it could not judge (e.g. RV006 outside git): said once per run, on
    stderr and in the dashboard, never a finding, so it changes no count or exit code."""

    rule: str
    message: str


def well_formed(value: object) -> bool:
    """Whether a finding or note read back from the cache holds what one holds: decoding
    rebuilt the class, not its fields' types, and a damaged or hostile entry must be a
    miss, never a traceback when the report is printed or sorted."""
    if isinstance(value, Note):
        return isinstance(value.rule, str) and isinstance(value.message, str)
    if not isinstance(value, Finding):
        return False
    texts = (value.rule, value.path, value.message, value.article, value.excerpt)
    return (
        all(isinstance(text, str) for text in (*texts, value.waiver_reason))
        and isinstance(value.severity, Severity)
        and all(n is None or type(n) is int for n in (value.line, value.column))
        and type(value.waived) is bool
        and type(value.draft) is bool
    )


@dataclass(frozen=True, slots=True)
class Summary:
    """The counts every report ends with."""

    files: int
    pages: int
    errors: int
    warnings: int
    infos: int
    waived: int
    drafts: int = 0  # live findings on drafts (pending: they block no build)

    @classmethod
    def of(cls, findings: list[Finding], files: int, pages: int) -> Summary:
        live = [f for f in findings if not f.waived]
        return cls(
            files=files,
            pages=pages,
            errors=sum(f.severity is Severity.ERROR for f in live),
            warnings=sum(f.severity is Severity.WARNING for f in live),
            infos=sum(f.severity is Severity.INFO for f in live),
            waived=sum(f.waived for f in findings),
            drafts=sum(f.draft for f in live),
        )


def blocks_publishing(finding: Finding, *, strict: bool) -> bool:
    """Whether this finding stops ``build`` (errors, and warnings under ``--strict``); a
    draft's findings never do: the draft is not published."""
    if finding.waived or finding.draft:
        return False
    if finding.severity is Severity.ERROR:
        return True
    return strict and finding.severity is Severity.WARNING
