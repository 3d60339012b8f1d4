"""The reviewer's inbox: received bundles and their items.

A bundle and all its items are added in one transaction, so an import stopped at any moment
leaves each bundle wholly in or wholly out. Items are listed without their texts
(:class:`~workstation.core.review.items.AuditItem`); one item's texts are read on demand.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from workstation.core.review.items import AuditFigures, AuditItem
from workstation.core.store.database import Database
from workstation.core.store.json_columns import dumps

BUNDLE_KINDS = ("rewrites", "verdicts")


@dataclass(frozen=True)
class InboxBundle:
    """One received bundle as the inbox lists it (without its bytes).

    ``kind`` is ``rewrites`` or ``verdicts``; ``chain_problem`` is the sentence recorded when the
    bundle did not follow on from its signer's previous one (a gap, a fork, a replay), else None.
    """

    bundle_id: str
    kind: str
    signer_fingerprint: str
    signer_name: str
    bundle_seq: int
    prev_bundle_id: str | None
    created_at: str
    received_at: str
    source: str
    record_count: int
    size: int
    chain_problem: str | None


@dataclass(frozen=True)
class NewItem:
    """An item to add with its bundle: the sealed record, and its figures when already known
    (receiving leaves them to the figures pass)."""

    item_id: str
    task_id: str
    project: str
    model: str | None
    status: str
    rewrite_sha256: str
    record: dict[str, Any]
    active_seconds: float
    flagged: bool
    revision_of: str | None = None
    figures: AuditFigures | None = None
    pasted_share: float | None = None


class UnknownItem(KeyError):
    """No item in the inbox has this id (or unique id prefix)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown item"


_BUNDLE_COLUMNS = (
    "bundle_id, kind, signer_fingerprint, signer_name, bundle_seq, prev_bundle_id, created_at, "
    "received_at, source, record_count, size, chain_problem"
)
_ITEM_COLUMNS = (
    "i.seq, i.item_id, i.bundle_id, i.writer_name, i.writer_fingerprint, i.task_id, i.project, "
    "i.model, i.status, i.words_original, i.words_rewrite, i.edit_rate, i.density_before, "
    "i.density_after, i.findings_before, i.findings_after, i.active_seconds, i.flagged, i.revision_of, "
    "i.pasted_share"
)
_intern = sys.intern


def _item(row: tuple[Any, ...]) -> AuditItem:
    """An AuditItem from a row; strings that repeat across items are interned to save memory."""
    (seq, item_id, bundle_id, writer, fingerprint, task_id, project, model, status) = row[:9]
    figures = AuditFigures(*row[9:16]) if row[9] is not None else None
    return AuditItem(
        seq=seq,
        item_id=item_id,
        bundle_id=_intern(bundle_id),
        writer_name=_intern(writer),
        writer_fingerprint=_intern(fingerprint),
        task_id=task_id,
        project=_intern(project),
        model=_intern(model) if model is not None else None,
        status=_intern(status),
        figures=figures,
        active_seconds=row[16],
        flagged=bool(row[17]),
        revision_of=row[18],
        pasted_share=row[19],
    )


def _figure_values(figures: AuditFigures | None) -> tuple[int | float | None, ...]:
    if figures is None:
        return (None,) * 7
    return (
        figures.words_original,
        figures.words_rewrite,
        figures.edit_rate,
        figures.density_before,
        figures.density_after,
        figures.findings_before,
        figures.findings_after,
    )


class InboxQueries:
    def __init__(self, database: Database) -> None:
        self._database = database
        self._conn = database.conn

    # -- reading ------------------------------------------------------------------------------

    def bundles(self, *, kind: str | None = None) -> list[InboxBundle]:
        """Every received bundle (of ``kind``, if given), oldest first."""
        sql = f"SELECT {_BUNDLE_COLUMNS} FROM inbox_bundles"
        params: tuple[str, ...] = ()
        if kind is not None:
            sql += " WHERE kind = ?"
            params = (kind,)
        return [InboxBundle(*row) for row in self._conn.execute(sql + " ORDER BY received_at, rowid", params)]

    def bundle(self, bundle_id: str) -> InboxBundle | None:
        row = self._conn.execute(
            f"SELECT {_BUNDLE_COLUMNS} FROM inbox_bundles WHERE bundle_id = ?", (bundle_id,)
        ).fetchone()
        return InboxBundle(*row) if row else None

    def has_bundle(self, bundle_id: str) -> bool:
        found = self._conn.execute("SELECT 1 FROM inbox_bundles WHERE bundle_id = ?", (bundle_id,))
        return found.fetchone() is not None

    def bundle_bytes(self, bundle_id: str) -> bytes:
        row = self._conn.execute(
            "SELECT data FROM inbox_bundles WHERE bundle_id = ?", (bundle_id,)
        ).fetchone()
        if row is None:
            raise UnknownItem(f"no bundle {bundle_id} in the inbox")
        return bytes(row[0])

    def signer_chain(self, signer_fingerprint: str, kind: str) -> list[InboxBundle]:
        """One signer's bundles of ``kind`` in chain order (by ``bundle_seq``)."""
        rows = self._conn.execute(
            f"SELECT {_BUNDLE_COLUMNS} FROM inbox_bundles WHERE signer_fingerprint = ? AND kind = ? "
            "ORDER BY bundle_seq, received_at",
            (signer_fingerprint, kind),
        )
        return [InboxBundle(*row) for row in rows]

    def items(
        self, *, bundle_id: str | None = None, after_seq: int | None = None, limit: int | None = None
    ) -> list[AuditItem]:
        """Every item (of one bundle, if given) in the order received, without texts; or a page
        of them: those whose ``seq`` is above ``after_seq``, at most ``limit`` (the review queue
        reads its first screen this way and the rest in the background)."""
        sql = f"SELECT {_ITEM_COLUMNS} FROM inbox_items i WHERE 1"
        params: list[str | int] = []
        if bundle_id is not None:
            sql += " AND i.bundle_id = ?"
            params.append(bundle_id)
        if after_seq is not None:
            sql += " AND i.seq > ?"
            params.append(after_seq)
        sql += " ORDER BY i.seq" + (" LIMIT ?" if limit is not None else "")
        if limit is not None:
            params.append(limit)
        return [_item(row) for row in self._conn.execute(sql, params)]

    def iter_items(self) -> Iterator[AuditItem]:
        """Every item in the order received, streamed from a cursor."""
        for row in self._conn.execute(f"SELECT {_ITEM_COLUMNS} FROM inbox_items i ORDER BY i.seq"):
            yield _item(row)

    def count(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM inbox_items").fetchone()[0])

    def item_sources(self) -> list[tuple[str, str, str]]:
        """(bundle id, writer fingerprint, writer name) of each bundle that has items, in the
        order of their first item: the queue's writer and bundle filters without reading items."""
        rows = self._conn.execute(
            "SELECT bundle_id, signer_fingerprint, signer_name FROM inbox_bundles b "
            "WHERE EXISTS (SELECT 1 FROM inbox_items i WHERE i.bundle_id = b.bundle_id) "
            "ORDER BY (SELECT min(seq) FROM inbox_items i WHERE i.bundle_id = b.bundle_id)"
        )
        return [(bundle_id, fingerprint, name) for bundle_id, fingerprint, name in rows]

    def models(self) -> set[str | None]:
        """The models the items' tasks named (None for a task that named none)."""
        return {row[0] for row in self._conn.execute("SELECT DISTINCT model FROM inbox_items")}

    def first_without_verdict(self, reviewer_fingerprint: str | None) -> str | None:
        """The id of the first item (in queue order) this reviewer has no verdict on (anyone's
        verdict counts when None), or None when every item has one."""
        sql = (
            "SELECT item_id FROM inbox_items i WHERE NOT EXISTS (SELECT 1 FROM verdicts v "
            "WHERE v.rewrite_id = i.item_id{mine}) ORDER BY i.seq LIMIT 1"
        )
        if reviewer_fingerprint is None:
            row = self._conn.execute(sql.format(mine="")).fetchone()
        else:
            row = self._conn.execute(
                sql.format(mine=" AND v.reviewer_fingerprint = ?"), (reviewer_fingerprint,)
            ).fetchone()
        return str(row[0]) if row else None

    def item(self, item_id: str) -> AuditItem | None:
        row = self._conn.execute(
            f"SELECT {_ITEM_COLUMNS} FROM inbox_items i WHERE i.item_id = ?", (item_id,)
        ).fetchone()
        return _item(row) if row else None

    def record(self, item_id: str) -> dict[str, Any]:
        """The item's record exactly as sealed (texts included)."""
        row = self._conn.execute("SELECT record FROM inbox_items WHERE item_id = ?", (item_id,)).fetchone()
        if row is None:
            raise UnknownItem(f"no item {item_id!r} in the inbox")
        record: dict[str, Any] = json.loads(row[0])
        return record

    def resolve_item_id(self, text: str) -> str:
        """The item id ``text`` names: an exact id or a prefix only one item has."""
        text = text.strip()
        if text and self.item(text) is not None:
            return text
        pattern = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        found = [
            row[0]
            for row in self._conn.execute(
                "SELECT item_id FROM inbox_items WHERE item_id LIKE ? ESCAPE '\\' LIMIT 2", (pattern,)
            )
        ]
        if not text or not found:
            raise UnknownItem(f"no item {text!r} in the inbox; `workstation review list` shows them")
        if len(found) > 1:
            raise UnknownItem(f"{text!r} names more than one item; give more of its id")
        return found[0]

    # -- writing ------------------------------------------------------------------------------

    def add_bundle(
        self, conn: sqlite3.Connection, bundle: InboxBundle, data: bytes, items: Sequence[NewItem]
    ) -> None:
        """Add a verified bundle and its items inside the caller's write transaction ``conn``.

        Raises sqlite3.IntegrityError (so the caller's transaction rolls back, leaving the bundle
        out) if the bundle or one of its item ids is already in the inbox.
        """
        if bundle.kind not in BUNDLE_KINDS:
            raise ValueError(f"unknown bundle kind {bundle.kind!r}")
        conn.execute(
            f"INSERT INTO inbox_bundles ({_BUNDLE_COLUMNS}, data) VALUES ({','.join('?' * 13)})",
            (
                bundle.bundle_id,
                bundle.kind,
                bundle.signer_fingerprint,
                bundle.signer_name,
                bundle.bundle_seq,
                bundle.prev_bundle_id,
                bundle.created_at,
                bundle.received_at,
                bundle.source,
                bundle.record_count,
                bundle.size,
                bundle.chain_problem,
                data,
            ),
        )
        conn.executemany(
            "INSERT INTO inbox_items (item_id, bundle_id, writer_fingerprint, writer_name, task_id, "
            "project, model, status, rewrite_sha256, record, active_seconds, flagged, revision_of, "
            "words_original, words_rewrite, edit_rate, density_before, density_after, findings_before, "
            f"findings_after, pasted_share) VALUES ({','.join('?' * 21)})",
            (
                (
                    item.item_id,
                    bundle.bundle_id,
                    bundle.signer_fingerprint,
                    bundle.signer_name,
                    item.task_id,
                    item.project,
                    item.model,
                    item.status,
                    item.rewrite_sha256,
                    dumps(item.record),
                    item.active_seconds,
                    int(item.flagged),
                    item.revision_of,
                    *_figure_values(item.figures),
                    item.pasted_share,
                )
                for item in items
            ),
        )

    def set_chain_problem(self, conn: sqlite3.Connection, bundle_id: str, problem: str | None) -> None:
        """Record (or clear, with None) the chain problem of a bundle, inside ``conn``'s transaction.

        A gap is cleared once the missing bundles have arrived and link up.
        """
        conn.execute("UPDATE inbox_bundles SET chain_problem = ? WHERE bundle_id = ?", (problem, bundle_id))

    def existing_item_ids(self, item_ids: Sequence[str]) -> set[str]:
        """Which of ``item_ids`` are already in the inbox (from any bundle)."""
        found: set[str] = set()
        for start in range(0, len(item_ids), 500):
            chunk = list(item_ids[start : start + 500])
            rows = self._conn.execute(
                f"SELECT item_id FROM inbox_items WHERE item_id IN ({','.join('?' * len(chunk))})", chunk
            )
            found.update(row[0] for row in rows)
        return found

    # -- the figures pass ---------------------------------------------------------------------

    def count_without_figures(self) -> int:
        """How many items still wait for their figures."""
        found = self._conn.execute("SELECT count(*) FROM inbox_items WHERE words_original IS NULL")
        return int(found.fetchone()[0])

    def texts_without_figures(self, limit: int) -> list[tuple[str, str, str]]:
        """Up to ``limit`` items still without figures, oldest first: (item id, original, rewrite)."""
        rows = self._conn.execute(
            "SELECT item_id, json_extract(record, '$.original'), json_extract(record, '$.rewrite') "
            "FROM inbox_items WHERE words_original IS NULL ORDER BY seq LIMIT ?",
            (limit,),
        )
        return [(item_id, original or "", rewrite or "") for item_id, original, rewrite in rows]

    def set_figures(self, conn: sqlite3.Connection, figures: Sequence[tuple[str, AuditFigures]]) -> None:
        """Store computed figures, inside the caller's write transaction ``conn``."""
        conn.executemany(
            "UPDATE inbox_items SET words_original = ?, words_rewrite = ?, edit_rate = ?, "
            "density_before = ?, density_after = ?, findings_before = ?, findings_after = ? "
            "WHERE item_id = ?",
            ((*_figure_values(computed), item_id) for item_id, computed in figures),
        )
