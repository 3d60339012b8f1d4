"""A bundle's manifest signature is a real minisign signature, and real minisign signatures work in bundles.

The untrusted comment line of a ``.minisig`` is covered by no signature, so a bundle is accepted
whatever one-line comment it carries (stock ``minisign -S`` writes its own) and keeps its id; the
signature, the trusted comment and the global signature are still checked. Tests that run the
real tool are skipped when ``minisign`` is not on PATH (``apt-get install minisign``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.minisign_tool import needs_minisign, run_minisign
from workstation.core.bundles import BundleRejected, RejectReason, SealedBundle, SignerTrust, open_bundle
from workstation.core.bundles.canonical_json import canonical_json_bytes
from workstation.core.bundles.spec import bundle_id_for, trusted_comment_for
from workstation.core.signing import load_public_key, save_public_key, save_secret_key

MINISIGN_DEFAULT_COMMENT = b"untrusted comment: signature from minisign secret key\n"


def _with_signature(kit: Any, sealed: SealedBundle, signature: bytes) -> bytes:
    members = kit.members(sealed.data)
    return kit.build_zip(
        kit.standard_members(members["manifest.json"], signature, members["records/rewrites.jsonl"])
    )


def _with_untrusted_comment(signature: bytes, comment: bytes) -> bytes:
    return b"untrusted comment: " + comment + b"\n" + signature.split(b"\n", 1)[1]


def _opens_as_sealed(data: bytes, kit: Any, sealed: SealedBundle) -> None:
    opened = open_bundle(
        data, trust=SignerTrust.only_key(kit.key.public_key), expected_bundle_id=sealed.bundle_id
    )
    assert opened.bundle_id == sealed.bundle_id
    assert opened.manifest_bytes == sealed.manifest_bytes
    assert len(opened.records) == 3


@pytest.mark.parametrize(
    "comment",
    [
        b"signature from minisign secret key",
        b"",
        b"\xc3\xa9crit par Ad\xc3\xa8le \xe2\x9c\x8d",
        b"tab\tinside",
        b"x" * 1003,
    ],
    ids=["minisign-default", "empty", "utf-8", "tab", "longest"],
)
def test_any_untrusted_comment_keeps_the_bundle_and_its_id(
    kit: Any, sealed: SealedBundle, comment: bytes
) -> None:
    edited = _with_untrusted_comment(sealed.signature_text.encode(), comment)
    _opens_as_sealed(_with_signature(kit, sealed, edited), kit, sealed)


@pytest.mark.parametrize(
    ("comment", "said"),
    [
        (b"x" * 1004, "longer than minisign allows"),
        (b"bell\x07", "control characters"),
        (b"esc\x1b[31m", "control characters"),
        (b"carriage\rreturn", "control characters"),
        ("line\u2028separator".encode(), "control characters"),
        (b"\xff\xfe", "not UTF-8"),
    ],
    ids=["too-long", "bell", "escape", "carriage-return", "line-separator", "not-utf8"],
)
def test_untrusted_comment_must_be_one_plain_line(
    kit: Any, sealed: SealedBundle, comment: bytes, said: str
) -> None:
    edited = _with_untrusted_comment(sealed.signature_text.encode(), comment)
    with pytest.raises(BundleRejected) as caught:
        open_bundle(_with_signature(kit, sealed, edited), trust=SignerTrust.accept_any())
    assert caught.value.reason_code is RejectReason.SIGNATURE_INVALID
    assert said in caught.value.message


@pytest.mark.parametrize(
    "change",
    [
        lambda text: text.replace(b"\n", b"\r\n"),
        lambda text: text.rstrip(b"\n"),
        lambda text: text + b"\n",
        lambda text: text.replace(b"\ntrusted comment: ", b"\ntrusted comment:  "),
    ],
    ids=["crlf", "no-final-newline", "blank-line-after", "edited-trusted-comment"],
)
def test_the_signed_lines_still_cannot_vary(kit: Any, sealed: SealedBundle, change: Any) -> None:
    edited = change(_with_untrusted_comment(sealed.signature_text.encode(), b"anything"))
    with pytest.raises(BundleRejected) as caught:
        open_bundle(_with_signature(kit, sealed, edited), trust=SignerTrust.accept_any())
    assert caught.value.reason_code in (RejectReason.SIGNATURE_INVALID, RejectReason.BAD_SIGNATURE)


@needs_minisign
def test_minisign_verifies_a_sealed_manifest(tmp_path: Path, kit: Any, sealed: SealedBundle) -> None:
    members = kit.members(sealed.data)
    (tmp_path / "manifest.json").write_bytes(members["manifest.json"])
    (tmp_path / "manifest.json.minisig").write_bytes(members["manifest.json.minisig"])
    save_public_key(tmp_path / "writer.pub", kit.key.public_key)
    result = run_minisign("-Vm", "manifest.json", "-p", "writer.pub", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"bundle_id:{sealed.bundle_id}" in result.stdout
    # The key printed in the manifest works on its own too.
    inline = run_minisign("-Vm", "manifest.json", "-P", sealed.manifest.signer.public_key, cwd=tmp_path)
    assert inline.returncode == 0, inline.stderr


@needs_minisign
def test_minisign_verifies_a_hand_edited_untrusted_comment(
    tmp_path: Path, kit: Any, sealed: SealedBundle
) -> None:
    """Both sides agree the comment is unsigned: minisign -V and our verifier accept the edit."""
    edited = _with_untrusted_comment(sealed.signature_text.encode(), b"forwarded by the team drive")
    (tmp_path / "manifest.json").write_bytes(sealed.manifest_bytes)
    (tmp_path / "manifest.json.minisig").write_bytes(edited)
    save_public_key(tmp_path / "writer.pub", kit.key.public_key)
    result = run_minisign("-Vm", "manifest.json", "-p", "writer.pub", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    _opens_as_sealed(_with_signature(kit, sealed, edited), kit, sealed)


@needs_minisign
def test_minisign_notices_a_changed_manifest(tmp_path: Path, kit: Any, sealed: SealedBundle) -> None:
    members = kit.members(sealed.data)
    (tmp_path / "manifest.json").write_bytes(
        members["manifest.json"].replace(b'"bundle_seq":1', b'"bundle_seq":2')
    )
    (tmp_path / "manifest.json.minisig").write_bytes(members["manifest.json.minisig"])
    save_public_key(tmp_path / "writer.pub", kit.key.public_key)
    assert run_minisign("-Vm", "manifest.json", "-p", "writer.pub", cwd=tmp_path).returncode != 0


@needs_minisign
def test_stock_minisign_signature_with_the_same_key_opens_under_the_same_id(
    tmp_path: Path, kit: Any, sealed: SealedBundle
) -> None:
    """``minisign -S`` with the writer's own key and trusted comment, minisign's own untrusted comment."""
    save_secret_key(tmp_path / "writer.key", kit.key, unencrypted=True)
    (tmp_path / "manifest.json").write_bytes(sealed.manifest_bytes)
    comment = trusted_comment_for(sealed.bundle_id, kit.writer, kit.key.public_key.fingerprint)
    result = run_minisign("-S", "-s", "writer.key", "-m", "manifest.json", "-t", comment, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    signature = (tmp_path / "manifest.json.minisig").read_bytes()
    assert signature.startswith(MINISIGN_DEFAULT_COMMENT)
    assert signature != sealed.signature_text.encode()
    _opens_as_sealed(_with_signature(kit, sealed, signature), kit, sealed)


@needs_minisign
def test_manifest_signed_by_a_real_minisign_key_opens(tmp_path: Path, kit: Any, sealed: SealedBundle) -> None:
    """A writer's own minisign key signs the manifest with plain ``minisign -S``; our verifier accepts it."""
    result = run_minisign("-G", "-W", "-p", "writer.pub", "-s", "writer.key", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    public = load_public_key(tmp_path / "writer.pub")
    manifest = kit.manifest_dict(sealed)
    manifest["signer"] = {
        "name": "Minisign User",
        "fingerprint": public.fingerprint,
        "key_id": public.key_id_hex,
        "public_key": public.to_base64(),
    }
    manifest_bytes = canonical_json_bytes(manifest)
    (tmp_path / "manifest.json").write_bytes(manifest_bytes)
    comment = trusted_comment_for(bundle_id_for(manifest_bytes), "Minisign User", public.fingerprint)
    result = run_minisign("-S", "-s", "writer.key", "-m", "manifest.json", "-t", comment, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    signature = (tmp_path / "manifest.json.minisig").read_bytes()
    assert signature.startswith(MINISIGN_DEFAULT_COMMENT)
    records = kit.members(sealed.data)["records/rewrites.jsonl"]
    data = kit.build_zip(kit.standard_members(manifest_bytes, signature, records))
    opened = open_bundle(data, trust=SignerTrust.only_key(public))
    assert opened.manifest.signer.name == "Minisign User"
    assert opened.bundle_id == bundle_id_for(manifest_bytes)
    assert len(opened.records) == 3
