"""The work receipt of a sealed bundle: ids, hashes, counts, time, effort and verdicts received."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.timesheet_data import add_tasks, record, sitting
from workstation.core.bundles.seal_work import seal_submitted
from workstation.core.models import RewriteStatus, Verdict, VerdictKind
from workstation.core.reports.receipt import NOT_RECORDED, ReceiptError, build_receipt, effort_summary
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
    typed = sitting("mail-000", start, 700, 600).model_copy(update={"typed_chars": 90, "pasted_chars": 10})
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
    # The other task's sittings recorded no counts: "not recorded", never zeros.
    assert rows["mail-001"]["effort"] == {"sessions": 1, "recorded_sessions": 0, "status": NOT_RECORDED}
    assert receipt["effort"]["status"] == "partly recorded" and receipt["effort"]["typed_chars"] == 90
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


def test_effort_with_no_sittings_or_no_characters() -> None:
    assert effort_summary([]) == {"sessions": 0, "recorded_sessions": 0, "status": NOT_RECORDED}
    idle = sitting("t", datetime(2024, 1, 1, tzinfo=UTC), 10, 5).model_copy(
        update={"typed_chars": 0, "pasted_chars": 0}
    )
    assert "typed_share" not in effort_summary([idle]) and effort_summary([idle])["status"] == "recorded"
