"""A bundle holds only confirmed submissions: a submitted rewrite edited since waits for a new
submit, and the queue tells sealed work from submitted work."""

from __future__ import annotations

from tests.core.bundles.seal_testkit import CREATED_AT, KEY, WRITER, submit, task_ids
from workstation.core.bundles import SignerTrust, open_bundle
from workstation.core.bundles.seal_work import count_unconfirmed, count_unsealed, seal_submitted
from workstation.core.models import RewriteStatus
from workstation.core.store import SEALED, Store, new_rewrite
from workstation.core.submission import note_edit, submitted_again

EDIT_AT = "2030-01-01T00:00:00.000Z"


def edit_after_submit(store: Store, task_id: str, text: str) -> None:
    """What the editor does when the writer changes a submitted rewrite: mark it, save it."""
    before = store.rewrites.get(task_id)
    assert before is not None
    store.rewrites.save(note_edit(before, before.model_copy(update={"text": text}), at=EDIT_AT))


def submit_again(store: Store, task_id: str) -> None:
    rewrite = store.rewrites.get(task_id)
    assert rewrite is not None
    store.rewrites.save(submitted_again(rewrite))


def sealed_texts(store: Store, bundle_id: str) -> dict[str, str]:
    verified = open_bundle(store.outbox.get_bytes(bundle_id), trust=SignerTrust.accept_any())
    return {record["task_id"]: record["rewrite"] for record in verified.records}


def test_an_edit_after_submit_is_stored_and_kept_out_of_the_seal(store: Store) -> None:
    first, second = task_ids(store, "Mail")[:2]
    submit(store, first, "Confirmed text.")
    submit(store, second, "Submitted text.")
    edit_after_submit(store, second, "Polished after submit.")
    edited = store.rewrites.get(second)
    assert edited is not None
    assert edited.status is RewriteStatus.SUBMITTED and edited.edited_after_submit == EDIT_AT
    assert count_unsealed(store) == 1 and count_unconfirmed(store) == 1

    result = seal_submitted(store, KEY, WRITER, created_at=CREATED_AT)

    assert result is not None and result.record_count == 1 and result.unconfirmed == 1
    assert sealed_texts(store, result.bundle_id) == {first: "Confirmed text."}
    waiting = store.rewrites.get(second)
    assert (
        waiting is not None and waiting.sealed_bundle_id is None and waiting.text == "Polished after submit."
    )
    assert seal_submitted(store, KEY, WRITER) is None  # nothing confirmed is left


def test_submitting_again_seals_the_latest_text_with_a_new_submit_time(store: Store) -> None:
    task_id = task_ids(store, "Mail")[0]
    submit(store, task_id, "First words.")
    first_submit = store.rewrites.get(task_id).submitted_at  # type: ignore[union-attr]
    edit_after_submit(store, task_id, "Better words.")
    submit_again(store, task_id)
    confirmed = store.rewrites.get(task_id)
    assert confirmed is not None and confirmed.edited_after_submit is None
    assert confirmed.submitted_at is not None and first_submit is not None
    assert confirmed.submitted_at >= first_submit and count_unconfirmed(store) == 0

    result = seal_submitted(store, KEY, WRITER, created_at=CREATED_AT)

    assert result is not None and result.unconfirmed == 0
    assert sealed_texts(store, result.bundle_id) == {task_id: "Better words."}


def test_leaving_submitted_drops_the_mark(store: Store) -> None:
    task_id = task_ids(store, "Mail")[0]
    submit(store, task_id)
    edit_after_submit(store, task_id, "Changed my mind.")
    rewrite = store.rewrites.get(task_id)
    assert rewrite is not None
    store.rewrites.save(rewrite.model_copy(update={"status": RewriteStatus.SKIPPED}))
    skipped = store.rewrites.get(task_id)
    assert skipped is not None and skipped.edited_after_submit is None and count_unconfirmed(store) == 0


def test_the_queue_tells_sealed_submitted_and_edited_apart(store: Store) -> None:
    sealed_id, edited_id, submitted_id, draft_id = task_ids(store, "Mail")[:4]
    submit(store, sealed_id, "Sealed otters.")
    assert seal_submitted(store, KEY, WRITER) is not None
    submit(store, edited_id, "Edited otters.")
    edit_after_submit(store, edited_id, "Edited otters, again.")
    submit(store, submitted_id, "Submitted otters.")
    draft_task = store.tasks.get(draft_id)
    assert draft_task is not None
    store.rewrites.save(new_rewrite(draft_task))

    rows = {row.id: row for row in store.tasks.queue()}
    assert rows[sealed_id].state == SEALED and rows[sealed_id].status == "submitted"
    assert rows[edited_id].state == "submitted" and rows[edited_id].edited_after_submit
    assert not rows[submitted_id].edited_after_submit and not rows[submitted_id].sealed

    def listed(*states: str, search: str | None = None) -> list[str]:
        return [row.id for row in store.tasks.queue(statuses=states, search=search)]

    assert listed(SEALED) == [sealed_id]
    assert sorted(listed("submitted")) == sorted([edited_id, submitted_id])
    assert sorted(listed(SEALED, "draft")) == sorted([sealed_id, draft_id])
    assert listed(SEALED, search="otters") == [sealed_id]
    assert listed("submitted", search="sealed") == []
    assert listed("no-such-state") == []
