"""Small JSON values the app remembers per data dir (last task, cursor, signer chain head)."""

from __future__ import annotations

import json
from typing import Any

from workstation.core.store.database import Database
from workstation.core.store.json_columns import dumps


class AppState:
    def __init__(self, database: Database) -> None:
        self._database = database

    def get(self, key: str, default: Any = None) -> Any:
        row = self._database.conn.execute("SELECT value FROM app_state WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else default

    def set(self, key: str, value: Any) -> None:
        with self._database.write() as conn:
            conn.execute(
                "INSERT INTO app_state(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, dumps(value)),
            )
