"""Sealing carries each rewrite's effort signals: recorded, not recorded, and only a revision's own."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.core.bundles.seal_testkit import KEY, WRITER, submit, task_ids
from tests.timesheet_data import record, sitting
from workstation.core.bundles import SignerTrust, open_bundle
from workstation.core.bundles.seal_work import seal_submitted
from workstation.core.models import RewriteStatus, WorkSession
from workstation.core.records import effort_of_record
from workstation.core.store import Store

START = datetime(2025, 5, 1, 9, tzinfo=UTC)


def counted(task_id: str, start: datetime, *, typed: int, pasted: int, n: int = 0) -> WorkSession:
    return sitting(task_id, start, 600, 500, n=n).model_copy(
        update={
            "keystrokes": typed,
            "typed_chars": typed,
            "pasted_chars": pasted,
            "paste_events": 1 if pasted else 0,
            "largest_paste_chars": pasted,
            "external_chars": 0,
            "undo_count": 0,
            "redo_count": 0,
            "revisions": 1,
            "longest_idle_seconds": 12.0,
        }
    )


def sealed_records(store: Store) -> dict[str, dict[str, object]]:
    result = seal_submitted(store, KEY, WRITER)
    assert result is not None
    verified = open_bundle(result.data, trust=SignerTrust.only_key(KEY.public_key))
    assert verified.manifest.format_version == 2
    return {str(r["task_id"]): dict(r) for r in verified.records}


def test_each_record_carries_its_own_sittings_signals(store: Store) -> None:
    pasted_id, typed_id, off_id = task_ids(store)[:3]
    text = "A whole rewrite, pasted in from a draft elsewhere."
    for task_id in (pasted_id, typed_id, off_id):
        submit(store, task_id, text)
    record(
        store,
        [
            counted(pasted_id, START, typed=0, pasted=len(text)),
            counted(typed_id, START, typed=len(text), pasted=0),
            sitting(off_id, START, 600, 500),  # recording was off: no counts at all
        ],
    )
    records = sealed_records(store)
    pasted = effort_of_record(records[pasted_id])
    assert pasted.needs_a_look and pasted.shares is not None and pasted.shares.pasted >= 0.5
    assert records[pasted_id]["effort"]["for_a_look"] is True  # type: ignore[index]
    typed = effort_of_record(records[typed_id])
    assert typed.shares is not None and typed.shares.typed >= 0.9 and not typed.needs_a_look
    off = records[off_id]["effort"]
    assert off["status"] == "not recorded"  # type: ignore[index]
    assert off["typed_chars"] is None and off["pasted_share"] is None  # type: ignore[index]


def test_a_task_never_worked_in_the_editor_is_not_recorded(store: Store) -> None:
    task_id = task_ids(store)[0]
    submit(store, task_id)
    effort = sealed_records(store)[task_id]["effort"]
    assert effort["status"] == "not recorded" and effort["sessions"] == 0  # type: ignore[index]


def test_a_revision_counts_only_the_sittings_after_the_first_seal(store: Store) -> None:
    task_id = task_ids(store)[0]
    text = "The first version, typed out."
    submit(store, task_id, text)
    record(store, [counted(task_id, START, typed=len(text), pasted=0)])
    first = sealed_records(store)[task_id]
    with store.database.write() as conn:
        reopened = store.rewrites.reopen_for_revision(
            conn,
            task_id=task_id,
            rewrite_id=str(first["rewrite_id"]),
            bundle_id=store.outbox.rows()[0].bundle_id,
            text=text,
        )
    assert reopened is not None
    later = datetime.now(UTC) + timedelta(seconds=5)
    record(store, [counted(task_id, later, typed=0, pasted=len(text), n=1)])
    submit_revision = reopened.model_copy(update={"text": text, "status": RewriteStatus.SUBMITTED})
    store.rewrites.save(submit_revision)
    second = effort_of_record(sealed_records(store)[task_id])
    assert (second.sessions, second.typed_chars, second.pasted_chars) == (1, 0, len(text))
