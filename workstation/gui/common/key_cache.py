"""The unlocked signing key, kept for the session so only the first seal pays for scrypt.

Unlocking a minisign key with its default limits takes seconds and about 1 GiB of memory. The
writer seals, exports timesheets and (as a reviewer) seals verdicts many times a day, so after
the first unlock the :class:`KeyCache` keeps the key in memory, tied to the exact key file it was
read from (fingerprint, path, inode, modification time and size): a replaced or re-encrypted key
is never used from memory. The key is dropped

* after ``AppSettings.key_idle_minutes`` minutes without keyboard or mouse input (0: never kept),
* at once with "Lock signing key" (:meth:`KeyCache.lock`),
* when a key is created, imported or re-encrypted, and when the data folder closes (app quit).

Dropping means letting go of every reference this app holds. Python cannot overwrite the bytes
of the key it decrypted (they are immutable objects, freed and reused later), so this limits how
long the key sits in memory; it does not scrub memory.

While a key is kept, the app's :class:`~workstation.gui.common.input_watch.InputWatch` tells it
the time of each key press, click or wheel turn; it stops listening when the key is dropped.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication

from workstation.gui.common.input_watch import input_watch
from workstation.gui.common.settings import AppSettings

if TYPE_CHECKING:  # the window is painted before the key code (and cryptography) is loaded
    from workstation.core.signing import SecretKey
    from workstation.core.signing import identity as ident

MIN_CHECK_MS = 1000
"""The idle check never runs more often than this, however close the deadline."""

LOCKED_NOW = "Signing key locked: the next seal asks for your passphrase."
ALREADY_LOCKED = "The signing key is locked already."
UNLOCKING = "Unlocking your key…"


def idle_locked_sentence(minutes: int) -> str:
    return f"Signing key locked after {minutes} min without input."


@dataclass(frozen=True)
class KeyStamp:
    """Which key file a kept key came from: any change to the file makes it another key."""

    fingerprint: str
    path: Path
    inode: int  # a key file is rewritten by renaming a new file over it: a new inode
    mtime_ns: int
    size: int


def stamp_of(identity: ident.Identity) -> KeyStamp | None:
    """The stamp of ``identity``'s secret key file as it is on disk now (None: unreadable)."""
    try:
        status = identity.secret_key_path.stat()
    except OSError:
        return None
    return KeyStamp(
        identity.fingerprint, identity.secret_key_path, status.st_ino, status.st_mtime_ns, status.st_size
    )


class KeyCache(QObject):
    """One per :class:`~workstation.gui.context.AppContext`; GUI thread only."""

    state_changed = Signal()  # a key was kept or dropped
    locked = Signal(str)  # a key was dropped; the sentence to show ("" when it goes unsaid)
    unlock_started = Signal(float)  # scrypt began; the seconds it should take (0: unknown)
    unlock_finished = Signal()

    def __init__(
        self,
        settings: AppSettings,
        parent: QObject | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self.clock = clock  # seconds, monotonic; tests hand in a fake one to skip the minutes
        self._key: SecretKey | None = None
        self._stamp: KeyStamp | None = None
        self._last_input = 0.0
        self._filtering = False
        self._idle_timer = QTimer(self)
        self._idle_timer.setSingleShot(True)
        self._idle_timer.timeout.connect(self.check_idle)

    # ----- state
    @property
    def held(self) -> bool:
        """A key is in memory (it may still be refused by :meth:`get` for a changed file)."""
        return self._key is not None

    def idle_minutes(self) -> int:
        return self._settings.key_idle_minutes()

    def get(self, identity: ident.Identity) -> SecretKey | None:
        """The kept key for ``identity``, or None (then the caller unlocks it again).

        A key from another key file, or one whose idle time ran out, is dropped here.
        """
        if self._key is None:
            return None
        if self.check_idle():
            return None
        if self._stamp is None or stamp_of(identity) != self._stamp:
            self.forget()
            return None
        self._last_input = self.clock()  # a seal is use
        return self._key

    def keep(self, key: SecretKey, stamp: KeyStamp | None) -> bool:
        """Keep ``key``, unlocked from the file ``stamp`` names; False if the settings say never
        keep it (or the file could not be stamped, so a change could not be noticed)."""
        if stamp is None or self.idle_minutes() <= 0 or key.public_key.fingerprint != stamp.fingerprint:
            self.forget()
            return False
        self._key, self._stamp = key, stamp
        self._last_input = self.clock()
        self._watch_input(True)
        self._schedule_check()
        self.state_changed.emit()
        return True

    # ----- dropping
    def lock(self) -> bool:
        """ "Lock signing key": drop the key now (``locked`` says so); False if none was kept."""
        if self._key is None:
            return False
        self._drop(LOCKED_NOW)
        return True

    def forget(self) -> None:
        """Drop the key without a word (its file changed, a key was created, the folder closes)."""
        if self._key is not None:
            self._drop("")

    def check_idle(self) -> bool:
        """Drop the key if the writer has been away too long; True if it was dropped now.

        Runs from a timer, and before every use of the key, so a sleeping laptop that wakes past
        the deadline cannot use a key its timer has not dropped yet.
        """
        if self._key is None:
            return False
        minutes = self.idle_minutes()
        if minutes > 0 and self.clock() - self._last_input < minutes * 60:
            self._schedule_check()
            return False
        self._drop(idle_locked_sentence(minutes) if minutes > 0 else LOCKED_NOW)
        return True

    def settings_changed(self) -> None:
        """The idle minutes changed in Preferences: apply them to a key kept now."""
        self.check_idle()
        self.state_changed.emit()

    def _drop(self, sentence: str) -> None:
        self._key = None
        self._stamp = None
        self._idle_timer.stop()
        self._watch_input(False)
        self.state_changed.emit()
        self.locked.emit(sentence)

    # ----- noticing the writer
    def _note_input(self) -> None:
        """Heard while a key is kept: input restarts the idle time."""
        self._last_input = self.clock()

    def _watch_input(self, on: bool) -> None:
        if QGuiApplication.instance() is None or on == self._filtering:
            return
        if on:
            input_watch().input_seen.connect(self._note_input)
        else:
            input_watch().input_seen.disconnect(self._note_input)
        self._filtering = on

    def _schedule_check(self) -> None:
        minutes = self.idle_minutes()
        if minutes <= 0:
            return
        remaining_s = minutes * 60 - (self.clock() - self._last_input)
        self._idle_timer.start(max(MIN_CHECK_MS, int(remaining_s * 1000) + 1))

    # ----- unlocking under way (for the busy indicators)
    def begin_unlock(self, expected_s: float | None) -> None:
        self.unlock_started.emit(expected_s or 0.0)

    def end_unlock(self) -> None:
        self.unlock_finished.emit()
