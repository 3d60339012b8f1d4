"""Unlocking the signing key for a seal: the passphrase asked for, scrypt run off the GUI thread.

Both the writer's outbox and the reviewer's verdict sealing sign with the same identity, so both
ask the same way: the passphrase from ``WORKSTATION_PASSPHRASE`` or a dialog (when the key is
encrypted), then :func:`~workstation.core.signing.identity.unlock` on the background runner (the
key derivation takes seconds and must not freeze the window). A wrong passphrase and the other
ordinary failures come back as a sentence; anything else goes to the crash reporter.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from workstation.core.signing import SecretKey, WrongPassphrase
from workstation.core.signing import identity as ident
from workstation.gui.common.background import report_unexpected
from workstation.gui.context import AppContext
from workstation.gui.dialogs.passphrase_dialog import ask_passphrase

UNLOCK_FAILURES = (WrongPassphrase, ident.IdentityError, OSError)
WRONG_PASSPHRASE = "Wrong passphrase; nothing was sealed."


def unlock_signing_key(
    context: AppContext,
    parent: QWidget,
    identity: ident.Identity,
    purpose: str,
    *,
    on_key: Callable[[SecretKey], None],
    on_failed: Callable[[str | None], None],
    wrong_passphrase: str = WRONG_PASSPHRASE,
) -> bool:
    """Ask for the passphrase if needed and unlock in the background; False if the person cancelled.

    ``purpose`` ends the question ("to seal your verdicts"). ``on_failed`` receives the sentence
    to show (``wrong_passphrase`` for a mistyped passphrase), or None for a bug the crash dialog
    has already reported.
    """
    passphrase: str | None = None
    if identity.encrypted:
        passphrase = os.environ.get(ident.ENV_PASSPHRASE) or ask_passphrase(
            parent, f"Passphrase for {identity.name}'s signing key, {purpose}."
        )
        if passphrase is None:
            return False
    data_dir = context.data_dir

    def failed(error: Exception) -> None:
        if isinstance(error, WrongPassphrase):
            on_failed(wrong_passphrase)
        elif isinstance(error, UNLOCK_FAILURES):
            on_failed(str(error))
        else:
            report_unexpected(error)
            on_failed(None)

    context.runner.submit(lambda _job: ident.unlock(data_dir, passphrase), on_done=on_key, on_error=failed)
    return True
