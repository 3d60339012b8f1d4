"""The writer's identity: one minisign key pair kept in the data dir, used to sign bundles.

Layout under ``<data dir>/identity/``::

    writer.key      minisign secret key, mode 0600, encrypted with a passphrase unless asked not to
    writer.pub      minisign public key (what ``minisign -V -p`` reads)
    identity.json   {"name", "fingerprint", "key_id", "public_key", "created_at", "version"}

A new identity is written into a hidden staging folder and renamed into place, so a crash leaves
either no identity or a complete one. Replacing an identity (``force=True``) never destroys the old
key: it moves to ``identity.replaced-<time>/`` so bundles it signed can still be checked.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from workstation.core.bundles.manifest import signer_name_problem
from workstation.core.clock import now_iso
from workstation.core.signing import (
    MINISIGN_DEFAULT_KDF,
    KdfParams,
    KeyFormatError,
    PassphraseRequired,
    PublicKey,
    SecretKey,
    inspect_secret_key_text,
    load_public_key,
    load_secret_key,
    save_public_key,
    save_secret_key,
    secret_key_file_is_encrypted,
    write_file_atomically,
)

# Where the CLI and the app look for the key passphrase before asking.
ENV_PASSPHRASE = "WORKSTATION_PASSPHRASE"
IDENTITY_DIR_NAME = "identity"
SECRET_KEY_FILE = "writer.key"
PUBLIC_KEY_FILE = "writer.pub"
INFO_FILE = "identity.json"
REPLACED_PREFIX = "identity.replaced-"
_STAGING_PREFIX = ".identity.new-"
_INFO_VERSION = 1
_SECRET_MODE = 0o600
_INFO_MODE = 0o644
_DIR_MODE = 0o700
_MAX_KEY_FILE_BYTES = 64 * 1024


class IdentityError(Exception):
    """Something about the writer's identity a person must be told in words."""


class IdentityExists(IdentityError):
    """An identity is already set up in this data dir and replacing it was not asked for."""


class NoIdentity(IdentityError):
    """This data dir has no writer key yet."""


class IdentityDamaged(IdentityError):
    """The identity files disagree with each other or cannot be read."""


@dataclass(frozen=True)
class Identity:
    """The public side of the writer's identity, readable without the passphrase.

    ``fingerprint`` is the hex SHA-256 of the 32-byte public key (what the app shows as the
    writer's identity); ``key_id`` is minisign's 16-hex-digit key id.
    """

    name: str
    fingerprint: str
    key_id: str
    created_at: str
    public_key: PublicKey
    encrypted: bool
    directory: Path

    @property
    def secret_key_path(self) -> Path:
        return self.directory / SECRET_KEY_FILE

    @property
    def public_key_path(self) -> Path:
        return self.directory / PUBLIC_KEY_FILE


def identity_dir(data_dir: Path) -> Path:
    """Where the writer's key files live inside ``data_dir``."""
    return Path(data_dir) / IDENTITY_DIR_NAME


def _check_name(name: str) -> str:
    problem = signer_name_problem(name)
    if problem:
        raise ValueError(problem)
    return name


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):
        descriptor = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _install(data_dir: Path, key_text: str, public_key: PublicKey, name: str, *, force: bool) -> Identity:
    """Write the three files into a staging folder, then rename it to ``identity/`` atomically."""
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    target = identity_dir(data_dir)
    if target.exists() and not force:
        raise IdentityExists(
            f"a writer key already exists in {target}; replacing it needs force (the old key is kept aside)"
        )
    staging = data_dir / f"{_STAGING_PREFIX}{os.getpid()}-{os.urandom(4).hex()}"
    staging.mkdir(mode=_DIR_MODE)
    try:
        os.chmod(staging, _DIR_MODE)
        write_file_atomically(staging / SECRET_KEY_FILE, key_text.encode("utf-8"), mode=_SECRET_MODE)
        save_public_key(staging / PUBLIC_KEY_FILE, public_key)
        info = {
            "version": _INFO_VERSION,
            "name": name,
            "fingerprint": public_key.fingerprint,
            "key_id": public_key.key_id_hex,
            "public_key": public_key.to_base64(),
            "created_at": now_iso(),
        }
        info_bytes = (json.dumps(info, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
        write_file_atomically(staging / INFO_FILE, info_bytes, mode=_INFO_MODE)
        if target.exists():
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
            os.rename(target, data_dir / f"{REPLACED_PREFIX}{stamp}")
        os.rename(staging, target)  # fails (rather than merging) if another process won the race
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _fsync_dir(data_dir)
    identity = load_identity(data_dir)
    assert identity is not None
    return identity


def _read_identity_folder(folder: Path) -> Identity:
    """Read and cross-check one identity folder; raises IdentityDamaged when the files disagree."""
    try:
        info = json.loads((folder / INFO_FILE).read_text(encoding="utf-8"))
        public_key = load_public_key(folder / PUBLIC_KEY_FILE)
        encrypted = secret_key_file_is_encrypted(folder / SECRET_KEY_FILE)
    except (OSError, ValueError, KeyFormatError) as exc:
        raise IdentityDamaged(f"the writer identity in {folder} cannot be read: {exc}") from None
    if not isinstance(info, dict) or not isinstance(info.get("name"), str):
        raise IdentityDamaged(f"{folder / INFO_FILE} is not a writer identity")
    if info.get("fingerprint") != public_key.fingerprint:
        raise IdentityDamaged(f"{folder / INFO_FILE} names another key than {folder / PUBLIC_KEY_FILE}")
    return Identity(
        name=info["name"],
        fingerprint=public_key.fingerprint,
        key_id=public_key.key_id_hex,
        created_at=str(info.get("created_at", "")),
        public_key=public_key,
        encrypted=encrypted,
        directory=folder,
    )


def load_identity(data_dir: Path) -> Identity | None:
    """The writer's identity in ``data_dir``, or None when no key has been set up yet.

    Raises IdentityDamaged when the folder exists but its files are missing or disagree.
    """
    folder = identity_dir(data_dir)
    if not folder.exists():
        return None
    return _read_identity_folder(folder)


def require_identity(data_dir: Path) -> Identity:
    """Like load_identity, but raises NoIdentity when there is none."""
    identity = load_identity(data_dir)
    if identity is None:
        raise NoIdentity(f"no writer key in {identity_dir(data_dir)} yet; create one first")
    return identity


def init_identity(
    data_dir: Path,
    name: str,
    passphrase: str | None,
    *,
    unencrypted: bool = False,
    kdf: KdfParams = MINISIGN_DEFAULT_KDF,
    force: bool = False,
) -> Identity:
    """Create a fresh key pair for writer ``name`` and keep it in ``data_dir``.

    The secret key is encrypted with ``passphrase`` (scrypt limits ``kdf``; minisign's defaults
    take about a second and 1 GiB) unless ``unencrypted=True``. Raises IdentityExists unless
    ``force``; ValueError for a bad name or a missing/contradictory passphrase choice.
    """
    _check_name(name)
    if unencrypted and passphrase is not None:
        raise ValueError("give either a passphrase or unencrypted=True, not both")
    if not unencrypted and not passphrase:
        raise PassphraseRequired("a new encrypted key needs a non-empty passphrase")
    key = SecretKey.generate()
    text = key.to_file_text(passphrase=passphrase, unencrypted=unencrypted, kdf=kdf)
    return _install(data_dir, text, key.public_key, name, force=force)


def import_identity(
    data_dir: Path,
    key_path: Path,
    name: str,
    passphrase: str | None,
    *,
    unencrypted: bool = False,
    kdf: KdfParams = MINISIGN_DEFAULT_KDF,
    force: bool = False,
) -> Identity:
    """Adopt a writer's existing minisign secret key (ours or minisign's, encrypted or not).

    An encrypted key is checked with ``passphrase`` and kept as it is (same passphrase), or
    stored decrypted when ``unencrypted=True``. A clear key is encrypted with ``passphrase``, or
    kept clear only when ``unencrypted=True``. Raises PassphraseRequired, WrongPassphrase,
    KeyFormatError, IdentityExists, or OSError when the file cannot be read.
    """
    _check_name(name)
    with open(key_path, "rb") as handle:
        raw = handle.read(_MAX_KEY_FILE_BYTES + 1)
    if len(raw) > _MAX_KEY_FILE_BYTES:
        raise KeyFormatError(f"{key_path}: too large to be a key file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise KeyFormatError(f"{key_path}: not a text key file") from None
    info = inspect_secret_key_text(text)
    if info.encrypted:
        key = SecretKey.from_file_text(text, passphrase)
        stored = key.to_file_text(unencrypted=True) if unencrypted else text
    else:
        key = SecretKey.from_file_text(text)
        if unencrypted:
            stored = key.to_file_text(unencrypted=True)
        elif passphrase:
            stored = key.to_file_text(passphrase=passphrase, kdf=kdf)
        else:
            raise PassphraseRequired(
                "this key is not encrypted; give a passphrase to encrypt it, or ask to keep it unencrypted"
            )
    return _install(data_dir, stored, key.public_key, name, force=force)


def is_encrypted_key_file(key_path: Path) -> bool:
    """Whether a secret key file needs a passphrase (so a caller knows whether to ask for one)."""
    return secret_key_file_is_encrypted(Path(key_path))


def unlock(data_dir: Path, passphrase: str | None) -> SecretKey:
    """Load the writer's secret key for signing.

    Raises NoIdentity, PassphraseRequired (encrypted key, no passphrase), WrongPassphrase (nothing
    is changed on disk) or IdentityDamaged (the key does not match the recorded identity).
    """
    identity = require_identity(data_dir)
    key = load_secret_key(identity.secret_key_path, passphrase if identity.encrypted else None)
    if key.public_key.fingerprint != identity.fingerprint:
        raise IdentityDamaged(f"{identity.secret_key_path} does not hold the key of {identity.name!r}")
    return key


def export_public_key(data_dir: Path, out: Path) -> PublicKey:
    """Write the writer's public key as a minisign ``.pub`` file at ``out`` (for reviewers, minisign)."""
    identity = require_identity(data_dir)
    save_public_key(Path(out), identity.public_key)
    return identity.public_key


def change_identity_passphrase(
    data_dir: Path,
    old_passphrase: str | None,
    new_passphrase: str | None,
    *,
    unencrypted: bool = False,
    kdf: KdfParams = MINISIGN_DEFAULT_KDF,
) -> Identity:
    """Re-encrypt the writer's key under ``new_passphrase`` (or store it clear with ``unencrypted``).

    The old passphrase is checked first; WrongPassphrase leaves the key file exactly as it was.
    """
    identity = require_identity(data_dir)
    if unencrypted and new_passphrase is not None:
        raise ValueError("give either a new passphrase or unencrypted=True, not both")
    if not unencrypted and not new_passphrase:
        raise PassphraseRequired("the new passphrase must not be empty")
    key = unlock(data_dir, old_passphrase)  # checks the passphrase and that the key is the recorded one
    save_secret_key(
        identity.secret_key_path, key, passphrase=new_passphrase, unencrypted=unencrypted, kdf=kdf
    )
    return require_identity(data_dir)


def known_identities(data_dir: Path) -> list[Identity]:
    """Every writer identity this data dir holds: its own first, then those it replaced, oldest
    first. Damaged folders are skipped (they cannot vouch for anything)."""
    folders = [identity_dir(data_dir)]
    with contextlib.suppress(OSError):
        folders += sorted(p for p in Path(data_dir).iterdir() if p.name.startswith(REPLACED_PREFIX))
    identities = []
    for folder in folders:
        if not folder.is_dir():
            continue
        try:
            identities.append(_read_identity_folder(folder))
        except IdentityDamaged:
            continue
    return identities


def known_writer_keys(data_dir: Path) -> dict[str, frozenset[str]]:
    """Writer name → key fingerprints this data dir knows: its identity and any it replaced.

    ``bundle verify`` trusts these, so a bundle in a known writer's name signed by another key is
    refused.
    """
    known: dict[str, set[str]] = {}
    for identity in known_identities(data_dir):
        known.setdefault(identity.name, set()).add(identity.fingerprint)
    return {name: frozenset(keys) for name, keys in known.items()}
