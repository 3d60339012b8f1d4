"""A verdict bundle: the v1 container with its own format, sealed and verified, and refused when tampered."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.core.bundles.seal_testkit import KEY
from tests.core.verdicts.verdict_testkit import REVIEWER, REVIEWER_KEY, SEALED_AT, WriterDesk, seal_for
from tests.minisign_tool import needs_minisign, run_minisign
from workstation.core.bundles import BundleInputError, BundleRejected, RejectReason, SignerTrust, open_bundle
from workstation.core.bundles.build import ManifestHeader, seal_container
from workstation.core.bundles.canonical_json import canonical_json_bytes
from workstation.core.bundles.records import RecordError, serialize_records
from workstation.core.signing import save_public_key
from workstation.core.verdicts import (
    VERDICT_MIMETYPE,
    is_verdict_bundle,
    reviewer_trust,
    seal_verdict_bundle,
    verify_verdict_bundle,
)
from workstation.core.verdicts.kind import VERDICT_BUNDLE
from workstation.core.verdicts.records import VERDICT_RECORDS, verdict_record

ANYONE = SignerTrust.accept_any()


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def test_round_trip_names_the_reviewed_bundle_and_the_judged_text(desk: WriterDesk) -> None:
    verdicts = [desk.verdict(task_id) for task_id in desk.records]
    data = seal_for(verdicts)
    assert list(_members(data)) == [
        "mimetype",
        "manifest.json",
        "manifest.json.minisig",
        "records/verdicts.jsonl",
    ]
    assert _members(data)["mimetype"] == VERDICT_MIMETYPE.encode()
    assert is_verdict_bundle(data) and not is_verdict_bundle(desk.store.outbox.get_bytes(desk.bundle_id))

    opened = verify_verdict_bundle(data, SignerTrust.only_key(REVIEWER_KEY.public_key))
    assert opened.manifest.format == "rewrite-workstation.verdicts"
    assert opened.reviewed_bundles == (desk.bundle_id,)
    assert opened.manifest.counts.verdicts == 3
    assert sorted(opened.verdicts, key=lambda v: v.verdict_id) == sorted(verdicts, key=lambda v: v.verdict_id)
    assert (opened.signer_name, opened.signer_known) == (REVIEWER, True)
    assert "format:rewrite-workstation.verdicts/1" in opened.trusted_comment
    assert seal_for(list(reversed(verdicts))) == data  # deterministic, order-free


@needs_minisign
def test_real_minisign_verifies_the_manifest_signature(desk: WriterDesk, tmp_path: Path) -> None:
    members = _members(seal_for([desk.anchored_revise(next(iter(desk.records)))]))
    (tmp_path / "manifest.json").write_bytes(members["manifest.json"])
    (tmp_path / "manifest.json.minisig").write_bytes(members["manifest.json.minisig"])
    save_public_key(tmp_path / "reviewer.pub", REVIEWER_KEY.public_key)
    result = run_minisign("-Vm", "manifest.json", "-p", "reviewer.pub", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "format:rewrite-workstation.verdicts/1" in result.stdout
    (tmp_path / "manifest.json").write_bytes(members["manifest.json"].replace(b"Rui", b"Rex"))
    assert run_minisign("-Vm", "manifest.json", "-p", "reviewer.pub", cwd=tmp_path).returncode != 0


def test_one_kind_is_never_taken_for_the_other(desk: WriterDesk) -> None:
    verdict_data = seal_for([desk.verdict(next(iter(desk.records)))])
    with pytest.raises(BundleRejected) as caught:
        open_bundle(verdict_data, trust=ANYONE)
    assert caught.value.reason_code is RejectReason.MIMETYPE
    with pytest.raises(BundleRejected) as caught:
        verify_verdict_bundle(desk.store.outbox.get_bytes(desk.bundle_id), ANYONE)
    assert caught.value.reason_code is RejectReason.MIMETYPE


def _rezip(data: bytes, **replaced: bytes) -> bytes:
    members = _members(data)
    members.update({name.replace("__", "/").replace("_dot_", "."): value for name, value in replaced.items()})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, value in members.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = (
                zipfile.ZIP_STORED if name != "records/verdicts.jsonl" else zipfile.ZIP_DEFLATED
            )
            archive.writestr(info, value)
    return buffer.getvalue()


def test_a_changed_verdict_is_refused_as_tampering(desk: WriterDesk) -> None:
    data = seal_for([desk.verdict(next(iter(desk.records)), "reject")])
    records = _members(data)["records/verdicts.jsonl"]
    forged = records.replace(b'"verdict":"reject"', b'"verdict":"accept"')
    assert forged != records
    with pytest.raises(BundleRejected) as caught:
        verify_verdict_bundle(_rezip(data, records__verdicts_dot_jsonl=forged), ANYONE)
    assert caught.value.reason_code in (RejectReason.HASH_MISMATCH, RejectReason.SIZE_MISMATCH)


def _signed_anyway(records: list[dict[str, Any]], reviewed: list[str]) -> bytes:
    """A correctly signed bundle holding records the sealer's rules would have refused."""
    records_bytes = b"".join(canonical_json_bytes(record) + b"\n" for record in records)
    return seal_container(
        VERDICT_BUNDLE,
        records_bytes,
        len(records),
        ManifestHeader(REVIEWER_KEY, REVIEWER, 1, None, SEALED_AT),
        manifest_fields={"reviewed_bundles": reviewed},
    ).data


def test_a_verdict_in_another_reviewers_name_is_refused(desk: WriterDesk) -> None:
    task_id = next(iter(desk.records))
    forged = desk.verdict(task_id, reviewer_name="Someone Else")
    data = _signed_anyway([verdict_record(forged)], [desk.bundle_id])
    with pytest.raises(BundleRejected) as caught:
        verify_verdict_bundle(data, ANYONE)
    assert caught.value.reason_code is RejectReason.RECORD_INVALID
    assert "Someone Else" in caught.value.message


def test_reviewed_bundles_must_be_the_bundles_judged(desk: WriterDesk) -> None:
    record = verdict_record(desk.verdict(next(iter(desk.records))))
    data = _signed_anyway([record], ["sha256:" + "0" * 64, desk.bundle_id])
    with pytest.raises(BundleRejected, match="reviewed_bundles") as caught:
        verify_verdict_bundle(data, ANYONE)
    assert caught.value.reason_code is RejectReason.RECORD_INVALID


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ({"created_at": "2025-06-01T10:00:00+02:00"}, "canonical"),
        ({"verdict": "revise", "reason": None}, "needs a reason"),
        ({"rewrite_sha256": "nothex"}, "rewrite_sha256"),
        ({"extra": 1}, "extra"),
    ],
    ids=["time-not-utc", "no-reason", "bad-sha", "unknown-field"],
)
def test_records_must_be_verdicts_in_their_one_form(
    desk: WriterDesk, change: dict[str, Any], said: str
) -> None:
    record = {**verdict_record(desk.verdict(next(iter(desk.records)))), **change}
    with pytest.raises(RecordError):
        serialize_records([record], VERDICT_RECORDS)  # the sealer's rules refuse to write it
    with pytest.raises(BundleRejected) as caught:
        verify_verdict_bundle(_signed_anyway([record], [desk.bundle_id]), ANYONE)
    assert caught.value.reason_code is RejectReason.RECORD_INVALID and said in caught.value.message


def test_nothing_to_seal_is_refused() -> None:
    with pytest.raises(BundleInputError, match="no verdicts"):
        seal_verdict_bundle([], ManifestHeader(REVIEWER_KEY, REVIEWER, 1, None, SEALED_AT))


def test_the_sealer_refuses_someone_elses_verdicts(desk: WriterDesk) -> None:
    verdict = desk.verdict(next(iter(desk.records)))
    with pytest.raises(BundleInputError, match="not the signing key"):
        seal_verdict_bundle([verdict], ManifestHeader(KEY, "Ada", 1, None, SEALED_AT))


def test_an_unknown_reviewer_is_refused_when_only_known_keys_count(desk: WriterDesk) -> None:
    data = seal_for([desk.verdict(next(iter(desk.records)))])
    with pytest.raises(BundleRejected) as caught:
        verify_verdict_bundle(data, SignerTrust.only_key(KEY.public_key))
    assert caught.value.reason_code is RejectReason.UNKNOWN_SIGNER


def test_writer_trusts_a_reviewer_on_first_use_then_only_that_key(desk: WriterDesk) -> None:
    from workstation.core.verdicts import apply_verdict_bundle

    first = seal_for([desk.verdict(next(iter(desk.records)))])
    opened = verify_verdict_bundle(first, reviewer_trust(desk.store))
    assert opened.signer_known is False  # shown with its key, accepted on first use
    apply_verdict_bundle(desk.store, opened, first, "first.zip")
    again = verify_verdict_bundle(seal_for([desk.verdict(list(desk.records)[1])]), reviewer_trust(desk.store))
    assert again.signer_known is True
    impostor = seal_for(
        [desk.verdict(list(desk.records)[2], reviewer_fingerprint=KEY.public_key.fingerprint)], key=KEY
    )
    with pytest.raises(BundleRejected) as caught:
        verify_verdict_bundle(impostor, reviewer_trust(desk.store))
    assert caught.value.reason_code is RejectReason.SIGNER_KEY_CHANGED
