"""The outbox as an upload on a worker thread sees it: reads on its own connection, writes as
operations on the app's one store thread (see :mod:`workstation.core.sync.ledger`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from workstation.core.store import Store
from workstation.core.store.outbox import OutboxQueries, OutboxRow
from workstation.gui.operations import Changes, OperationFailed, Operations

_OUTBOX_CHANGED = Changes(outbox=True)


class _ForwardingOutbox:
    def __init__(self, reader: OutboxQueries, ops: Operations) -> None:
        self._reader = reader
        self._ops = ops

    # Reads: the worker's own read-only connection.
    def rows(self, states: tuple[str, ...] | None = None) -> list[OutboxRow]:
        return self._reader.rows(states)

    def due(self, now: float) -> list[OutboxRow]:
        return self._reader.due(now)

    def get_bytes(self, bundle_id: str) -> bytes:
        return self._reader.get_bytes(bundle_id)

    # Writes: on the store thread, waited for, so the next read sees them.
    def _write(self, label: str, change: Callable[[OutboxQueries], bool]) -> bool:
        """Raises what the store raised (StoreError), as the pusher expects of a store."""
        try:
            return bool(self._ops.call(label, lambda store: change(store.outbox), changes=_OUTBOX_CHANGED))
        except OperationFailed as error:
            raise error.cause from None

    def mark_uploading(self, bundle_id: str, *, attempts: int, target: str | None) -> bool:
        return self._write(
            "upload started",
            lambda outbox: outbox.mark_uploading(bundle_id, attempts=attempts, target=target),
        )

    def mark_acked(
        self,
        bundle_id: str,
        receipt: dict[str, Any],
        *,
        attempts: int | None = None,
        acked_at: str | None = None,
    ) -> bool:
        return self._write(
            "upload acknowledged",
            lambda outbox: outbox.mark_acked(bundle_id, receipt, attempts=attempts, acked_at=acked_at),
        )

    def mark_rejected(self, bundle_id: str, reason: str, *, attempts: int | None = None) -> bool:
        return self._write(
            "upload rejected", lambda outbox: outbox.mark_rejected(bundle_id, reason, attempts=attempts)
        )

    def mark_pending(
        self,
        bundle_id: str,
        *,
        attempts: int | None = None,
        error: str | None = None,
        next_attempt_at: float | None = None,
    ) -> bool:
        return self._write(
            "upload to retry",
            lambda outbox: outbox.mark_pending(
                bundle_id, attempts=attempts, error=error, next_attempt_at=next_attempt_at
            ),
        )


class OperationsOutboxView:
    """Hand this to ``push_outbox`` / ``run_background_pass`` on a worker thread."""

    def __init__(self, reader: Store, ops: Operations) -> None:
        self.outbox = _ForwardingOutbox(reader.outbox, ops)
