"""The writer's identity in the data dir: create, unlock, import, export, change passphrase, faults."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from tests.minisign_tool import make_unencrypted_keypair, needs_minisign
from workstation.core.signing import (
    INTERACTIVE_KDF,
    KeyFormatError,
    PassphraseRequired,
    SecretKey,
    WrongPassphrase,
    load_public_key,
    save_secret_key,
    secret_key_file_is_encrypted,
    sign_minisig,
    verify_minisig,
)
from workstation.core.signing import identity as identity_module
from workstation.core.signing.identity import (
    IdentityDamaged,
    IdentityExists,
    NoIdentity,
    change_identity_passphrase,
    export_public_key,
    identity_dir,
    import_identity,
    init_identity,
    known_writer_keys,
    load_identity,
    unlock,
)

KDF = INTERACTIVE_KDF
NAME = "Ada Writer"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_no_identity_yet(data_dir: Path) -> None:
    assert load_identity(data_dir) is None
    assert known_writer_keys(data_dir) == {}
    with pytest.raises(NoIdentity):
        unlock(data_dir, "x")


def test_init_writes_private_encrypted_key_and_public_info(data_dir: Path) -> None:
    created = init_identity(data_dir, NAME, "correct horse", kdf=KDF)
    folder = identity_dir(data_dir)
    assert sorted(p.name for p in folder.iterdir()) == ["identity.json", "writer.key", "writer.pub"]
    assert _mode(folder / "writer.key") == 0o600
    assert _mode(folder) == 0o700
    assert secret_key_file_is_encrypted(folder / "writer.key")
    info = json.loads((folder / "identity.json").read_text(encoding="utf-8"))
    assert info["name"] == NAME and info["fingerprint"] == created.fingerprint
    assert info["key_id"] == created.key_id and info["created_at"].endswith("Z")
    loaded = load_identity(data_dir)
    assert loaded == created
    assert loaded is not None and loaded.encrypted and len(loaded.fingerprint) == 64
    assert load_public_key(folder / "writer.pub") == created.public_key
    key = unlock(data_dir, "correct horse")
    assert key.public_key.fingerprint == created.fingerprint
    assert not [p for p in data_dir.iterdir() if p.name.startswith(".identity")]  # no staging left


def test_wrong_or_missing_passphrase_says_so_and_changes_nothing(data_dir: Path) -> None:
    init_identity(data_dir, NAME, "right", kdf=KDF)
    key_file = identity_dir(data_dir) / "writer.key"
    before = key_file.read_bytes()
    with pytest.raises(WrongPassphrase, match="wrong passphrase"):
        unlock(data_dir, "wrong")
    with pytest.raises(PassphraseRequired):
        unlock(data_dir, None)
    with pytest.raises(WrongPassphrase):
        change_identity_passphrase(data_dir, "wrong", "new", kdf=KDF)
    assert key_file.read_bytes() == before


def test_unencrypted_only_when_asked(data_dir: Path) -> None:
    with pytest.raises(PassphraseRequired):
        init_identity(data_dir, NAME, None, kdf=KDF)
    with pytest.raises(PassphraseRequired):
        init_identity(data_dir, NAME, "", kdf=KDF)
    with pytest.raises(ValueError, match="not both"):
        init_identity(data_dir, NAME, "x", unencrypted=True)
    assert load_identity(data_dir) is None
    created = init_identity(data_dir, NAME, None, unencrypted=True)
    assert not created.encrypted
    assert _mode(created.secret_key_path) == 0o600
    assert unlock(data_dir, None).public_key == created.public_key
    assert unlock(data_dir, "ignored for a clear key").public_key == created.public_key


@pytest.mark.parametrize("name", ["", " padded ", "two\nlines", "rtl\u202eevil", "x" * 129])
def test_bad_writer_names_are_refused(data_dir: Path, name: str) -> None:
    with pytest.raises(ValueError):
        init_identity(data_dir, name, "pw", kdf=KDF)
    assert load_identity(data_dir) is None


def test_existing_identity_is_never_overwritten_without_force(data_dir: Path) -> None:
    first = init_identity(data_dir, NAME, "one", kdf=KDF)
    with pytest.raises(IdentityExists):
        init_identity(data_dir, NAME, "two", kdf=KDF)
    assert load_identity(data_dir) == first
    second = init_identity(data_dir, NAME, "two", kdf=KDF, force=True)
    assert second.fingerprint != first.fingerprint
    kept = [p for p in data_dir.iterdir() if p.name.startswith("identity.replaced-")]
    assert len(kept) == 1
    old_key = SecretKey.from_file_text((kept[0] / "writer.key").read_text(), "one")
    assert old_key.public_key.fingerprint == first.fingerprint
    assert known_writer_keys(data_dir) == {NAME: frozenset({first.fingerprint, second.fingerprint})}


def test_a_crash_while_installing_leaves_no_half_identity(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing_rename(src: object, dst: object) -> None:
        raise OSError("disk pulled out")

    monkeypatch.setattr(identity_module.os, "rename", failing_rename)
    with pytest.raises(OSError, match="disk pulled out"):
        init_identity(data_dir, NAME, "pw", kdf=KDF)
    monkeypatch.undo()
    assert load_identity(data_dir) is None
    assert list(data_dir.iterdir()) == []
    assert init_identity(data_dir, NAME, "pw", kdf=KDF).name == NAME


def test_damaged_identity_is_reported(data_dir: Path) -> None:
    init_identity(data_dir, NAME, "pw", kdf=KDF)
    folder = identity_dir(data_dir)
    info = json.loads((folder / "identity.json").read_text())
    info["fingerprint"] = "0" * 64
    (folder / "identity.json").write_text(json.dumps(info))
    with pytest.raises(IdentityDamaged, match="another key"):
        load_identity(data_dir)
    (folder / "writer.pub").unlink()
    with pytest.raises(IdentityDamaged):
        load_identity(data_dir)
    assert known_writer_keys(data_dir) == {}


def test_swapped_secret_key_is_caught_on_unlock(data_dir: Path) -> None:
    init_identity(data_dir, NAME, "pw", kdf=KDF)
    save_secret_key(identity_dir(data_dir) / "writer.key", SecretKey.generate(), passphrase="pw", kdf=KDF)
    with pytest.raises(IdentityDamaged, match="does not hold the key"):
        unlock(data_dir, "pw")


def test_change_passphrase(data_dir: Path) -> None:
    created = init_identity(data_dir, NAME, "old", kdf=KDF)
    changed = change_identity_passphrase(data_dir, "old", "new", kdf=KDF)
    assert changed.fingerprint == created.fingerprint and changed.encrypted
    with pytest.raises(WrongPassphrase):
        unlock(data_dir, "old")
    assert unlock(data_dir, "new").public_key == created.public_key
    assert _mode(created.secret_key_path) == 0o600
    clear = change_identity_passphrase(data_dir, "new", None, unencrypted=True)
    assert not clear.encrypted
    again = change_identity_passphrase(data_dir, None, "third", kdf=KDF)
    assert again.encrypted and unlock(data_dir, "third").public_key == created.public_key
    with pytest.raises(PassphraseRequired):
        change_identity_passphrase(data_dir, "third", "", kdf=KDF)


def test_export_public_key(data_dir: Path, tmp_path: Path) -> None:
    created = init_identity(data_dir, NAME, "pw", kdf=KDF)
    out = tmp_path / "ada.pub"
    assert export_public_key(data_dir, out) == created.public_key
    assert load_public_key(out) == created.public_key
    assert out.read_text().startswith("untrusted comment: ")


def test_import_encrypted_key_keeps_it_as_is(data_dir: Path, tmp_path: Path) -> None:
    key = SecretKey.generate()
    source = tmp_path / "mine.key"
    save_secret_key(source, key, passphrase="theirs", kdf=KDF)
    with pytest.raises(WrongPassphrase):
        import_identity(data_dir, source, NAME, "nope")
    with pytest.raises(PassphraseRequired):
        import_identity(data_dir, source, NAME, None)
    assert load_identity(data_dir) is None
    imported = import_identity(data_dir, source, NAME, "theirs")
    assert imported.fingerprint == key.public_key.fingerprint and imported.encrypted
    assert imported.secret_key_path.read_bytes() == source.read_bytes()
    assert _mode(imported.secret_key_path) == 0o600
    assert unlock(data_dir, "theirs").seed == key.seed


def test_import_clear_key_is_encrypted_unless_asked(data_dir: Path, tmp_path: Path) -> None:
    key = SecretKey.generate()
    source = tmp_path / "clear.key"
    save_secret_key(source, key, unencrypted=True)
    with pytest.raises(PassphraseRequired):
        import_identity(data_dir, source, NAME, None)
    imported = import_identity(data_dir, source, NAME, "fresh", kdf=KDF)
    assert imported.encrypted and unlock(data_dir, "fresh").seed == key.seed
    other = data_dir / "other"
    kept_clear = import_identity(other, source, NAME, None, unencrypted=True)
    assert not kept_clear.encrypted and unlock(other, None).seed == key.seed


@pytest.mark.parametrize(
    "content", [b"", b"not a key\n", b"untrusted comment: x\nAAAA\n", b"\xff\xfe" * 10, b"a" * 70_000]
)
def test_import_rejects_files_that_are_not_keys(data_dir: Path, tmp_path: Path, content: bytes) -> None:
    source = tmp_path / "bad.key"
    source.write_bytes(content)
    with pytest.raises(KeyFormatError):
        import_identity(data_dir, source, NAME, "pw")
    assert load_identity(data_dir) is None


@needs_minisign
def test_import_a_real_minisign_key_and_sign_with_it(data_dir: Path, tmp_path: Path) -> None:
    make_unencrypted_keypair(tmp_path)
    imported = import_identity(data_dir, tmp_path / "m.key", NAME, None, unencrypted=True)
    assert imported.public_key == load_public_key(tmp_path / "m.pub")
    key = unlock(data_dir, None)
    signature = sign_minisig(b"hello", key, trusted_comment="t")
    assert verify_minisig(b"hello", signature, imported.public_key) == "t"


def test_umask_cannot_widen_the_key_file(data_dir: Path) -> None:
    previous = os.umask(0)
    try:
        created = init_identity(data_dir, NAME, "pw", kdf=KDF)
    finally:
        os.umask(previous)
    assert _mode(created.secret_key_path) == 0o600
    assert _mode(created.directory) == 0o700
