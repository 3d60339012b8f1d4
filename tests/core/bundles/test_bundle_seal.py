"""Sealing: layout, determinism, the manifest's content, and refusal of bad input."""

from __future__ import annotations

import hashlib
import io
import json
import random
import zipfile
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from workstation.core.bundles import (
    DEFAULT_LIMITS,
    FORMAT_NAME,
    MIMETYPE,
    BundleInputError,
    BundleLimits,
    SealedBundle,
    SignerTrust,
    open_bundle,
)
from workstation.core.bundles.build import ManifestHeader, seal_records_file
from workstation.core.bundles.canonical_json import canonical_json_bytes
from workstation.core.bundles.spec import RECORDS_MEMBER
from workstation.core.signing import SecretKey, verify_minisig


def test_members_in_order_with_fixed_metadata(sealed: SealedBundle) -> None:
    with zipfile.ZipFile(io.BytesIO(sealed.data)) as archive:
        infos = archive.infolist()
    assert [info.filename for info in infos] == [
        "mimetype",
        "manifest.json",
        "manifest.json.minisig",
        "records/rewrites.jsonl",
    ]
    assert [info.compress_type for info in infos] == [0, 0, 0, zipfile.ZIP_DEFLATED]
    for info in infos:
        assert info.date_time == (1980, 1, 1, 0, 0, 0)
        assert info.external_attr == 0o100644 << 16
        assert info.create_system == 3


def test_mimetype_is_readable_at_a_fixed_offset(sealed: SealedBundle) -> None:
    """Tools that sniff file types read the stored mimetype right after the first header."""
    assert sealed.data[:4] == b"PK\x03\x04"
    assert sealed.data[30:38] == b"mimetype"
    assert sealed.data[38 : 38 + len(MIMETYPE)] == MIMETYPE.encode()


def test_same_input_same_bytes(kit: Any) -> None:
    assert kit.seal().data == kit.seal().data


def test_record_order_does_not_matter(kit: Any) -> None:
    records = [kit.record(i) for i in range(20)]
    shuffled = records[:]
    random.Random(3).shuffle(shuffled)
    assert kit.seal(records).data == kit.seal(shuffled).data


def test_key_and_time_change_the_bundle(kit: Any, second_key: SecretKey) -> None:
    base = kit.seal()
    assert kit.seal(signer=second_key).bundle_id != base.bundle_id
    assert kit.seal(created_at=kit.created_at + timedelta(seconds=1)).bundle_id != base.bundle_id


def test_bundle_id_is_hash_of_exact_manifest_bytes(sealed: SealedBundle, kit: Any) -> None:
    assert kit.members(sealed.data)["manifest.json"] == sealed.manifest_bytes
    assert sealed.bundle_id == "sha256:" + hashlib.sha256(sealed.manifest_bytes).hexdigest()


def test_manifest_content(sealed: SealedBundle, kit: Any, writer_key: SecretKey) -> None:
    manifest = json.loads(sealed.manifest_bytes)
    records_bytes = kit.members(sealed.data)[RECORDS_MEMBER]
    assert manifest["format"] == FORMAT_NAME
    assert manifest["format_version"] == 2
    assert manifest["bundle_seq"] == 1
    assert manifest["prev_bundle_id"] is None
    assert manifest["created_at"] == "2025-03-01T12:30:15Z"
    assert manifest["signer"] == {
        "name": kit.writer,
        "fingerprint": hashlib.sha256(writer_key.public_key.raw).hexdigest(),
        "key_id": writer_key.public_key.key_id_hex,
        "public_key": writer_key.public_key.to_base64(),
    }
    assert manifest["app"]["name"] == "rewrite-workstation"
    assert manifest["files"] == [
        {
            "path": RECORDS_MEMBER,
            "sha256": hashlib.sha256(records_bytes).hexdigest(),
            "size": len(records_bytes),
        }
    ]
    assert manifest["counts"] == {"rewrites": 3}


def test_manifest_bytes_are_canonical(sealed: SealedBundle) -> None:
    parsed = json.loads(sealed.manifest_bytes)
    canonical = json.dumps(parsed, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    assert sealed.manifest_bytes == canonical


def test_signature_covers_manifest_and_names_the_bundle(sealed: SealedBundle, writer_key: SecretKey) -> None:
    comment = verify_minisig(sealed.manifest_bytes, sealed.signature_text, writer_key.public_key)
    assert f"bundle_id:{sealed.bundle_id}" in comment
    assert "signer:Ada Writer" in comment
    assert "format:rewrite-workstation.bundle/2" in comment
    assert "timestamp" not in comment


def test_records_are_sorted_canonical_lines(kit: Any) -> None:
    records = [kit.record(i) for i in (5, 1, 3)]
    lines = kit.members(kit.seal(records).data)[RECORDS_MEMBER].decode().splitlines()
    assert [json.loads(line)["rewrite_id"] for line in lines] == ["rw-0001", "rw-0003", "rw-0005"]
    for line in lines:
        assert line == json.dumps(json.loads(line), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert "✨" in lines[0]  # UTF-8, not \\u escapes


def test_created_at_in_another_zone_is_stored_in_utc(kit: Any) -> None:
    moment = datetime(2025, 3, 1, 14, 30, 15, 999_999, tzinfo=timezone(timedelta(hours=2)))
    assert kit.seal(created_at=moment).manifest.created_at == "2025-03-01T12:30:15Z"


def test_hash_chain(kit: Any) -> None:
    first = kit.seal()
    second = kit.seal([kit.record(9)], bundle_seq=2, prev_bundle_id=first.bundle_id)
    opened = open_bundle(second.data, trust=SignerTrust.only_key(kit.key.public_key))
    assert opened.manifest.bundle_seq == 2
    assert opened.manifest.prev_bundle_id == first.bundle_id


@pytest.mark.parametrize(
    "field", ["rewrite_id", "task_id", "original_sha256", "original", "rewrite", "status"]
)
def test_missing_required_field_is_refused(kit: Any, field: str) -> None:
    record = kit.record(1)
    del record[field]
    with pytest.raises(BundleInputError, match=field):
        kit.seal([record])


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"rewrite_id": ""}, "must not be empty"),
        ({"status": 3}, "must be a string"),
        ({"original_sha256": "0" * 64}, "SHA-256 of original"),
        ({"original": "\ud800", "original_sha256": "x"}, "Unicode"),
        ({"when": datetime(2025, 1, 1, tzinfo=UTC)}, "JSON"),
        ({"score": float("nan")}, "JSON"),
    ],
)
def test_invalid_record_is_refused(kit: Any, overrides: dict[str, Any], message: str) -> None:
    with pytest.raises(BundleInputError, match=message):
        kit.seal([kit.record(1, **overrides)])


def test_duplicate_rewrite_ids_are_refused(kit: Any) -> None:
    with pytest.raises(BundleInputError, match="twice"):
        kit.seal([kit.record(1), kit.record(1, rewrite="other")])


def test_nothing_to_seal(kit: Any) -> None:
    with pytest.raises(BundleInputError, match="no records"):
        kit.seal([])


@pytest.mark.parametrize("name", ["", " Ada", "Ada\nEve", "Ada\tEve", "Ada\u202eevE", "x" * 129])
def test_bad_signer_names_are_refused(kit: Any, name: str) -> None:
    with pytest.raises(BundleInputError, match="signer name"):
        kit.seal(signer_name=name)


@pytest.mark.parametrize(
    ("seq", "prev"),
    [(0, None), (1, "sha256:" + "a" * 64), (2, None), (2, "sha256:short"), (2, "md5:" + "a" * 64)],
)
def test_inconsistent_chain_is_refused(kit: Any, seq: int, prev: str | None) -> None:
    with pytest.raises(BundleInputError):
        kit.seal(bundle_seq=seq, prev_bundle_id=prev)


def test_naive_created_at_is_refused(kit: Any) -> None:
    with pytest.raises(BundleInputError, match="timezone"):
        kit.seal(created_at=datetime(2025, 1, 1))


def test_records_that_compress_past_the_ratio_limit_still_open(kit: Any) -> None:
    """Rewrites of repeated text deflate over 100:1; the sealer stores them so the verifier accepts."""
    records = [kit.record(index, rewrite="ok " * 400_000) for index in range(3)]
    sealed = kit.seal(records)
    with zipfile.ZipFile(io.BytesIO(sealed.data)) as archive:
        assert archive.getinfo(RECORDS_MEMBER).compress_type == zipfile.ZIP_STORED
    assert len(open_bundle(sealed.data, trust=SignerTrust.accept_any()).records) == 3


def test_records_a_verifier_would_find_too_large_are_refused(kit: Any) -> None:
    records_bytes = b"".join(canonical_json_bytes(kit.record(index)) + b"\n" for index in range(3))
    with pytest.raises(BundleInputError, match="more than the 100 one bundle may hold"):
        seal_records_file(
            records_bytes,
            3,
            ManifestHeader(kit.key, kit.writer, 1, None, kit.created_at),
            limits=BundleLimits(max_member_bytes=100),
        )


def test_a_record_larger_than_one_bundle_record_may_be_is_refused(kit: Any) -> None:
    huge = kit.record(1, rewrite="x" * (DEFAULT_LIMITS.max_record_bytes + 1))
    with pytest.raises(BundleInputError, match="one record may take in a bundle"):
        kit.seal([huge])
