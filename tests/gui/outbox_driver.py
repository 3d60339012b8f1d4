"""Sealing and uploading from the writer's window for GUI tests: the Outbox dock, its buttons and
the bundles the store keeps. Reached as ``WriterDriver.outbox``."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot, SignalBlocker
from shiboken6 import isValid

from workstation.core.bundles.seal_work import SealResult
from workstation.core.store.outbox import OutboxRow
from workstation.gui.writer.outbox_dock import COLUMNS
from workstation.gui.writer.window import WriterWindow

SEAL_MS = 15_000
"""Unlocking a key runs scrypt; a loaded test machine can take seconds."""
UPLOAD_MS = 30_000
"""An upload retries with backoff; a few failures can take seconds."""
_STATE_COLUMN = COLUMNS.index("State")


class OutboxDriver:
    def __init__(self, window: WriterWindow, qtbot: QtBot) -> None:
        self._window = window
        self._qtbot = qtbot
        self.confirmation: tuple[str, str] | None = None
        """(title, text) of the box the last :meth:`seal` showed, None before one."""

    # ----- sealing
    def start_seal(self) -> None:
        """Task ▸ Seal submitted work, without waiting for it."""
        self._window.actions_by_name["seal"].trigger()

    def wait_for_seal(self, timeout: int = SEAL_MS) -> SignalBlocker:
        """``with`` it: waits until a seal finished; ``.args[0]`` is the SealResult."""
        return self._qtbot.waitSignal(self._window.outbox.sealed, timeout=timeout)

    def seal(self, timeout: int = SEAL_MS) -> SealResult:
        """Seal the submitted work and wait for the bundle; the writer reads the confirmation
        (kept in :attr:`confirmation`) and presses OK."""
        with self.wait_for_seal(timeout) as blocker:
            self.start_seal()
        result = blocker.args[0]
        assert isinstance(result, SealResult)
        self.confirmation = self.dismiss_message()
        return result

    def dismiss_message(self) -> tuple[str, str] | None:
        """Press OK on the message the outbox shows, if one is open; returns its (title, text)."""
        box = self._window.outbox.last_message
        if box is None or not isValid(box) or not box.isVisible():  # closed ones delete themselves
            return None
        shown = (box.windowTitle(), box.text())
        box.close()
        return shown

    @property
    def sealing(self) -> bool:
        """A seal is under way (the key is being unlocked or the bundle written)."""
        return self._window.outbox.sealing

    # ----- the signing key
    def key_state(self) -> str:
        """What the status bar says about the key ("Key unlocked (locks after 15 min idle)"), once
        the window has read it (it does so just after its first paint)."""
        self._qtbot.waitUntil(lambda: self._window.key_status.read, timeout=3000)
        return self._window.key_status.text()

    def lock_key(self) -> None:
        """File ▸ Lock signing key."""
        self._window.actions_by_name["lock_key"].trigger()

    def can_lock_key(self) -> bool:
        """Whether File ▸ Lock signing key is offered (only while a key is unlocked)."""
        return self._window.actions_by_name["lock_key"].isEnabled()

    def unlock_progress(self) -> str | None:
        """The busy line while the key is being unlocked; None when none is shown."""
        busy = self._window.key_status.busy
        return busy.text() if busy.isVisible() else None

    # ----- uploading
    def start_upload(self) -> None:
        """Task ▸ Upload now, without waiting for it."""
        self._window.actions_by_name["upload"].trigger()

    def wait_for_upload(self, timeout: int = UPLOAD_MS) -> SignalBlocker:
        """``with`` it: waits until an upload pass finished."""
        return self._qtbot.waitSignal(self._window.outbox.upload_finished, timeout=timeout)

    def upload(self, timeout: int = UPLOAD_MS) -> None:
        """Upload now and wait until the pass finished."""
        with self.wait_for_upload(timeout):
            self.start_upload()

    @property
    def uploading(self) -> bool:
        """An upload pass is running."""
        return self._window.outbox.uploading

    def background_timer_running(self) -> bool:
        """Whether the background uploader is still scheduled."""
        return self._window.outbox.timer.isActive()

    # ----- the dock
    def show(self) -> None:
        """View ▸ Outbox."""
        self._window.actions_by_name["toggle_outbox"].trigger()

    def is_shown(self) -> bool:
        """Whether the Outbox dock is on screen."""
        return self._window.outbox.dock.isVisible()

    def seal_button_enabled(self) -> bool:
        """Whether the dock offers "Seal submitted work"."""
        return self._window.outbox.dock.seal_button.isEnabled()

    def listed_states(self) -> list[str]:
        """The State column of the dock's table, top to bottom ("Waiting", "Uploaded", …)."""
        table = self._window.outbox.dock.table
        cells = [table.item(row, _STATE_COLUMN) for row in range(table.rowCount())]
        return [cell.text() if cell is not None else "" for cell in cells]

    def refresh(self) -> None:
        """Reload the dock from the store (what a late background result does)."""
        self._window.outbox.refresh()

    def write_bundle(self, bundle_id: str, path: Path) -> None:
        """Export to file…, past its file dialog."""
        self._window.outbox.write_bundle(bundle_id, path)

    # ----- the store
    def rows(self) -> list[OutboxRow]:
        """The outbox as the store holds it, oldest first."""
        return self._window.context.store.outbox.rows()

    def row(self, bundle_id: str) -> OutboxRow | None:
        """One bundle's outbox row."""
        return self._window.context.store.outbox.get(bundle_id)
