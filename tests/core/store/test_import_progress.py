"""An import says how far it got, in a percentage that only grows and ends at 100, and a cancel in
any stage before the commit leaves the store exactly as it was."""

from __future__ import annotations

import csv
import json
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from workstation.core.store import ImportProgress, ImportStage, Store
from workstation.core.store.import_progress import READ_SHARE
from workstation.core.store.importer import BATCH_SIZE, INDEX_PIECE, _Abort, _interruptible, _Watch

ROWS = 20_000


def _records(count: int, prefix: str = "big") -> list[dict[str, str]]:
    return [
        {"id": f"{prefix}-{i}", "prompt": f"Prompt {i}", "response": f"Certainly! Response number {i}."}
        for i in range(count)
    ]


def write_jsonl(path: Path, count: int = ROWS) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in _records(count)), encoding="utf-8")
    return path


def write_csv(path: Path, count: int = ROWS) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", "prompt", "response"])
        writer.writeheader()
        writer.writerows(_records(count))
    return path


def write_label_studio_array(path: Path, count: int = ROWS) -> Path:
    tasks = [
        {"id": i, "data": {"prompt": r["prompt"], "response": r["response"]}}
        for i, r in enumerate(_records(count))
    ]
    path.write_text(json.dumps(tasks, indent=1), encoding="utf-8")
    return path


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "data") as opened:
        before = tmp_path / "before.jsonl"
        before.write_text("".join(json.dumps(r) + "\n" for r in _records(30, "before")), encoding="utf-8")
        opened.import_file(before, project="Before")
        yield opened


def snapshot(store: Store) -> tuple[object, ...]:
    """What a writer could notice of the store: tasks, projects, search hits, stats; and the
    search index's own rows, so no entry of a rolled-back task is left behind in it."""
    conn = store.database.conn
    return (
        store.tasks.count(),
        sorted(store.projects.names()),
        [row.id for row in store.tasks.queue(search="Response")],
        store.stats(),
        conn.execute("SELECT count(*), sum(length(block)) FROM task_search_data").fetchone(),
    )


@pytest.mark.parametrize("write", [write_jsonl, write_csv, write_label_studio_array])
def test_progress_only_grows_and_ends_at_100(
    store: Store, tmp_path: Path, write: Callable[[Path], Path]
) -> None:
    heard: list[ImportProgress] = []
    result = store.import_file(write(tmp_path / "big.data"), project="Big", on_progress=heard.append)
    assert result.ok and result.added == ROWS
    percents = [progress.percent for progress in heard]
    assert percents == sorted(percents) and percents[-1] == 100 and percents[0] == 0
    assert len(set(percents)) >= 30  # it moves smoothly, not in a few jumps
    assert all(
        p < 100 for p, progress in zip(percents, heard, strict=True) if progress.stage is not ImportStage.DONE
    )
    stages = [progress.stage for progress in heard]
    assert stages[0] is ImportStage.READING and stages[-1] is ImportStage.DONE
    order = list(ImportStage)
    assert [order.index(stage) for stage in stages] == sorted(order.index(stage) for stage in stages)
    assert heard[-1].records == ROWS and heard[-1].path.endswith("big.data")


def _cancel_when(
    condition: Callable[[ImportProgress], bool],
) -> tuple[list[ImportProgress], Callable[[], bool]]:
    """Progress to record, and a cancel that is asked for once ``condition`` held for a report."""
    heard: list[ImportProgress] = []
    return heard, lambda: any(condition(progress) for progress in heard)


@pytest.mark.parametrize(
    ("stage", "condition"),
    [
        ("reading", lambda p: p.stage is ImportStage.READING),
        (
            "writing, batches inserted",
            lambda p: p.stage is ImportStage.WRITING and p.records >= 3 * BATCH_SIZE,
        ),
        (
            "writing, nearly done",
            lambda p: p.stage is ImportStage.WRITING and p.fraction >= 0.95 * READ_SHARE,
        ),
        ("indexing", lambda p: p.stage is ImportStage.INDEXING),
        ("finishing", lambda p: p.stage is ImportStage.FINISHING),
    ],
)
def test_a_cancel_in_any_stage_leaves_the_store_as_it_was(
    store: Store, tmp_path: Path, stage: str, condition: Callable[[ImportProgress], bool]
) -> None:
    before = snapshot(store)
    heard, cancel = _cancel_when(condition)
    result = store.import_file(
        write_jsonl(tmp_path / "big.jsonl"), project="Big", on_progress=heard.append, should_cancel=cancel
    )
    assert result.cancelled and not result.ok and result.added == 0
    assert snapshot(store) == before
    assert heard[-1].stage is ImportStage.DONE
    # The store still takes the same file afterwards, whole.
    again = store.import_file(write_jsonl(tmp_path / "big.jsonl"), project="Big")
    assert again.ok and again.added == ROWS and store.tasks.count() == 30 + ROWS


def test_a_cancel_while_the_last_tasks_are_indexed_stops_the_statement(store: Store, tmp_path: Path) -> None:
    before = snapshot(store)
    heard: list[ImportProgress] = []
    looks_while_indexing = 0

    def cancel() -> bool:  # no to the look when indexing starts, yes to the next one
        nonlocal looks_while_indexing
        if heard and heard[-1].stage is ImportStage.INDEXING:
            looks_while_indexing += 1
        return looks_while_indexing >= 2

    rows = ROWS + INDEX_PIECE // 2  # the last half piece is indexed after the last record
    result = store.import_file(
        write_jsonl(tmp_path / "big.jsonl", rows),
        project="Big",
        on_progress=heard.append,
        should_cancel=cancel,
    )
    assert result.cancelled and result.added == 0
    stages = [progress.stage for progress in heard]
    assert ImportStage.INDEXING in stages and ImportStage.FINISHING not in stages  # stopped inside
    assert snapshot(store) == before
    again = store.import_file(write_jsonl(tmp_path / "big.jsonl", rows), project="Big")
    assert again.ok and store.tasks.count_queue(search="certainly") == 30 + rows


def test_a_cancel_while_the_first_records_are_still_being_read_is_noticed_at_once(
    store: Store, tmp_path: Path
) -> None:
    before = snapshot(store)
    asked = threading.Event()

    def slow_reader() -> None:  # parsing that would take minutes for the whole file
        time.sleep(0.05)

    started = time.monotonic()
    timer = threading.Timer(0.3, asked.set)
    timer.start()
    result = store.import_file(
        write_jsonl(tmp_path / "big.jsonl"), project="Big", should_cancel=asked.is_set, pace=slow_reader
    )
    took = time.monotonic() - started
    timer.cancel()
    assert result.cancelled and snapshot(store) == before
    assert took < 3.0, took  # reading it all would take 20 s


def test_a_cancel_after_the_commit_is_too_late_and_the_file_is_in(store: Store, tmp_path: Path) -> None:
    heard: list[ImportProgress] = []
    result = store.import_file(
        write_jsonl(tmp_path / "big.jsonl", 500),
        project="Big",
        on_progress=heard.append,
        should_cancel=lambda: bool(heard) and heard[-1].stage is ImportStage.DONE,
    )
    assert result.ok and result.added == 500 and not result.cancelled


def test_the_store_indexes_the_first_records_while_a_slow_reader_goes_on(
    store: Store, tmp_path: Path
) -> None:
    """The store does not sit idle while the reader parses the first piece: the records written
    so far go into the search index at once, so the bar shows indexed tasks during reading."""
    rows = 3 * BATCH_SIZE  # under one INDEX_PIECE: before, nothing was indexed until the end
    heard: list[ImportProgress] = []

    def slow_reader() -> None:
        time.sleep(0.002)

    result = store.import_file(
        write_jsonl(tmp_path / "slow.jsonl", rows), project="Slow", on_progress=heard.append, pace=slow_reader
    )
    assert result.ok and result.added == rows
    writing = [progress for progress in heard if progress.stage is ImportStage.WRITING]
    # Reading alone gives READ_SHARE of the share read; a piece in the index adds to it.
    ahead = [
        progress for progress in writing if progress.fraction > READ_SHARE * progress.records / rows + 0.05
    ]
    assert ahead, [(progress.records, progress.fraction) for progress in writing]
    assert store.tasks.count_queue(search="certainly") == 30 + rows


def test_a_cancel_interrupts_a_statement_that_would_run_for_minutes(tmp_path: Path) -> None:
    """The watcher stops the running statement itself, not only the next one: a count to a
    billion (minutes of SQLite work, no Python in it) ends a moment after the cancel."""
    conn = sqlite3.connect(tmp_path / "long.sqlite3")
    asked = threading.Event()
    watch = _Watch("long", None, asked.is_set)
    threading.Timer(0.2, asked.set).start()
    started = time.monotonic()
    with pytest.raises(_Abort) as stopped, _interruptible(conn, watch):
        conn.execute(
            "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 1000000000) "
            "SELECT count(*) FROM n"
        ).fetchone()
    assert stopped.value.cancelled
    assert time.monotonic() - started < 3.0
    assert conn.execute("SELECT 41 + 1").fetchone() == (42,)  # the connection works on
    conn.close()
