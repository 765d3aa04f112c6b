"""Signed manifests end to end: keygen → build --sign-key → verify --public-key. Keys are
generated in tmp for each test; none lives in the repository."""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path

import pytest

from tests.conftest import item

NEWS = "content/edu/news/a.md"
AS_OF = "2026-11-26"


@pytest.fixture
def keys(cli, tmp_path) -> tuple[Path, Path]:
    private = tmp_path / "keys" / "portal.pem"
    result = cli("keygen", private)
    assert result.code == 0, result.err
    public = private.with_name("portal.pem.pub")
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert b"PRIVATE KEY" in private.read_bytes() and b"PUBLIC KEY" in public.read_bytes()
    return private, public


def signed_build(cli, make_site, private: Path) -> Path:
    root = make_site({NEWS: item()})
    result = cli("build", "--site", root, "--as-of", AS_OF, "--sign-key", private)
    assert result.code == 0, result.err
    assert (root / "public/manifest.json.sig").stat().st_size == 64
    return root


def test_signed_manifest_verifies(cli, make_site, keys):
    private, public = keys
    root = signed_build(cli, make_site, private)
    result = cli("verify", root / "public", "--site", root, "--public-key", public)
    assert result.code == 0, result.out
    assert "签名有效" in result.out
    document = json.loads(
        cli(
            "verify", root / "public", "--site", root, "--public-key", public, "--format", "json"
        ).out
    )
    assert document["intact"] is True and document["signature"] == "valid"


def test_a_tampered_manifest_is_caught(cli, make_site, keys):
    """An attacker who changes a page and rewrites the manifest to match is caught."""
    private, public = keys
    root = signed_build(cli, make_site, private)
    out = root / "public"
    page = out / "edu/news/a/index.html"
    page.write_text(page.read_text("utf-8").replace("正文第一段", "被篡改的正文"), "utf-8")
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    data = page.read_bytes()
    manifest["files"]["edu/news/a/index.html"] = {
        "sha256": hashlib.sha256(data).hexdigest(),
        "size": len(data),
    }
    (out / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    unsigned = cli("verify", out, "--site", root)
    assert unsigned.code == 0  # without the key the rewritten manifest looks fine …
    result = cli("verify", out, "--site", root, "--public-key", public)
    assert result.code == 1  # … with it, it is caught
    assert "签名无效" in result.out


def test_missing_signature_and_wrong_key(cli, make_site, keys, tmp_path):
    private, public = keys
    root = signed_build(cli, make_site, private)
    other = tmp_path / "other.pem"
    assert cli("keygen", other).code == 0
    wrong = cli("verify", root / "public", "--site", root, "--public-key", f"{other}.pub")
    assert wrong.code == 1
    (root / "public/manifest.json.sig").unlink()
    missing = cli("verify", root / "public", "--site", root, "--public-key", public)
    assert missing.code == 1 and "签名" in missing.out


def test_signing_key_from_the_environment(cli, make_site, keys, monkeypatch):
    private, public = keys
    monkeypatch.setenv("GOVSITE_SIGN_KEY", str(private))
    root = make_site({NEWS: item()})
    assert cli("build", "--site", root, "--as-of", AS_OF).code == 0
    assert cli("verify", root / "public", "--site", root, "--public-key", public).code == 0


def test_a_private_key_inside_the_site_is_refused(cli, make_site, keys):
    private, _ = keys
    root = make_site({NEWS: item()})
    inside = root / "signing.pem"
    inside.write_bytes(private.read_bytes())
    result = cli("build", "--site", root, "--as-of", AS_OF, "--sign-key", inside)
    assert result.code == 2 and "站点目录" in result.err
    assert not (root / "public").exists()
    assert cli("keygen", root / "new.pem", "--site", root).code == 2
    assert not (root / "new.pem").exists()


def test_bad_keys_are_usage_errors(cli, make_site, tmp_path, keys):
    _, public = keys
    root = make_site({NEWS: item()})
    junk = tmp_path / "junk.pem"
    junk.write_text("not a key", encoding="utf-8")
    for key in (junk, tmp_path / "missing.pem", public):  # a public key cannot sign
        result = cli("build", "--site", root, "--as-of", AS_OF, "--sign-key", key)
        assert result.code == 2 and "Traceback" not in result.err
    assert cli("build", "--site", root, "--as-of", AS_OF).code == 0
    result = cli("verify", root / "public", "--site", root, "--public-key", junk)
    assert result.code == 2 and "Traceback" not in result.err


def test_keygen_never_overwrites(cli, keys):
    private, _ = keys
    before = private.read_bytes()
    assert cli("keygen", private).code == 2
    assert private.read_bytes() == before
    assert not os.access(private.with_suffix(".tmp"), os.F_OK)


def test_a_forged_manifest_is_never_read(cli, make_site, keys):
    """With a key, a manifest whose signature fails is tampering (1), even if it is garbage."""
    private, public = keys
    root = signed_build(cli, make_site, private)
    (root / "public/manifest.json").write_text("[" * 100, encoding="utf-8")
    result = cli("verify", root / "public", "--site", root, "--public-key", public)
    assert result.code == 1 and "签名无效" in result.out
    result = cli(
        "verify", root / "public", "--site", root, "--public-key", public, "--format", "json"
    )
    document = json.loads(result.out)
    assert document["intact"] is False and document["signature"] == "invalid"
