"""Operations on the one store thread, seen from the writer's window: a failing one changes
nothing and never stops the next, two started together both finish in order, each sitting at a
task is one work session that adds up to the rewrite's time, and the crash dialog knows whether
the text is saved.

Faults are injected at class level (``Store.save_work``, ``Store.import_file``) because the
writes run on the store thread, with the writer connection the test never sees.
"""

from __future__ import annotations

import errno
import sqlite3
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.gui.session_checks import assert_possible_sitting
from tests.gui.task_files import write_tasks
from workstation.core.models import RewriteStatus
from workstation.core.store import Store

HOLD_S = 20.0
"""The longest a held store call waits for the test to let it go (seconds)."""


class Hold:
    """Holds calls to a store method on the store thread until the test lets them go, so two
    operations really overlap instead of merely being started close together."""

    def __init__(self) -> None:
        self.reached = threading.Event()
        self.released = threading.Event()

    def around(self, real: Callable[..., Any]) -> Callable[..., Any]:
        def held(*args: Any, **kwargs: Any) -> Any:
            self.reached.set()
            if not self.released.wait(HOLD_S):
                raise TimeoutError("the test never let the held store call go")
            return real(*args, **kwargs)

        return held


def failing_save(message: str, broken: dict[str, bool]) -> Callable[..., Any]:
    """A ``Store.save_work`` that raises ``sqlite3.OperationalError(message)`` while ``broken["on"]``."""
    real = Store.save_work

    def save(store: Store, rewrite: Any, session: Any, **kwargs: Any) -> Any:
        if broken["on"]:
            raise sqlite3.OperationalError(message)
        return real(store, rewrite, session, **kwargs)

    return save


# ---------------------------------------------------------------------- a failing operation
def test_a_failed_save_keeps_the_text_changes_nothing_and_the_next_operation_runs(
    qtbot, make_window, demo_dir: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)
    writer.drain_operations()
    (opened,) = writer.work_sessions("demo-001")
    broken = {"on": True}
    monkeypatch.setattr(Store, "save_work", failing_save("database is locked", broken))
    writer.type_at_start("Held in the editor. ")
    assert not writer.save(wait=True)
    assert writer.rewrite_text().startswith("Held in the editor. ")
    assert "NOT SAVED" in writer.save_line() and "database is locked" in writer.save_line()
    assert writer.stored_rewrite("demo-001") is None
    assert writer.work_sessions("demo-001") == [opened]  # the sitting as it began, not a second more

    # The store thread is not stuck: the next operations run while the save keeps failing.
    writer.set_upload_target("file:///media/usb/bundles")
    assert writer.upload_target() == "file:///media/usb/bundles"
    assert writer.open_task("demo-002")
    qtbot.waitUntil(lambda: len(writer.work_sessions("demo-002")) == 1, timeout=3000)
    assert writer.unsaved_task_ids == ("demo-001",)

    broken["on"] = False
    writer.retry_saves_every(50)
    writer.save()  # the retry timer may already be waiting out its longer interval
    qtbot.waitUntil(lambda: not writer.unsaved_task_ids, timeout=5000)
    assert writer.stored_rewrite("demo-001").text.startswith("Held in the editor. ")
    (session,) = writer.work_sessions("demo-001")
    assert (
        session.id == opened.id and session.active_seconds == writer.stored_rewrite("demo-001").active_seconds
    )


def test_a_disk_full_mid_import_adds_nothing_and_the_typing_is_saved_after_it(
    qtbot, make_window, demo_dir: Path, tmp_path: Path, monkeypatch, message_boxes
) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)
    real_import = Store.import_file

    def import_until_the_disk_fills(store: Store, path: Path, **kwargs: Any) -> Any:
        def progress(read: int) -> None:  # inside the import's transaction, after a batch went in
            raise OSError(errno.ENOSPC, "No space left on device")

        return real_import(store, path, **{**kwargs, "on_progress": progress})

    monkeypatch.setattr(Store, "import_file", import_until_the_disk_fills)
    with writer.transfers.wait_for_import() as blocker:
        writer.transfers.start_import([write_tasks(tmp_path / "big.jsonl", 5000)], "Big")
        writer.type_at_start("Typed while it imports. ")
        writer.save()
    outcome = blocker.args[0]
    assert outcome.failure is not None and outcome.failure[0].name == "big.jsonl"
    assert outcome.summary() == "big.jsonl: not imported: [Errno 28] No space left on device"
    assert writer.task_count() == 48 and writer.queue.size() == 48
    assert "Big" not in writer.store_stats()["projects"]
    assert writer.rewrite_text().startswith("Typed while it imports. ")
    qtbot.waitUntil(lambda: not writer.is_dirty, timeout=5000)
    assert writer.stored_rewrite("demo-001").text.startswith("Typed while it imports. ")
    assert not writer.transfers.import_running()


def test_an_unexpected_import_failure_reaches_the_crash_dialog_and_the_next_import_runs(
    make_window, demo_dir: Path, tmp_path: Path, monkeypatch, message_boxes
) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)
    real_import = Store.import_file
    reported: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, error, tb: reported.append(error))

    def buggy_import(store: Store, path: Path, **kwargs: Any) -> Any:
        raise KeyError("a bug in an importer")

    monkeypatch.setattr(Store, "import_file", buggy_import)
    source = write_tasks(tmp_path / "tasks.jsonl", 12)
    with writer.transfers.wait_for_import_failure() as blocker:
        writer.transfers.start_import([source], "Twelve")
    assert not blocker.args[0].expected
    assert [type(error) for error in reported] == [KeyError]  # the crash dialog and the log hear of it
    assert message_boxes == []  # and no second dialog talks over it
    assert writer.task_count() == 48

    monkeypatch.setattr(Store, "import_file", real_import)
    outcome = writer.transfers.import_files([source], "Twelve")
    assert outcome.added == 12 and writer.task_count() == 60 and writer.queue.size() == 60
    writer.transfers.close_report()


# ---------------------------------------------------------------------- two at once
def test_typing_during_an_import_is_stored_after_it_and_nothing_is_lost(
    qtbot, make_window, demo_dir: Path, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)
    hold = Hold()
    monkeypatch.setattr(Store, "import_file", hold.around(Store.import_file))
    typed = "Every key typed while the import runs is kept. "
    with writer.recording_store_changes() as changes:
        writer.transfers.start_import([write_tasks(tmp_path / "tasks.jsonl", 300)], "Imported")
        qtbot.waitUntil(hold.reached.is_set, timeout=3000)
        writer.type_at_start(typed)
        writer.save()  # queued behind the import
        assert writer.transfers.import_running() and writer.is_dirty
        with writer.transfers.wait_for_import() as blocker:
            hold.released.set()
        writer.wait_saved()
    assert blocker.args[0].added == 300
    assert writer.task_count() == 348 and writer.queue.size() == 348
    stored = writer.stored_rewrite("demo-001")
    assert stored.text == writer.rewrite_text() and stored.text.startswith(typed)
    imported_at = next(i for i, change in enumerate(changes) if change.tasks)
    saved_at = next(i for i, change in enumerate(changes) if "demo-001" in change.rewrites)
    assert imported_at < saved_at  # in the order they were started
    writer.transfers.close_report()


def test_sealing_while_an_upload_runs_finishes_both_in_order(qtbot, writer_with_key, bundle_server) -> None:  # type: ignore[no-untyped-def]
    writer = writer_with_key
    writer.replace_rewrite("Sealed before the upload.")
    writer.submit()
    first = writer.outbox.seal()
    reached, released = threading.Event(), threading.Event()

    def hold_the_request() -> str:  # on the server's thread, before it answers
        reached.set()
        released.wait(HOLD_S)
        return "ok"

    bundle_server.store.fault_picker = hold_the_request
    writer.set_upload_target(bundle_server.url)
    writer.outbox.start_upload()
    qtbot.waitUntil(reached.is_set, timeout=10_000)

    assert writer.current_task_id == "demo-002"
    writer.replace_rewrite("Sealed while the upload runs.")
    writer.submit()
    second = writer.outbox.seal()  # the upload still waits for the server's answer
    assert writer.outbox.uploading
    assert writer.outbox.row(first.bundle_id).state == "uploading"
    assert second.prev_bundle_id == first.bundle_id and second.bundle_seq == first.bundle_seq + 1

    with writer.outbox.wait_for_upload():
        released.set()
    assert writer.outbox.row(first.bundle_id).state == "acked"
    assert writer.outbox.row(second.bundle_id).state == "pending"  # sealed after the pass began
    writer.outbox.upload()
    assert [row.state for row in writer.outbox.rows()] == ["acked", "acked"]
    assert dict(bundle_server.store.stores) == {first.bundle_id: 1, second.bundle_id: 1}
    assert writer.stored_rewrite("demo-001").sealed_bundle_id == first.bundle_id
    assert writer.stored_rewrite("demo-002").sealed_bundle_id == second.bundle_id
    assert writer.outbox.listed_states() == ["Uploaded", "Uploaded"]


# ---------------------------------------------------------------------- work sessions
def test_a_session_is_on_record_as_soon_as_a_task_is_opened(qtbot, make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir, first_task=False)
    assert writer.work_sessions("demo-005") == []
    assert writer.open_task("demo-005")
    qtbot.waitUntil(lambda: len(writer.work_sessions("demo-005")) == 1, timeout=3000)
    (session,) = writer.work_sessions("demo-005")
    assert session.active_seconds == 0 and session.started_at == session.ended_at
    assert session.project == writer.stored_task("demo-005").project  # filed under the task's project
    writer.quit()  # looked, never typed: the sitting stays, nothing else is written
    with Store(demo_dir, readonly=True) as reader:
        assert reader.work_sessions.for_task("demo-005") == [session]
        assert reader.rewrites.get("demo-005") is None


def test_each_sitting_is_one_session_and_they_add_up_to_the_rewrite_time(
    qtbot, make_window, demo_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)

    def sit_and_type(task_id: str, text: str) -> None:
        assert writer.open_task(task_id)
        writer.type_at_start(text)

        def autosaved() -> bool:
            stored = writer.stored_rewrite(task_id)
            return stored is not None and stored.text.startswith(text) and not writer.is_dirty

        # The writer pauses: the autosave lands, with the time of this sitting so far.
        qtbot.waitUntil(autosaved, timeout=3000)

    sit_and_type("demo-001", "First sitting. ")
    sit_and_type("demo-002", "Another task. ")
    sit_and_type("demo-001", "Second sitting. ")
    writer.quit()

    with Store(demo_dir, readonly=True) as reader:
        sessions = {task_id: reader.work_sessions.for_task(task_id) for task_id in ("demo-001", "demo-002")}
        rewrites = {task_id: reader.rewrites.get(task_id) for task_id in sessions}
        assert [len(sessions["demo-001"]), len(sessions["demo-002"])] == [2, 1]
        for task_id, sittings in sessions.items():
            assert sum(s.active_seconds for s in sittings) == pytest.approx(rewrites[task_id].active_seconds)
            for sitting in sittings:
                assert_possible_sitting(sitting)
                assert sitting.active_seconds > 0  # each included a pause past the autosave
        first, second = sessions["demo-001"]
        (other,) = sessions["demo-002"]
        # One after another, never overlapping: leaving a task ends its sitting.
        assert first.ended_at <= other.started_at <= other.ended_at <= second.started_at
        assert len({first.id, second.id, other.id}) == 3
        assert rewrites["demo-001"].text.startswith("Second sitting. First sitting. ")
        assert rewrites["demo-001"].status is RewriteStatus.DRAFT


# ---------------------------------------------------------------------- the crash dialog
def test_the_crash_dialog_hears_whether_the_text_is_saved(
    qtbot, make_window, demo_dir: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)
    assert "is saved" in writer.saved_state_sentence()  # nothing typed yet
    writer.type_at_start("Saved words. ")
    writer.wait_saved()
    saved = writer.saved_state_sentence()
    assert "is saved" in saved and "NOT" not in saved

    hold = Hold()
    monkeypatch.setattr(Store, "save_work", hold.around(Store.save_work))
    writer.type("Words on their way. ")
    writer.save()
    qtbot.waitUntil(hold.reached.is_set, timeout=3000)
    assert "NOT saved" in writer.saved_state_sentence()  # queued is not stored
    hold.released.set()
    qtbot.waitUntil(lambda: not writer.unsaved_task_ids, timeout=3000)
    assert "is saved" in writer.saved_state_sentence()

    broken = {"on": True}
    monkeypatch.setattr(Store, "save_work", failing_save("database or disk is full", broken))
    writer.type("Words the disk refused. ")
    writer.save()
    qtbot.waitUntil(lambda: "NOT SAVED" in writer.save_line(), timeout=3000)
    assert "NOT saved" in writer.saved_state_sentence() and "1 task" in writer.saved_state_sentence()
    assert writer.open_task("demo-002")
    writer.type_at_start("And these. ")
    writer.save()
    qtbot.waitUntil(lambda: "2 task" in writer.saved_state_sentence(), timeout=3000)
    assert "NOT saved" in writer.saved_state_sentence()

    broken["on"] = False
    writer.retry_saves_every(50)
    writer.save()
    qtbot.waitUntil(lambda: not writer.unsaved_task_ids, timeout=5000)
    assert "is saved" in writer.saved_state_sentence()


def test_sessions_still_add_up_when_a_sitting_could_not_be_saved_before_the_next_began(
    qtbot, make_window, demo_dir: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """The disk is full during a first sitting; the writer goes to another task and comes back,
    types, and the disk has room again. The rewrite's total counts both sittings, so both
    sittings must be on record with their seconds.

    (Found by this test: the first sitting's seconds reached the rewrite's total but not its
    session row; unconfirmed sittings are now saved together with the next save.)
    """
    writer = make_window(demo_dir)
    broken = {"on": True}
    monkeypatch.setattr(Store, "save_work", failing_save("database or disk is full", broken))
    writer.type_at_start("First sitting, never saved. ")
    qtbot.waitUntil(lambda: "NOT SAVED" in writer.save_line(), timeout=3000)  # the autosave failed
    assert writer.open_task("demo-002")
    assert writer.open_task("demo-001")
    writer.type_at_start("Second sitting. ")
    broken["on"] = False
    writer.retry_saves_every(50)
    qtbot.waitUntil(lambda: not writer.unsaved_task_ids and not writer.is_dirty, timeout=5000)
    writer.quit()

    with Store(demo_dir, readonly=True) as reader:
        stored = reader.rewrites.get("demo-001")
        first, second = reader.work_sessions.for_task("demo-001")
    assert stored.text.startswith("Second sitting. First sitting, never saved. ")
    assert first.active_seconds > 0  # the first sitting's time is in the total, so it is on record
    assert first.active_seconds + second.active_seconds == pytest.approx(stored.active_seconds)


def test_a_disk_full_on_the_second_file_of_an_import_tells_the_truth_about_the_first(
    make_window, demo_dir: Path, tmp_path: Path, monkeypatch, message_boxes
) -> None:  # type: ignore[no-untyped-def]
    """Each file is its own all-or-nothing transaction, so the first file's tasks are in the store
    when the second file fails. The writer must see them in the queue and not be told that
    nothing was imported.

    The report names the file the disk filled on and why.
    """
    writer = make_window(demo_dir)
    real_import = Store.import_file
    first = write_tasks(tmp_path / "first.jsonl", 10)
    second = write_tasks(tmp_path / "second.jsonl", 10)

    def second_file_fills_the_disk(store: Store, path: Path, **kwargs: Any) -> Any:
        if path == second:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_import(store, path, **kwargs)

    monkeypatch.setattr(Store, "import_file", second_file_fills_the_disk)
    with writer.transfers.wait_for_import() as blocker:
        writer.transfers.start_import([first, second], "Two files")
    assert writer.task_count() == 58  # the first file went in, as its own transaction
    assert writer.queue.size() == writer.task_count()
    assert not any("Nothing was imported" in text for _title, text in message_boxes)
    report = blocker.args[0].summary()
    assert "first.jsonl: 10 added" in report and "second.jsonl: not imported: " in report
    assert "No space left on device" in report
