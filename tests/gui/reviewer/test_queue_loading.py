"""A big inbox opens at once: the first page is read on the GUI thread, the rest and the triage in
the background; filters give what filtering the whole inbox gives; verdicts never re-read it."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from tests.gui.reviewer.conftest import ReviewFactory
from tests.gui.reviewer.inbox_data import Work, add_bundle, fingerprint_of
from tests.gui.reviewer.review_driver import ReviewDriver
from workstation.core.models import Verdict, VerdictKind
from workstation.core.review.triage import OutlierReason, triage
from workstation.core.signing import identity as ident
from workstation.core.store import Store
from workstation.core.store.inbox import InboxQueries
from workstation.gui.operations import Changes
from workstation.gui.reviewer import inbox_queue
from workstation.gui.reviewer.inbox_queue import FIRST_PAGE_ITEMS, merged
from workstation.gui.reviewer.queue_filter import (
    NO_VERDICT,
    QueueFilter,
    filter_choices,
    filter_items,
    outlier_reasons,
)

BIG = 3_000
LOAD_MS = 20_000
MODELS = ("model-a", "model-b", None)


def _works(start: int, count: int) -> list[Work]:
    """Items of every kind the filters tell apart: three models, some flagged, some untouched
    (near-zero edits) and some done too fast for their length."""
    words = " ".join(f"word{n}" for n in range(24))
    works = []
    for n in range(start, start + count):
        untouched = n % 7 == 0
        works.append(
            Work(
                f"t-{n:05d}",
                f"It is important to note that {words} number {n}.",
                f"It is important to note that {words} number {n}." if untouched else f"Number {n} {words}.",
                model=MODELS[n % len(MODELS)],
                active_seconds=1.0 if n % 11 == 0 else 120.0,
                flag_reason="Off topic" if n % 13 == 0 else None,
            )
        )
    return works


def fill_big_inbox(data_dir: Path) -> None:
    """Three bundles from two writers, :data:`BIG` items in all."""
    with Store(data_dir) as store:
        add_bundle(store, "Ada Writer", _works(0, 1_200), seq=1, id_prefix="a1-")
        add_bundle(store, "Bea Writer", _works(1_200, 1_000), seq=1, id_prefix="b1-")
        add_bundle(store, "Ada Writer", _works(2_200, BIG - 2_200), seq=2, id_prefix="a2-")


@pytest.fixture
def big_inbox(review_dir: Path) -> Path:
    fill_big_inbox(review_dir)
    return review_dir


@pytest.fixture
def held_background_read(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """The background read waits until the test sets the event (set again at the end, so a
    window closing never waits for it)."""
    release = threading.Event()
    real = inbox_queue.read_and_triage

    def held(*args: Any) -> Any:
        assert release.wait(LOAD_MS / 1000), "the test never let the background read go on"
        return real(*args)

    monkeypatch.setattr(inbox_queue, "read_and_triage", held)
    yield release
    release.set()


@pytest.fixture
def item_reads(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Every call of ``store.inbox.items`` (on any connection), by its keyword arguments."""
    calls: list[dict[str, Any]] = []
    real = InboxQueries.items

    def counted(self: InboxQueries, **kwargs: Any) -> Any:
        calls.append(kwargs)
        return real(self, **kwargs)

    monkeypatch.setattr(InboxQueries, "items", counted)
    return calls


def wait_loaded(qtbot: QtBot, reviewer: ReviewDriver) -> None:
    qtbot.waitUntil(lambda: not reviewer.window.queue.loading, timeout=LOAD_MS)


def test_the_window_can_be_used_on_the_first_page_before_the_rest_of_the_inbox_is_read(
    qtbot: QtBot, make_review_window: ReviewFactory, big_inbox: Path, held_background_read: threading.Event
) -> None:
    reviewer = make_review_window(big_inbox)
    window = reviewer.window
    first_ids = reviewer.queue_ids()

    assert window.queue.loading
    assert len(first_ids) == FIRST_PAGE_ITEMS
    assert reviewer.current_item_id == first_ids[0]
    assert reviewer.count_text() == f"{FIRST_PAGE_ITEMS:,} of {BIG:,} items so far, reading the rest…"
    writers = window.queue_panel.writer_filter
    assert writers.count() == 3  # "All writers" and both writers: the store lists them at once
    reviewer.press("a")  # accepted, and on to the next item
    reviewer.wait_for_ops()
    assert reviewer.verdicts_on(first_ids[0])[0].verdict is VerdictKind.ACCEPT
    assert reviewer.current_item_id == first_ids[1]
    assert window.queue_panel.outlier_filter.count() == 1  # the triage has not landed yet

    held_background_read.set()
    wait_loaded(qtbot, reviewer)
    assert len(reviewer.queue_ids()) == BIG
    assert reviewer.queue_ids()[:FIRST_PAGE_ITEMS] == first_ids
    assert reviewer.count_text() == f"{BIG:,} items"
    assert reviewer.current_item_id == first_ids[1]  # the open item stayed open and selected
    assert window.queue_panel.current_item_id() == first_ids[1]
    assert reviewer.queue_cell(first_ids[0], 2) == "Accepted"
    assert window.queue_panel.outlier_filter.count() > 1


def test_filters_give_what_filtering_the_whole_inbox_gives(
    qtbot: QtBot, make_review_window: ReviewFactory, big_inbox: Path, held_background_read: threading.Event
) -> None:
    reviewer = make_review_window(big_inbox)
    reviewer.choose_filter("writer", fingerprint_of("Ada Writer"))  # chosen while still reading
    held_background_read.set()
    wait_loaded(qtbot, reviewer)
    with Store(big_inbox, readonly=True) as store:
        items = store.inbox.items()
    outliers = outlier_reasons(triage(items))
    ada = fingerprint_of("Ada Writer")
    assert reviewer.queue_ids() == [
        i.item_id for i in filter_items(items, QueueFilter(writer=ada), {}, outliers)
    ]
    reviewer.choose_filter("writer", None)
    for _ in range(3):
        reviewer.press("a")  # accepted, and on to the next
    reviewer.wait_for_ops()
    with Store(big_inbox, readonly=True) as store:
        verdicts = dict(store.verdicts.latest_kinds())
    panel = reviewer.window.queue_panel
    expected_choices = filter_choices(items, outliers)
    assert [panel.writer_filter.itemData(n) for n in range(1, panel.writer_filter.count())] == [
        fp for fp, _label in expected_choices.writers
    ]
    assert [panel.bundle_filter.itemData(n) for n in range(1, panel.bundle_filter.count())] == [
        bid for bid, _label in expected_choices.bundles
    ]
    assert [panel.outlier_filter.itemData(n) for n in range(1, panel.outlier_filter.count())] == [
        reason for reason, _label in expected_choices.outliers
    ]

    def expected(chosen: QueueFilter) -> list[str]:
        return [item.item_id for item in filter_items(items, chosen, verdicts, outliers)]

    second_bundle = expected_choices.bundles[1][0]
    for which, value, chosen in (
        ("writer", ada, QueueFilter(writer=ada)),
        ("bundle", second_bundle, QueueFilter(bundle=second_bundle)),
        ("model", "model-b", QueueFilter(model="model-b")),
        ("model", "", QueueFilter(model="")),
        ("flag", True, QueueFilter(flagged=True)),
        (
            "outlier",
            OutlierReason.NEAR_ZERO_EDITS.value,
            QueueFilter(outlier=OutlierReason.NEAR_ZERO_EDITS.value),
        ),
        ("outlier", OutlierReason.TOO_FAST.value, QueueFilter(outlier=OutlierReason.TOO_FAST.value)),
        ("verdict", NO_VERDICT, QueueFilter(verdict=NO_VERDICT)),
        ("verdict", VerdictKind.ACCEPT.value, QueueFilter(verdict=VerdictKind.ACCEPT.value)),
    ):
        reviewer.choose_filter(which, value)
        shown = reviewer.queue_ids()
        assert shown == expected(chosen), f"the {which} filter at {value!r}"
        assert 0 < len(shown) < BIG
        reviewer.choose_filter(which, None)
    assert len(reviewer.queue_ids()) == BIG
    assert len(verdicts) == 3


def test_a_verdict_never_reads_the_inbox_again(
    qtbot: QtBot, make_review_window: ReviewFactory, big_inbox: Path, item_reads: list[dict[str, Any]]
) -> None:
    reviewer = make_review_window(big_inbox)
    wait_loaded(qtbot, reviewer)
    item_reads.clear()
    first = reviewer.current_item_id
    assert first is not None

    reviewer.press("a")
    reviewer.wait_for_ops()
    reviewer.window.tabs.setCurrentIndex(1)  # the Batch tab summarises from the items in memory
    reviewer.window.tabs.setCurrentIndex(0)
    assert reviewer.verdicts_on(first)[0].verdict is VerdictKind.ACCEPT
    assert reviewer.queue_cell(first, 2) == "Accepted"
    assert item_reads == []


def test_bundles_received_are_read_alone_and_appended(
    qtbot: QtBot, make_review_window: ReviewFactory, big_inbox: Path, item_reads: list[dict[str, Any]]
) -> None:
    reviewer = make_review_window(big_inbox)
    wait_loaded(qtbot, reviewer)
    before = reviewer.queue_ids()
    with Store(big_inbox) as store:
        last_seq = store.inbox.items()[-1].seq
        _bundle, added = add_bundle(store, "Cy Writer", _works(BIG, 40), id_prefix="c1-")
    item_reads.clear()

    reviewer.context.events.store_changed.emit(Changes(inbox=True))  # as receiving says it
    wait_loaded(qtbot, reviewer)
    assert [call.get("after_seq") for call in item_reads] == [last_seq]
    assert reviewer.queue_ids() == before + added
    assert reviewer.count_text() == f"{BIG + 40:,} items"
    assert reviewer.window.queue_panel.writer_filter.count() == 4


def test_figures_computed_are_read_from_the_first_item_that_had_none(
    qtbot: QtBot, make_review_window: ReviewFactory, big_inbox: Path, item_reads: list[dict[str, Any]]
) -> None:
    with Store(big_inbox) as store:  # the last bundle arrives as receiving leaves it: no figures
        with store.database.write() as conn:
            conn.execute("UPDATE inbox_items SET words_original = NULL WHERE item_id LIKE 'rw-a2-%'")
        first_pending = store.inbox.items(after_seq=2_200, limit=1)[0]
    finished: list[int] = []
    reviewer = make_review_window(big_inbox, first_item=False)
    reviewer.window.figures.finished.connect(finished.append)
    wait_loaded(qtbot, reviewer)
    assert reviewer.queue_cell(first_pending.item_id, 3) == "…"
    item_reads.clear()

    reviewer.window.open_first_task()  # starts the figures pass over the 800 items without them
    qtbot.waitUntil(lambda: sum(finished) == BIG - 2_200, timeout=60_000)
    reviewer.wait_for_ops()
    wait_loaded(qtbot, reviewer)
    assert [call.get("after_seq") for call in item_reads] == [first_pending.seq - 1]
    assert reviewer.queue_cell(first_pending.item_id, 3).endswith("%")
    assert len(reviewer.queue_ids()) == BIG


def test_a_background_read_that_fails_says_so_and_keeps_the_first_page(
    qtbot: QtBot, make_review_window: ReviewFactory, big_inbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing(*_args: Any) -> Any:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(inbox_queue, "read_and_triage", failing)
    reviewer = make_review_window(big_inbox)
    wait_loaded(qtbot, reviewer)
    assert reviewer.status_text() == "The rest of the inbox could not be read: disk I/O error"
    assert len(reviewer.queue_ids()) == FIRST_PAGE_ITEMS
    assert reviewer.current_item_id == reviewer.queue_ids()[0]


def test_merging_a_read_replaces_the_items_from_there_on_and_keeps_the_rest(
    review_dir: Path,
) -> None:
    with Store(review_dir) as store:
        add_bundle(store, "Ada Writer", _works(0, 10))
        items = store.inbox.items()
    seqs = [item.seq for item in items]
    assert merged([], None, items, to_end=True) == items
    assert merged(items[:4], seqs[3], items[4:], to_end=True) == items  # appended
    page = items[2:5]
    assert merged(items, seqs[1], page, to_end=False) == items  # a page read again, the rest kept
    assert merged(items, seqs[1], page, to_end=True) == items[:5]  # the store ends there now
    assert merged(items, seqs[-1], [], to_end=False) == items


def test_the_window_opens_on_the_first_item_without_a_verdict_even_past_the_first_page(
    qtbot: QtBot,
    make_review_window: ReviewFactory,
    big_inbox: Path,
    held_background_read: threading.Event,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(inbox_queue, "FIRST_PAGE_ITEMS", 20)
    reviewer_key = ident.load_identity(big_inbox)
    assert reviewer_key is not None
    with Store(big_inbox) as store:
        items = store.inbox.items(limit=26)
        for number, item in enumerate(items[:25]):  # the first page and then some: judged
            store.verdicts.add(
                Verdict(
                    verdict_id=f"v-{number}",
                    bundle_id=item.bundle_id,
                    rewrite_id=item.item_id,
                    task_id=item.task_id,
                    rewrite_sha256="0" * 64,
                    verdict=VerdictKind.ACCEPT,
                    reviewer_name="Rita Reviewer",
                    reviewer_fingerprint=reviewer_key.fingerprint,
                    created_at="2026-03-02T10:00:00Z",
                )
            )
    reviewer = make_review_window(big_inbox)
    assert reviewer.window.queue.loading and len(reviewer.queue_ids()) == 20
    assert reviewer.current_item_id == items[25].item_id
    assert not reviewer.window.step_item(1)  # its neighbours are not read yet: said, not guessed
    assert reviewer.status_text() == "The rest of the queue is still being read; a moment, please."

    held_background_read.set()
    wait_loaded(qtbot, reviewer)
    assert reviewer.window.queue_panel.current_item_id() == items[25].item_id
    assert reviewer.window.step_item(1)
    assert reviewer.current_item_id == reviewer.queue_ids()[26]
