"""Integrity checks, backups through SQLite itself, and restoring a backup over a damaged store."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import stat
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from workstation.core.files.os_errors import describe_os_error
from workstation.core.files.path_kinds import kind_of
from workstation.core.store.database import DB_FILE_NAME, StoreError, translate_sqlite_error

BACKUP_DIR_NAME = "backups"
BACKUPS_KEPT = 10


@dataclass(frozen=True)
class IntegrityReport:
    path: Path
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def check_integrity(db_path: Path) -> IntegrityReport:
    """Run ``PRAGMA integrity_check`` and the foreign-key check on a store file, read-only."""
    try:
        st_mode = os.stat(db_path).st_mode
    except FileNotFoundError:
        return IntegrityReport(db_path, ("the store file does not exist",))
    except OSError as exc:
        return IntegrityReport(db_path, (describe_os_error(exc, db_path),))
    if not stat.S_ISREG(st_mode):
        return IntegrityReport(db_path, (f"the store is {kind_of(st_mode)}, not a database file",))
    try:
        conn = sqlite3.connect(f"{db_path.absolute().as_uri()}?mode=ro", uri=True)
        try:
            problems = [row[0] for row in conn.execute("PRAGMA integrity_check") if row[0] != "ok"]
            problems += [
                f"row {row[1]} of {row[0]} points at a missing {row[2]}"
                for row in conn.execute("PRAGMA foreign_key_check")
            ]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        problems = [str(exc)]
    return IntegrityReport(db_path, tuple(problems))


def backup_dir(data_dir: Path) -> Path:
    return data_dir / BACKUP_DIR_NAME


def make_backup(conn: sqlite3.Connection, data_dir: Path) -> Path:
    """Write a consistent copy with ``VACUUM INTO`` (never a file copy of a live WAL database).

    Keeps the newest :data:`BACKUPS_KEPT` backups and deletes older ones. Raises StoreError with
    a sentence when the backup cannot be written (a full or read-only disk); no partial backup
    is left behind and the store is not touched.
    """
    folder = backup_dir(data_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"no backup was made: {describe_os_error(exc, folder)}") from None
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"workstation-{stamp}.sqlite3"
    try:
        conn.execute("VACUUM INTO ?", (str(target),))
    except sqlite3.Error as exc:
        with contextlib.suppress(OSError):
            target.unlink(missing_ok=True)
        raise StoreError(f"no backup was made: {translate_sqlite_error(exc, target)}") from None
    for old in list_backups(data_dir)[BACKUPS_KEPT:]:
        with contextlib.suppress(OSError):
            old.unlink(missing_ok=True)
    return target


def list_backups(data_dir: Path) -> list[Path]:
    """Backups, newest first."""
    folder = backup_dir(data_dir)
    if not folder.is_dir():
        return []
    return sorted(folder.glob("workstation-*.sqlite3"), reverse=True)


def restore_backup(data_dir: Path, backup: Path) -> Path:
    """Put ``backup`` in place of the store; the damaged file is kept aside, never deleted.

    Returns where the previous store file was moved. The caller must hold the data dir lock.
    The copy is made and flushed to disk before the damaged store is moved, so a full disk or an
    unreadable backup (StoreError) leaves the data folder as it was.
    """
    report = check_integrity(backup)
    if not report.ok:
        raise ValueError(f"the backup {backup} is itself damaged: {report.problems[0]}")
    live = data_dir / DB_FILE_NAME
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")  # two restores never share a name
    aside = data_dir / f"{DB_FILE_NAME}.damaged-{stamp}"
    temp = data_dir / (DB_FILE_NAME + ".restoring")
    try:
        shutil.copyfile(backup, temp)
        with open(temp, "rb") as handle:
            os.fsync(handle.fileno())
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
        raise StoreError(f"nothing was restored: {describe_os_error(exc)}") from None
    try:
        if os.path.lexists(live):
            live.rename(aside)
        for suffix in ("-wal", "-shm"):
            sidecar = data_dir / (DB_FILE_NAME + suffix)
            if sidecar.exists():
                sidecar.rename(data_dir / f"{DB_FILE_NAME}{suffix}.damaged-{stamp}")
        temp.replace(live)
    except OSError as exc:
        raise StoreError(
            f"the restore stopped half-way: {describe_os_error(exc)}; the damaged store is kept as "
            f"{aside} and the backup's copy as {temp}"
        ) from None
    return aside
