"""Opening the SQLite store: pragmas, migrations, transactions and readable errors."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils

from workstation.core.files.os_errors import describe_os_error
from workstation.core.files.path_kinds import kind_of
from workstation.core.store.schema import APPLICATION_ID, SCHEMA_VERSION, SchemaError, migrate

DB_FILE_NAME = "workstation.sqlite3"
BUSY_TIMEOUT_MS = 5000


class StoreError(RuntimeError):
    """Something about the store that a person must be told in words."""


class StoreCorrupt(StoreError):
    """The database file is damaged or not ours; nothing was changed."""


class StoreBusy(StoreError):
    """The database stayed locked by another connection past the busy timeout."""


_SQLITE_HEADER_MAGIC = b"SQLite format 3\x00"
_HEADER_BYTES = 100
_USER_VERSION_AT = 60  # big-endian 32-bit fields of the database header (sqlite.org/fileformat.html)
_APPLICATION_ID_AT = 68

# SQLite's primary result codes (the low byte of ``sqlite_errorcode``) that describe the machine.
_SQLITE_PERM, _SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 3, 5, 6, 8
_SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN, _SQLITE_NOTADB = 10, 11, 13, 14, 26
_MACHINE_CODES = frozenset(
    {_SQLITE_PERM, _SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_CORRUPT}
    | {_SQLITE_FULL, _SQLITE_CANTOPEN, _SQLITE_NOTADB}
)
_UNCHANGED = "Nothing was changed."


def connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection with the storage rules of DESIGN.md applied.

    Before anything is written (the switch to WAL writes the file), the file is checked with
    plain reads: a folder or device in its place, a file that is not SQLite, another
    application's database, or a store from a newer release is refused and left byte for byte
    as it was, with no ``-wal`` or ``-shm`` beside it.

    ``isolation_level=None`` leaves transactions to us: every write runs in ``BEGIN IMMEDIATE``
    so writers queue on the busy timeout instead of failing half-way.
    """
    exists = _check_before_opening(path)
    if readonly and not exists:
        raise StoreError(f"the store {path} does not exist")
    try:
        if readonly:
            conn = sqlite3.connect(
                f"{path.absolute().as_uri()}?mode=ro", uri=True, isolation_level=None, check_same_thread=False
            )
        else:
            conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as exc:
        raise translate_sqlite_error(exc, path) from None
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if not readonly:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode.lower() != "wal":
                raise StoreError(f"could not switch {path} to WAL journaling (got {mode})")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as exc:
        conn.close()
        raise translate_sqlite_error(exc, path) from None
    except StoreError:
        conn.close()
        raise
    return conn


def _check_before_opening(path: Path) -> bool:
    """Refuse a store file that is not ours, reading only; returns whether the file exists.

    The header says most of it without SQLite: our application id with a schema version this
    release knows means ours, another id means another program's. A zero id is a store whose
    first migration is not yet checkpointed, an empty file, or another program's database that
    never set one; that, and a newer schema, are decided by the schema's own checks on an
    ``immutable`` read-only connection, which takes no lock and creates no ``-wal`` or ``-shm``.
    (A live store is never read that way: its header already said it is ours.)
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise StoreError(f"the store cannot be opened: {describe_os_error(exc, path)}") from None
    if not stat.S_ISREG(info.st_mode):
        raise StoreError(
            f"the store {path} is {kind_of(info.st_mode)}, not a database file; "
            f"move it out of the data folder. {_UNCHANGED}"
        )
    if info.st_size == 0:
        return True  # SQLite treats an empty file as an empty database: a store not yet made
    try:
        with open(path, "rb") as handle:
            header = handle.read(_HEADER_BYTES)
    except OSError as exc:
        raise StoreError(f"the store cannot be read: {describe_os_error(exc, path)}") from None
    if not header.startswith(_SQLITE_HEADER_MAGIC) or len(header) < _HEADER_BYTES:
        raise _corrupt(path, "file is not a database")
    application_id = int.from_bytes(header[_APPLICATION_ID_AT : _APPLICATION_ID_AT + 4], "big")
    user_version = int.from_bytes(header[_USER_VERSION_AT : _USER_VERSION_AT + 4], "big")
    if application_id == APPLICATION_ID and user_version <= SCHEMA_VERSION:
        return True
    if application_id not in (0, APPLICATION_ID):
        raise StoreCorrupt(f"{path}: this SQLite file belongs to another application. {_UNCHANGED}")
    try:
        peek = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error as exc:
        raise translate_sqlite_error(exc, path) from None
    try:
        migrate(peek, up_to=0)  # the checks only: no step runs below version 0
    except SchemaError as exc:
        raise StoreCorrupt(f"{path}: {exc}. {_UNCHANGED}") from None
    except sqlite3.Error as exc:
        raise translate_sqlite_error(exc, path) from None
    finally:
        peek.close()
    return True


def _corrupt(path: Path, detail: str) -> StoreCorrupt:
    return StoreCorrupt(
        f"the store {path} is damaged ({detail}); nothing was changed. "
        "Run `workstation doctor` to check it and restore a backup."
    )


def translate_sqlite_error(exc: sqlite3.Error, path: Path) -> StoreError:
    """One sentence for an SQLite failure, chosen by its result code (the text is only shown)."""
    text = str(exc)
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED) or (not code and ("locked" in text or "busy" in text)):
        return StoreBusy(
            f"the store {path} is locked by another program ({text}); close it and try again. {_UNCHANGED}"
        )
    if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB) or (
        not code and ("not a database" in text or "malformed" in text or "corrupt" in text)
    ):
        return _corrupt(path, text)
    if code == _SQLITE_FULL:
        return StoreError(
            f"the disk holding the store {path} is full; free some space and try again. {_UNCHANGED}"
        )
    if code in (_SQLITE_READONLY, _SQLITE_PERM):
        return StoreError(
            f"the store {path} cannot be written: its disk is read-only or you may not write to its "
            f"folder; use a data folder you can write to. {_UNCHANGED}"
        )
    if code == _SQLITE_CANTOPEN:
        return StoreError(
            f"the store {path} cannot be opened: check that its folder exists and that you may read "
            f"and write it. {_UNCHANGED}"
        )
    if code == _SQLITE_IOERR:
        return StoreError(f"the disk reported an error while using the store {path} ({text}); check the disk")
    return StoreError(f"{path}: {text}")


def is_machine_error(exc: BaseException) -> bool:
    """Whether ``exc`` is SQLite reporting the disk, the file or a lock (not a bug in a query)."""
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    return isinstance(exc, sqlite3.Error) and code in _MACHINE_CODES


class Database:
    """The one writer connection of a data dir, wrapped for sqlite-utils queries."""

    def __init__(self, path: Path, *, readonly: bool = False) -> None:
        self.path = path
        self.readonly = readonly
        self.conn = connect(path, readonly=readonly)
        try:
            migrate(self.conn, up_to=0 if readonly else SCHEMA_VERSION)  # a reader only checks
            self.conn.execute("SELECT count(*) FROM tasks").fetchone()
        except SchemaError as exc:
            self.conn.close()
            raise StoreCorrupt(f"{path}: {exc}. Nothing was changed.") from None
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise translate_sqlite_error(exc, path) from None

    @cached_property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over the same connection, for introspection and ad-hoc queries.

        Imported on first use: sqlite-utils imports pandas when it is installed, which would
        add about 0.4 s and 100 MB to the app's start-up for nothing the editor needs.
        """
        import sqlite_utils

        return sqlite_utils.Database(self.conn, execute_plugins=False)

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction (``BEGIN IMMEDIATE``); rolls back on any exception.

        An SQLite failure of the machine inside the block or at the commit (a full disk, a
        read-only file, a lock held too long, damage) is raised as a :class:`StoreError` sentence
        once the transaction is rolled back; other SQLite errors are raised as they are.
        """
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise translate_sqlite_error(exc, self.path) from None
        try:
            yield self.conn
        except BaseException as exc:
            self._roll_back()
            if is_machine_error(exc):
                raise translate_sqlite_error(exc, self.path) from None  # type: ignore[arg-type]
            raise
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            self._roll_back()
            raise translate_sqlite_error(exc, self.path) from None

    def _roll_back(self) -> None:
        """Undo the open transaction; after a disk error SQLite may have undone it already."""
        if self.conn.in_transaction:
            with suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")

    def close(self) -> None:
        self.conn.close()
