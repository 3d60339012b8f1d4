"""Projects: guidelines, rubric, suggested tags and flag reasons."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from workstation.core.clock import now_iso
from workstation.core.store.database import Database
from workstation.core.store.json_columns import dumps

if TYPE_CHECKING:
    from workstation.core.models import Project


def ensure_project(conn: sqlite3.Connection, name: str) -> None:
    """Create an empty project called ``name`` if it does not exist (inside the caller's transaction)."""
    conn.execute("INSERT OR IGNORE INTO projects(name, created_at) VALUES (?, ?)", (name, now_iso()))


class ProjectQueries:
    def __init__(self, database: Database) -> None:
        self._database = database

    def names(self) -> list[str]:
        return [row[0] for row in self._database.conn.execute("SELECT name FROM projects ORDER BY name")]

    def get(self, name: str) -> Project | None:
        from workstation.core.store.rows import project_from_row  # pydantic: not for names() alone

        cursor = self._database.conn.execute("SELECT * FROM projects WHERE name = ?", (name,))
        row = cursor.fetchone()
        if row is None:
            return None
        return project_from_row(dict(zip((c[0] for c in cursor.description), row, strict=True)))

    def save(self, project: Project) -> None:
        """Create or replace a project's settings: everything but its name and creation time."""
        with self._database.write() as conn:
            ensure_project(conn, project.name)
            conn.execute(
                "UPDATE projects SET description = ?, guidelines = ?, rubric = ?, tags = ?, "
                "flag_reasons = ?, language = ?, incomplete_rubric = ? WHERE name = ?",
                (
                    project.description,
                    project.guidelines,
                    dumps(project.rubric.model_dump()),
                    dumps(list(project.tags)),
                    dumps(list(project.flag_reasons)),
                    project.language,
                    project.incomplete_rubric.value,
                    project.name,
                ),
            )
