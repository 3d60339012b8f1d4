"""Review ▸ Seal verdicts…: sign the reviewer's unsealed verdicts into a verdict bundle in the outbox.

Sealing (``workstation.core.verdicts.seal_verdicts``) unlocks the key and writes the bundle and
its outbox row in one transaction; here it runs as an operation on the store thread after the
passphrase is asked for. It is imported inside :meth:`VerdictSealer.seal` so the window opens
whatever state the sealing side is in.
"""

from __future__ import annotations

import os
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from workstation.core.signing import WrongPassphrase
from workstation.core.signing import identity as ident
from workstation.core.store import Store
from workstation.gui.common.plain_text import show_message, shown_line
from workstation.gui.context import AppContext
from workstation.gui.dialogs.passphrase_dialog import ask_passphrase
from workstation.gui.operations import Changes, OperationFailed
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
        passphrase: str | None = None
        if identity.encrypted:
            passphrase = os.environ.get(ident.ENV_PASSPHRASE) or ask_passphrase(
                self._parent,
                f"Passphrase for {shown_line(identity.name)}'s signing key, to seal your verdicts.",
            )
            if passphrase is None:
                return False
        from workstation.core.verdicts import seal_verdicts

        def work(store: Store) -> Any:
            return seal_verdicts(store, identity, passphrase)

        self.sealing = True
        self._context.show_message("Sealing verdicts…", 0)
        self._context.ops.run(
            "Seal verdicts", work, changes=SEALED, on_done=self._done, on_failed=self._failed
        )
        return True

    def _done(self, result: Any) -> None:
        self.sealing = False
        bundle_id = str(getattr(result, "bundle_id", "") or "")
        where = f" {bundle_id[:19]}…" if bundle_id else ""
        self._context.show_message(
            f"Sealed your verdicts into verdict bundle{where}; it waits in the outbox."
        )
        self.sealed.emit(result)

    def _failed(self, error: OperationFailed) -> None:
        self.sealing = False
        self._context.show_message("", 1)
        wrong = isinstance(error.cause, WrongPassphrase)
        message = "Wrong passphrase; nothing was sealed." if wrong else error.message
        show_message(self._parent, QMessageBox.Icon.Warning, "Verdicts not sealed", message)
