"""A big queue is read a page at a time and still behaves as one list: scrolling, filters, search,
the task far down, Next and Previous, live status, imports and a failing read.

The store holds a few thousand tasks and the pages are made small (50 rows; only the first two
read on the GUI thread, at most six held), so every path a 100,000-task queue takes is walked.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.gui.task_files import write_tasks
from workstation.core.models import RewriteStatus
from workstation.core.store import Store, StoreError, new_rewrite
from workstation.gui.writer import queue_model, queue_reads

TASKS = 3_000
HARBOUR_EVERY = 3  # every third task is about the harbour
PAGE = 50
SUBMITTED = ("t-0007", "t-1500", "t-2950")


def _task_id(number: int) -> str:
    return f"t-{number:04d}"


@pytest.fixture
def big_dir(tmp_path: Path) -> Path:
    source = tmp_path / "tasks.jsonl"
    with source.open("w", encoding="utf-8") as out:
        for number in range(TASKS):
            topic = "harbour" if number % HARBOUR_EVERY == 0 else "meadow"
            record = {"id": _task_id(number), "prompt": f"Question {number}", "response": f"On the {topic}."}
            out.write(json.dumps(record) + "\n")
    data_dir = tmp_path / "data"
    with Store(data_dir) as store:
        assert store.import_file(source, project="Big").added == TASKS
        for task_id in SUBMITTED:
            task = store.tasks.get(task_id)
            assert task is not None
            store.rewrites.save(new_rewrite(task).model_copy(update={"status": RewriteStatus.SUBMITTED}))
    return data_dir


@pytest.fixture(autouse=True)
def small_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(queue_reads, "PAGE_ROWS", PAGE)
    monkeypatch.setattr(queue_model, "NEAR_ROWS", 2 * PAGE)
    monkeypatch.setattr(queue_model, "KEPT_PAGES", 6)
    monkeypatch.setattr(queue_model, "PREFETCH_ROWS", 10)


def test_scrolling_to_the_end_shows_every_task_in_order(make_window, big_dir: Path) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(big_dir, first_task=False)
    assert writer.queue.count_text() == "3,000 tasks"
    assert writer.queue.size() == TASKS
    assert writer.queue.scroll_through() == [_task_id(n) for n in range(TASKS)]
    writer.queue.press(Qt.Key.Key_End)
    writer.qtbot.waitUntil(lambda: writer.current_task_id == _task_id(TASKS - 1), timeout=3000)
    writer.queue.press(Qt.Key.Key_Home)
    writer.qtbot.waitUntil(lambda: writer.current_task_id == _task_id(0), timeout=3000)


def test_search_and_filter_list_the_right_tasks_and_counts(make_window, big_dir: Path) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(big_dir)
    writer.queue.search("harbour")
    writer.queue.settle()
    assert writer.queue.count_text() == "1,000 of 3,000 tasks"
    assert writer.queue.scroll_through() == [_task_id(n) for n in range(0, TASKS, HARBOUR_EVERY)]
    writer.queue.filter("submitted")
    assert writer.queue.listed_ids() == ["t-1500"]  # submitted and about the harbour
    writer.queue.search("")
    writer.queue.settle()
    assert writer.queue.listed_ids() == list(SUBMITTED)
    assert writer.queue.count_text() == "3 of 3,000 tasks"
    writer.queue.search('harbour" (')  # search syntax is plain text: still the harbour tasks
    writer.queue.settle()
    assert writer.queue.listed_ids() == ["t-1500"]
    writer.queue.filter("")
    writer.queue.search("lighthouse")
    writer.queue.settle()
    assert writer.queue.size() == 0
    assert writer.queue.count_text() == "No task matches the search or filter (3,000 in all)"
    writer.queue.search("")
    writer.queue.settle()
    assert writer.queue.count_text() == "3,000 tasks"


def test_a_task_far_down_is_scrolled_to_and_highlighted(make_window, big_dir: Path) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(big_dir)
    assert writer.open_task("t-2750")
    writer.qtbot.waitUntil(lambda: writer.queue.highlighted() == "t-2750", timeout=3000)
    assert writer.queue.on_screen("t-2750")
    writer.queue.search("harbour")  # t-2750 is about the meadow: listed no more, highlighted nowhere
    writer.queue.settle()
    assert writer.queue.highlighted() is None
    assert writer.queue.visible_ids()[0] == "t-0000"  # a new search lists from the top
    assert writer.current_task_id == "t-2750"  # the open task stays open
    assert writer.open_task("t-2751")
    writer.qtbot.waitUntil(lambda: writer.queue.highlighted() == "t-2751", timeout=3000)
    assert writer.queue.on_screen("t-2751")


@pytest.mark.parametrize("start", [PAGE - 1, 40 * PAGE - 1])
def test_next_and_previous_cross_page_boundaries(make_window, big_dir: Path, start: int) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(big_dir)
    assert writer.open_task(_task_id(start))
    writer.trigger("next_task")
    assert writer.current_task_id == _task_id(start + 1)
    writer.trigger("next_task")
    assert writer.current_task_id == _task_id(start + 2)
    for back in (1, 0, -1):
        writer.trigger("previous_task")
        assert writer.current_task_id == _task_id(start + back)
    writer.qtbot.waitUntil(lambda: writer.queue.highlighted() == _task_id(start - 1), timeout=3000)


def test_next_follows_the_search_across_pages_and_stops_at_the_end(make_window, big_dir: Path) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(big_dir)
    writer.queue.search("harbour")
    writer.queue.settle()
    for last_of_page in (3 * (PAGE - 1), 3 * (12 * PAGE - 1)):  # rows 49 and 599 of the search
        assert writer.open_task(_task_id(last_of_page))
        writer.trigger("next_task")
        assert writer.current_task_id == _task_id(last_of_page + HARBOUR_EVERY)
        writer.trigger("previous_task")
        assert writer.current_task_id == _task_id(last_of_page)
    last = _task_id(TASKS - 3)  # the last harbour task
    assert writer.open_task(last)
    writer.trigger("next_task")
    assert writer.current_task_id == last  # nothing after the last one


def test_a_saved_status_changes_its_row_in_place(make_window, big_dir: Path) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(big_dir)
    assert writer.open_task("t-2600")
    writer.qtbot.waitUntil(lambda: writer.queue.highlighted() == "t-2600", timeout=3000)
    assert writer.queue.status("t-2600") == "open"
    writer.type(" Edited.")
    writer.wait_saved()
    assert writer.queue.status("t-2600") == "draft"
    assert writer.queue.highlighted() == "t-2600" and writer.queue.on_screen("t-2600")


def test_an_import_updates_the_count_and_a_search_finds_the_new_tasks(
    make_window, big_dir: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(big_dir)
    writer.transfers.import_files((write_tasks(tmp_path / "more.jsonl", 30),), "More")
    assert writer.queue.count_text() == "3,030 tasks"
    writer.queue.search("Response number")
    writer.queue.settle()
    assert writer.queue.count_text() == "30 of 3,030 tasks"
    writer.transfers.import_files((write_tasks(tmp_path / "again.jsonl", 40),), "More")  # 10 new ones
    writer.queue.settle()
    assert writer.queue.count_text() == "40 of 3,040 tasks"
    assert writer.queue.listed_ids()[-1] == "imp-39"


def test_a_failing_background_read_is_told_and_the_list_stays(
    make_window, big_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(big_dir)

    def unreadable(*_args: object, **_kwargs: object) -> Store:
        raise StoreError("the disk went away")

    monkeypatch.setattr(queue_reads, "Store", unreadable)  # the worker's own connection
    writer.queue.search("harbour")
    writer.qtbot.waitUntil(lambda: "could not be read" in writer.status_message(), timeout=3000)
    assert "the disk went away" in writer.status_message()
    assert writer.queue.count_text() == "3,000 tasks"  # what was listed before stays
    assert writer.queue.visible_ids()[0] == _task_id(0)
