"""Every way a bundle can be damaged or forged is refused, each with its own reason.

Malicious archives are built by hand with zipfile (and raw byte patches where zipfile will not
write the lie), so each test changes exactly one thing about an otherwise valid bundle.
"""

from __future__ import annotations

import base64
import hashlib
import json
import zipfile
from typing import Any

import pytest

from workstation.core.bundles import (
    BundleLimits,
    BundleRejected,
    RejectReason,
    SealedBundle,
    SignerTrust,
    open_bundle,
)
from workstation.core.bundles.canonical_json import canonical_json_bytes
from workstation.core.bundles.spec import MANIFEST_MEMBER, MIMETYPE, RECORDS_MEMBER, SIGNATURE_MEMBER
from workstation.core.signing import SecretKey

ANY = SignerTrust.accept_any()


def _reason(data: bytes, **options: Any) -> RejectReason:
    options.setdefault("trust", ANY)
    with pytest.raises(BundleRejected) as caught:
        open_bundle(data, **options)
    assert caught.value.message
    return caught.value.reason_code


def _parts(kit: Any, sealed: SealedBundle) -> tuple[bytes, bytes, bytes]:
    members = kit.members(sealed.data)
    return members[MANIFEST_MEMBER], members[SIGNATURE_MEMBER], members[RECORDS_MEMBER]


def _rebuilt(kit: Any, manifest: bytes, signature: bytes, records: bytes) -> bytes:
    return kit.build_zip(kit.standard_members(manifest, signature, records))


def test_rebuilding_unchanged_parts_is_accepted(kit: Any, sealed: SealedBundle) -> None:
    """The hand-built archives below differ from a good bundle only in what each test changes."""
    open_bundle(_rebuilt(kit, *_parts(kit, sealed)), trust=ANY)


# --- signature and signer -------------------------------------------------------------------------


def test_changed_manifest_breaks_the_signature(kit: Any, sealed: SealedBundle) -> None:
    manifest, signature, records = _parts(kit, sealed)
    forged = manifest.replace(b"2025-03-01T12:30:15Z", b"2025-03-02T12:30:15Z")
    assert _reason(_rebuilt(kit, forged, signature, records)) is RejectReason.BAD_SIGNATURE


def test_signature_by_another_key_is_bad(kit: Any, sealed: SealedBundle, second_key: SecretKey) -> None:
    manifest, _signature, records = _parts(kit, sealed)
    other = kit.sign(manifest, key=second_key)
    assert _reason(_rebuilt(kit, manifest, other, records)) is RejectReason.BAD_SIGNATURE


def test_damaged_signature_bytes_are_bad(kit: Any, sealed: SealedBundle) -> None:
    manifest, signature, records = _parts(kit, sealed)
    lines = signature.decode().split("\n")
    blob = bytearray(base64.b64decode(lines[1]))
    blob[20] ^= 0x01
    lines[1] = base64.b64encode(bytes(blob)).decode()
    damaged = "\n".join(lines).encode()
    assert _reason(_rebuilt(kit, manifest, damaged, records)) is RejectReason.BAD_SIGNATURE


def test_swapped_trusted_comment_is_caught(kit: Any, sealed: SealedBundle) -> None:
    """A validly signed comment that names a different bundle does not pass."""
    manifest, _signature, records = _parts(kit, sealed)
    other_comment = kit.sign(manifest, trusted_comment="bundle_id:sha256:" + "0" * 64)
    reason = _reason(_rebuilt(kit, manifest, other_comment, records))
    assert reason is RejectReason.TRUSTED_COMMENT_MISMATCH


def test_edited_trusted_comment_line_is_caught(kit: Any, sealed: SealedBundle) -> None:
    manifest, signature, records = _parts(kit, sealed)
    edited = signature.replace(b"signer:Ada Writer", b"signer:Eve Writer")
    assert _reason(_rebuilt(kit, manifest, edited, records)) is RejectReason.BAD_SIGNATURE


def test_legacy_signature_is_refused(kit: Any, sealed: SealedBundle) -> None:
    manifest, _signature, records = _parts(kit, sealed)
    legacy = kit.sign(manifest, prehashed=False)
    assert _reason(_rebuilt(kit, manifest, legacy, records)) is RejectReason.SIGNATURE_INVALID


def test_unparseable_signature_is_refused(kit: Any, sealed: SealedBundle) -> None:
    manifest, _signature, records = _parts(kit, sealed)
    assert _reason(_rebuilt(kit, manifest, b"not a signature\n", records)) is RejectReason.SIGNATURE_INVALID


def test_manifest_naming_another_signer_key(kit: Any, sealed: SealedBundle, second_key: SecretKey) -> None:
    """Swap in someone else's public key but keep the original signature: the key id differs."""
    _manifest, signature, records = _parts(kit, sealed)
    data = kit.manifest_dict(sealed)
    public = second_key.public_key
    data["signer"] = {**data["signer"], "public_key": public.to_base64(), "key_id": public.key_id_hex}
    data["signer"]["fingerprint"] = public.fingerprint
    assert (
        _reason(_rebuilt(kit, canonical_json_bytes(data), signature, records)) is RejectReason.BAD_SIGNATURE
    )


def test_unknown_signer_key(kit: Any, sealed: SealedBundle, second_key: SecretKey) -> None:
    assert (
        _reason(sealed.data, trust=SignerTrust.only_key(second_key.public_key)) is RejectReason.UNKNOWN_SIGNER
    )


def test_changed_key_for_the_same_writer(kit: Any, second_key: SecretKey) -> None:
    trust = SignerTrust.from_known_writers({kit.writer: [kit.key.public_key]})
    assert _reason(kit.seal(signer=second_key).data, trust=trust) is RejectReason.SIGNER_KEY_CHANGED


def test_expected_bundle_id_mismatch(sealed: SealedBundle) -> None:
    reason = _reason(sealed.data, expected_bundle_id="sha256:" + "f" * 64)
    assert reason is RejectReason.BUNDLE_ID_MISMATCH


# --- members and hashes ---------------------------------------------------------------------------


def test_changed_record_with_valid_zip_is_a_hash_mismatch(kit: Any, sealed: SealedBundle) -> None:
    manifest, signature, records = _parts(kit, sealed)
    forged = records.replace(b"Item 1 matters.", b"Item 1 mattered")
    assert len(forged) == len(records)
    assert _reason(_rebuilt(kit, manifest, signature, forged)) is RejectReason.HASH_MISMATCH


def test_added_record_is_a_size_mismatch(kit: Any, sealed: SealedBundle) -> None:
    manifest, signature, records = _parts(kit, sealed)
    extra = canonical_json_bytes(kit.record(99)) + b"\n"
    assert _reason(_rebuilt(kit, manifest, signature, records + extra)) is RejectReason.SIZE_MISMATCH


def test_member_not_in_manifest(kit: Any, sealed: SealedBundle) -> None:
    members = kit.standard_members(*_parts(kit, sealed))
    members.append(kit.Member("records/extra.jsonl", b"{}\n"))
    assert _reason(kit.build_zip(members)) is RejectReason.UNLISTED_MEMBER


@pytest.mark.parametrize("missing", [MANIFEST_MEMBER, SIGNATURE_MEMBER, RECORDS_MEMBER])
def test_missing_member(kit: Any, sealed: SealedBundle, missing: str) -> None:
    members = [member for member in kit.standard_members(*_parts(kit, sealed)) if member.name != missing]
    assert _reason(kit.build_zip(members)) is RejectReason.MISSING_MEMBER


@pytest.mark.parametrize("duplicate", [RECORDS_MEMBER, "Records/Rewrites.jsonl"])
def test_duplicate_member_names(kit: Any, sealed: SealedBundle, duplicate: str) -> None:
    members = kit.standard_members(*_parts(kit, sealed))
    members.append(kit.Member(duplicate, b"{}\n"))
    assert _reason(kit.build_zip(members)) is RejectReason.DUPLICATE_MEMBER


@pytest.mark.parametrize(
    "name",
    [
        "/etc/passwd",
        "../evil.jsonl",
        "records/../../evil",
        "..\\evil",
        "C:/evil",
        "records//x",
        "./x",
        "tab\tname",
    ],
)
def test_unsafe_paths(kit: Any, sealed: SealedBundle, name: str) -> None:
    members = kit.standard_members(*_parts(kit, sealed))
    members.append(kit.Member(name, b"x"))
    assert _reason(kit.build_zip(members)) is RejectReason.UNSAFE_PATH


def test_nul_byte_in_member_name(kit: Any, sealed: SealedBundle) -> None:
    """zipfile would cut the name at the NUL; the verifier sees the raw name and refuses it."""
    members = kit.standard_members(*_parts(kit, sealed))
    members.append(kit.Member("records/evil.txtXjunk", b"x"))
    data = kit.rename(kit.build_zip(members), "records/evil.txtXjunk", b"records/evil.txt\x00junk")
    assert _reason(data) is RejectReason.UNSAFE_PATH


def test_directory_entry_is_refused(kit: Any, sealed: SealedBundle) -> None:
    members = kit.standard_members(*_parts(kit, sealed))
    members.append(kit.Member("records/", b"", zipfile.ZIP_STORED, external_attr=(0o40755 << 16) | 0x10))
    assert _reason(kit.build_zip(members)) is RejectReason.UNSAFE_PATH


def test_symlink_entry(kit: Any, sealed: SealedBundle) -> None:
    members = kit.standard_members(*_parts(kit, sealed))
    members[-1] = kit.Member(RECORDS_MEMBER, b"/etc/passwd", zipfile.ZIP_STORED, external_attr=0o120777 << 16)
    assert _reason(kit.build_zip(members)) is RejectReason.SYMLINK


@pytest.mark.parametrize("mode", [0o40755, 0o10644, 0o20644])  # directory, fifo, character device
def test_special_file_entry(kit: Any, sealed: SealedBundle, mode: int) -> None:
    members = kit.standard_members(*_parts(kit, sealed))
    members[-1].external_attr = mode << 16
    assert _reason(kit.build_zip(members)) is RejectReason.SPECIAL_FILE


# --- zip bombs and size limits --------------------------------------------------------------------


def test_member_larger_than_the_limit(sealed: SealedBundle) -> None:
    limits = BundleLimits(max_member_bytes=100)
    assert _reason(sealed.data, limits=limits) is RejectReason.MEMBER_TOO_LARGE


def test_absurd_compression_ratio(kit: Any, sealed: SealedBundle) -> None:
    members = kit.standard_members(*_parts(kit, sealed))
    members.append(kit.Member("records/zeros.bin", bytes(20 * 1024 * 1024)))
    assert _reason(kit.build_zip(members)) is RejectReason.COMPRESSION_RATIO


def test_member_that_inflates_past_its_declared_size(kit: Any, sealed: SealedBundle) -> None:
    """Headers claim 300 bytes; the deflate stream really holds 5 MB. Reading stops at the claim."""
    records = b"\n".join([canonical_json_bytes(kit.record(i)) for i in range(3)]) + b"\n"
    bomb = records + b" " * (5 * 1024 * 1024)
    claimed = 300
    manifest = kit.manifest_dict(sealed)
    manifest["files"] = [{"path": RECORDS_MEMBER, "sha256": "0" * 64, "size": claimed}]
    manifest_bytes = canonical_json_bytes(manifest)
    data = kit.build_zip(kit.standard_members(manifest_bytes, kit.sign(manifest_bytes), bomb))
    lying = kit.patch_sizes(data, RECORDS_MEMBER, size=claimed)
    assert _reason(lying) is RejectReason.MEMBER_TOO_LARGE


def test_total_size_limit(sealed: SealedBundle) -> None:
    limits = BundleLimits(max_total_bytes=500)
    assert _reason(sealed.data, limits=limits) is RejectReason.MEMBER_TOO_LARGE


def test_oversized_bundle(sealed: SealedBundle) -> None:
    assert _reason(sealed.data, limits=BundleLimits(max_bundle_bytes=1000)) is RejectReason.OVERSIZED


def test_too_many_members(kit: Any, sealed: SealedBundle) -> None:
    members = kit.standard_members(*_parts(kit, sealed))
    members += [kit.Member(f"records/{index}.txt", b"x") for index in range(20)]
    assert _reason(kit.build_zip(members)) is RejectReason.TOO_MANY_MEMBERS


def test_manifest_over_its_cap(sealed: SealedBundle) -> None:
    assert _reason(sealed.data, limits=BundleLimits(max_manifest_bytes=100)) is RejectReason.MEMBER_TOO_LARGE


# --- archive structure ----------------------------------------------------------------------------


@pytest.mark.parametrize("keep", [0.5, 0.9, -1, -10, -30])
def test_truncated_archive(sealed: SealedBundle, keep: float) -> None:
    cut = int(len(sealed.data) * keep) if keep > 0 else len(sealed.data) + int(keep)
    assert _reason(sealed.data[:cut]) is RejectReason.TRUNCATED


@pytest.mark.parametrize("data", [b"", b"hello", b"PK", bytes(100), b"%PDF-1.7\n" + bytes(200)])
def test_not_a_zip(data: bytes) -> None:
    assert _reason(data) is RejectReason.NOT_A_ZIP


def test_local_header_disagreeing_with_directory(kit: Any, sealed: SealedBundle) -> None:
    data = bytearray(sealed.data)
    local = data.find(b"manifest.json")  # first occurrence is in the local header
    data[local] = ord("M")
    assert _reason(bytes(data)) is RejectReason.MALFORMED_ZIP


@pytest.mark.parametrize("flags", [0x0001, 0x0041, 0x2000])
def test_encrypted_member(sealed: SealedBundle, kit: Any, flags: int) -> None:
    data = kit.patch_flags(sealed.data, RECORDS_MEMBER, flags=flags)
    assert _reason(data) is RejectReason.ENCRYPTED_MEMBER


def test_unknown_flag_bits(sealed: SealedBundle, kit: Any) -> None:
    data = kit.patch_flags(sealed.data, RECORDS_MEMBER, flags=0x0010)
    assert _reason(data) is RejectReason.MALFORMED_ZIP


def test_unsupported_compression(kit: Any, sealed: SealedBundle) -> None:
    members = kit.standard_members(*_parts(kit, sealed))
    members[-1].method = zipfile.ZIP_BZIP2
    assert _reason(kit.build_zip(members)) is RejectReason.UNSUPPORTED_COMPRESSION


def test_corrupt_deflate_stream(kit: Any, sealed: SealedBundle) -> None:
    data = bytearray(sealed.data)
    records_at = data.find(b"records/rewrites.jsonl") + len("records/rewrites.jsonl")
    data[records_at + 5] ^= 0xFF
    assert _reason(bytes(data)) is RejectReason.CORRUPT_MEMBER


def test_changed_stored_byte_fails_crc(sealed: SealedBundle) -> None:
    data = bytearray(sealed.data)
    at = data.find(b'"bundle_seq":1')
    data[at + len('"bundle_seq":')] = ord("2")
    assert _reason(bytes(data)) is RejectReason.CORRUPT_MEMBER


# --- mimetype -------------------------------------------------------------------------------------


def test_mimetype_missing(kit: Any, sealed: SealedBundle) -> None:
    members = kit.standard_members(*_parts(kit, sealed))[1:]
    assert _reason(kit.build_zip(members)) is RejectReason.MIMETYPE


def test_mimetype_not_first(kit: Any, sealed: SealedBundle) -> None:
    members = kit.standard_members(*_parts(kit, sealed))
    members[0], members[1] = members[1], members[0]
    assert _reason(kit.build_zip(members)) is RejectReason.MIMETYPE


def test_mimetype_compressed(kit: Any, sealed: SealedBundle) -> None:
    members = kit.standard_members(*_parts(kit, sealed))
    members[0].method = zipfile.ZIP_DEFLATED
    assert _reason(kit.build_zip(members)) is RejectReason.MIMETYPE


@pytest.mark.parametrize(
    "content", [b"application/zip", MIMETYPE.encode() + b"\n", MIMETYPE.upper().encode()]
)
def test_mimetype_wrong(kit: Any, sealed: SealedBundle, content: bytes) -> None:
    members = kit.standard_members(*_parts(kit, sealed))
    members[0].data = content
    assert _reason(kit.build_zip(members)) is RejectReason.MIMETYPE


# --- manifest content -----------------------------------------------------------------------------


def test_unknown_major_version(kit: Any, sealed: SealedBundle) -> None:
    manifest = kit.manifest_dict(sealed)
    manifest["format_version"] = 3
    manifest["something_new"] = {"only": "in v3"}
    records = _parts(kit, sealed)[2]
    assert _reason(kit.resealed(manifest, records)) is RejectReason.UNSUPPORTED_VERSION


@pytest.mark.parametrize("version", ["1", 1.0, True, None])
def test_format_version_must_be_a_plain_integer(kit: Any, sealed: SealedBundle, version: Any) -> None:
    manifest = kit.manifest_dict(sealed)
    manifest["format_version"] = version
    assert _reason(kit.resealed(manifest, _parts(kit, sealed)[2])) is RejectReason.UNSUPPORTED_VERSION


def test_unknown_format_name(kit: Any, sealed: SealedBundle) -> None:
    manifest = kit.manifest_dict(sealed)
    manifest["format"] = "someone-else.bundle"
    assert _reason(kit.resealed(manifest, _parts(kit, sealed)[2])) is RejectReason.UNKNOWN_FORMAT


@pytest.mark.parametrize(
    "edit",
    [
        lambda manifest: manifest.update(extra_field=1),
        lambda manifest: manifest.update(bundle_seq=0),
        lambda manifest: manifest.update(created_at="2025-02-30T00:00:00Z"),
        lambda manifest: manifest.update(files=[]),
        lambda manifest: manifest["signer"].update(fingerprint="0" * 64),
        lambda manifest: manifest["signer"].update(key_id="0000000000000000"),
        lambda manifest: manifest["signer"].update(name="Ada\nWriter"),
        lambda manifest: manifest["counts"].update(rewrites=-1),
    ],
)
def test_invalid_manifest_fields(kit: Any, sealed: SealedBundle, edit: Any) -> None:
    manifest = json.loads(json.dumps(kit.manifest_dict(sealed)))
    edit(manifest)
    assert _reason(kit.resealed(manifest, _parts(kit, sealed)[2])) is RejectReason.MANIFEST_INVALID


def test_non_canonical_manifest(kit: Any, sealed: SealedBundle) -> None:
    manifest, _signature, records = _parts(kit, sealed)
    spaced = json.dumps(json.loads(manifest), sort_keys=True, indent=1).encode()
    assert _reason(_rebuilt(kit, spaced, kit.sign(spaced), records)) is RejectReason.MANIFEST_INVALID


def test_manifest_with_duplicate_keys(kit: Any, sealed: SealedBundle) -> None:
    manifest, _signature, records = _parts(kit, sealed)
    doubled = manifest.replace(b'{"app"', b'{"app":{"name":"x","version":"y"},"app"', 1)
    assert _reason(_rebuilt(kit, doubled, kit.sign(doubled), records)) is RejectReason.MANIFEST_INVALID


def test_manifest_not_json(kit: Any, sealed: SealedBundle) -> None:
    _manifest, _signature, records = _parts(kit, sealed)
    broken = b"\xff{not json"
    assert _reason(_rebuilt(kit, broken, kit.sign(broken), records)) is RejectReason.MANIFEST_INVALID


# --- records --------------------------------------------------------------------------------------


def _reseal_records(kit: Any, sealed: SealedBundle, records: bytes, count: int | None = None) -> bytes:
    return kit.resealed(kit.manifest_listing(kit.manifest_dict(sealed), records, count), records)


def test_count_mismatch(kit: Any, sealed: SealedBundle) -> None:
    records = _parts(kit, sealed)[2]
    assert _reason(_reseal_records(kit, sealed, records, count=5)) is RejectReason.COUNT_MISMATCH


@pytest.mark.parametrize(
    "records",
    [
        lambda kit: canonical_json_bytes({k: v for k, v in kit.record(1).items() if k != "status"}) + b"\n",
        lambda kit: canonical_json_bytes(kit.record(1, original_sha256="0" * 64)) + b"\n",
        lambda kit: canonical_json_bytes(kit.record(2)) + b"\n" + canonical_json_bytes(kit.record(1)) + b"\n",
        lambda kit: canonical_json_bytes(kit.record(1)) + b"\n" + canonical_json_bytes(kit.record(1)) + b"\n",
        lambda kit: b"[1,2,3]\n",
        lambda kit: b"{not json}\n",
        lambda kit: b'{"a":1,"a":2}\n',
        lambda kit: canonical_json_bytes(kit.record(1)),
        lambda kit: b"\n",
    ],
    ids=[
        "missing-field",
        "wrong-original-hash",
        "unsorted",
        "duplicate-id",
        "not-object",
        "not-json",
        "duplicate-key",
        "no-final-newline",
        "blank-line",
    ],
)
def test_invalid_records(kit: Any, sealed: SealedBundle, records: Any) -> None:
    data = records(kit)
    assert _reason(_reseal_records(kit, sealed, data, count=1)) is RejectReason.RECORD_INVALID


def test_records_are_parsed_only_after_every_check(kit: Any, sealed: SealedBundle) -> None:
    """Invalid records inside a bundle with a bad signature report the signature, not the records."""
    manifest = kit.manifest_listing(kit.manifest_dict(sealed), b"{not json}\n")
    manifest_bytes = canonical_json_bytes(manifest)
    _good_manifest, signature, _records = _parts(kit, sealed)
    data = _rebuilt(kit, manifest_bytes, signature, b"{not json}\n")
    assert _reason(data) is RejectReason.BAD_SIGNATURE


def test_hash_checked_even_when_records_parse(kit: Any, sealed: SealedBundle) -> None:
    manifest, signature, records = _parts(kit, sealed)
    lines = records.splitlines(keepends=True)
    swapped = lines[0].replace(b'"active_seconds":61.5', b'"active_seconds":99.5')
    forged = swapped + b"".join(lines[1:])
    assert hashlib.sha256(forged).hexdigest() != hashlib.sha256(records).hexdigest()
    assert _reason(_rebuilt(kit, manifest, signature, forged)) is RejectReason.HASH_MISMATCH
