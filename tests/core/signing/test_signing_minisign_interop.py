"""Interoperability with Debian's real ``minisign``, both ways.

Skipped when ``minisign`` is not on PATH (``apt-get install minisign``). The encrypted-key tests use
minisign's own scrypt limits (1 GiB, a few seconds each), so that key is made once per module.
"""

from __future__ import annotations

import base64
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.minisign_tool import needs_minisign, run_minisign
from workstation.core.signing import (
    KdfParams,
    SecretKey,
    load_public_key,
    load_secret_key,
    save_public_key,
    save_secret_key,
    sign_minisig,
    verify_minisig,
)

pytestmark = needs_minisign

FAST_KDF = KdfParams(opslimit=32_768, memlimit=16_777_216)
MESSAGE = b"The rewrite, in plain words.\n"
PASSPHRASE = "interop passphrase"


@dataclass(frozen=True)
class RealKey:
    public: Path
    secret: Path
    signed_file: Path
    signature: Path
    ours: SecretKey


@pytest.fixture(scope="module")
def real_unencrypted_key(tmp_path_factory: pytest.TempPathFactory) -> RealKey:
    folder = tmp_path_factory.mktemp("minisign-plain")
    public, secret = folder / "writer.pub", folder / "writer.key"
    result = run_minisign("-G", "-W", "-p", str(public), "-s", str(secret))
    assert result.returncode == 0, result.stderr
    message = folder / "message.txt"
    message.write_bytes(MESSAGE)
    result = run_minisign("-S", "-s", str(secret), "-m", str(message), "-t", "signed by minisign")
    assert result.returncode == 0, result.stderr
    return RealKey(public, secret, message, folder / "message.txt.minisig", load_secret_key(secret))


@pytest.fixture(scope="module")
def real_encrypted_key(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RealKey]:
    """A key made by ``minisign -G`` with a passphrase on stdin, and a file it signed.

    minisign signs in a child process while we decrypt the same key, to halve the wall time.
    """
    folder = tmp_path_factory.mktemp("minisign-encrypted")
    public, secret = folder / "writer.pub", folder / "writer.key"
    result = run_minisign("-G", "-p", str(public), "-s", str(secret), stdin=f"{PASSPHRASE}\n{PASSPHRASE}\n")
    assert result.returncode == 0, result.stderr
    message = folder / "message.txt"
    message.write_bytes(MESSAGE)
    signer = subprocess.Popen(
        ["minisign", "-S", "-s", str(secret), "-m", str(message), "-t", "signed by minisign"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert signer.stdin is not None
        signer.stdin.write(PASSPHRASE + "\n")
        signer.stdin.close()
        ours = load_secret_key(secret, PASSPHRASE)
        assert signer.wait(timeout=60) == 0
    finally:
        if signer.poll() is None:
            signer.kill()
            signer.wait()
    yield RealKey(public, secret, message, folder / "message.txt.minisig", ours)


def test_minisign_verifies_our_prehashed_signature(tmp_path: Path, fixed_key: SecretKey) -> None:
    message = tmp_path / "manifest.json"
    message.write_bytes(MESSAGE)
    save_public_key(tmp_path / "writer.pub", fixed_key.public_key)
    signature = sign_minisig(MESSAGE, fixed_key, trusted_comment="bundle_id:sha256:00")
    (tmp_path / "manifest.json.minisig").write_text(signature.to_text())
    result = run_minisign("-Vm", "manifest.json", "-p", "writer.pub", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Trusted comment: bundle_id:sha256:00" in result.stdout
    # -H demands the prehashed form: ours is.
    assert run_minisign("-V", "-H", "-m", "manifest.json", "-p", "writer.pub", cwd=tmp_path).returncode == 0


def test_minisign_accepts_our_inline_public_key_and_legacy_signature(
    tmp_path: Path, fixed_key: SecretKey
) -> None:
    message = tmp_path / "data.bin"
    message.write_bytes(MESSAGE)
    signature = sign_minisig(MESSAGE, fixed_key, trusted_comment="legacy", prehashed=False)
    (tmp_path / "data.bin.minisig").write_text(signature.to_text())
    result = run_minisign("-Vm", str(message), "-P", fixed_key.public_key.to_base64())
    assert result.returncode == 0, result.stderr


def test_minisign_rejects_our_signature_over_other_bytes(tmp_path: Path, fixed_key: SecretKey) -> None:
    message = tmp_path / "data.bin"
    message.write_bytes(MESSAGE + b"tampered")
    (tmp_path / "data.bin.minisig").write_text(
        sign_minisig(MESSAGE, fixed_key, trusted_comment="c").to_text()
    )
    assert run_minisign("-Vm", str(message), "-P", fixed_key.public_key.to_base64()).returncode != 0


def test_we_verify_minisigns_signature_from_unencrypted_key(real_unencrypted_key: RealKey) -> None:
    public = load_public_key(real_unencrypted_key.public)
    text = real_unencrypted_key.signature.read_text()
    assert base64.b64decode(text.splitlines()[1])[:2] == b"ED"  # prehashed, minisign's default
    assert verify_minisig(MESSAGE, text, public) == "signed by minisign"


def test_we_verify_minisigns_legacy_signature(real_unencrypted_key: RealKey, tmp_path: Path) -> None:
    message = tmp_path / "legacy.txt"
    message.write_bytes(MESSAGE)
    result = run_minisign(
        "-S", "-l", "-s", str(real_unencrypted_key.secret), "-m", str(message), "-t", "legacy"
    )
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "legacy.txt.minisig").read_text()
    assert verify_minisig(MESSAGE, text, load_public_key(real_unencrypted_key.public)) == "legacy"


def test_imported_unencrypted_key_matches_and_signs_forrun_minisign(
    real_unencrypted_key: RealKey, tmp_path: Path
) -> None:
    ours = real_unencrypted_key.ours
    assert ours.public_key == load_public_key(real_unencrypted_key.public)
    message = tmp_path / "ours.txt"
    message.write_bytes(b"signed by us with an imported key\n")
    signature = sign_minisig(message.read_bytes(), ours, trusted_comment="imported")
    (tmp_path / "ours.txt.minisig").write_text(signature.to_text())
    result = run_minisign("-Vm", str(message), "-p", str(real_unencrypted_key.public))
    assert result.returncode == 0, result.stderr


def test_we_verify_minisigns_signature_from_encrypted_key(real_encrypted_key: RealKey) -> None:
    text = real_encrypted_key.signature.read_text()
    assert verify_minisig(MESSAGE, text, load_public_key(real_encrypted_key.public)) == "signed by minisign"


def test_imported_encrypted_key_matches_and_signs_forrun_minisign(
    real_encrypted_key: RealKey, tmp_path: Path
) -> None:
    ours = real_encrypted_key.ours
    assert ours.public_key == load_public_key(real_encrypted_key.public)
    message = tmp_path / "ours.txt"
    message.write_bytes(b"signed by us with an imported encrypted key\n")
    (tmp_path / "ours.txt.minisig").write_text(
        sign_minisig(message.read_bytes(), ours, trusted_comment="imported").to_text()
    )
    result = run_minisign("-Vm", str(message), "-p", str(real_encrypted_key.public))
    assert result.returncode == 0, result.stderr


def test_minisign_signs_with_our_encrypted_key(tmp_path: Path, fixed_key: SecretKey) -> None:
    """Our scrypt format (with limits read from the file) decrypts in minisign."""
    save_secret_key(tmp_path / "ours.key", fixed_key, passphrase=PASSPHRASE, kdf=FAST_KDF)
    save_public_key(tmp_path / "ours.pub", fixed_key.public_key)
    message = tmp_path / "m.txt"
    message.write_bytes(MESSAGE)
    result = run_minisign("-S", "-s", str(tmp_path / "ours.key"), "-m", str(message), stdin=PASSPHRASE + "\n")
    assert result.returncode == 0, result.stderr
    assert verify_minisig(MESSAGE, (tmp_path / "m.txt.minisig").read_text(), fixed_key.public_key)
    wrong = run_minisign("-S", "-s", str(tmp_path / "ours.key"), "-m", str(message), stdin="nope\n")
    assert wrong.returncode != 0 and "Wrong password" in wrong.stderr + wrong.stdout


def test_minisign_reads_our_unencrypted_key(tmp_path: Path, fixed_key: SecretKey) -> None:
    save_secret_key(tmp_path / "ours.key", fixed_key, unencrypted=True)
    result = run_minisign("-R", "-s", str(tmp_path / "ours.key"), "-p", str(tmp_path / "recreated.pub"))
    assert result.returncode == 0, result.stderr
    assert load_public_key(tmp_path / "recreated.pub") == fixed_key.public_key
    # minisign 0.11 prints the key id without zero padding in the comment; the key line is identical.
    recreated_lines = (tmp_path / "recreated.pub").read_text().splitlines()
    assert recreated_lines[1] == fixed_key.public_key.to_base64()
