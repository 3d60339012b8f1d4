"""Key files on disk: private permissions, crash-safe replacement, passphrase changes."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from workstation.core.files import atomic
from workstation.core.signing import (
    KdfParams,
    KeyFormatError,
    SecretKey,
    WrongPassphrase,
    change_passphrase,
    load_public_key,
    load_secret_key,
    save_public_key,
    save_secret_key,
    secret_key_file_is_encrypted,
    secret_key_file_kdf,
    write_file_atomically,
)

FAST_KDF = KdfParams(opslimit=32_768, memlimit=16_777_216)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """Run with a umask that would leave files world-writable, to prove we set modes ourselves."""
    previous = os.umask(0)
    yield
    os.umask(previous)


def test_secret_key_file_is_private(tmp_path: Path, fixed_key: SecretKey, open_umask: None) -> None:
    path = tmp_path / "writer.key"
    save_secret_key(path, fixed_key, passphrase="pw", kdf=FAST_KDF)
    assert _mode(path) == 0o600
    save_secret_key(path, fixed_key, unencrypted=True)
    assert _mode(path) == 0o600


def test_public_key_file_is_readable(tmp_path: Path, fixed_key: SecretKey, open_umask: None) -> None:
    path = tmp_path / "writer.pub"
    save_public_key(path, fixed_key.public_key)
    assert _mode(path) == 0o644
    assert load_public_key(path) == fixed_key.public_key


def test_save_and_load_encrypted_and_unencrypted(tmp_path: Path, fixed_key: SecretKey) -> None:
    encrypted, plain = tmp_path / "e.key", tmp_path / "p.key"
    save_secret_key(encrypted, fixed_key, passphrase="pw", kdf=FAST_KDF)
    save_secret_key(plain, fixed_key, unencrypted=True)
    assert secret_key_file_is_encrypted(encrypted)
    assert not secret_key_file_is_encrypted(plain)
    assert load_secret_key(encrypted, "pw") == fixed_key
    assert load_secret_key(plain) == fixed_key


def test_atomic_write_leaves_no_temporary_files(tmp_path: Path) -> None:
    target = tmp_path / "file"
    write_file_atomically(target, b"one", mode=0o600)
    write_file_atomically(target, b"two", mode=0o600)
    assert target.read_bytes() == b"two"
    assert [entry.name for entry in tmp_path.iterdir()] == ["file"]


def test_failed_rename_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "writer.key"
    target.write_bytes(b"old key")

    def failing_replace(source: str, destination: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(atomic.os, "replace", failing_replace)
    with pytest.raises(OSError, match="disk full"):
        write_file_atomically(target, b"new key", mode=0o600)
    assert target.read_bytes() == b"old key"
    assert [entry.name for entry in tmp_path.iterdir()] == ["writer.key"]


def test_change_passphrase(tmp_path: Path, fixed_key: SecretKey) -> None:
    path = tmp_path / "writer.key"
    save_secret_key(path, fixed_key, passphrase="old", kdf=FAST_KDF)
    change_passphrase(path, old_passphrase="old", new_passphrase="new", kdf=FAST_KDF)
    assert load_secret_key(path, "new") == fixed_key
    with pytest.raises(WrongPassphrase):
        load_secret_key(path, "old")
    assert _mode(path) == 0o600


def test_wrong_old_passphrase_changes_nothing(tmp_path: Path, fixed_key: SecretKey) -> None:
    path = tmp_path / "writer.key"
    save_secret_key(path, fixed_key, passphrase="old", kdf=FAST_KDF)
    before = path.read_bytes()
    before_stat = path.stat()
    with pytest.raises(WrongPassphrase):
        change_passphrase(path, old_passphrase="guess", new_passphrase="new", kdf=FAST_KDF)
    assert path.read_bytes() == before
    assert path.stat().st_ino == before_stat.st_ino
    assert [entry.name for entry in tmp_path.iterdir()] == ["writer.key"]


def test_remove_and_restore_encryption(tmp_path: Path, fixed_key: SecretKey) -> None:
    path = tmp_path / "writer.key"
    save_secret_key(path, fixed_key, passphrase="old", kdf=FAST_KDF)
    change_passphrase(path, old_passphrase="old", unencrypted=True)
    assert not secret_key_file_is_encrypted(path)
    assert "unencrypted" in path.read_text().splitlines()[0]
    change_passphrase(path, old_passphrase=None, new_passphrase="again", kdf=FAST_KDF)
    assert secret_key_file_is_encrypted(path)
    assert path.read_text().startswith("untrusted comment: minisign encrypted secret key\n")
    assert load_secret_key(path, "again") == fixed_key


def test_custom_comment_survives_a_passphrase_change(tmp_path: Path, fixed_key: SecretKey) -> None:
    path = tmp_path / "writer.key"
    save_secret_key(path, fixed_key, passphrase="old", kdf=FAST_KDF, comment="Ada's laptop key")
    change_passphrase(path, old_passphrase="old", new_passphrase="new", kdf=FAST_KDF)
    assert path.read_text().startswith("untrusted comment: Ada's laptop key\n")


def test_oversized_or_binary_files_are_not_keys(tmp_path: Path) -> None:
    big, binary = tmp_path / "big.key", tmp_path / "binary.key"
    big.write_bytes(b"x" * 100_000)
    binary.write_bytes(b"\xff\xfe\x00")
    for path in (big, binary):
        with pytest.raises(KeyFormatError):
            load_secret_key(path, "pw")
        with pytest.raises(KeyFormatError):
            load_public_key(path)


def test_the_key_files_scrypt_limits_are_readable_without_the_passphrase(
    tmp_path: Path, fixed_key: SecretKey
) -> None:
    save_secret_key(tmp_path / "enc.key", fixed_key, passphrase="pw", kdf=FAST_KDF)
    save_secret_key(tmp_path / "clear.key", fixed_key, unencrypted=True)
    assert secret_key_file_kdf(tmp_path / "enc.key") == FAST_KDF
    assert secret_key_file_kdf(tmp_path / "clear.key") is None
    (tmp_path / "junk.key").write_text("not a key\n")
    with pytest.raises(KeyFormatError):
        secret_key_file_kdf(tmp_path / "junk.key")
