"""The queue in pages: each page with the total that match, every task once in order, and searches
that take whatever a person types as words."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from workstation.core.models import RewriteStatus
from workstation.core.store import QueueFilter, QueuePage, Store, new_rewrite
from workstation.core.store.search_words import MAX_COMPLETIONS

TASKS = 120
KETTLES = 40  # every third task


def _records(count: int, prefix: str = "t", start: int = 0) -> list[dict[str, str]]:
    records = []
    for i in range(start, start + count):
        kind = f"Otters hold {i} kettles." if i % 3 == 0 else f"Otters swim {i} times."
        records.append({"id": f"{prefix}{i:03}", "prompt": f"Write note {i} about otters", "response": kind})
    return records


def _import(store: Store, path: Path, records: list[dict[str, str]], project: str = "P") -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    assert store.import_file(path, project=project).ok


@pytest.fixture
def store(data_dir: Path, tmp_path: Path) -> Store:
    with Store(data_dir) as opened:
        _import(opened, tmp_path / "tasks.jsonl", _records(TASKS))
        yield opened


def _every_page(store: Store, wanted: QueueFilter, size: int) -> list[QueuePage]:
    pages = [store.tasks.page(**wanted.arguments(), limit=size)]
    while pages[-1].next_after is not None:
        pages.append(store.tasks.page(**wanted.arguments(), limit=size, after_seq=pages[-1].next_after))
    return pages


def test_the_first_page_comes_with_the_total(store: Store) -> None:
    page = store.tasks.page(limit=50)
    assert [row.id for row in page.rows] == [f"t{i:03}" for i in range(50)]
    assert page.total == TASKS and page.next_after == page.rows[-1].seq


@pytest.mark.parametrize(
    ("wanted", "expected"),
    [
        (QueueFilter(), [f"t{i:03}" for i in range(TASKS)]),
        (QueueFilter(search="kettles"), [f"t{i:03}" for i in range(0, TASKS, 3)]),
        (QueueFilter(search="otter", project="P"), [f"t{i:03}" for i in range(TASKS)]),  # a prefix
    ],
)
def test_paging_on_reads_every_task_once_in_queue_order(
    store: Store, wanted: QueueFilter, expected: list[str]
) -> None:
    pages = _every_page(store, wanted, 17)
    assert [row.id for page in pages for row in page.rows] == expected
    assert {page.total for page in pages} == {len(expected)}
    assert 0 < len(pages[-1].rows) <= 17 and pages[-1].next_after is None


def test_offsets_reach_the_last_page_and_past_the_end(store: Store) -> None:
    last = store.tasks.page(limit=50, offset=100)
    assert [row.id for row in last.rows] == [f"t{i:03}" for i in range(100, TASKS)]
    assert last.total == TASKS and last.next_after is None
    exactly_full = store.tasks.page(search="kettles", limit=20, offset=20)
    assert len(exactly_full.rows) == 20 and exactly_full.next_after is None  # nothing follows
    beyond = store.tasks.page(search="kettles", limit=50, offset=500)
    assert beyond.rows == () and beyond.total == KETTLES and beyond.next_after is None
    assert store.tasks.page(limit=None).total == len(store.tasks.page(limit=None).rows) == TASKS


def test_the_total_follows_an_import_and_paging_on_reaches_the_new_tasks(
    store: Store, tmp_path: Path
) -> None:
    first = store.tasks.page(search="kettles", limit=KETTLES)
    assert first.total == KETTLES and first.next_after is None
    _import(store, tmp_path / "more.jsonl", _records(30, "m", TASKS), project="Q")
    after = store.tasks.page(search="kettles", limit=50, after_seq=first.rows[-1].seq)
    assert [row.id for row in after.rows] == [f"m{i:03}" for i in range(TASKS, TASKS + 30) if i % 3 == 0]
    assert after.total == KETTLES + 10
    assert store.tasks.count() == TASKS + 30 and store.tasks.count_queue(project="Q") == 30
    assert store.tasks.count_queue(search="kettles", project="Q") == 10


def test_filters_by_status_and_project_count_what_they_list(store: Store, tmp_path: Path) -> None:
    for task_id in ("t000", "t001", "t003", "t009"):
        store.rewrites.save(new_rewrite(store.tasks.get(task_id)))  # drafts
    submitted = new_rewrite(store.tasks.get("t006")).model_copy(update={"status": RewriteStatus.SUBMITTED})
    store.rewrites.save(submitted)
    _import(store, tmp_path / "q.jsonl", _records(9, "q"), project="Q")
    for wanted, expected in [
        (QueueFilter(statuses=("draft",)), ["t000", "t001", "t003", "t009"]),
        (QueueFilter(statuses=("draft",), search="kettles"), ["t000", "t003", "t009"]),
        (QueueFilter(statuses=("draft", "submitted"), search="kettles"), ["t000", "t003", "t006", "t009"]),
        (QueueFilter(search="kettles", project="Q"), ["q000", "q003", "q006"]),
        (QueueFilter(statuses=("open",), search="kettles", project="Q"), ["q000", "q003", "q006"]),
        (QueueFilter(statuses=("draft",), project="Q"), []),
    ]:
        page = store.tasks.page(**wanted.arguments(), limit=2)
        everything = store.tasks.page(**wanted.arguments(), limit=None)
        assert [row.id for row in everything.rows] == expected, wanted
        assert (
            page.total == everything.total == store.tasks.count_queue(**wanted.arguments()) == len(expected)
        ), wanted
        assert [row.id for row in page.rows] == expected[:2]


@pytest.mark.parametrize(
    "typed",
    ['"', "*", "-", ":", "NEAR", "NEAR(", "(", ")", "AND", "OR", "NOT", "^", "{prompt}:", "a:b", '"""'],
)
def test_search_syntax_from_a_person_never_raises(store: Store, typed: str) -> None:
    page = store.tasks.page(search=typed, limit=None)
    assert page.total == store.tasks.count_queue(search=typed) == len(page.rows)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("otters -kettles", KETTLES),  # the minus is no NOT: both words must be there
        ('"otters kettles"', KETTLES),  # quotes are no phrase
        ("kettles*", KETTLES),
        ("original:kettles", 0),  # no column filter: "original" is a word no task holds
        ("NEAR(otters kettles)", 0),  # "near" is a word too
        ("ÖTTERS", TASKS),  # diacritics and case folded as in the index
        ("otters\u19b0kettles", KETTLES),  # a letter in Python's Unicode tables, a break in SQLite's
        ("*** ( -", 0),
    ],
)
def test_search_syntax_is_taken_as_plain_words(store: Store, typed: str, expected: int) -> None:
    assert store.tasks.page(search=typed, limit=None).total == expected
    assert len(store.tasks.queue(search=typed)) == expected


def test_words_with_punctuation_inside_match_their_parts(store: Store, tmp_path: Path) -> None:
    notes = [
        {"id": "n1", "prompt": "Reply to the e-mail", "response": "I don't swim near kettles."},
        {"id": "n2", "prompt": "Mail it", "response": "E is a letter; so is T."},
    ]
    _import(store, tmp_path / "notes.jsonl", notes, project="N")
    assert [row.id for row in store.tasks.queue(search="e-mail")] == ["n1", "n2"]
    assert [row.id for row in store.tasks.queue(search="don't near")] == ["n1"]
    assert store.tasks.queue(search="don't", statuses=["draft"]) == []


def test_a_search_still_works_after_a_rolled_back_transaction(store: Store) -> None:
    with pytest.raises(RuntimeError), store.database.write():
        assert store.tasks.count_queue(search="kettles") == KETTLES  # makes its scratch table
        raise RuntimeError("undo")
    assert store.tasks.count_queue(search="kettles") == KETTLES


def test_a_status_filter_never_runs_the_search_once_per_task(data_dir: Path, tmp_path: Path) -> None:
    """A prefix search over the submitted tasks once took 66 s at 100,000 tasks: the planner walked
    the tasks by status and ran the whole search again for each. Here that would take seconds."""
    with Store(tmp_path / "many") as store:
        records = [
            {"id": f"w{i}", "prompt": "Write", "response": f"word{i} and wordy{i % 97} words"}
            for i in range(4000)
        ]
        _import(store, tmp_path / "many.jsonl", records)
        with store.database.write() as conn:
            conn.execute("UPDATE tasks SET status = 'submitted' WHERE seq % 2 = 0")
        wanted = QueueFilter(statuses=("submitted",), search="wor")
        started = time.perf_counter()
        page = store.tasks.page(**wanted.arguments(), limit=50)
        listed = store.tasks.queue(statuses=["submitted"], search="wor")
        took = time.perf_counter() - started
    assert page.total == len(listed) == 2000 and len(page.rows) == 50
    assert took < 1.0, took


@pytest.mark.parametrize("words", [3, MAX_COMPLETIONS + 8])  # listed as words / asked as a prefix
def test_a_half_typed_last_word_finds_every_word_it_starts(store: Store, tmp_path: Path, words: int) -> None:
    records = [{"id": f"z{i}", "prompt": "Zoo", "response": f"A zebra{i} here."} for i in range(words)]
    records.append({"id": "other", "prompt": "Zoo", "response": "A zeal and a zebu."})
    _import(store, tmp_path / "zoo.jsonl", records, project="Z")
    assert store.tasks.count_queue(search="zebr") == words
    assert store.tasks.count_queue(search="a zeb") == words + 1
    page = store.tasks.page(search="here zebra", limit=2)
    assert [row.id for row in page.rows] == ["z0", "z1"] and page.total == words
