"""The audit log (Art. 32, 34, 36, 41): what each build published, changed or withdrew,
and who approved it. Kept outside the output (``.govsite/audit.log``, JSON lines), so
the published files stay byte-identical between builds while the log keeps growing.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

from govsite.config import SiteConfig
from govsite.content.model import Page

AUDIT_LOG = Path(".govsite") / "audit.log"


def is_article(path: str, config: SiteConfig) -> bool:
    """Whether a published file is an article page: ``<dept>/<column>/<slug>/index.html``."""
    parts = path.split("/")
    return (
        len(parts) == 4
        and parts[3] == "index.html"
        and config.department(parts[0]) is not None
        and config.column(parts[1]) is not None
        and parts[2] != "page"
    )


def audit_entries(
    previous: dict[str, dict],
    current: dict[str, dict],
    pages: list[Page],
    as_of: dt.date,
    config: SiteConfig,
) -> list[dict]:
    """Compare two manifests' article pages; one entry per published, changed or withdrawn item."""
    by_file = {f"{page.url}index.html": page for page in pages}
    stamp = now(config).isoformat(timespec="seconds")
    entries = []
    for path in sorted(set(previous) | set(current)):
        if not is_article(path, config):
            continue
        before, after = previous.get(path), current.get(path)
        if before is None and after is not None:
            action = "published"
        elif after is None and before is not None:
            action = "withdrawn"
        elif before != after:
            action = "changed"
        else:
            continue
        entry = {"at": stamp, "as_of": as_of.isoformat(), "action": action, "file": path}
        page = by_file.get(path)
        if page is not None and page.meta is not None:
            review = page.meta.review
            entry |= {
                "source": page.path,
                "title": page.meta.title,
                "approver": review.approver,
                "approver_role": review.approver_role,
                "approved": review.approved.isoformat() if review.approved else None,
            }
        entries.append(entry)
    return entries


def now(config: SiteConfig) -> dt.datetime:
    """The time of the entry in the site's time zone, with its offset
    (``2026-03-02T09:30:00+08:00``): a web office reads its log in local time. The log is
    kept outside the output, so the published files never depend on the clock."""
    return dt.datetime.now(ZoneInfo(config.site.timezone))


def append(root: Path, entries: list[dict]) -> None:
    if not entries:
        return
    log = root / AUDIT_LOG
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("a", encoding="utf-8") as stream:
        for entry in entries:
            stream.write(json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n")


def read_manifest(out: Path) -> dict[str, dict]:
    try:
        return json.loads((out / "manifest.json").read_text("utf-8")).get("files", {})
    except (OSError, ValueError):
        return {}
