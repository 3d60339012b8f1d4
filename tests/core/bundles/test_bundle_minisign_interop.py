"""A bundle's manifest signature is a real minisign signature, and real minisign signatures work in bundles.

Skipped when ``minisign`` is not on PATH (``apt-get install minisign``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.minisign_tool import needs_minisign, run_minisign
from workstation.core.bundles import SealedBundle, SignerTrust, open_bundle
from workstation.core.bundles.canonical_json import canonical_json_bytes
from workstation.core.bundles.spec import SIGNATURE_UNTRUSTED_COMMENT, bundle_id_for, trusted_comment_for
from workstation.core.signing import load_public_key, save_public_key

pytestmark = needs_minisign


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


def test_minisign_notices_a_changed_manifest(tmp_path: Path, kit: Any, sealed: SealedBundle) -> None:
    members = kit.members(sealed.data)
    (tmp_path / "manifest.json").write_bytes(
        members["manifest.json"].replace(b'"bundle_seq":1', b'"bundle_seq":2')
    )
    (tmp_path / "manifest.json.minisig").write_bytes(members["manifest.json.minisig"])
    save_public_key(tmp_path / "writer.pub", kit.key.public_key)
    assert run_minisign("-Vm", "manifest.json", "-p", "writer.pub", cwd=tmp_path).returncode != 0


def test_manifest_signed_by_real_minisign_opens(tmp_path: Path, kit: Any, sealed: SealedBundle) -> None:
    """A writer's own minisign key signs the manifest with ``minisign -S``; our verifier accepts it."""
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
    result = run_minisign(
        "-S",
        "-s",
        "writer.key",
        "-m",
        "manifest.json",
        "-c",
        SIGNATURE_UNTRUSTED_COMMENT,
        "-t",
        comment,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    signature = (tmp_path / "manifest.json.minisig").read_bytes()
    records = kit.members(sealed.data)["records/rewrites.jsonl"]
    data = kit.build_zip(kit.standard_members(manifest_bytes, signature, records))
    opened = open_bundle(data, trust=SignerTrust.only_key(public))
    assert opened.manifest.signer.name == "Minisign User"
    assert len(opened.records) == 3
