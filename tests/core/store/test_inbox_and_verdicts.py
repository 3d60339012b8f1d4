"""The reviewer's tables: a bundle is in the inbox with all its items or not at all; verdicts are kept."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pydantic
import pytest

from workstation.core.models import Anchor, ReviewComment, Verdict, VerdictKind, sha256_text
from workstation.core.review.items import AuditFigures
from workstation.core.store import Store
from workstation.core.store.inbox import InboxBundle, NewItem, UnknownItem

BUNDLE = "sha256:" + "a" * 64
OTHER_BUNDLE = "sha256:" + "b" * 64
WRITER = "1" * 64
REVIEWER = "2" * 64
SECOND_REVIEWER = "3" * 64


def bundle(bundle_id: str = BUNDLE, seq: int = 1) -> InboxBundle:
    return InboxBundle(
        bundle_id=bundle_id,
        kind="rewrites",
        signer_fingerprint=WRITER,
        signer_name="Ana",
        bundle_seq=seq,
        prev_bundle_id=None,
        created_at="2026-11-30T10:00:00Z",
        received_at="2026-12-01T09:00:00.000Z",
        source="/media/usb/ana.zip",
        record_count=2,
        size=1234,
        chain_problem=None,
    )


def item(item_id: str, *, model: str = "model-a", edit_rate: float = 0.25) -> NewItem:
    return NewItem(
        item_id=item_id,
        task_id="task-" + item_id,
        project="Mail",
        model=model,
        status="submitted",
        rewrite_sha256=sha256_text("rewrite of " + item_id),
        record={"rewrite_id": item_id, "rewrite": "rewrite of " + item_id, "original": "original"},
        figures=AuditFigures(
            words_original=100,
            words_rewrite=90,
            edit_rate=edit_rate,
            density_before=12.5,
            density_after=1.0,
            findings_before=5,
            findings_after=1,
        ),
        active_seconds=180.0,
        flagged=False,
    )


def verdict(
    verdict_id: str, kind: VerdictKind, *, reviewer: str = REVIEWER, at: str = "2026-12-01T10:00:00Z"
) -> Verdict:
    return Verdict(
        verdict_id=verdict_id,
        bundle_id=BUNDLE,
        rewrite_id="rw-1",
        task_id="task-rw-1",
        rewrite_sha256=sha256_text("rewrite of rw-1"),
        verdict=kind,
        reason=None if kind is VerdictKind.ACCEPT else "too close to the original",
        comments=(
            ReviewComment(
                text="This still reads like a model.",
                anchor=Anchor(side="rewrite", start=0, end=7, quote="rewrite"),
            ),
        ),
        reviewer_name="Rita",
        reviewer_fingerprint=reviewer,
        created_at=at,
    )


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    with Store(data_dir) as opened:
        yield opened


def test_a_bundle_and_its_items_are_added_together(store: Store) -> None:
    with store.database.write() as conn:
        store.inbox.add_bundle(conn, bundle(), b"zip bytes", [item("rw-1"), item("rw-2", model="model-b")])

    assert [b.bundle_id for b in store.inbox.bundles()] == [BUNDLE]
    assert store.inbox.bundle_bytes(BUNDLE) == b"zip bytes"
    listed = store.inbox.items()
    assert [i.item_id for i in listed] == ["rw-1", "rw-2"]
    assert listed[1].model == "model-b" and listed[0].writer_name == "Ana"
    assert listed[0].seconds_per_100_words == pytest.approx(200.0)
    assert store.inbox.record("rw-2")["rewrite"] == "rewrite of rw-2"


def test_an_item_already_in_the_inbox_keeps_the_whole_second_bundle_out(store: Store) -> None:
    with store.database.write() as conn:
        store.inbox.add_bundle(conn, bundle(), b"one", [item("rw-1")])
    with pytest.raises(sqlite3.IntegrityError), store.database.write() as conn:
        store.inbox.add_bundle(conn, bundle(OTHER_BUNDLE, seq=2), b"two", [item("rw-9"), item("rw-1")])

    assert not store.inbox.has_bundle(OTHER_BUNDLE)
    assert store.inbox.count() == 1
    assert store.inbox.existing_item_ids(["rw-1", "rw-9"]) == {"rw-1"}


def test_item_ids_resolve_from_a_unique_prefix_only(store: Store) -> None:
    with store.database.write() as conn:
        store.inbox.add_bundle(conn, bundle(), b"z", [item("rw-abc1"), item("rw-abd2")])

    assert store.inbox.resolve_item_id("rw-abc") == "rw-abc1"
    assert store.inbox.resolve_item_id("rw-abd2") == "rw-abd2"
    with pytest.raises(UnknownItem, match="more than one"):
        store.inbox.resolve_item_id("rw-ab")
    with pytest.raises(UnknownItem, match="no item"):
        store.inbox.resolve_item_id("rw-%")
    with pytest.raises(UnknownItem, match="no item"):
        store.inbox.resolve_item_id("")


def test_verdicts_round_trip_with_their_anchored_comments(store: Store) -> None:
    made = verdict("v1", VerdictKind.REVISE)
    store.verdicts.add(made)

    assert store.verdicts.for_rewrite("rw-1") == (made,)
    assert store.verdicts.for_task("task-rw-1") == (made,)
    assert store.verdicts.get("v1") == made
    assert store.verdicts.unsealed(REVIEWER) == [made]


def test_undo_takes_back_only_the_newest_unsealed_verdict_of_that_reviewer(store: Store) -> None:
    store.verdicts.add(verdict("v1", VerdictKind.ACCEPT, at="2026-12-01T10:00:00Z"))
    store.verdicts.add(verdict("v2", VerdictKind.REJECT, at="2026-12-01T10:01:00Z"))
    store.verdicts.add(verdict("w1", VerdictKind.ACCEPT, reviewer=SECOND_REVIEWER, at="2026-12-01T10:02:00Z"))

    undone = store.verdicts.undo_last(REVIEWER)
    assert undone is not None and undone.verdict_id == "v2"
    with store.database.write() as conn:
        store.verdicts.mark_sealed(conn, ["v1"], "sha256:" + "c" * 64)
    assert store.verdicts.undo_last(REVIEWER) is None
    assert [v.verdict_id for v in store.verdicts.all()] == ["v1", "w1"]


def test_sealing_a_verdict_twice_rolls_back(store: Store) -> None:
    store.verdicts.add(verdict("v1", VerdictKind.ACCEPT))
    with store.database.write() as conn:
        store.verdicts.mark_sealed(conn, ["v1"], "sha256:" + "c" * 64)
    with pytest.raises(RuntimeError), store.database.write() as conn:
        store.verdicts.mark_sealed(conn, ["v1"], "sha256:" + "d" * 64)


def test_received_verdicts_are_added_once(store: Store) -> None:
    received = [verdict("x1", VerdictKind.ACCEPT, reviewer=SECOND_REVIEWER)]
    with store.database.write() as conn:
        assert store.verdicts.add_received(conn, received, "sha256:" + "e" * 64) == 1
    with store.database.write() as conn:
        assert store.verdicts.add_received(conn, received, "sha256:" + "e" * 64) == 0
    assert store.verdicts.unsealed(SECOND_REVIEWER) == []  # received verdicts are not ours to seal


def test_a_verdict_other_than_accept_needs_a_reason() -> None:
    with pytest.raises(pydantic.ValidationError, match="needs a reason"):
        Verdict(
            verdict_id="v",
            bundle_id=BUNDLE,
            rewrite_id="rw-1",
            task_id="t",
            rewrite_sha256="0" * 64,
            verdict=VerdictKind.REJECT,
            reason="   ",
            reviewer_name="Rita",
            reviewer_fingerprint=REVIEWER,
            created_at="2026-12-01T10:00:00Z",
        )
    with pytest.raises(pydantic.ValidationError, match="before it starts"):
        Anchor(side="original", start=5, end=2, quote="")


def test_items_are_read_a_page_at_a_time_and_the_queue_facts_without_reading_them(store: Store) -> None:
    with store.database.write() as conn:
        store.inbox.add_bundle(conn, bundle(), b"one", [item("rw-1"), item("rw-2", model="model-b")])
        store.inbox.add_bundle(conn, bundle(OTHER_BUNDLE, seq=2), b"two", [item("rw-3"), item("rw-4")])
    every = store.inbox.items()

    first = store.inbox.items(limit=3)
    assert [i.item_id for i in first] == ["rw-1", "rw-2", "rw-3"]
    assert store.inbox.items(after_seq=first[-1].seq, limit=3) == every[3:]
    assert store.inbox.items(after_seq=every[-1].seq) == []
    assert [i.item_id for i in store.inbox.items(bundle_id=OTHER_BUNDLE, after_seq=every[2].seq)] == ["rw-4"]
    assert store.inbox.item_sources() == [(BUNDLE, WRITER, "Ana"), (OTHER_BUNDLE, WRITER, "Ana")]
    assert store.inbox.models() == {"model-a", "model-b"}


def test_the_first_item_without_a_verdict_is_this_reviewers(store: Store) -> None:
    with store.database.write() as conn:
        store.inbox.add_bundle(conn, bundle(), b"one", [item("rw-1"), item("rw-2")])
    assert store.inbox.first_without_verdict(REVIEWER) == "rw-1"
    store.verdicts.add(verdict("v-1", VerdictKind.ACCEPT))  # REVIEWER's, on rw-1
    assert store.inbox.first_without_verdict(REVIEWER) == "rw-2"
    assert store.inbox.first_without_verdict(SECOND_REVIEWER) == "rw-1"
    assert store.inbox.first_without_verdict(None) == "rw-2"  # anyone's verdict counts
    store.verdicts.add(verdict("v-2", VerdictKind.ACCEPT).model_copy(update={"rewrite_id": "rw-2"}))
    assert store.inbox.first_without_verdict(REVIEWER) is None
