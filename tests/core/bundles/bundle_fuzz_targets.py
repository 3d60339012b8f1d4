"""Fuzz targets for the bundle reader and the minisig parser: only worded, typed refusals come out.

Bundle inputs: raw bytes; byte-level mutations of a sealed bundle; and bundles rebuilt around
hostile parts but validly signed (so the fuzzing reaches past the signature): records files of
record-shaped JSON with hostile values, listed correctly or not, manifests with changed fields,
odd untrusted comments and unsigned container extras. Properties: ``open_bundle`` raises nothing
but ``BundleRejected`` (with a reason code and a message); a bundle it accepts has the id of its
manifest bytes, as many records as the manifest counts, and records that validate and re-encode.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from hypothesis import strategies as st

from tests.core.bundles.raw_zip import Extras, RawMember, raw_zip
from tests.core.formats.formats_fuzz_targets import json_values, mutated, to_json
from tests.core.formats.fuzz_harness import FuzzTarget
from workstation.core.bundles import BundleRejected, RejectReason, SignerTrust, open_bundle, seal_bundle
from workstation.core.bundles.canonical_json import JsonInputError, canonical_json_bytes
from workstation.core.bundles.records import validate_record
from workstation.core.bundles.spec import (
    MANIFEST_MEMBER,
    MIMETYPE,
    MIMETYPE_MEMBER,
    RECORDS_MEMBER,
    SIGNATURE_MEMBER,
    bundle_id_for,
    trusted_comment_for,
)
from workstation.core.signing import (
    SecretKey,
    SignatureError,
    SignatureFormatError,
    parse_minisig,
    sign_minisig,
    verify_minisig,
)

KEY = SecretKey(key_id=bytes.fromhex("0a0b0c0d0e0f1011"), seed=bytes(range(7, 39)))
_ORIGINAL = "As an AI language model, I think this is important."
_ORIGINAL_SHA = hashlib.sha256(_ORIGINAL.encode()).hexdigest()


def _record(index: int, **changes: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "rewrite_id": f"rw-{index:03d}",
        "task_id": f"task-{index}",
        "original_sha256": _ORIGINAL_SHA,
        "original": _ORIGINAL,
        "rewrite": "This matters.",
        "status": "submitted",
    }
    record.update(changes)
    return record


BASE = seal_bundle(
    [_record(index) for index in range(3)],
    signer=KEY,
    signer_name="Fuzz Writer",
    bundle_seq=1,
    prev_bundle_id=None,
    created_at=datetime(2025, 1, 1, tzinfo=UTC),
)
BASE_MANIFEST: dict[str, Any] = BASE.manifest.model_dump(mode="json")

_fields = st.sampled_from(
    ["rewrite_id", "task_id", "original_sha256", "original", "rewrite", "status", "metadata"]
)
_record_line = st.one_of(
    st.integers(0, 50).map(lambda index: to_json(_record(index))),
    st.tuples(st.integers(0, 50), st.dictionaries(_fields, json_values, max_size=3)).map(
        lambda parts: to_json(_record(parts[0], **parts[1]))
    ),
    json_values.map(to_json),
    st.integers(90, 2000).map(
        lambda levels: to_json(_record(1)).replace('"submitted"', "[" * levels + "]" * levels)
    ),
)
_records_file = st.tuples(st.lists(_record_line, max_size=5), st.booleans()).map(
    lambda parts: ("\n".join(parts[0]) + ("\n" if parts[1] else "")).encode("utf-8", "surrogatepass")
)
_manifest_keys = st.sampled_from(sorted(BASE_MANIFEST)) | st.text(max_size=5)
_extras = st.sampled_from(
    [
        Extras(),
        Extras(),
        Extras(member_comment={RECORDS_MEMBER: b"c"}),
        Extras(local_extra={MANIFEST_MEMBER: b"\x01\x00\x00\x00"}),
        Extras(suffix=b"x"),
        Extras(prefix=b"stub"),
        Extras(junk_before={RECORDS_MEMBER: b"j"}),
    ]
)


def _manifest_bytes(manifest: dict[str, Any]) -> bytes:
    try:
        return canonical_json_bytes(manifest)
    except JsonInputError:
        return json.dumps(manifest).encode()  # not canonical: the verifier must say so


@st.composite
def resigned_bundles(draw: st.DrawFn) -> bytes:
    """A bundle around drawn records and manifest changes, signed by KEY over its manifest."""
    records = draw(_records_file)
    manifest = dict(BASE_MANIFEST)
    if draw(st.booleans()):
        manifest["files"] = [
            {"path": RECORDS_MEMBER, "sha256": hashlib.sha256(records).hexdigest(), "size": len(records)}
        ]
        manifest["counts"] = {"rewrites": draw(st.sampled_from([records.count(b"\n"), 0, 1, 3]))}
    for key, value in draw(st.dictionaries(_manifest_keys, json_values, max_size=2)).items():
        manifest[key] = value
    manifest_bytes = _manifest_bytes(manifest)
    comment = trusted_comment_for(bundle_id_for(manifest_bytes), "Fuzz Writer", KEY.public_key.fingerprint)
    untrusted = draw(
        st.sampled_from(["", "signature from minisign secret key", "x" * 1003]) | st.text(max_size=30)
    )
    try:
        signature = sign_minisig(
            manifest_bytes, KEY, trusted_comment=comment, untrusted_comment=untrusted
        ).to_text()
    except ValueError:  # a comment sign_minisig will not write (newline, NUL): write it by hand
        valid = sign_minisig(manifest_bytes, KEY, trusted_comment=comment).to_text()
        signature = "untrusted comment: " + untrusted + "\n" + valid.split("\n", 1)[1]
    members = [
        RawMember(MIMETYPE_MEMBER, MIMETYPE.encode(), 0),
        RawMember(MANIFEST_MEMBER, manifest_bytes, draw(st.sampled_from([0, 0, 8]))),
        RawMember(SIGNATURE_MEMBER, signature.encode("utf-8", "surrogatepass"), 0),
        RawMember(RECORDS_MEMBER, records, draw(st.sampled_from([8, 8, 0]))),
    ]
    return raw_zip(members, draw(_extras))


bundle_inputs = (
    st.binary(max_size=400) | mutated(st.just(BASE.data)) | resigned_bundles() | mutated(resigned_bundles())
)


def check_bundle(data: bytes) -> None:
    try:
        opened = open_bundle(data, trust=SignerTrust.accept_any())
    except BundleRejected as rejection:
        assert isinstance(rejection.reason_code, RejectReason) and rejection.message.strip()
        return
    assert opened.bundle_id == bundle_id_for(opened.manifest_bytes)
    assert len(opened.records) == opened.manifest.counts.rewrites
    for position, record in enumerate(opened.records):
        validate_record(record, position)
        canonical_json_bytes(record)


_signature_texts = st.one_of(
    st.binary(max_size=300),
    mutated(st.just(BASE.signature_text.encode())),
    st.lists(st.text(max_size=90), max_size=5).map(
        lambda lines: "\n".join(lines).encode("utf-8", "surrogatepass")
    ),
)


def check_signature_text(data: bytes) -> None:
    try:
        parsed = parse_minisig(data)
        verify_minisig(BASE.manifest_bytes, parsed, KEY.public_key)
    except (SignatureFormatError, SignatureError) as refusal:
        assert str(refusal).strip()


BUNDLE_TARGETS: tuple[FuzzTarget, ...] = (
    FuzzTarget("bundle:open_bundle", bundle_inputs, check_bundle),
    FuzzTarget("signing:minisig", _signature_texts, check_signature_text),
)
