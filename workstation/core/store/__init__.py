"""The local SQLite store: one file per data dir, one writer connection, migrations by user_version.

Opening a store imports only the connection and the schema. Each query object (``store.tasks``,
``store.inbox`` ...) is made, and its module imported, on first use, and so are the names below
that live in heavy modules (:class:`ImportResult`, :func:`new_rewrite` ...): a read such as the
command line's ``tasks`` or ``stats`` then needs neither pydantic nor the importers, the signing
code or the review modules, which is most of a command's start-up time.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workstation.core.lazy_names import lazy_module_getattr
from workstation.core.model_enums import ALL_STATUSES
from workstation.core.store.database import (
    DB_FILE_NAME,
    Database,
    StoreBusy,
    StoreCorrupt,
    StoreError,
)

if TYPE_CHECKING:
    from workstation.core.models import Rewrite, WorkSession
    from workstation.core.store.import_progress import ImportProgress, ImportStage
    from workstation.core.store.importer import ImportResult
    from workstation.core.store.inbox import InboxQueries
    from workstation.core.store.outbox import OutboxQueries
    from workstation.core.store.projects import ProjectQueries
    from workstation.core.store.queue_filter import QUEUE_STATES, SEALED, QueueFilter
    from workstation.core.store.rewrites import RewriteQueries, RewriteSealed, new_rewrite
    from workstation.core.store.state import AppState
    from workstation.core.store.tasks import PAGE_SIZE, QueuePage, QueueRow, TaskQueries
    from workstation.core.store.verdicts import VerdictQueries
    from workstation.core.store.work_sessions import UnknownTask, WorkSessionConflict, WorkSessionQueries
    from workstation.core.store.writers import WriterQueries

__all__ = [
    "DB_FILE_NAME",
    "PAGE_SIZE",
    "QUEUE_STATES",
    "SEALED",
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

# The package's names that live in modules imported on first use (PEP 562), by module.
_LAZY_NAMES = {
    "ImportProgress": "workstation.core.store.import_progress",
    "ImportStage": "workstation.core.store.import_progress",
    "ImportResult": "workstation.core.store.importer",
    "QUEUE_STATES": "workstation.core.store.queue_filter",
    "SEALED": "workstation.core.store.queue_filter",
    "QueueFilter": "workstation.core.store.queue_filter",
    "PAGE_SIZE": "workstation.core.store.tasks",
    "QueuePage": "workstation.core.store.tasks",
    "QueueRow": "workstation.core.store.tasks",
    "RewriteSealed": "workstation.core.store.rewrites",
    "new_rewrite": "workstation.core.store.rewrites",
    "UnknownTask": "workstation.core.store.work_sessions",
    "WorkSessionConflict": "workstation.core.store.work_sessions",
}


__getattr__ = lazy_module_getattr(__name__, _LAZY_NAMES)


class Store:
    """Everything the app keeps in one data dir, reached through small query objects."""

    def __init__(self, data_dir: Path, *, readonly: bool = False) -> None:
        self.data_dir = data_dir
        if not readonly:
            data_dir.mkdir(parents=True, exist_ok=True)
        self.database = Database(data_dir / DB_FILE_NAME, readonly=readonly)

    # The query objects hold nothing but the connection; each is made on first use.

    @cached_property
    def tasks(self) -> TaskQueries:
        from workstation.core.store.tasks import TaskQueries

        return TaskQueries(self.database.conn)

    @cached_property
    def rewrites(self) -> RewriteQueries:
        from workstation.core.store.rewrites import RewriteQueries

        return RewriteQueries(self.database)

    @cached_property
    def projects(self) -> ProjectQueries:
        from workstation.core.store.projects import ProjectQueries

        return ProjectQueries(self.database)

    @cached_property
    def state(self) -> AppState:
        from workstation.core.store.state import AppState

        return AppState(self.database)

    @cached_property
    def outbox(self) -> OutboxQueries:
        from workstation.core.store.outbox import OutboxQueries

        return OutboxQueries(self.database)

    @cached_property
    def work_sessions(self) -> WorkSessionQueries:
        from workstation.core.store.work_sessions import WorkSessionQueries

        return WorkSessionQueries(self.database)

    @cached_property
    def inbox(self) -> InboxQueries:
        from workstation.core.store.inbox import InboxQueries

        return InboxQueries(self.database)

    @cached_property
    def verdicts(self) -> VerdictQueries:
        from workstation.core.store.verdicts import VerdictQueries

        return VerdictQueries(self.database)

    @cached_property
    def writers(self) -> WriterQueries:
        from workstation.core.store.writers import WriterQueries

        return WriterQueries(self.database)

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
        from workstation.core.store.importer import import_file

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
        from workstation.core.store.work_sessions import save_work

        return save_work(self.database, rewrite, session, earlier=earlier)

    def stats(self) -> dict[str, Any]:
        """Counts a writer or lead wants at a glance: tasks, per queue state, outbox, time.

        The states are the queue's (``QUEUE_STATES``): a task whose rewrite is sealed counts as
        ``sealed`` and not under its status, so the states add up to ``tasks`` and each count is
        what ``tasks --status`` (and the window's filter) lists.
        """
        conn = self.database.conn
        counts = self.tasks.status_counts()
        result: dict[str, Any] = {"tasks": sum(counts.values())}
        sealed = dict(  # the rewrites first (CROSS JOIN keeps them first): only sealed ones join
            conn.execute(
                "SELECT t.status, count(*) FROM rewrites r CROSS JOIN tasks t ON t.id = r.task_id "
                "WHERE r.sealed_bundle_id IS NOT NULL GROUP BY t.status"
            ).fetchall()
        )
        result.update({status: counts.get(status, 0) - sealed.get(status, 0) for status in ALL_STATUSES})
        result["sealed"] = sum(sealed.values())
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
        from workstation.core.store.maintenance import make_backup

        return make_backup(self.database.conn, self.data_dir)

    def close(self) -> None:
        self.database.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
