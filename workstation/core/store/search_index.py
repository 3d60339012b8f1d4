"""The tasks' full-text index: what it holds, and the statements that fill it and keep it current.

The index (``task_search``, declared by the migrations in :mod:`~workstation.core.store.schema`)
has ``rowid = tasks.seq`` and reads its text from the view ``task_search_source``: a task's prompt
with its chat turns, its original and its rewrite. It keeps no copy of the text, so changing a
row means first deleting the exact values it was indexed with: the triggers do that for rewrites
and edited tasks; new tasks are indexed by the importer many at a time (``INDEX_TASKS_BETWEEN``),
many times faster than a trigger per row.
"""

from __future__ import annotations

SEARCH_PENDING_BYTES = 8 * 1024 * 1024
"""How much new index data FTS5 gathers in memory before writing a segment (its default is 1 MB).

Bigger segments mean fewer merges while a large file is imported: about a third less CPU for the
index of 100,000 tasks, for at most this much more memory while a write transaction is open.
"""


def search_prompt(row: str) -> str:
    """What the search's ``prompt`` column holds for a task row: its prompt and its chat turns' text.

    The turns are walked with a recursive query and ``json_extract`` rather than ``json_each``:
    FTS5 reads its content without virtual tables, and ``json_each`` is one, which would break
    ``rebuild``, ``snippet()`` and ``highlight()``.
    """
    turns = f"""(
        WITH RECURSIVE turn(number, text) AS (
            SELECT 0, json_extract({row}.messages, '$[0].content')
            WHERE json_array_length({row}.messages) > 0
            UNION ALL
            SELECT number + 1, json_extract({row}.messages, '$[' || (number + 1) || '].content') FROM turn
            WHERE number + 1 < json_array_length({row}.messages)
        )
        SELECT group_concat(text, ' ') FROM turn
    )"""
    return f"coalesce({row}.prompt, '') || ' ' || coalesce({turns}, '')"


def reindex_rewrite_trigger(name: str, event: str, old_text: str, new_text: str, row: str) -> str:
    """A trigger that swaps a task's indexed rewrite text: delete the old entry, add the new one."""
    return f"""
    CREATE TRIGGER {name} {event} BEGIN
        INSERT INTO task_search(task_search, rowid, prompt, original, rewrite)
        SELECT 'delete', seq, prompt, original, {old_text} FROM task_search_source
        WHERE seq = (SELECT seq FROM tasks WHERE id = {row}.task_id);
        INSERT INTO task_search(rowid, prompt, original, rewrite)
        SELECT seq, prompt, original, {new_text} FROM task_search_source
        WHERE seq = (SELECT seq FROM tasks WHERE id = {row}.task_id);
    END
    """


INDEX_NEW_TASKS = (
    "INSERT INTO task_search(rowid, prompt, original, rewrite) "
    "SELECT seq, prompt, original, rewrite FROM task_search_source WHERE seq > ?"
)
"""Index every task added after ``seq``."""

INDEX_TASKS_BETWEEN = INDEX_NEW_TASKS + " AND seq <= ?"
"""Index the tasks with ``after < seq <= through`` (the importer's pass, a piece at a time)."""
