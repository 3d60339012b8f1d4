"""The store's schema and its migrations, numbered by ``PRAGMA user_version``.

Each migration is a list of statements applied in one transaction; a database written by a newer
version of the app (a higher ``user_version``) is refused rather than guessed at.
"""

from __future__ import annotations

import sqlite3

from workstation.core.store.search_index import SEARCH_PENDING_BYTES, reindex_rewrite_trigger, search_prompt
from workstation.core.store.search_words import SEARCH_TOKENIZER

# "RWWS" in ASCII: marks the file as ours, so a stray SQLite file is never migrated by mistake.
APPLICATION_ID = 0x52575753

_V1 = [
    """
    CREATE TABLE projects (
        name TEXT PRIMARY KEY,
        description TEXT NOT NULL DEFAULT '',
        guidelines TEXT NOT NULL DEFAULT '',
        rubric TEXT NOT NULL DEFAULT '{}',
        tags TEXT NOT NULL DEFAULT '[]',
        flag_reasons TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE tasks (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        project TEXT NOT NULL REFERENCES projects(name),
        prompt TEXT,
        messages TEXT,
        original TEXT NOT NULL,
        original_sha256 TEXT NOT NULL,
        model TEXT,
        metadata TEXT NOT NULL DEFAULT '{}',
        source TEXT,
        imported_at TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'open'
    )
    """,
    "CREATE INDEX tasks_status ON tasks(status, seq)",
    "CREATE INDEX tasks_project ON tasks(project, seq)",
    """
    CREATE TABLE outbox (
        bundle_id TEXT PRIMARY KEY,
        bundle_seq INTEGER NOT NULL,
        signer_fingerprint TEXT NOT NULL,
        data BLOB NOT NULL,
        size INTEGER NOT NULL,
        record_count INTEGER NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending',
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        next_attempt_at REAL,
        target TEXT,
        receipt TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        acked_at TEXT
    )
    """,
    """
    CREATE TABLE rewrites (
        task_id TEXT PRIMARY KEY REFERENCES tasks(id),
        rewrite_id TEXT NOT NULL UNIQUE,
        text TEXT NOT NULL,
        status TEXT NOT NULL,
        started_from TEXT NOT NULL,
        ratings TEXT NOT NULL DEFAULT '{}',
        tags TEXT NOT NULL DEFAULT '[]',
        notes TEXT NOT NULL DEFAULT '',
        flag_reason TEXT,
        active_seconds REAL NOT NULL DEFAULT 0,
        cursor INTEGER NOT NULL DEFAULT 0,
        metrics TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        submitted_at TEXT,
        sealed_bundle_id TEXT REFERENCES outbox(bundle_id)
    )
    """,
    "CREATE INDEX rewrites_unsealed ON rewrites(status) WHERE sealed_bundle_id IS NULL",
    # Full-text search over what a writer remembers of a task; rowid = tasks.seq. The index holds
    # no copy of the text (external content: the view below), so it costs a fraction of the
    # tasks table. Chat turns are indexed by their content only, so "user" or "role" do not match
    # every chat task. Because the index keeps no text, changing a row means first deleting the
    # exact values it was indexed with: the triggers below do that for rewrites; new tasks are
    # indexed by the importer a whole batch at a time (see ``INDEX_NEW_TASKS``), which is many
    # times faster than a trigger per row.
    f"""
    CREATE VIEW task_search_source AS
    SELECT t.seq AS seq, {search_prompt("t")} AS prompt, t.original AS original,
           coalesce(r.text, '') AS rewrite
    FROM tasks t LEFT JOIN rewrites r ON r.task_id = t.id
    """,
    """
    CREATE VIRTUAL TABLE task_search USING fts5(
        prompt, original, rewrite,
        content = 'task_search_source', content_rowid = 'seq',
        tokenize = 'unicode61 remove_diacritics 2'
    )
    """,
    f"INSERT INTO task_search(task_search, rank) VALUES ('hashsize', {SEARCH_PENDING_BYTES})",
    reindex_rewrite_trigger("rewrites_search_insert", "AFTER INSERT ON rewrites", "''", "new.text", "new"),
    reindex_rewrite_trigger(
        "rewrites_search_update", "AFTER UPDATE OF text ON rewrites", "old.text", "new.text", "new"
    ),
    reindex_rewrite_trigger("rewrites_search_delete", "AFTER DELETE ON rewrites", "old.text", "''", "old"),
    f"""
    CREATE TRIGGER tasks_search_delete AFTER DELETE ON tasks BEGIN
        INSERT INTO task_search(task_search, rowid, prompt, original, rewrite)
        VALUES ('delete', old.seq, {search_prompt("old")}, old.original,
                coalesce((SELECT text FROM rewrites WHERE task_id = old.id), ''));
    END
    """,
    f"""
    CREATE TRIGGER tasks_search_update AFTER UPDATE OF prompt, messages, original ON tasks BEGIN
        INSERT INTO task_search(task_search, rowid, prompt, original, rewrite)
        VALUES ('delete', old.seq, {search_prompt("old")}, old.original,
                coalesce((SELECT text FROM rewrites WHERE task_id = old.id), ''));
        INSERT INTO task_search(rowid, prompt, original, rewrite)
        SELECT seq, prompt, original, rewrite FROM task_search_source WHERE seq = new.seq;
    END
    """,
    "CREATE TABLE app_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
]

_V2_WORK_SESSIONS = [
    """
    CREATE TABLE work_sessions (
        id TEXT PRIMARY KEY,
        task_id TEXT NOT NULL REFERENCES tasks(id),
        project TEXT NOT NULL REFERENCES projects(name),
        started_at TEXT NOT NULL,
        ended_at TEXT NOT NULL CHECK (ended_at >= started_at),
        active_seconds REAL NOT NULL DEFAULT 0 CHECK (active_seconds >= 0),
        keystrokes INTEGER,
        typed_chars INTEGER,
        pasted_chars INTEGER,
        paste_events INTEGER,
        undo_count INTEGER,
        source TEXT NOT NULL CHECK (source IN ('app', 'cli', 'migrated'))
    )
    """,
    "CREATE INDEX work_sessions_task ON work_sessions(task_id, started_at)",
    "CREATE INDEX work_sessions_started ON work_sessions(started_at)",
    # Work done before sessions were recorded: one session per rewrite that has time on it.
    """
    INSERT INTO work_sessions(id, task_id, project, started_at, ended_at, active_seconds, source)
    SELECT 'ws-migrated-' || r.rewrite_id, r.task_id, t.project, r.created_at,
           max(r.created_at, r.updated_at), r.active_seconds, 'migrated'
    FROM rewrites r JOIN tasks t ON t.id = r.task_id
    WHERE r.active_seconds > 0
    """,
]
"""Schema 2: a row per sitting at a task (``work_sessions``), so hours per day, week and project
can be rebuilt; before it a rewrite kept only its running total of active seconds.

A store made before schema 2 gets one ``migrated`` session per rewrite with time on it, holding
that whole total, so each task's sessions still add up to its rewrite's ``active_seconds``. The
real sittings are lost; the rewrite's own timestamps are the only honest bounds left: the draft
was created when the writer first opened the task, and it was last saved when the last of that
time had been spent, so the span from ``created_at`` to ``updated_at`` (never negative, even if
the laptop's clock was set back in between) brackets all of it. The source says it is an estimate.
"""

_V3_REVIEW = [
    # The reviewer's keyring: one row per writer key. A key is ``pending`` from the moment it is
    # first seen in a bundle until a person confirms its fingerprint; only ``trusted`` keys let
    # bundles into the inbox.
    """
    CREATE TABLE writers (
        fingerprint TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        public_key TEXT NOT NULL,
        key_id TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('trusted', 'pending')),
        added_at TEXT NOT NULL,
        confirmed_at TEXT
    )
    """,
    "CREATE INDEX writers_name ON writers(name)",
    # Every verified bundle received, rewrite bundles and verdict bundles alike, with its exact
    # bytes (so it can be verified again or passed on) and its place in its signer's hash chain.
    """
    CREATE TABLE inbox_bundles (
        bundle_id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('rewrites', 'verdicts')),
        signer_fingerprint TEXT NOT NULL,
        signer_name TEXT NOT NULL,
        bundle_seq INTEGER NOT NULL,
        prev_bundle_id TEXT,
        created_at TEXT NOT NULL,
        received_at TEXT NOT NULL,
        source TEXT NOT NULL,
        record_count INTEGER NOT NULL,
        size INTEGER NOT NULL,
        data BLOB NOT NULL,
        chain_problem TEXT
    )
    """,
    "CREATE INDEX inbox_bundles_signer ON inbox_bundles(signer_fingerprint, bundle_seq)",
    # One row per received rewrite: the record as sealed plus the figures the reviewer's own app
    # computed from the two texts at import (never the writer's claimed metrics). The record is
    # the last column: SQLite reads a row's columns in order, so listing the queue's columns
    # never reads the texts (an inbox of 200,000 items lists in a fraction of the time). The
    # figures are NULL from the moment a bundle is received until the figures pass has computed
    # them (``review.figures_pass``): receiving stays as fast as verifying. ``pasted_share`` is the
    # sealed effort signals' pasted share (0..1), NULL when they were not recorded (or the bundle
    # is of version 1), so the triage list can flag pasted work without reading records.
    """
    CREATE TABLE inbox_items (
        seq INTEGER PRIMARY KEY,
        item_id TEXT NOT NULL UNIQUE,
        bundle_id TEXT NOT NULL REFERENCES inbox_bundles(bundle_id),
        writer_fingerprint TEXT NOT NULL,
        writer_name TEXT NOT NULL,
        task_id TEXT NOT NULL,
        project TEXT NOT NULL,
        model TEXT,
        status TEXT NOT NULL,
        rewrite_sha256 TEXT NOT NULL,
        words_original INTEGER,
        words_rewrite INTEGER,
        edit_rate REAL,
        density_before REAL,
        density_after REAL,
        findings_before INTEGER,
        findings_after INTEGER,
        active_seconds REAL NOT NULL,
        flagged INTEGER NOT NULL DEFAULT 0,
        revision_of TEXT,
        pasted_share REAL,
        record TEXT NOT NULL
    )
    """,
    "CREATE INDEX inbox_items_bundle ON inbox_items(bundle_id, seq)",
    "CREATE INDEX inbox_items_writer ON inbox_items(writer_fingerprint, seq)",
    "CREATE INDEX inbox_items_model ON inbox_items(model, seq)",
    "CREATE INDEX inbox_items_figures_pending ON inbox_items(seq) WHERE words_original IS NULL",
    # Verdicts: the reviewer's own (``sealed_in`` is the verdict bundle they went out in) and
    # those received from verdict bundles (``received_in``), in a reviewer's store and a
    # writer's alike. A verdict names exactly the text judged by its sha256.
    """
    CREATE TABLE verdicts (
        verdict_id TEXT PRIMARY KEY,
        bundle_id TEXT NOT NULL,
        rewrite_id TEXT NOT NULL,
        task_id TEXT NOT NULL,
        rewrite_sha256 TEXT NOT NULL,
        verdict TEXT NOT NULL CHECK (verdict IN ('accept', 'revise', 'reject')),
        reason TEXT,
        comment TEXT NOT NULL DEFAULT '',
        comments TEXT NOT NULL DEFAULT '[]',
        reviewer_name TEXT NOT NULL,
        reviewer_fingerprint TEXT NOT NULL,
        created_at TEXT NOT NULL,
        sealed_in TEXT,
        received_in TEXT,
        CHECK (verdict = 'accept' OR reason IS NOT NULL)
    )
    """,
    "CREATE INDEX verdicts_rewrite ON verdicts(rewrite_id, created_at)",
    "CREATE INDEX verdicts_task ON verdicts(task_id, created_at)",
    "CREATE INDEX verdicts_unsealed ON verdicts(reviewer_fingerprint) "
    "WHERE sealed_in IS NULL AND received_in IS NULL",
    # A writer's revision: the sealed rewrite a new draft answers (set when a reviewer asked for
    # revisions), so the resubmission's bundle record can reference the old bundle.
    "ALTER TABLE rewrites ADD COLUMN revision_of TEXT",
    # The outbox carries verdict bundles too; each kind has its own hash chain per signer.
    "ALTER TABLE outbox ADD COLUMN kind TEXT NOT NULL DEFAULT 'rewrites' "
    "CHECK (kind IN ('rewrites', 'verdicts'))",
    # Effort signals the editor records per sitting, beside the counts schema 2 made room for:
    # counts only, never content; NULL means "not recorded" (the writer turned them off, or the
    # sitting was recorded by an older build or the command line), which is not zero.
    "ALTER TABLE work_sessions ADD COLUMN redo_count INTEGER",
    "ALTER TABLE work_sessions ADD COLUMN revisions INTEGER",
    "ALTER TABLE work_sessions ADD COLUMN largest_paste_chars INTEGER",
    "ALTER TABLE work_sessions ADD COLUMN external_chars INTEGER",
    "ALTER TABLE work_sessions ADD COLUMN longest_idle_seconds REAL",
]
"""Schema 3: the reviewer's side (keyring, inbox of received bundles and their items, verdicts)
and, for the writer, the link from a revised draft back to the sealed rewrite it revises; the
outbox learns the kind of each bundle, so a person who both writes and reviews with one key keeps
one unbroken chain per kind. Work sessions gain the rest of the effort signals (redo count,
revisions, largest paste, external input, longest idle gap).

``revision_of`` holds ``{"bundle_id": ..., "rewrite_id": ...}`` as JSON text, or NULL.
"""

_V4_PROJECT_RULES = [
    "ALTER TABLE projects ADD COLUMN language TEXT NOT NULL DEFAULT 'en-US'",
    "ALTER TABLE projects ADD COLUMN incomplete_rubric TEXT NOT NULL DEFAULT 'warn' "
    "CHECK (incomplete_rubric IN ('warn', 'block'))",
    "ALTER TABLE rewrites ADD COLUMN edited_after_submit TEXT",
]
"""Schema 4: a project names its texts' language (spelling follows it) and whether a rewrite may
be submitted with rubric questions unanswered (``warn`` asks first, ``block`` refuses); a rewrite
keeps the time of its first edit after submit (NULL: confirmed; sealing waits for a new submit)."""

_V5_LEAN_SEARCH = [
    # The same search, over the same view and kept up to date by the same triggers, in an index
    # that records only which tasks hold each word: no positions (``detail=none``: phrase and
    # NEAR queries are refused, and the app never asks for them, see search_words.py) and no
    # per-task column sizes (``columnsize=0``: only relevance ranking reads them; the queue is in
    # import order). At 100,000 tasks it builds in ~60 % of the time (1.8 s vs 3.1 s in the same
    # run of tests/benchmarks/bench_store.py) and takes ~42 MB instead of ~210 MB. The answers are
    # the same, except that a word with punctuation inside (``e-mail``) matches its parts anywhere
    # in a task rather than side by side. The triggers name the index and its columns, which stay.
    "DROP TABLE task_search",
    f"""
    CREATE VIRTUAL TABLE task_search USING fts5(
        prompt, original, rewrite,
        content = 'task_search_source', content_rowid = 'seq',
        detail = none, columnsize = 0,
        tokenize = '{SEARCH_TOKENIZER}'
    )
    """,
    f"INSERT INTO task_search(task_search, rank) VALUES ('hashsize', {SEARCH_PENDING_BYTES})",
    "INSERT INTO task_search(task_search) VALUES ('rebuild')",
]
"""Schema 5: the tasks' search index rebuilt lean (every task is indexed again, in one pass: about
3 s for 100,000 tasks on the first start after the update)."""

MIGRATIONS: list[list[str]] = [_V1, _V2_WORK_SESSIONS, _V3_REVIEW, _V4_PROJECT_RULES, _V5_LEAN_SEARCH]
SCHEMA_VERSION = len(MIGRATIONS)


class SchemaError(RuntimeError):
    """The file is not a Rewrite Workstation store, or was written by a newer version."""


def migrate(conn: sqlite3.Connection, *, up_to: int = SCHEMA_VERSION) -> int:
    """Bring the schema up to ``up_to`` (the newest by default); returns the version found before.

    Each step runs in its own transaction, so a failure leaves the store at the last whole version.
    ``up_to`` lets tests build a store as an older release left it.
    """
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if app_id not in (0, APPLICATION_ID):
        raise SchemaError("this SQLite file belongs to another application")
    if app_id == 0 and version == 0:
        has_tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if has_tables:
            raise SchemaError("this SQLite file already holds tables that are not ours")
    if version > SCHEMA_VERSION:
        raise SchemaError(
            f"this store was written by a newer Rewrite Workstation (schema {version}, "
            f"this app knows up to {SCHEMA_VERSION}); update the app"
        )
    if version >= 1 and not _has_search_source(conn):
        raise SchemaError(
            "this store was made by a pre-release build whose search index is laid out differently; "
            "move it aside and import the tasks into a new data folder"
        )
    for index in range(version, up_to):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in MIGRATIONS[index]:
                conn.execute(statement)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {index + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return version


def _has_search_source(conn: sqlite3.Connection) -> bool:
    """Whether the search index reads from ``task_search_source`` (every released schema 1 does)."""
    found = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'view' AND name = 'task_search_source'")
    return found.fetchone() is not None
