"""``govsite verify``: compare a deployed copy of the portal with a trusted build manifest.

Hacked government pages are usually changed on the web server, not in the repository
(Art. 34, 39): the manifest every build writes (SHA-256 and size of each published
file) lets the web office find added, changed and missing files on the server.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from govsite.output import MANIFEST


class ManifestError(Exception):
    """The manifest cannot be read (exit 2)."""


@dataclass
class Verification:
    manifest: Path
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not (self.added or self.changed or self.missing)


def load_manifest(path: Path) -> dict[str, dict]:
    try:
        document = json.loads(path.read_text("utf-8"))
        files = document["files"]
        if not isinstance(files, dict):
            raise TypeError
        return files
    except FileNotFoundError:
        raise ManifestError(str(path)) from None
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise ManifestError(f"{path}: not a govsite manifest") from None


def verify(deployed: Path, manifest_path: Path) -> Verification:
    """Every file under ``deployed`` against the manifest (the manifest itself excluded)."""
    expected = load_manifest(manifest_path)
    result = Verification(manifest_path)
    present: set[str] = set()
    for path in sorted(deployed.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(deployed).as_posix()
        if rel == MANIFEST:
            continue
        present.add(rel)
        entry = expected.get(rel)
        if entry is None:
            result.added.append(rel)
            continue
        data = path.read_bytes()
        if len(data) != entry.get("size") or hashlib.sha256(data).hexdigest() != entry.get(
            "sha256"
        ):
            result.changed.append(rel)
    result.missing = sorted(set(expected) - present)
    return result
