"""The operations layer: one store thread, in order, typed failures, results on the GUI thread."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sqlite3
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from workstation.core.demo import create_demo_data_dir
from workstation.core.store import Store, StoreBusy
from workstation.gui.operations import NO_CHANGES, Changes, OperationFailed, Operations


@pytest.fixture
def ops(qtbot, tmp_path: Path) -> Iterator[Operations]:  # type: ignore[no-untyped-def]
    operations = Operations(Store(create_demo_data_dir(tmp_path / "data")))
    yield operations
    operations.close()


def test_operations_run_in_order_on_one_thread_and_report_on_the_gui_thread(qtbot, ops) -> None:  # type: ignore[no-untyped-def]
    ran: list[tuple[int, str]] = []
    delivered: list[tuple[int, bool]] = []
    for n in range(20):
        ops.run(
            f"op {n}",
            lambda _store, n=n: ran.append((n, threading.current_thread().name)) or n,
            on_done=lambda result: delivered.append(
                (result, threading.current_thread() is threading.main_thread())
            ),
        )
    qtbot.waitUntil(lambda: len(delivered) == 20, timeout=3000)
    assert [n for n, _ in ran] == list(range(20))
    assert {name for _, name in ran} == {"store-writer"}
    assert delivered == [(n, True) for n in range(20)]


def test_changes_are_announced_after_the_operations_own_callback(qtbot, ops) -> None:  # type: ignore[no-untyped-def]
    heard: list[object] = []
    ops.changed.connect(heard.append)
    with qtbot.waitSignal(ops.changed, timeout=3000):
        ops.run(
            "add",
            lambda _store: 3,
            changes=lambda n: Changes(rewrites=frozenset({f"t{n}"})),
            on_done=heard.append,
        )
    assert heard == [3, Changes(rewrites=frozenset({"t3"}))]
    ops.run("nothing changed", lambda _store: None, on_done=heard.append)
    ops.drain()
    assert heard[-1] is None and len(heard) == 3  # no changed signal for NO_CHANGES


def test_a_typed_failure_reaches_on_failed_with_its_cause_and_the_next_operation_runs(
    qtbot, ops, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    hooked: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda _t, exc, _tb: hooked.append(exc))
    failures: list[OperationFailed] = []

    def full_disk(_store: Store) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    ops.run("save", full_disk, on_failed=failures.append)
    assert ops.run_and_wait("count", lambda store: store.tasks.count()) == 48
    assert len(failures) == 1 and isinstance(failures[0].cause, sqlite3.OperationalError)
    assert failures[0].expected and failures[0].label == "save" and "disk is full" in failures[0].message
    assert hooked == []  # the machine's fault, told in words: not a crash


def test_a_bug_in_an_operation_reaches_the_crash_hook_and_the_caller(qtbot, ops, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    hooked: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda _t, exc, _tb: hooked.append(exc))
    with pytest.raises(OperationFailed) as caught:
        ops.run_and_wait("broken", lambda _store: {}["missing"])
    assert isinstance(caught.value.cause, KeyError) and not caught.value.expected
    assert hooked == [caught.value.cause]


def test_run_and_wait_delivers_what_was_queued_before_it_first(qtbot, ops) -> None:  # type: ignore[no-untyped-def]
    order: list[str] = []
    ops.run("first", lambda _store: "first", on_done=order.append)
    ops.run("second", lambda _store: "second", on_done=order.append)
    result = ops.run_and_wait("third", lambda _store: "third")
    order.append(result)
    assert order == ["first", "second", "third"]


def test_call_from_a_worker_thread_waits_and_raises_the_failure(qtbot, ops) -> None:  # type: ignore[no-untyped-def]
    answers: list[object] = []

    def worker() -> None:
        answers.append(ops.call("count", lambda store: store.tasks.count()))
        try:
            ops.call("busy", lambda _store: (_ for _ in ()).throw(StoreBusy("locked")))
        except OperationFailed as error:
            answers.append(type(error.cause))

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join(5)
    assert answers == [48, StoreBusy]


def test_writes_land_in_the_store_and_close_finishes_the_queue(tmp_path: Path) -> None:
    data_dir = create_demo_data_dir(tmp_path / "data")
    ops = Operations(Store(data_dir))
    for n in range(5):
        ops.run("remember", lambda store, n=n: store.state.set("gui.last_task", f"demo-00{n + 1}"))
    ops.close()  # runs what is queued, then closes the writer connection
    with Store(data_dir, readonly=True) as reader:
        assert reader.state.get("gui.last_task") == "demo-005"
    with pytest.raises(RuntimeError):
        ops.run("too late", lambda _store: None)


def test_changes_merge() -> None:
    merged = Changes(tasks=True) | Changes(rewrites=frozenset({"a"})) | Changes(sealed=frozenset({"rw-1"}))
    assert merged == Changes(tasks=True, rewrites=frozenset({"a"}), sealed=frozenset({"rw-1"}))
    assert not NO_CHANGES and merged
