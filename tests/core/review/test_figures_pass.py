"""The figures pass: received items get the reviewer's figures in batches, resumably, once."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.review.review_testkit import ADA, ADA_KEY, chain, write
from workstation.core.review.figures import audit_figures, review_linter
from workstation.core.review.figures_pass import fill_figures
from workstation.core.review.receive import receive
from workstation.core.store import Store


@pytest.fixture
def received(store: Store, tmp_path: Path) -> Store:
    store.writers.trust(ADA, ADA_KEY.public_key)
    paths = [
        str(write(tmp_path, f"ada-{n}.zip", bundle)) for n, bundle in enumerate(chain(ADA_KEY, ADA, 3, 4))
    ]
    report = receive(store, paths)
    assert report.items_added == 12
    return store


def test_received_items_wait_without_figures_until_the_pass(received: Store) -> None:
    assert received.inbox.count_without_figures() == 12
    assert all(item.figures is None and item.seconds_per_100_words is None for item in received.inbox.items())


def test_the_pass_computes_what_audit_figures_computes_in_batches(received: Store) -> None:
    progress: list[tuple[int, int]] = []

    done = fill_figures(received, batch_items=5, on_progress=lambda d, t: progress.append((d, t)))

    assert done == 12 and progress == [(5, 12), (10, 12), (12, 12)]
    assert received.inbox.count_without_figures() == 0
    for item in received.inbox.items():
        record = received.inbox.record(item.item_id)
        assert item.figures == audit_figures(record["original"], record["rewrite"], review_linter())
    assert fill_figures(received) == 0  # nothing left: a second pass does nothing


def test_a_cancelled_pass_keeps_what_it_did_and_the_next_one_takes_up_the_rest(received: Store) -> None:
    asked: list[int] = []

    def cancel_after_first_batch() -> bool:
        asked.append(1)
        return len(asked) > 1

    assert fill_figures(received, batch_items=4, should_cancel=cancel_after_first_batch) == 4
    with_figures = [item.item_id for item in received.inbox.items() if item.figures is not None]
    assert len(with_figures) == 4 and received.inbox.count_without_figures() == 8

    assert fill_figures(received, max_items=3) == 3
    assert fill_figures(received) == 5
    assert received.inbox.count_without_figures() == 0
