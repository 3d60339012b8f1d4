"""Integrity checks, backups through SQLite itself, and restoring a backup over a damaged store."""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from workstation.core.store.database import DB_FILE_NAME

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
    if not db_path.exists():
        return IntegrityReport(db_path, ("the store file does not exist",))
    try:
        conn = sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True)
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

    Keeps the newest :data:`BACKUPS_KEPT` backups and deletes older ones.
    """
    folder = backup_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"workstation-{stamp}.sqlite3"
    conn.execute("VACUUM INTO ?", (str(target),))
    for old in list_backups(data_dir)[BACKUPS_KEPT:]:
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
    """
    report = check_integrity(backup)
    if not report.ok:
        raise ValueError(f"the backup {backup} is itself damaged: {report.problems[0]}")
    live = data_dir / DB_FILE_NAME
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")  # two restores never share a name
    aside = data_dir / f"{DB_FILE_NAME}.damaged-{stamp}"
    if live.exists():
        live.rename(aside)
    for suffix in ("-wal", "-shm"):
        sidecar = data_dir / (DB_FILE_NAME + suffix)
        if sidecar.exists():
            sidecar.rename(data_dir / f"{DB_FILE_NAME}{suffix}.damaged-{stamp}")
    temp = data_dir / (DB_FILE_NAME + ".restoring")
    shutil.copyfile(backup, temp)
    with open(temp, "rb") as handle:
        os.fsync(handle.fileno())
    temp.replace(live)
    return aside
