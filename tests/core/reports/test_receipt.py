"""The work receipt of a sealed bundle: ids, hashes, counts, time, effort and verdicts received."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.timesheet_data import add_tasks, record, sitting
from workstation.core.bundles import SignerTrust, open_bundle
from workstation.core.bundles.seal_work import seal_submitted
from workstation.core.effort.recorder import EFFORT_FIELDS
from workstation.core.models import RewriteStatus, Verdict, VerdictKind
from workstation.core.reports.receipt import NOT_RECORDED, ReceiptError, build_receipt
from workstation.core.reports.signed_record import RecordAuthor
from workstation.core.signing import SecretKey
from workstation.core.store import Store, new_rewrite

KEY = SecretKey.generate()
AUTHOR = RecordAuthor("Ada Writer", KEY.public_key.fingerprint)
MADE = datetime(2030, 1, 1, tzinfo=UTC)


@pytest.fixture
def sealed(data_dir: Path, tmp_path: Path) -> tuple[Store, str]:
    store = Store(data_dir)
    add_tasks(store, tmp_path, count=4)
    for task_id, text in (("mail-000", "A human reply."), ("mail-001", "Another one.")):
        task = store.tasks.get(task_id)
        assert task is not None
        draft = new_rewrite(task).model_copy(
            update={"text": text, "status": RewriteStatus.SUBMITTED, "active_seconds": 600.0}
        )
        store.rewrites.save(draft)
    start = datetime(2024, 5, 1, 9, tzinfo=UTC)
    counts = {name: 0 for name in EFFORT_FIELDS} | {"typed_chars": 90, "pasted_chars": 10}
    typed = sitting("mail-000", start, 700, 600).model_copy(update=counts)
    record(store, [typed, sitting("mail-001", start, 700, 600, n=1)])
    result = seal_submitted(store, KEY, "Ada Writer")
    assert result is not None
    yield store, result.bundle_id
    store.close()


def test_the_receipt_proves_the_work_without_the_texts(sealed: tuple[Store, str]) -> None:
    store, bundle_id = sealed
    receipt = build_receipt(store, bundle_id, author=AUTHOR, generated_at=MADE)
    assert receipt["bundle"]["bundle_id"] == bundle_id and receipt["bundle"]["bundle_seq"] == 1
    assert receipt["counts"] == {"rewrites": 2, "tasks": 2, "by_status": {"submitted": 2}}
    assert receipt["active_seconds"] == 1200.0
    rows = {row["task_id"]: row for row in receipt["rewrites"]}
    assert rows["mail-000"]["rewrite_sha256"] == hashlib.sha256(b"A human reply.").hexdigest()
    assert "A human reply." not in str(receipt)
    assert rows["mail-000"]["effort"]["typed_share"] == 0.9
    assert rows["mail-000"]["effort"]["pasted_share"] == 0.1 and not rows["mail-000"]["effort"]["for_a_look"]
    # The other task's sittings recorded no counts: "not recorded", never zeros.
    unrecorded = rows["mail-001"]["effort"]
    assert (unrecorded["status"], unrecorded["sessions"], unrecorded["recorded_sessions"]) == (
        NOT_RECORDED,
        1,
        0,
    )
    assert all(unrecorded[name] is None for name in EFFORT_FIELDS) and unrecorded["typed_share"] is None
    # A total over part of the work would pass it off as the whole: the bundle gives no counts.
    assert receipt["effort"]["status"] == "partly recorded" and receipt["effort"]["typed_chars"] is None
    assert receipt["effort"]["recorded_sessions"] == 1 and receipt["effort"]["sessions"] == 2


def test_the_receipt_says_what_the_bundle_sealed(sealed: tuple[Store, str]) -> None:
    """The receipt's effort is the bundle's own, not recounted from sittings recorded later."""
    store, bundle_id = sealed
    bundle = open_bundle(store.outbox.get_bytes(bundle_id), trust=SignerTrust.accept_any())
    in_bundle = {record["task_id"]: record["effort"] for record in bundle.records}
    later = sitting("mail-000", datetime(2024, 5, 1, 8, tzinfo=UTC), 60, 60, n=5).model_copy(
        update={"typed_chars": 0, "pasted_chars": 5000}
    )
    record(store, [later])
    receipt = build_receipt(store, bundle_id, author=AUTHOR, generated_at=MADE)
    assert {row["task_id"]: row["effort"] for row in receipt["rewrites"]} == in_bundle


def test_a_fully_typed_bundle_totals_its_counts(data_dir: Path, tmp_path: Path) -> None:
    with Store(data_dir) as store:
        add_tasks(store, tmp_path, count=4)
        start = datetime(2024, 5, 1, 9, tzinfo=UTC)
        texts = {"mail-000": "Typed by hand.", "mail-001": "Pasted from my notes, all of it."}
        for n, (task_id, text) in enumerate(texts.items()):
            task = store.tasks.get(task_id)
            assert task is not None
            update = {"text": text, "status": RewriteStatus.SUBMITTED}
            store.rewrites.save(new_rewrite(task).model_copy(update=update))
            typed, pasted = (len(text), 0) if n == 0 else (0, len(text))
            counts = {name: 0 for name in EFFORT_FIELDS} | {"typed_chars": typed, "pasted_chars": pasted}
            record(store, [sitting(task_id, start, 700, 600, n=n).model_copy(update=counts)])
        result = seal_submitted(store, KEY, "Ada Writer")
        assert result is not None
        receipt = build_receipt(store, result.bundle_id, author=AUTHOR, generated_at=MADE)
    rows = {row["task_id"]: row["effort"] for row in receipt["rewrites"]}
    assert rows["mail-001"]["for_a_look"] is True and rows["mail-000"]["for_a_look"] is False
    total = receipt["effort"]
    assert total["status"] == "recorded" and total["typed_chars"] == 14 and total["pasted_chars"] == 32
    assert total["final_chars"] == 46 and total["pasted_share"] == round(32 / 46, 3)
    assert receipt["verdicts"] == {"received": 0, "by_verdict": {}}


def test_verdicts_received_on_the_bundle_are_listed(sealed: tuple[Store, str]) -> None:
    store, bundle_id = sealed
    rewrite = store.rewrites.get("mail-001")
    assert rewrite is not None
    verdict = Verdict(
        verdict_id="v-1",
        bundle_id=bundle_id,
        rewrite_id=rewrite.rewrite_id,
        task_id="mail-001",
        rewrite_sha256=hashlib.sha256(rewrite.text.encode()).hexdigest(),
        verdict=VerdictKind.REVISE,
        reason="tone",
        comment="a comment that stays out of the receipt",
        reviewer_name="Rita Reviewer",
        reviewer_fingerprint="cd" * 32,
        created_at="2030-01-02T00:00:00Z",
    )
    with store.database.write() as conn:
        store.verdicts.add_received(conn, [verdict], "sha256:" + "ee" * 32)
    receipt = build_receipt(store, bundle_id, author=AUTHOR, generated_at=MADE)
    assert receipt["verdicts"] == {"received": 1, "by_verdict": {"revise": 1}}
    listed = next(row for row in receipt["rewrites"] if row["task_id"] == "mail-001")["verdicts"]
    assert [(v["verdict"], v["reason"], v["reviewer_name"]) for v in listed] == [
        ("revise", "tone", "Rita Reviewer")
    ]
    assert "stays out" not in str(receipt)


def test_an_unknown_bundle_is_refused_in_words(sealed: tuple[Store, str]) -> None:
    store, _bundle_id = sealed
    with pytest.raises(ReceiptError, match="no bundle"):
        build_receipt(store, "sha256:" + "00" * 32, author=AUTHOR, generated_at=MADE)


def test_a_version_1_bundle_gets_a_receipt_that_says_not_recorded(data_dir: Path) -> None:
    golden = Path(__file__).resolve().parents[1] / "bundles" / "golden" / "rewrite_bundle_v1.zip"
    data = golden.read_bytes()
    bundle = open_bundle(data, trust=SignerTrust.accept_any())
    with Store(data_dir) as store:
        with store.database.write() as conn:
            store.outbox.insert(
                conn,
                bundle_id=bundle.bundle_id,
                bundle_seq=1,
                signer_fingerprint=bundle.manifest.signer.fingerprint,
                data=data,
                record_count=3,
                kind="rewrites",
            )
        receipt = build_receipt(store, bundle.bundle_id, author=AUTHOR, generated_at=MADE)
    assert receipt["effort"]["status"] == NOT_RECORDED and receipt["effort"]["typed_share"] is None
    assert [row["effort"]["status"] for row in receipt["rewrites"]] == [NOT_RECORDED] * 3
