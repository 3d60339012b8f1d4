"""The local SQLite store: one file per data dir, one writer connection, migrations by user_version."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from workstation.core.models import ALL_STATUSES, Rewrite, WorkSession
from workstation.core.store.database import (
    DB_FILE_NAME,
    Database,
    StoreBusy,
    StoreCorrupt,
    StoreError,
)
from workstation.core.store.import_progress import ImportProgress, ImportStage
from workstation.core.store.importer import ImportResult, import_file
from workstation.core.store.inbox import InboxQueries
from workstation.core.store.maintenance import make_backup
from workstation.core.store.outbox import OutboxQueries
from workstation.core.store.projects import ProjectQueries
from workstation.core.store.queue_filter import QueueFilter
from workstation.core.store.rewrites import RewriteQueries, RewriteSealed, new_rewrite
from workstation.core.store.state import AppState
from workstation.core.store.tasks import PAGE_SIZE, QueuePage, QueueRow, TaskQueries
from workstation.core.store.verdicts import VerdictQueries
from workstation.core.store.work_sessions import (
    UnknownTask,
    WorkSessionConflict,
    WorkSessionQueries,
    save_work,
)
from workstation.core.store.writers import WriterQueries

__all__ = [
    "DB_FILE_NAME",
    "PAGE_SIZE",
    "ImportProgress",
    "ImportResult",
    "ImportStage",
    "QueueFilter",
    "QueuePage",
    "QueueRow",
    "RewriteSealed",
    "Store",
    "StoreBusy",
    "StoreCorrupt",
    "StoreError",
    "UnknownTask",
    "WorkSessionConflict",
    "new_rewrite",
]


class Store:
    """Everything the app keeps in one data dir, reached through small query objects."""

    def __init__(self, data_dir: Path, *, readonly: bool = False) -> None:
        self.data_dir = data_dir
        if not readonly:
            data_dir.mkdir(parents=True, exist_ok=True)
        self.database = Database(data_dir / DB_FILE_NAME, readonly=readonly)
        self.tasks = TaskQueries(self.database.conn)
        self.rewrites = RewriteQueries(self.database)
        self.projects = ProjectQueries(self.database)
        self.state = AppState(self.database)
        self.outbox = OutboxQueries(self.database)
        self.work_sessions = WorkSessionQueries(self.database)
        self.inbox = InboxQueries(self.database)
        self.verdicts = VerdictQueries(self.database)
        self.writers = WriterQueries(self.database)

    @property
    def path(self) -> Path:
        return self.database.path

    def import_file(
        self,
        path: Path,
        *,
        project: str,
        fmt: str | None = None,
        field_map: Mapping[str, str] | None = None,
        on_progress: Callable[[ImportProgress], None] | None = None,
        should_cancel: Callable[[], bool] | None = None,
        pace: Callable[[], object] | None = None,
    ) -> ImportResult:
        return import_file(
            self.database,
            path,
            project=project,
            fmt=fmt,
            field_map=field_map,
            on_progress=on_progress,
            should_cancel=should_cancel,
            pace=pace,
        )

    def save_work(
        self, rewrite: Rewrite, session: WorkSession, *, earlier: Sequence[WorkSession] = ()
    ) -> tuple[Rewrite, WorkSession]:
        """Save a rewrite and the work session that produced it (and ``earlier`` unsaved sittings)
        in one transaction (see :func:`~workstation.core.store.work_sessions.save_work`)."""
        return save_work(self.database, rewrite, session, earlier=earlier)

    def stats(self) -> dict[str, Any]:
        """Counts a writer or lead wants at a glance: tasks, per status, sealed, outbox, time."""
        conn = self.database.conn
        counts = self.tasks.status_counts()
        result: dict[str, Any] = {"tasks": sum(counts.values())}
        result.update({status: counts.get(status, 0) for status in ALL_STATUSES})
        result["sealed"] = conn.execute(
            "SELECT count(*) FROM rewrites WHERE sealed_bundle_id IS NOT NULL"
        ).fetchone()[0]
        result["active_seconds"] = round(
            conn.execute("SELECT coalesce(sum(active_seconds), 0) FROM rewrites").fetchone()[0], 1
        )
        result["outbox"] = {
            state: n for state, n in conn.execute("SELECT state, count(*) FROM outbox GROUP BY state")
        }
        result["projects"] = self.projects.names()
        return result

    def row_counts(self) -> dict[str, int]:
        """Rows in each of the store's main tables, for ``workstation doctor``'s report."""
        db = self.database.db
        return {table: db[table].count for table in ("projects", "tasks", "rewrites", "outbox")}

    def backup(self) -> Path:
        return make_backup(self.database.conn, self.data_dir)

    def close(self) -> None:
        self.database.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
