"""Signed build manifests: Ed25519 (``cryptography``), a detached signature beside
``manifest.json``.

A manifest proves what a build published only if an attacker who can change the web
server's files cannot also rewrite the manifest. ``govsite build --sign-key FILE`` (or
``GOVSITE_SIGN_KEY=FILE``) signs the exact bytes of ``manifest.json`` and writes the raw
64-byte signature to ``manifest.json.sig``; ``govsite verify DIR --public-key FILE``
checks it before trusting a single hash. The private key never lives in the site (it is
refused there) and never in the repository; ``govsite keygen`` makes a key pair.
The signature is the raw Ed25519 signature, so OpenSSL can check it too::

    openssl pkeyutl -verify -pubin -inkey portal.pub -rawin \\
        -in public/manifest.json -sigfile public/manifest.json.sig
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from govsite.safepath import UnsafePath

if TYPE_CHECKING:  # cryptography is loaded by the functions that use it: every build
    # reads this module's names, and importing it cost each run some 15 ms
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )

SIGNATURE_SUFFIX = ".sig"
KEY_ENV = "GOVSITE_SIGN_KEY"
PASSPHRASE_ENV = "GOVSITE_SIGN_PASSPHRASE"
MAX_KEY_BYTES = 64 * 1024


def signature_path(manifest: Path) -> Path:
    return manifest.with_name(manifest.name + SIGNATURE_SUFFIX)


def _read_key_file(path: Path) -> bytes:
    try:
        if not path.is_file():
            raise UnsafePath("sign.no_key", path=str(path))
        with path.open("rb") as stream:
            return stream.read(MAX_KEY_BYTES)
    except OSError as error:
        raise UnsafePath("sign.no_key", path=f"{path} ({error.strerror})") from None


def load_private_key(path: Path, site: Path) -> Ed25519PrivateKey:
    """The signing key in ``path``; refused inside the site folder (it would be committed
    and published with the content it is meant to vouch for)."""
    from cryptography.exceptions import UnsupportedAlgorithm
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    if path.resolve().is_relative_to(site.resolve()):
        raise UnsafePath("sign.key_in_site", path=str(path), site=str(site))
    data = _read_key_file(path)
    passphrase = os.environ.get(PASSPHRASE_ENV)
    try:
        key = serialization.load_pem_private_key(
            data, password=passphrase.encode() if passphrase else None
        )
    except (ValueError, TypeError, UnsupportedAlgorithm):
        raise UnsafePath("sign.bad_private_key", path=str(path)) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise UnsafePath("sign.bad_private_key", path=str(path))
    return key


def load_public_key(path: Path) -> Ed25519PublicKey:
    from cryptography.exceptions import UnsupportedAlgorithm
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    data = _read_key_file(path)
    try:
        key = serialization.load_pem_public_key(data)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        raise UnsafePath("sign.bad_public_key", path=str(path)) from None
    if not isinstance(key, Ed25519PublicKey):
        raise UnsafePath("sign.bad_public_key", path=str(path))
    return key


def sign(key: Ed25519PrivateKey, data: bytes) -> bytes:
    return key.sign(data)


def check_signature(public_key: Ed25519PublicKey, manifest: Path) -> str:
    """``"valid"``, ``"invalid"`` (tampered manifest or wrong key) or ``"missing"``."""
    from cryptography.exceptions import InvalidSignature

    if not (signature_path(manifest).is_file() and manifest.is_file()):  # a FIFO blocks
        return "missing"
    try:
        signature = signature_path(manifest).read_bytes()
        data = manifest.read_bytes()
    except OSError:
        return "missing"
    try:
        public_key.verify(signature, data)
    except InvalidSignature:
        return "invalid"
    return "valid"


def generate(private_path: Path, public_path: Path, site: Path | None = None) -> None:
    """Write a new key pair: the private key (PKCS#8 PEM, mode 0600) and the public key
    (PEM). Never overwrites a file; refuses to put the private key inside ``site``."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    if (
        site is not None
        and (site / "site.toml").is_file()
        and private_path.resolve().is_relative_to(site.resolve())
    ):
        raise UnsafePath("sign.key_in_site", path=str(private_path), site=str(site))
    for path in (private_path, public_path):
        if path.exists() or path.is_symlink():
            raise UnsafePath("sign.key_exists", path=str(path))
    key = Ed25519PrivateKey.generate()
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    private_path.parent.mkdir(parents=True, exist_ok=True)
    public_path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as stream:
        stream.write(private)
    public_path.write_bytes(public)
