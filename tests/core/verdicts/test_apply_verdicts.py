"""The writer takes in a reviewer's verdicts: shown per task, revisions reopen it, bad verdicts reported."""

from __future__ import annotations

import pytest

from tests.core.bundles.seal_testkit import KEY, WRITER
from tests.core.verdicts.verdict_testkit import REVIEWER, WriterDesk, seal_for
from workstation.core.bundles import SignerTrust, open_bundle
from workstation.core.bundles.seal_work import seal_submitted
from workstation.core.models import RewriteStatus
from workstation.core.records import work_from_record
from workstation.core.store import RewriteSealed
from workstation.core.verdicts import (
    VerdictImport,
    apply_verdict_bundle,
    reviewer_trust,
    verify_verdict_bundle,
)


def _import(desk: WriterDesk, data: bytes) -> VerdictImport:
    return apply_verdict_bundle(
        desk.store, verify_verdict_bundle(data, reviewer_trust(desk.store)), data, "v.zip"
    )


def test_verdicts_show_on_the_tasks_and_a_revision_request_reopens_one(desk: WriterDesk) -> None:
    accepted, revised, rejected = list(desk.records)
    sealed_rewrite = desk.store.rewrites.get(revised)
    assert sealed_rewrite is not None and sealed_rewrite.sealed_bundle_id == desk.bundle_id
    verdicts = [desk.verdict(accepted), desk.anchored_revise(revised), desk.verdict(rejected, "reject")]

    outcome = _import(desk, seal_for(verdicts))

    assert outcome.added and len(outcome.imported) == 3 and outcome.problems == ()
    assert outcome.reopened == (revised,)
    assert (outcome.reviewer_name, outcome.reviewer_known) == (REVIEWER, False)
    assert [v.verdict.value for v in desk.store.verdicts.for_task(rejected)] == ["reject"]
    shown = desk.store.verdicts.for_task(revised)[0]
    assert shown.comments[0].anchor is not None and shown.comments[0].anchor.quote == "rewrite"
    draft = desk.store.rewrites.get(revised)
    assert draft is not None
    assert draft.status is RewriteStatus.DRAFT and draft.sealed_bundle_id is None
    assert draft.rewrite_id != sealed_rewrite.rewrite_id and draft.text == sealed_rewrite.text
    assert draft.revision_of == {"bundle_id": desk.bundle_id, "rewrite_id": sealed_rewrite.rewrite_id}
    assert draft.ratings == sealed_rewrite.ratings and draft.active_seconds == sealed_rewrite.active_seconds
    queue = {row.id: row.status for row in desk.store.tasks.queue()}
    assert queue[revised] == "draft" and queue[accepted] == "submitted"
    untouched = desk.store.rewrites.get(accepted)
    assert untouched is not None and untouched.sealed_bundle_id == desk.bundle_id
    assert [b.kind for b in desk.store.inbox.bundles()] == ["verdicts"]
    assert desk.store.inbox.bundle_bytes(outcome.bundle_id) == seal_for(verdicts)


def test_the_resubmission_seals_as_a_new_bundle_that_references_the_old_one(desk: WriterDesk) -> None:
    revised = list(desk.records)[1]
    _import(desk, seal_for([desk.anchored_revise(revised)]))
    draft = desk.store.rewrites.get(revised)
    assert draft is not None
    desk.store.rewrites.save(
        draft.model_copy(update={"text": "A better rewrite.", "status": RewriteStatus.SUBMITTED})
    )

    result = seal_submitted(desk.store, KEY, WRITER)

    assert result is not None and result.record_count == 1 and result.prev_bundle_id == desk.bundle_id
    (record,) = open_bundle(result.data, trust=SignerTrust.accept_any()).records
    assert record["revision_of"] == draft.revision_of and record["rewrite"] == "A better rewrite."
    _task, read_back = work_from_record(record, bundle_id=result.bundle_id)
    assert read_back.revision_of == draft.revision_of
    # the old bundle still holds the judged text, unchanged
    old = open_bundle(desk.store.outbox.get_bytes(desk.bundle_id), trust=SignerTrust.accept_any())
    assert any(r["rewrite"] == desk.records[revised]["rewrite"] for r in old.records)


def test_a_stale_save_of_the_sealed_rewrite_cannot_overwrite_the_reopened_draft(desk: WriterDesk) -> None:
    revised = list(desk.records)[1]
    stale = desk.store.rewrites.get(revised)
    assert stale is not None
    _import(desk, seal_for([desk.anchored_revise(revised)]))
    with pytest.raises(RewriteSealed, match="reopened"):
        desk.store.rewrites.save(stale.model_copy(update={"sealed_bundle_id": None, "text": "old"}))
    draft = desk.store.rewrites.get(revised)
    assert draft is not None and draft.text == desk.records[revised]["rewrite"]


def test_a_replayed_verdict_bundle_is_reported_not_added_twice(desk: WriterDesk) -> None:
    data = seal_for([desk.anchored_revise(list(desk.records)[1])])
    first = _import(desk, data)
    draft = desk.store.rewrites.get(list(desk.records)[1])
    again = _import(desk, data)
    assert first.added and again.already_held and not again.added and again.reopened == ()
    assert "already here" in again.summary()
    assert len(desk.store.verdicts.all()) == 1 and len(desk.store.inbox.bundles()) == 1
    assert desk.store.rewrites.get(list(desk.records)[1]) == draft


def test_verdicts_that_do_not_fit_are_reported_and_the_rest_imported(desk: WriterDesk) -> None:
    good, wrong_text, gone = list(desk.records)
    stranger = desk.verdict(good, bundle_id="sha256:" + "ab" * 32)
    mismatch = desk.verdict(wrong_text, "revise", rewrite_sha256="0" * 64)
    conn = desk.store.database.conn  # the writer lost this task (e.g. removed by hand)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("DELETE FROM tasks WHERE id = ?", (gone,))
    conn.execute("PRAGMA foreign_keys = ON")

    outcome = _import(desk, seal_for([desk.verdict(good), stranger, mismatch, desk.verdict(gone)]))

    assert outcome.added and [v.task_id for v in outcome.imported] == [good]
    assert [p.verdict_id for p in outcome.unknown_bundle] == [stranger.verdict_id]
    assert "never sealed nor received" in outcome.unknown_bundle[0].reason
    assert [p.task_id for p in outcome.missing_task] == [gone]
    assert [p.task_id for p in outcome.refused] == [wrong_text] and "not the text" in outcome.refused[
        0
    ].reason
    assert outcome.reopened == ()  # a revision request over another text reopens nothing
    rewrite = desk.store.rewrites.get(wrong_text)
    assert rewrite is not None and rewrite.sealed_bundle_id == desk.bundle_id
    assert "3 left out" in outcome.summary()


def test_a_verdict_bundle_for_bundles_this_store_never_saw_is_not_added(desk: WriterDesk) -> None:
    task_id = next(iter(desk.records))
    outcome = _import(desk, seal_for([desk.verdict(task_id, bundle_id="sha256:" + "cd" * 32)]))
    assert not outcome.added and len(outcome.unknown_bundle) == 1
    assert desk.store.inbox.bundles() == [] and desk.store.verdicts.all() == []
    assert "not added" in outcome.summary()
