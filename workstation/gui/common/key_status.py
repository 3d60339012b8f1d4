"""The signing key's state in a window's status bar, its unlock progress, and "Lock signing key".

Both windows show the same thing at the right of the status bar: "Key unlocked (locks after
15 min idle)" or "Key locked", a busy line while scrypt runs ("Unlocking your key… this takes
about 4 s (2 s so far)"), and a File menu action that drops the key at once.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QMainWindow, QWidget

from workstation.gui.common.background import BackgroundRunner
from workstation.gui.common.busy_indicator import BusyIndicator
from workstation.gui.common.key_cache import ALREADY_LOCKED, UNLOCKING
from workstation.gui.common.plain_text import plain_label, tooltip
from workstation.gui.common.warm_up import import_then
from workstation.gui.context import AppContext

LOCK_ACTION_LABEL = "Lock signing key"
LOCKED = "Key locked"
NOT_ENCRYPTED = "Key not encrypted"
KEY_CODE = "workstation.core.signing.identity"
"""The module that reads the key files (it brings the signing code and cryptography)."""


def unlocked_sentence(idle_minutes: int) -> str:
    return f"Key unlocked (locks after {idle_minutes} min idle)"


class KeyStatus(QWidget):
    """Permanent status-bar part: the key's state, and the busy line while it is being unlocked."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.busy = BusyIndicator()
        self.state = plain_label()
        self.state.setAccessibleName("Signing key")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.busy)
        layout.addWidget(self.state)
        cache = context.key_cache
        cache.state_changed.connect(self.refresh)
        cache.locked.connect(self._say)
        cache.unlock_started.connect(lambda expected: self.busy.start(UNLOCKING, expected or None))
        cache.unlock_finished.connect(self.busy.stop)
        context.events.identity_changed.connect(self.refresh)
        self.read = False  # whether the key's state was read yet (see refresh_when_loaded)

    def text(self) -> str:
        """What the status bar says about the key ("" when there is no key)."""
        return self.state.text()

    def refresh_when_loaded(self, runner: BackgroundRunner) -> None:
        """Say the key's state once the key code is imported on ``runner``'s worker: reading the
        key files needs the signing code and cryptography (about 70 ms of imports), which the
        writer's window does not make its first paint or first task wait for."""
        import_then(runner, (KEY_CODE,), lambda: self.refresh() if shiboken6.isValid(self) else None)

    def refresh(self) -> None:
        """Say the key's state, read from the key files now."""
        from workstation.core.signing.identity import IdentityError  # see refresh_when_loaded

        cache = self._context.key_cache
        try:
            identity = self._context.identity()
        except (IdentityError, OSError):  # told in words where the key is used
            identity = None
        if cache.held:
            text = unlocked_sentence(cache.idle_minutes())
            tip = f"{LOCK_ACTION_LABEL} (File menu) drops it now."
        elif identity is not None and not identity.encrypted:
            text, tip = NOT_ENCRYPTED, "Anyone with your data folder can sign as you."
        elif identity is not None:
            text, tip = LOCKED, "The next seal asks for your passphrase."
        else:
            text, tip = "", ""
        self.state.setText(text)
        self.state.setToolTip(tooltip(tip))
        self.read = True

    def _say(self, sentence: str) -> None:
        if sentence:
            self._context.show_message(sentence, 8000)


def install_key_status(
    window: QMainWindow, context: AppContext, lock_action: QAction, *, read_now: bool = True
) -> KeyStatus:
    """Put the key's state in ``window``'s status bar and make ``lock_action`` drop the key.

    ``read_now=False`` leaves it blank until the window calls :meth:`KeyStatus.refresh_when_loaded`
    (the writer's window does, once it is painted)."""
    status = KeyStatus(context, window)
    if read_now:
        status.refresh()
    window.statusBar().addPermanentWidget(status)
    cache = context.key_cache
    lock_action.setText(LOCK_ACTION_LABEL)

    def lock_now() -> None:
        if not cache.lock():  # when it did lock, the cache's ``locked`` sentence says so
            context.show_message(ALREADY_LOCKED, 8000)

    lock_action.triggered.connect(lock_now)
    lock_action.setEnabled(cache.held)
    cache.state_changed.connect(lambda: lock_action.setEnabled(cache.held))
    return status
