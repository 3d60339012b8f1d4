"""Child process of the reliability harness: the app on a real store, used like a writer would.

Usage: ``reliability_child.py DATA_DIR SCENARIO.json``. The scenario (written by the parent) says
which script to play and with which seed:

- ``kill``: type a burst, pause (the debounce saves), type on, submit, type in another task,
  seal, import a file while typing, then type forever; the parent SIGKILLs it at a moment of its
  choosing and checks the store;
- ``disk_full_autosave`` / ``disk_full_seal``: the disk fills up while typing, or while sealing;
  the child reports what the writer sees (save line, editor text, messages), the disk gets room
  again, and the child reports again and quits the normal way.

Every event is one JSON line on stdout, written whole and flushed at once, so the lines written
before a kill are all there: ``open`` (task, sitting id, the text the typing starts from),
``key`` (task, character, monotonic time), ``save`` (a save starts on the store thread),
``saved`` (the store confirmed one), ``submitted``, ``seal`` (the seal transaction starts),
``sealed``, ``phase`` markers, ``imported`` and ``state`` reports. Keystrokes are typed at the
start of the rewrite, so the rewrite is always the typed characters followed by that start text.
"""

from __future__ import annotations

import os
import sys

os.environ["QT_QPA_PLATFORM"] = "offscreen"

import hashlib
import json
import random
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest

from workstation.core.files.datadir import DataDirLock
from workstation.core.models import RewriteStatus
from workstation.core.store import Store
from workstation.core.store.database import Database
from workstation.gui.app import ensure_application, open_window
from workstation.gui.common.settings import AppSettings
from workstation.gui.dialogs.transfer_dialogs import ImportOptions
from workstation.gui.writer import outbox_outcomes
from workstation.gui.writer.window import WriterWindow

DISK_FULL = "database or disk is full"
LETTERS = "etaoinshrdlucmfwypvbgk"

_out_lock = threading.Lock()


def emit(event: str, **fields: Any) -> None:
    """One whole JSON line, from any thread."""
    line = json.dumps({"ev": event, "t": time.monotonic(), **fields}) + "\n"
    with _out_lock:
        sys.stdout.write(line)
        sys.stdout.flush()


class Disk:
    """A disk that can be full: every store write then fails at its commit, rolled back, with
    SQLite's own sentence. ``fill_at_seal`` fills it the moment the seal transaction starts."""

    def __init__(self) -> None:
        self.full = threading.Event()
        self.fill_at_seal = False
        real_write = Database.write

        @contextmanager
        def write(database: Database) -> Iterator[sqlite3.Connection]:
            with real_write(database) as conn:
                yield conn
                if self.full.is_set():
                    raise sqlite3.OperationalError(DISK_FULL)

        Database.write = write  # type: ignore[method-assign,assignment]


def watch_the_store(disk: Disk) -> None:
    """Markers from the store thread: a save or a seal transaction is starting."""
    real_save = Store.save_work

    def save_work(store: Store, rewrite: Any, session: Any, **kwargs: Any) -> Any:
        emit("save", task=rewrite.task_id, len=len(rewrite.text))
        return real_save(store, rewrite, session, **kwargs)

    Store.save_work = save_work  # type: ignore[method-assign]
    real_seal = outbox_outcomes.seal_submitted

    def seal_submitted(*args: Any, **kwargs: Any) -> Any:
        emit("seal")
        if disk.fill_at_seal:
            disk.full.set()
        return real_seal(*args, **kwargs)

    outbox_outcomes.seal_submitted = seal_submitted  # type: ignore[assignment]


class Writer:
    """Plays a scenario on the window: each step yields the milliseconds to wait before the next."""

    def __init__(self, window: WriterWindow, scenario: dict[str, Any], disk: Disk) -> None:
        self.window = window
        self.scenario = scenario
        self.disk = disk
        self.random = random.Random(scenario["seed"])
        self.excluded = set(scenario["exclude"])
        self.pane = window.diff_view.rewrite_pane
        self.task_id = ""
        window.session.saved.connect(self._saved)
        window.outbox.sealed.connect(
            lambda result: emit("sealed", bundle=result.bundle_id, rewrites=list(result.rewrite_ids))
        )
        window.transfers.import_finished.connect(self._imported)
        window.session._retry.setInterval(scenario.get("retry_ms", 3000))  # a disk gets room quickly here

    # ----- driving
    def play(self, steps: Iterator[int]) -> None:
        def step() -> None:
            try:
                delay = next(steps)
            except StopIteration:
                return
            QTimer.singleShot(delay, step)

        QTimer.singleShot(0, step)

    def until(self, done: Callable[[], bool], timeout_ms: int = 20_000) -> Iterator[int]:
        waited = 0
        while not done() and waited < timeout_ms:
            yield 20
            waited += 20

    # ----- what a writer does
    def open_next(self) -> None:
        """Open the first task still to do (or a draft) that no earlier run submitted."""
        store = self.window.context.store
        rows = store.tasks.queue(statuses=[RewriteStatus.OPEN.value, RewriteStatus.DRAFT.value])
        task_id = next(row.id for row in rows if row.id not in self.excluded)
        self.excluded.add(task_id)
        assert self.window.editor.open_task(task_id)
        self.task_id = task_id
        cursor = self.pane.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.Start)
        self.pane.setTextCursor(cursor)
        self.pane.setFocus()
        sitting = self.window.session.sitting.current
        emit("open", task=task_id, sitting=sitting.id if sitting else None, base=self.pane.text())

    def type_burst(self, count: int) -> Iterator[int]:
        for _ in range(count):
            char = " " if self.random.random() < 0.18 else self.random.choice(LETTERS)
            QTest.keyClick(self.pane, char)
            emit("key", task=self.task_id, c=char)
            yield self.random.randint(12, 45)

    def answer_the_rubric(self) -> None:
        """Rate every rubric question with the keyboard (Alt+1…5, then the next question), as a
        writer does before submitting: a project's rubric asks before an incomplete submit."""
        actions = self.window.actions_by_name
        task = self.window.session.task
        project = self.window.editor.project(task.project) if task is not None else None
        for _criterion in project.rubric.criteria if project is not None else ():
            actions[f"rate_{self.random.randint(1, 5)}"].trigger()
            actions["next_criterion"].trigger()

    def submit(self) -> None:
        emit("phase", name="submit")
        task_id = self.task_id
        self.answer_the_rubric()
        self.window.task_commands.submit()
        stored = self.window.context.store.rewrites.get(task_id)
        if stored is not None and stored.status is RewriteStatus.SUBMITTED:
            emit("submitted", task=task_id, sha=hashlib.sha256(stored.text.encode()).hexdigest())

    def state(self, label: str) -> None:
        box = self.window.outbox.last_message
        emit(
            "state",
            label=label,
            save_line=self.window.metrics_bar.save_label.text(),
            editor=self.pane.text(),
            task=self.task_id,
            dirty=self.window.session.dirty,
            message=box.text() if box is not None else None,
            sealing=self.window.outbox.sealing,
        )

    def _saved(self, rewrite: Any) -> None:
        emit("saved", task=rewrite.task_id, len=len(rewrite.text), updated_at=rewrite.updated_at)

    def _imported(self, outcome: Any) -> None:
        emit("imported", added=outcome.added)
        box = self.window.file_commands.last_message
        if box is not None:
            box.close()  # the writer reads the summary and presses OK

    def seal_and_wait(self) -> Iterator[int]:
        self.window.outbox.seal()
        yield 20
        yield from self.until(lambda: not self.window.outbox.sealing)

    # ----- scenarios
    def kill_scenario(self) -> Iterator[int]:
        self.open_next()
        emit("phase", name="typing")
        yield from self.type_burst(self.random.randint(20, 45))
        yield 700  # a pause: the debounce saves
        yield from self.type_burst(self.random.randint(10, 30))
        self.submit()
        yield 50
        self.open_next()
        yield from self.type_burst(self.random.randint(10, 25))
        emit("phase", name="seal")
        yield from self.seal_and_wait()
        emit("phase", name="import")
        self.window.transfers.start_import(
            ImportOptions((Path(self.scenario["import_file"]),), "Imported", None)
        )
        yield 10
        while self.window.transfers.busy:
            yield from self.type_burst(1)
        while True:  # the parent kills it somewhere in here if it has not yet
            emit("phase", name="typing")
            yield from self.type_burst(self.random.randint(5, 30))
            yield self.random.randint(100, 900)

    def disk_full_autosave(self) -> Iterator[int]:
        self.open_next()
        yield from self.type_burst(20)
        yield from self.until(lambda: not self.window.session.dirty)
        self.disk.full.set()
        emit("phase", name="disk_full")
        yield from self.type_burst(25)
        yield 1500  # the autosave and its retries meet the full disk
        self.state("disk full")
        self.disk.full.clear()
        emit("phase", name="disk_has_room")
        yield from self.until(lambda: not self.window.session.dirty)
        yield 50
        self.state("disk has room")
        self.window.close()

    def disk_full_seal(self) -> Iterator[int]:
        self.open_next()
        yield from self.type_burst(15)
        self.submit()
        self.open_next()
        yield from self.type_burst(15)
        yield from self.until(lambda: not self.window.session.dirty)
        # The disk fills while the writer is about to seal: the seal's own save fails first.
        self.disk.full.set()
        yield from self.type_burst(10)
        yield from self.seal_and_wait()
        yield 300
        self.state("disk full at seal")
        self.disk.full.clear()
        yield from self.until(lambda: not self.window.session.dirty)
        self.state("disk has room")
        # Now the save goes through and the disk fills inside the seal transaction itself.
        self.disk.fill_at_seal = True
        yield from self.seal_and_wait()
        yield 100
        self.state("disk full inside seal")
        self.disk.fill_at_seal = False
        self.disk.full.clear()
        yield from self.seal_and_wait()
        yield 100
        self.state("sealed after room")
        self.window.close()


def main() -> None:
    data_dir = Path(sys.argv[1])
    scenario = json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))
    disk = Disk()
    watch_the_store(disk)
    app = ensure_application()
    lock = DataDirLock(data_dir)
    lock.acquire()
    settings = AppSettings(QSettings(str(data_dir / "harness.ini"), QSettings.Format.IniFormat))
    settings.set_start_from_original(True)
    window = open_window(data_dir, settings=settings)
    window.resize(1200, 800)
    window.show()
    window.closed_for_good.connect(app.quit)
    writer = Writer(window, scenario, disk)
    emit("ready")
    scenarios = {
        "kill": writer.kill_scenario,
        "disk_full_autosave": writer.disk_full_autosave,
        "disk_full_seal": writer.disk_full_seal,
    }
    writer.play(scenarios[scenario["mode"]]())
    app.exec()
    window.context.close()
    lock.release()
    emit("quit")


if __name__ == "__main__":
    main()
