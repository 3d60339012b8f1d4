"""Review ▸ Seal verdicts…: sign the reviewer's unsealed verdicts into a verdict bundle in the outbox.

The key is unlocked off the GUI thread (``gui.common.key_unlock``, as for the writer's seal), then
``core.verdicts.seal_verdicts`` writes the bundle and its outbox row in one transaction, as an
operation on the store thread.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from workstation.core.signing import SecretKey
from workstation.core.text.counts import counted
from workstation.core.verdicts import VerdictSealResult, seal_verdicts
from workstation.gui.common.key_unlock import unlock_signing_key
from workstation.gui.common.plain_text import show_message
from workstation.gui.context import AppContext
from workstation.gui.operations import Changes
from workstation.gui.reviewer.verdict_commands import NO_IDENTITY

SEALED = Changes(outbox=True, verdicts=True)


class VerdictSealer(QObject):
    sealed = Signal(object)  # VerdictSealResult

    def __init__(self, context: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self._context = context
        self._parent = parent
        self.sealing = False

    def seal(self) -> bool:
        """Ask for the passphrase (when the key has one) and seal; False if nothing was started."""
        if self.sealing:
            return False
        identity = self._context.identity()
        if identity is None:
            show_message(self._parent, QMessageBox.Icon.Information, "No signing key", NO_IDENTITY)
            return False
        if not self._context.store.verdicts.unsealed(identity.fingerprint):
            self._context.show_message("Nothing to seal: every verdict you gave has gone out already.")
            return False
        self.sealing = True
        self._context.show_message("Sealing verdicts…", 0)
        started = unlock_signing_key(
            self._context,
            self._parent,
            identity,
            "to seal your verdicts",
            on_key=lambda key: self._seal_with(key, identity.name),
            on_failed=self._failed,
        )
        if not started:
            self.sealing = False
            self._context.show_message("", 1)
        return started

    def _seal_with(self, key: SecretKey, signer_name: str) -> None:
        self._context.ops.run(
            "Seal verdicts",
            lambda store: seal_verdicts(store, key, signer_name),
            changes=SEALED,
            on_done=self._done,
            on_failed=lambda error: self._failed(error.message if error.expected else None),
        )

    def _done(self, result: VerdictSealResult | None) -> None:
        self.sealing = False
        if result is None:
            self._context.show_message("Nothing to seal: every verdict you gave has gone out already.")
            return
        self._context.show_message(
            f"Sealed {counted(result.record_count, 'verdict')} into verdict bundle "
            f"{result.bundle_id[:19]}…; it waits in the outbox.",
            10_000,
        )
        self.sealed.emit(result)

    def _failed(self, message: str | None) -> None:
        """``message`` None: a bug the crash dialog has already reported."""
        self.sealing = False
        self._context.show_message("", 1)
        if message is not None:
            show_message(self._parent, QMessageBox.Icon.Warning, "Verdicts not sealed", message)
