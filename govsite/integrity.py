"""``govsite verify``: compare a deployed copy of the portal with a trusted build manifest.

Hacked government pages are usually changed on the web server, not in the repository
(Art. 34, 39): the manifest every build writes (SHA-256 and size of each published
file) lets the web office find added, changed and missing files on the server.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from govsite.output import MANIFEST
from govsite.safepath import is_regular
from govsite.signing import SIGNATURE_SUFFIX

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
MAX_MANIFEST_BYTES = 256 * 1024 * 1024


class ManifestError(Exception):
    """The manifest cannot be read (exit 2): a message key of the catalogue and its
    parameters, so the command says why in the run's language."""

    def __init__(self, key: str, **params: object):
        super().__init__(key)
        self.key = key
        self.params = params


@dataclass
class Verification:
    manifest: Path
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    signature_problem: str | None = None  # "invalid" or "missing" when a key was given

    @property
    def intact(self) -> bool:
        return not (self.added or self.changed or self.missing or self.signature_problem)


def load_manifest(path: Path) -> dict[str, dict]:
    """The ``files`` table of a govsite manifest, every entry checked for shape: a
    relative path → ``{"sha256": 64 hex digits, "size": a non-negative integer}``."""
    if path.exists() and not path.is_file():  # a folder; a FIFO would block the read
        raise ManifestError("verify.manifest_not_file", path=path)
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_MANIFEST_BYTES + 1)
        if len(raw) > MAX_MANIFEST_BYTES:
            raise ValueError
        document = json.loads(raw.decode("utf-8"))
    except FileNotFoundError:
        raise ManifestError("verify.manifest_missing", path=path) from None
    except OSError as error:
        raise ManifestError(
            "verify.manifest_unreadable", path=path, reason=error.strerror
        ) from None
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise ManifestError("verify.manifest_foreign", path=path) from None
    files = document.get("files") if isinstance(document, dict) else None
    if not isinstance(files, dict):
        raise ManifestError("verify.manifest_foreign", path=path)
    for name, entry in files.items():
        if not _good_entry(name, entry):
            raise ManifestError("verify.manifest_bad_entry", path=path, name=name[:80])
    return files


def _good_entry(name: str, entry: object) -> bool:
    parts = PurePosixPath(name).parts
    return (
        bool(parts)
        and not PurePosixPath(name).is_absolute()
        and ".." not in parts
        and isinstance(entry, dict)
        and isinstance(entry.get("sha256"), str)
        and bool(_SHA256.match(entry["sha256"]))
        and isinstance(entry.get("size"), int)
        and not isinstance(entry.get("size"), bool)
        and entry["size"] >= 0
    )


def verify(deployed: Path, manifest_path: Path) -> Verification:
    """Every file under ``deployed`` against the manifest (the manifest itself excluded)."""
    expected = load_manifest(manifest_path)
    result = Verification(manifest_path)
    present: set[str] = set()
    for path in sorted(deployed.rglob("*")):
        if path.is_dir() and not path.is_symlink():
            continue
        rel = path.relative_to(deployed).as_posix()
        if rel in (MANIFEST, MANIFEST + SIGNATURE_SUFFIX):
            continue
        present.add(rel)
        entry = expected.get(rel)
        if entry is None:
            result.added.append(rel)
            continue
        if not is_regular(path):  # a link or a FIFO where a published file was: never read
            result.changed.append(rel)
            continue
        data = path.read_bytes()
        if len(data) != entry.get("size") or hashlib.sha256(data).hexdigest() != entry.get(
            "sha256"
        ):
            result.changed.append(rel)
    result.missing = sorted(set(expected) - present)
    return result
