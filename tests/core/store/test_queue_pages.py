"""The queue a page at a time: pages, counts and positions agree with the whole queue."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workstation.core.models import RewriteStatus
from workstation.core.store import SEALED, Store, new_rewrite

TASKS = 90
TOPIC_EVERY = 3  # every third task is about harbours


def _records() -> list[dict[str, str]]:
    return [
        {
            "id": f"t{number:03d}",
            "prompt": f"Question {number}",
            "response": f"Answer {number} about the {'harbour' if number % TOPIC_EVERY == 0 else 'meadow'}.",
        }
        for number in range(TASKS)
    ]


@pytest.fixture
def store(data_dir: Path, tmp_path: Path) -> Store:
    source = tmp_path / "tasks.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in _records()), encoding="utf-8")
    with Store(data_dir) as opened:
        assert opened.import_file(source, project="P").added == TASKS
        chosen = ((4, RewriteStatus.DRAFT), (9, RewriteStatus.SUBMITTED), (10, RewriteStatus.SKIPPED))
        for number, status in chosen:
            task = opened.tasks.get(f"t{number:03d}")
            assert task is not None
            opened.rewrites.save(new_rewrite(task).model_copy(update={"status": status}))
        for number in (30, 31, 60):
            task = opened.tasks.get(f"t{number:03d}")
            assert task is not None
            opened.rewrites.save(new_rewrite(task).model_copy(update={"status": RewriteStatus.SUBMITTED}))
        with opened.database.write() as conn:
            conn.execute(
                "INSERT INTO outbox(bundle_id, bundle_seq, signer_fingerprint, data, size, record_count, "
                "created_at, updated_at) VALUES ('sha256:x', 1, 'f', x'00', 1, 1, 'now', 'now')"
            )
            conn.execute("UPDATE rewrites SET sealed_bundle_id = 'sha256:x' WHERE task_id IN ('t030','t060')")
        yield opened


FILTERS = [
    {},
    {"statuses": ["open"]},
    {"statuses": ["submitted"]},
    {"statuses": [SEALED]},
    {"statuses": ["draft", "skipped"]},
    {"search": "harbour"},
    {"search": "harb"},
    {"search": "harbour", "statuses": ["submitted"]},
    {"search": "harbour", "statuses": [SEALED]},
    # Counted by other SQL than they are listed by (each match asked about its state in the
    # narrow status index): the two must agree in every mix of states.
    {"search": "harbour", "statuses": ["submitted", "draft"]},
    {"search": "harbour", "statuses": [SEALED, "open"]},
    {"search": "harbour", "project": "P"},
    {"search": "harbour", "statuses": ["submitted"], "project": "P"},
    {"project": "P", "statuses": ["open"]},
    {"project": "Nowhere"},
    {"search": "zebra"},
    {"search": "*** ("},  # no word at all: nothing listed, nothing raised
]


@pytest.mark.parametrize("chosen", FILTERS)
def test_pages_counts_and_positions_agree_with_the_whole_queue(store: Store, chosen: dict) -> None:
    whole = [row.id for row in store.tasks.queue(**chosen)]
    assert store.tasks.count_queue(**chosen) == len(whole)
    paged: list[str] = []
    for offset in range(0, TASKS + 20, 20):
        paged += [row.id for row in store.tasks.queue(**chosen, limit=20, offset=offset)]
    assert paged == whole
    for number in range(TASKS):
        task_id = f"t{number:03d}"
        expected = whole.index(task_id) if task_id in whole else None
        assert store.tasks.position_of(task_id, **chosen) == expected


def test_filters_list_what_their_names_say(store: Store) -> None:
    assert store.tasks.count_queue() == TASKS
    assert store.tasks.count_queue(search="harbour") == TASKS // TOPIC_EVERY
    assert [row.id for row in store.tasks.queue(statuses=[SEALED])] == ["t030", "t060"]
    assert [row.id for row in store.tasks.queue(statuses=["submitted"])] == ["t009", "t031"]
    assert [row.id for row in store.tasks.queue(search="harbour", statuses=["submitted"])] == ["t009"]
    assert [row.id for row in store.tasks.queue(limit=2, offset=TASKS - 1)] == ["t089"]


def test_a_page_past_the_end_or_a_negative_offset_is_safe(store: Store) -> None:
    assert store.tasks.queue(limit=10, offset=TASKS) == []
    assert [row.id for row in store.tasks.queue(limit=2, offset=-5)] == ["t000", "t001"]
    assert len(store.tasks.queue(offset=TASKS - 3)) == 3


def test_an_unknown_task_has_no_position(store: Store) -> None:
    assert store.tasks.position_of("nope") is None
    assert store.tasks.position_of("t001", search="harbour") is None  # t001 is about the meadow
    assert store.tasks.position_of("t003", search="harbour") == 1
