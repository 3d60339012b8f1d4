"""Format versions: version 2 seals effort signals, version 1 bundles still open, and the golden
bundles of both stay byte for byte what they were (if a golden id changes, the format changed)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from workstation.core.bundles import BundleInputError, BundleRejected, RejectReason, SignerTrust, open_bundle
from workstation.core.bundles.canonical_json import canonical_json_bytes
from workstation.core.bundles.manifest import Manifest, parse_manifest
from workstation.core.bundles.spec import FORMAT_VERSION, RECORDS_MEMBER, bundle_id_for, trusted_comment_for
from workstation.core.effort.signals import summarise_effort
from workstation.core.models import WorkSession
from workstation.core.records import effort_of_record, work_from_record

GOLDEN = Path(__file__).resolve().parent / "golden"
V1_GOLDEN_ID = "sha256:3358ef1f7898850745185d8daffe9ff23f34e811518d89a4c76d4712f6483906"
"""``kit.seal()`` with app version ``golden`` as version 1 sealed it (``golden/rewrite_bundle_v1.zip``)."""
V2_GOLDEN_ID = "sha256:c9e53c2b69376c08fa86d889fcb2aa83e4b73ca20d361602ffdb51d9c4a2b5f8"
"""The same work sealed as version 2 with effort signals (``golden/rewrite_bundle_v2.zip``). It
depends only on the manifest bytes, so it is the same on every platform."""


def pasted_whole(text: str) -> dict[str, Any]:
    """The sealed effort of a rewrite pasted in one go."""
    sitting = WorkSession(
        id="s1",
        task_id="t",
        project="P",
        started_at="2025-03-01T10:00:00Z",
        ended_at="2025-03-01T10:05:00Z",
        source="app",
        keystrokes=2,
        typed_chars=0,
        pasted_chars=len(text),
        paste_events=1,
        largest_paste_chars=len(text),
        external_chars=0,
        undo_count=0,
        redo_count=0,
        revisions=1,
        longest_idle_seconds=30.0,
    )
    return summarise_effort([sitting], text).as_record()


def v2_records(kit: Any) -> list[dict[str, Any]]:
    records = [kit.record(i) for i in range(3)]
    records[0]["effort"] = pasted_whole(records[0]["rewrite"])
    records[1]["effort"] = summarise_effort([], records[1]["rewrite"]).as_record()
    return records  # the third has none: version 2 records may leave it out


def golden_v2(kit: Any) -> Any:
    return kit.seal(v2_records(kit), app_name="rewrite-workstation", app_version="golden")


def test_a_version_1_bundle_still_opens_and_reads_as_not_recorded() -> None:
    data = (GOLDEN / "rewrite_bundle_v1.zip").read_bytes()
    verified = open_bundle(data, trust=SignerTrust.accept_any(), expected_bundle_id=V1_GOLDEN_ID)
    assert verified.manifest.format_version == 1
    assert verified.trusted_comment.endswith("format:rewrite-workstation.bundle/1")
    assert [record["rewrite_id"] for record in verified.records] == ["rw-0000", "rw-0001", "rw-0002"]
    for record in verified.records:
        assert "effort" not in record
        assert effort_of_record(record).status == "not recorded"


def test_the_version_2_golden_bundle(kit: Any) -> None:
    sealed = golden_v2(kit)
    assert FORMAT_VERSION == 2 and sealed.manifest.format_version == 2
    assert sealed.bundle_id == V2_GOLDEN_ID
    stored = (GOLDEN / "rewrite_bundle_v2.zip").read_bytes()
    verified = open_bundle(stored, trust=SignerTrust.accept_any(), expected_bundle_id=V2_GOLDEN_ID)
    first, second, third = (effort_of_record(record) for record in verified.records)
    assert first.needs_a_look and first.shares is not None and first.shares.pasted == 1.0
    assert second.status == third.status == "not recorded" and not second.needs_a_look


def test_a_reader_of_version_1_only_refuses_version_2_as_unsupported(kit: Any) -> None:
    """What a version 1 reader does with a version 2 bundle (expected: it says to update)."""

    class VersionOneManifest(Manifest):
        READABLE_VERSIONS = frozenset({1})

    with pytest.raises(BundleRejected) as caught:
        parse_manifest(golden_v2(kit).manifest_bytes, VersionOneManifest)
    assert caught.value.reason_code is RejectReason.UNSUPPORTED_VERSION
    assert "format_version 2 is not supported (this program reads version 1)" in caught.value.message


def test_a_later_version_is_refused_naming_the_versions_read(kit: Any) -> None:
    manifest = kit.manifest_dict(kit.seal())
    manifest["format_version"] = 3
    with pytest.raises(BundleRejected) as caught:
        parse_manifest(canonical_json_bytes(manifest))
    assert caught.value.reason_code is RejectReason.UNSUPPORTED_VERSION
    assert "reads versions 1 and 2" in caught.value.message


def test_the_signature_names_the_version(kit: Any) -> None:
    """A version 2 manifest signed as version 1 (or the other way) is refused: the version is signed."""
    sealed = kit.seal()
    manifest = sealed.manifest_bytes
    comment = trusted_comment_for(
        sealed.bundle_id, kit.writer, kit.key.public_key.fingerprint, format_version=1
    )
    records = kit.members(sealed.data)[RECORDS_MEMBER]
    forged = kit.build_zip(
        kit.standard_members(manifest, kit.sign(manifest, trusted_comment=comment), records)
    )
    with pytest.raises(BundleRejected) as caught:
        open_bundle(forged, trust=SignerTrust.accept_any())
    assert caught.value.reason_code is RejectReason.TRUSTED_COMMENT_MISMATCH


@pytest.mark.parametrize(
    "effort",
    [
        "pasted a lot",
        {"status": "typed"},
        {"status": "recorded", "sessions": 1, "recorded_sessions": 0, "final_chars": 15},
        {
            "status": "not recorded",
            "sessions": 1,
            "recorded_sessions": 0,
            "final_chars": 15,
            "typed_chars": 0,
        },
    ],
    ids=["not-an-object", "unknown-status", "status-contradicts-counts", "not-recorded-with-counts"],
)
def test_an_effort_object_that_does_not_hold_together_is_refused(kit: Any, effort: Any) -> None:
    record = kit.record(1, effort=effort)
    with pytest.raises(BundleInputError, match="effort"):
        kit.seal([record])
    sealed = kit.seal([kit.record(1)])
    bad_records = canonical_json_bytes(record) + b"\n"
    manifest = kit.manifest_listing(kit.manifest_dict(sealed), bad_records)
    with pytest.raises(BundleRejected) as caught:
        open_bundle(kit.resealed(manifest, bad_records), trust=SignerTrust.accept_any())
    assert caught.value.reason_code is RejectReason.RECORD_INVALID and "effort" in caught.value.message


def test_an_effort_naming_another_length_is_refused(kit: Any) -> None:
    record = kit.record(1)
    record["effort"] = pasted_whole(record["rewrite"] + "more")
    with pytest.raises(BundleInputError, match="final_chars"):
        kit.seal([record])


def test_the_golden_files_are_what_their_ids_say() -> None:
    for name, bundle_id in (("rewrite_bundle_v1.zip", V1_GOLDEN_ID), ("rewrite_bundle_v2.zip", V2_GOLDEN_ID)):
        data = (GOLDEN / name).read_bytes()
        verified = open_bundle(data, trust=SignerTrust.accept_any())
        assert bundle_id_for(verified.manifest_bytes) == bundle_id
        assert hashlib.sha256(verified.manifest_bytes).hexdigest() == bundle_id.removeprefix("sha256:")


APP_V1_ID = "sha256:88d37d00cdfd758d0053ba0a677c4bf6cdbffa90bd9e0392a477b5969c257184"
"""``golden/app_bundle_v1.zip``: two full records as the version 1 app sealed them (every field)."""


def test_a_version_1_bundle_of_the_app_reads_back_as_work_without_effort() -> None:
    data = (GOLDEN / "app_bundle_v1.zip").read_bytes()
    verified = open_bundle(data, trust=SignerTrust.accept_any(), expected_bundle_id=APP_V1_ID)
    for record in verified.records:
        task, rewrite = work_from_record(record, bundle_id=APP_V1_ID)
        assert rewrite.text == record["rewrite"] and task.original == record["original"]
        assert effort_of_record(record).status == "not recorded"
