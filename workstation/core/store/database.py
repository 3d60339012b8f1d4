"""Opening the SQLite store: pragmas, migrations, transactions and readable errors."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils

from workstation.core.store.schema import SchemaError, migrate

DB_FILE_NAME = "workstation.sqlite3"
BUSY_TIMEOUT_MS = 5000


class StoreError(RuntimeError):
    """Something about the store that a person must be told in words."""


class StoreCorrupt(StoreError):
    """The database file is damaged or not ours; nothing was changed."""


class StoreBusy(StoreError):
    """The database stayed locked by another connection past the busy timeout."""


def connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection with the storage rules of DESIGN.md applied.

    ``isolation_level=None`` leaves transactions to us: every write runs in ``BEGIN IMMEDIATE``
    so writers queue on the busy timeout instead of failing half-way.
    """
    if readonly:
        conn = sqlite3.connect(
            f"{path.as_uri()}?mode=ro", uri=True, isolation_level=None, check_same_thread=False
        )
    else:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if not readonly:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode.lower() != "wal":
                raise StoreError(f"could not switch {path} to WAL journaling (got {mode})")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise _translate(exc, path) from None
    return conn


def _translate(exc: sqlite3.Error, path: Path) -> StoreError:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return StoreBusy(f"the store {path} is locked by another program ({text})")
    if isinstance(exc, sqlite3.DatabaseError) and (
        "not a database" in text or "malformed" in text or "corrupt" in text
    ):
        return StoreCorrupt(
            f"the store {path} is damaged ({text}). Nothing was changed. "
            "Run `workstation doctor` to check it and restore a backup."
        )
    return StoreError(f"{path}: {text}")


class Database:
    """The one writer connection of a data dir, wrapped for sqlite-utils queries."""

    def __init__(self, path: Path, *, readonly: bool = False) -> None:
        self.path = path
        self.readonly = readonly
        self.conn = connect(path, readonly=readonly)
        try:
            if not readonly:
                migrate(self.conn)
            self.conn.execute("SELECT count(*) FROM tasks").fetchone()
        except SchemaError as exc:
            self.conn.close()
            raise StoreCorrupt(f"{path}: {exc}. Nothing was changed.") from None
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise _translate(exc, path) from None

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
        """A write transaction (``BEGIN IMMEDIATE``); rolls back on any exception."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise _translate(exc, self.path) from None
        try:
            yield self.conn
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise _translate(exc, self.path) from None

    def close(self) -> None:
        self.conn.close()
