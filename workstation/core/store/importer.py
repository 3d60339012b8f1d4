"""Importing task files into the store: every bad record reported, the whole file or nothing.

Speed (100,000 tasks, ~150 MB): records are inserted ``BATCH_SIZE`` at a time with one
``executemany`` while the file is read and checked on a second thread
(:mod:`~workstation.core.store.read_ahead`), and the new tasks are added to the full-text index
``INDEX_PIECE`` at a time with one ``INSERT ... SELECT`` rather than a trigger per row, while the
reader goes on parsing. ``tests/benchmarks/bench_store.py`` measures it against the floor of its
schema: a bare ``executemany`` of the same rows plus one pass of the index over them.

Progress and cancel (:mod:`~workstation.core.store.import_progress`): the share done is
reported as it grows (the file's bytes whose records are in, then the tasks indexed), and a
cancel is noticed within a fraction of a second in any stage before the commit, even inside the
index's statements, rolling the whole file back.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path

from workstation.core.clock import now_iso
from workstation.core.formats import read_tasks
from workstation.core.formats.reading import ReadProgress
from workstation.core.formats.records import CheckedTask, ParsedRecord, RecordError
from workstation.core.models import sha256_text
from workstation.core.store.database import Database
from workstation.core.store.import_progress import READ_SHARE, ImportProgress, ImportStage
from workstation.core.store.projects import ensure_project
from workstation.core.store.read_ahead import POLL_S, ReadAhead
from workstation.core.store.search_index import INDEX_TASKS_BETWEEN

BATCH_SIZE = 2000
INDEX_PIECE = 10_000
"""Tasks added to the search index by one statement: each time this many new tasks are written,
and the rest once the last record is in.

The statement runs inside SQLite without Python's lock, so the reading thread parses the next
records meanwhile, on a second core when there is one. FTS5 writes what each statement gathered
as a segment it merges later, so smaller pieces cost more: the old batches of 2,000 took about
40 % more index CPU than one pass over 100,000 tasks, pieces of 10,000 written beside the parsing
about a quarter more (the two threads share the cores' caches), which the overlap repays when a core is
free. On this 2-core machine with other work on both cores the two measured the same: median 7.8
s with pieces, 8.0 s with one pass after reading, over ten runs each.
"""
READ_AHEAD_BATCHES = INDEX_PIECE // BATCH_SIZE
"""How many batches the reading thread may parse ahead of the writer (bounds memory: ~2 MB each):
enough to go on parsing through most of a piece of the index. At 100,000 tasks: median 4.5 s in
process against 4.85 s with 3 batches ahead (eight runs each, alternated), for ~9 MB more at the
peak."""
HANDOFF_RECORDS = 250
"""Records the reading thread hands over at a time: small enough that progress moves smoothly."""
MAX_LISTED_ERRORS = 100
PACE_EVERY = 50
"""Records read between two calls of the caller's ``pace`` (a few milliseconds of parsing)."""
_LOOKUP_CHUNK = 500  # ids per query, under SQLite's smallest limit on bound parameters (999)

_INSERT = (
    "INSERT OR IGNORE INTO tasks (id, project, prompt, messages, original, original_sha256, model, "
    "metadata, source, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)

# The same text as rows.dumps (compact, sorted keys, UTF-8 as itself) with one encoder for the
# whole import: json.dumps with options builds a new encoder per call, a third of the row cost.
# Values decoded from a file hold no cycles, so the check for them is left out (~0.2 µs a value).
_encode_json = json.JSONEncoder(
    ensure_ascii=False, separators=(",", ":"), sort_keys=True, check_circular=False
).encode

Row = tuple[object, ...]
"""One row for the tasks table, in the column order of ``_INSERT``."""


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

    def __init__(self, database: Database, path: Path, project: str, watch: _Watch) -> None:
        self.database = database
        self.watch = watch
        self.path = path
        self.project = project
        self.source = os.path.basename(path)
        self.stamp = now_iso()
        self.errors: list[str] = []
        self.error_count = 0
        self.added = 0
        self.already_present = 0
        self.batch: list[Row] = []
        self.lines: list[int] = []
        self.last_seq = _max_seq(database.conn)
        self.first_seq = self.last_seq  # this file's tasks are the ones after it
        self.indexed_seq = self.last_seq  # this file's tasks after it are not in the index yet
        self.position = 0  # the file's bytes read up to the records being added
        self.written_position = 0  # ... up to the last record written
        self.indexed_position = 0  # ... up to the last record indexed
        self.pause_reader: Callable[[], AbstractContextManager[object]] = nullcontext

    def note_error(self, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_LISTED_ERRORS:
            self.errors.append(message)

    def add(self, line: int, row: Row) -> None:
        if self.error_count:
            return  # the file will be rolled back; only keep validating
        self.batch.append(row)
        self.lines.append(line)
        if len(self.batch) >= BATCH_SIZE:
            self.flush()

    def flush(self) -> None:
        if not self.batch or self.error_count:
            return
        conn = self.database.conn
        # executemany gives the GIL back for every row; the reader waits meanwhile (see ReadAhead).
        with self.pause_reader():
            inserted = conn.executemany(_INSERT, self.batch).rowcount  # triggers excluded
        if inserted:
            # New rows got the seqs after last_seq (INSERT OR IGNORE skips, never reuses them).
            self.last_seq = _max_seq(conn)
        self.added += inserted
        if inserted < len(self.batch):
            self._check_conflicts()
        self.batch.clear()
        self.lines.clear()
        self.written_position = self.position
        if self.last_seq - self.indexed_seq >= INDEX_PIECE and not self.error_count:
            self.index_written()

    def index_written(self) -> None:
        """Add the tasks written since the last pass to the full-text index, :data:`INDEX_PIECE` at
        a time; a cancel is looked for inside each statement (see :func:`_interruptible`)."""
        conn = self.database.conn
        with _interruptible(conn, self.watch):
            for start in range(self.indexed_seq, self.last_seq, INDEX_PIECE):
                through = min(start + INDEX_PIECE, self.last_seq)
                conn.execute(INDEX_TASKS_BETWEEN, (start, through))
                self.indexed_seq = through
                if through == self.last_seq:
                    self.indexed_position = self.written_position

    def index_while_reader_catches_up(self) -> None:
        """Index what is written while the reader has no records ready, instead of waiting.

        At the start the reader is still parsing the first piece's records and the store would
        sit idle (0.3 s at 100,000 tasks; now 0.1-0.2 s, the first batch's parsing). Pieces
        grow from a batch to as many tasks as are indexed already, so a slow reader (a pace
        that waits for typing, one core) adds a handful of small index segments, not one a batch.
        """
        if self.error_count:
            return
        smallest = max(BATCH_SIZE, self.indexed_seq - self.first_seq)
        if smallest >= INDEX_PIECE or self.last_seq - self.indexed_seq + len(self.batch) < smallest:
            return  # later pieces wait for INDEX_PIECE tasks, as flush() writes them
        self.flush()
        if self.last_seq > self.indexed_seq:
            self.index_written()

    def fraction_done(self, total_bytes: int) -> float:
        """How far the import got: records read and written, then indexed (see READ_SHARE)."""
        if not total_bytes:
            return 0.0
        return (READ_SHARE * self.position + (1 - READ_SHARE) * self.indexed_position) / total_bytes

    def _check_conflicts(self) -> None:
        """Rows that were not inserted: the same task again is fine, the same id with other text is not."""
        stored = _stored_versions(self.database.conn, [str(row[0]) for row in self.batch])
        for row, line in zip(self.batch, self.lines, strict=True):
            task_id, original_sha, imported_at = str(row[0]), row[5], row[9]
            found = stored.get(task_id)
            if found is None or (found[0] == original_sha and found[1] == imported_at):
                continue  # inserted by this import
            if found[0] == original_sha:
                self.already_present += 1
            elif found[1] == imported_at:
                self.note_error(
                    f"{self.path}:{line}: task id {task_id!r} appears twice with different outputs"
                )
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
    on_progress: Callable[[ImportProgress], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
    pace: Callable[[], object] | None = None,
) -> ImportResult:
    """Import one file in one transaction. Any bad record or a cancel rolls the file back.

    Reading goes on after the first bad record so the writer sees every problem at once;
    nothing more is inserted once one is found. ``on_progress`` hears how far the import got
    (:class:`ImportProgress`: its stage and the share of the import done) whenever that
    changes, on the calling thread, and ``should_cancel`` is asked about every
    :data:`~workstation.core.store.read_ahead.POLL_S` seconds until the import finishes,
    whatever stage it is in: on the calling thread, and while an index statement runs on a
    watcher thread (so it must be safe to call from any thread, as ``Event.is_set`` is).
    ``pace`` runs on the reading thread every ``PACE_EVERY`` records: the app passes one that
    waits while the writer is typing, so parsing never competes with the editor for Python.
    """
    watch = _Watch(str(path), on_progress, should_cancel)
    state = _FileImport(database, path, project, watch)
    try:
        with database.write() as conn:
            watch.report(ImportStage.READING)
            ensure_project(conn, project)
            read = ReadProgress()
            items = read_tasks(path, format=fmt, field_map=dict(field_map or {}), progress=read)
            watch.report(ImportStage.READING)  # the format is known
            rows = _rows(items, project, state.source, state.stamp, pace)
            depth = READ_AHEAD_BATCHES * BATCH_SIZE // HANDOFF_RECORDS
            reading = ReadAhead(rows, chunk=HANDOFF_RECORDS, depth=depth, position=lambda: read.bytes_read)
            with reading as reader:
                state.pause_reader = reader.paused
                for chunk, position in reader.chunks(waiting=watch.check):
                    state.position = position
                    for item in chunk:
                        if isinstance(item, RecordError):
                            state.note_error(str(item))
                        else:
                            state.add(*item)
                    watch.records += len(chunk)
                    stage = ImportStage.WRITING if state.added or state.batch else ImportStage.READING
                    watch.report(stage, state.fraction_done(read.total_bytes))
                    if not reader.ready():
                        state.index_while_reader_catches_up()
            state.flush()
            if state.error_count:
                raise _Abort
            watch.report(ImportStage.INDEXING, state.fraction_done(read.total_bytes))
            state.index_written()
            watch.report(ImportStage.FINISHING, 1.0)  # the last chance to cancel; then it commits
    except _Abort as abort:
        watch.report(ImportStage.DONE, 1.0, check=False)
        return state.result(cancelled=abort.cancelled)
    watch.report(ImportStage.DONE, 1.0, check=False)
    return state.result()


class _Watch:
    """Reports an import's progress when it changed, and turns a cancel into :class:`_Abort`."""

    def __init__(
        self,
        path: str,
        on_progress: Callable[[ImportProgress], None] | None,
        should_cancel: Callable[[], bool] | None,
    ) -> None:
        self.path = path
        self.records = 0
        self._on_progress = on_progress
        self._should_cancel = should_cancel
        self._last: ImportProgress | None = None

    def cancel_asked(self) -> bool:
        return self._should_cancel is not None and bool(self._should_cancel())

    def check(self) -> None:
        """Raise :class:`_Abort` if the caller asked to cancel."""
        if self.cancel_asked():
            raise _Abort(cancelled=True)

    def report(self, stage: ImportStage, fraction: float = 0.0, *, check: bool = True) -> None:
        """Tell the caller (if the stage or the whole percent changed), then check for a cancel."""
        last = self._last
        fraction = max(fraction, last.fraction if last else 0.0)  # never backwards
        progress = ImportProgress(self.path, stage, self.records, min(1.0, fraction))
        if last is None or (progress.stage, progress.percent) != (last.stage, last.percent):
            self._last = progress
            if self._on_progress is not None:
                self._on_progress(progress)
        if check:
            self.check()


def _rows(
    items: Iterator[ParsedRecord | RecordError],
    project: str,
    source: str,
    stamp: str,
    pace: Callable[[], object] | None = None,
) -> Iterator[tuple[int, Row] | RecordError]:
    """Each good record as ``(line, row)``; errors pass through. Runs on the reading thread."""
    for count, item in enumerate(items, 1):
        if pace is not None and count % PACE_EVERY == 0:
            pace()
        if isinstance(item, RecordError):
            yield item
        else:
            yield item.line, _task_row(item.checked, project, source, stamp)


def _task_row(task: CheckedTask, project: str, source: str, stamp: str) -> Row:
    return (
        task.stable_id(),
        project,
        task.prompt,
        _encode_json(task.messages) if task.messages else None,
        task.original,
        sha256_text(task.original),
        task.model,
        _encode_json(task.metadata) if task.metadata else "{}",
        source,
        stamp,
    )


def _stored_versions(conn: sqlite3.Connection, task_ids: list[str]) -> dict[str, tuple[str, str]]:
    """``id -> (original_sha256, imported_at)`` for the stored tasks among ``task_ids``."""
    found: dict[str, tuple[str, str]] = {}
    for start in range(0, len(task_ids), _LOOKUP_CHUNK):
        chunk = task_ids[start : start + _LOOKUP_CHUNK]
        marks = ",".join("?" * len(chunk))
        query = f"SELECT id, original_sha256, imported_at FROM tasks WHERE id IN ({marks})"
        for task_id, sha, imported_at in conn.execute(query, chunk):
            found[task_id] = (sha, imported_at)
    return found


@contextmanager
def _interruptible(conn: sqlite3.Connection, watch: _Watch) -> Iterator[None]:
    """Let a cancel stop the long statements inside: a watcher thread asks every
    :data:`~workstation.core.store.read_ahead.POLL_S` seconds, and a yes interrupts the statement
    running (``sqlite3_interrupt``, made to be called from another thread), raised as a cancel.

    The statements never call back into Python (a progress handler did), so they never wait
    for the interpreter while the reading thread holds it: about 0.4 s of 6.6 at 100,000 tasks
    (five rounds in turns with the handler).
    """
    asked = threading.Event()
    done = threading.Event()

    def look() -> None:
        while not done.is_set():
            if asked.is_set() or watch.cancel_asked():
                asked.set()
                conn.interrupt()  # again at each look: one between two statements stops neither
            done.wait(POLL_S)

    watcher = threading.Thread(target=look, name="import-cancel", daemon=True)
    watcher.start()
    try:
        yield
    except sqlite3.OperationalError:
        if asked.is_set():  # interrupted by the watcher, not a failure
            raise _Abort(cancelled=True) from None
        raise
    finally:
        done.set()
        watcher.join()
    if asked.is_set():  # asked as the last statement ended, with nothing left to interrupt
        raise _Abort(cancelled=True)


def _max_seq(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT coalesce(max(seq), 0) FROM tasks").fetchone()[0])
