"""What an upload needs of the store: the outbox's rows and bytes to read, its states to write.

The CLI hands :func:`~workstation.core.sync.outbox_push.push_outbox` the store itself. The app
hands it a view whose reads use a worker's own connection and whose writes run as operations on
the app's one store thread, so an upload never writes behind the editor's back.
"""

from __future__ import annotations

from typing import Any, Protocol

from workstation.core.store.outbox import OutboxRow


class OutboxLedger(Protocol):
    def rows(self, states: tuple[str, ...] | None = None) -> list[OutboxRow]: ...

    def due(self, now: float) -> list[OutboxRow]: ...

    def get_bytes(self, bundle_id: str) -> bytes: ...

    def mark_uploading(self, bundle_id: str, *, attempts: int, target: str | None) -> bool: ...

    def mark_acked(
        self,
        bundle_id: str,
        receipt: dict[str, Any],
        *,
        attempts: int | None = None,
        acked_at: str | None = None,
    ) -> bool: ...

    def mark_rejected(self, bundle_id: str, reason: str, *, attempts: int | None = None) -> bool: ...

    def mark_pending(
        self,
        bundle_id: str,
        *,
        attempts: int | None = None,
        error: str | None = None,
        next_attempt_at: float | None = None,
    ) -> bool: ...


class HasOutbox(Protocol):
    """A store, or the app's view of one: anything with an ``outbox`` ledger."""

    @property
    def outbox(self) -> OutboxLedger: ...
