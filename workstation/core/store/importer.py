"""Importing task files into the store: every bad record reported, the whole file or nothing."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from workstation.core.clock import now_iso
from workstation.core.formats import read_tasks
from workstation.core.formats.records import RecordError
from workstation.core.models import TaskInput, sha256_text
from workstation.core.store.database import Database
from workstation.core.store.projects import ensure_project
from workstation.core.store.rows import dumps
from workstation.core.store.schema import INDEX_NEW_TASKS

BATCH_SIZE = 2000
MAX_LISTED_ERRORS = 100

_INSERT = (
    "INSERT OR IGNORE INTO tasks (id, project, prompt, messages, original, original_sha256, model, "
    "metadata, source, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


@dataclass(frozen=True)
class ImportResult:
    """What happened to one file. ``errors`` are ``file:line: what is wrong`` sentences."""

    path: str
    added: int
    already_present: int
    errors: tuple[str, ...]
    error_count: int
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return not self.error_count and not self.cancelled


class _Abort(Exception):
    """Raised inside the transaction to roll the whole file back."""

    def __init__(self, *, cancelled: bool = False) -> None:
        super().__init__()
        self.cancelled = cancelled


class _FileImport:
    """The running state of one file's import: batches, counts and the errors seen so far."""

    def __init__(self, database: Database, path: Path, project: str) -> None:
        self.database = database
        self.path = path
        self.project = project
        self.source = os.path.basename(path)
        self.stamp = now_iso()
        self.errors: list[str] = []
        self.error_count = 0
        self.added = 0
        self.already_present = 0
        self.batch: list[tuple[object, ...]] = []
        self.lines: list[int] = []
        self.last_seq = _max_seq(database.conn)

    def note_error(self, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_LISTED_ERRORS:
            self.errors.append(message)

    def add(self, line: int, task: TaskInput) -> None:
        if self.error_count:
            return  # the file will be rolled back; only keep validating
        self.batch.append(_task_row(task, self.project, self.source, self.stamp))
        self.lines.append(line)
        if len(self.batch) >= BATCH_SIZE:
            self.flush()

    def flush(self) -> None:
        if not self.batch or self.error_count:
            return
        # rowcount sums the rows each statement inserted (triggers excluded).
        conn = self.database.conn
        inserted = conn.executemany(_INSERT, self.batch).rowcount
        if inserted:
            conn.execute(INDEX_NEW_TASKS, (self.last_seq,))
            self.last_seq = _max_seq(conn)
        self.added += inserted
        if inserted < len(self.batch):
            self._check_conflicts()
        self.batch.clear()
        self.lines.clear()

    def _check_conflicts(self) -> None:
        """Rows that were not inserted: the same task again is fine, the same id with other text is not."""
        conn = self.database.conn
        for row, line in zip(self.batch, self.lines, strict=True):
            task_id, original_sha, imported_at = row[0], row[5], row[9]
            found = conn.execute(
                "SELECT original_sha256, imported_at FROM tasks WHERE id = ?", (task_id,)
            ).fetchone()
            if found is None or (found[0] == original_sha and found[1] == imported_at):
                continue  # inserted by this batch
            if found[0] == original_sha:
                self.already_present += 1
            elif found[1] == imported_at:
                self.note_error(f"{self.path}:{line}: task id {task_id!r} appears twice with different outputs")
            else:
                self.note_error(
                    f"{self.path}:{line}: task id {task_id!r} already exists with a different model output"
                )

    def result(self, *, cancelled: bool = False) -> ImportResult:
        if self.error_count or cancelled:
            return ImportResult(str(self.path), 0, 0, tuple(self.errors), self.error_count, cancelled)
        return ImportResult(str(self.path), self.added, self.already_present, (), 0)


def import_file(
    database: Database,
    path: Path,
    *,
    project: str,
    fmt: str | None = None,
    field_map: Mapping[str, str] | None = None,
    on_progress: Callable[[int], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> ImportResult:
    """Import one file in one transaction. Any bad record or a cancel rolls the file back.

    Reading goes on after the first bad record so the writer sees every problem at once;
    nothing more is inserted once one is found. ``on_progress`` gets the count of records read.
    """
    state = _FileImport(database, path, project)
    read = 0
    try:
        with database.write() as conn:
            ensure_project(conn, project)
            for item in read_tasks(path, format=fmt, field_map=dict(field_map or {})):
                read += 1
                if isinstance(item, RecordError):
                    state.note_error(str(item))
                else:
                    state.add(item.line, item.task)
                if read % BATCH_SIZE == 0:
                    if on_progress:
                        on_progress(read)
                    if should_cancel and should_cancel():
                        raise _Abort(cancelled=True)
            state.flush()
            if state.error_count:
                raise _Abort
    except _Abort as abort:
        return state.result(cancelled=abort.cancelled)
    if on_progress:
        on_progress(read)
    return state.result()


def _max_seq(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT coalesce(max(seq), 0) FROM tasks").fetchone()[0])


def _task_row(task: TaskInput, project: str, source: str, stamp: str) -> tuple[object, ...]:
    messages = dumps([m.model_dump() for m in task.messages]) if task.messages else None
    return (
        task.stable_id(),
        project,
        task.prompt,
        messages,
        task.original,
        sha256_text(task.original),
        task.model,
        dumps(task.metadata),
        source,
        stamp,
    )
