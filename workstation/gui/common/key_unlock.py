"""Unlocking the signing key for a seal: the kept key, or the passphrase asked for (again after a
mistake) and scrypt run off the GUI thread with an honest busy indicator.

The writer's outbox, the reviewer's verdict sealing and the signed exports all sign with the same
identity, so all unlock the same way:

1. the key the session keeps (:class:`~workstation.gui.common.key_cache.KeyCache`) when it is still
   the one on disk and the idle time has not run out: no passphrase, no scrypt;
2. otherwise the passphrase from ``WORKSTATION_PASSPHRASE`` or a dialog (when the key is
   encrypted), then :func:`~workstation.core.signing.identity.unlock` on the background runner.
   A wrong typed passphrase opens the dialog again, saying so, up to :data:`MAX_ATTEMPTS` times;
   Cancel always ends it. The run is timed and the figure kept, so the next busy line can say how
   long it takes here.

Ordinary failures come back as a sentence; anything else goes to the crash reporter.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from workstation.core.signing import KdfParams, SecretKey, WrongPassphrase, secret_key_file_kdf
from workstation.core.signing import identity as ident
from workstation.gui.common.background import report_unexpected
from workstation.gui.common.kdf_timing import KdfTiming
from workstation.gui.common.key_cache import stamp_of
from workstation.gui.context import AppContext
from workstation.gui.dialogs.passphrase_dialog import ask_passphrase

UNLOCK_FAILURES = (WrongPassphrase, ident.IdentityError, OSError)
MAX_ATTEMPTS = 3
"""Passphrases typed for one seal before it stops (each wrong one costs a full scrypt run)."""
WRONG_PASSPHRASE = "Wrong passphrase; nothing was sealed."
CANCELLED = "No passphrase given; nothing was sealed."


def try_again_sentence(attempt: int) -> str:
    """Above the passphrase field after a mistake; ``attempt`` counts from 1."""
    return f"Wrong passphrase — try again (attempt {attempt} of {MAX_ATTEMPTS})."


@dataclass
class _Unlock:
    """One unlock under way: which attempt it is and whom to tell."""

    context: AppContext
    parent: QWidget
    identity: ident.Identity
    prompt: str
    on_key: Callable[[SecretKey], None]
    on_failed: Callable[[str | None], None]
    wrong_passphrase: str
    cancelled: str
    attempt: int = 1
    from_environment: bool = False

    def start(self) -> bool:
        """Ask for the first passphrase (unless the key has none or the environment gives it) and
        unlock; False if the writer cancelled the question."""
        passphrase: str | None = None
        if self.identity.encrypted:
            passphrase = os.environ.get(ident.ENV_PASSPHRASE) or None
            self.from_environment = passphrase is not None
            if passphrase is None:
                passphrase = ask_passphrase(self.parent, self.prompt)
                if passphrase is None:
                    return False
        self.run(passphrase)
        return True

    def run(self, passphrase: str | None) -> None:
        data_dir, stamp = self.context.data_dir, stamp_of(self.identity)
        kdf = _key_kdf(self.identity)
        timing = KdfTiming(self.context.settings)
        cache = self.context.key_cache
        if kdf is not None:
            cache.begin_unlock(timing.expected_seconds(kdf))

        def work(_job: object) -> tuple[SecretKey, float]:
            started = time.perf_counter()
            key = ident.unlock(data_dir, passphrase)
            return key, time.perf_counter() - started

        def done(result: tuple[SecretKey, float]) -> None:
            key, seconds = result
            if kdf is not None:
                cache.end_unlock()
                timing.record(seconds, kdf)
                cache.keep(key, stamp)
            self.on_key(key)

        def failed(error: Exception) -> None:
            if kdf is not None:
                cache.end_unlock()
            if isinstance(error, WrongPassphrase):
                self.wrong()
            elif isinstance(error, UNLOCK_FAILURES):
                self.on_failed(str(error))
            else:
                report_unexpected(error)
                self.on_failed(None)

        self.context.runner.submit(work, on_done=done, on_error=failed)

    def wrong(self) -> None:
        """A wrong passphrase: ask again (saying so) unless it came from the environment or the
        attempts are used up."""
        if self.from_environment or self.attempt >= MAX_ATTEMPTS:
            self.on_failed(self.wrong_passphrase)
            return
        self.attempt += 1
        typed = ask_passphrase(self.parent, self.prompt, problem=try_again_sentence(self.attempt))
        if typed is None:
            self.on_failed(None)
            self.context.show_message(self.cancelled, 10_000)
            return
        self.run(typed)


def _key_kdf(identity: ident.Identity) -> KdfParams | None:
    """The key file's scrypt limits (None: a clear key, or one that cannot be read: unlock says why)."""
    if not identity.encrypted:
        return None
    try:
        return secret_key_file_kdf(identity.secret_key_path)
    except (OSError, ValueError):
        return None


def unlock_signing_key(
    context: AppContext,
    parent: QWidget,
    identity: ident.Identity,
    purpose: str,
    *,
    on_key: Callable[[SecretKey], None],
    on_failed: Callable[[str | None], None],
    wrong_passphrase: str = WRONG_PASSPHRASE,
    cancelled: str = CANCELLED,
) -> bool:
    """Hand the signing key to ``on_key`` (kept, or unlocked in the background); False if the
    person cancelled the first passphrase question, so nothing was started.

    ``purpose`` ends the question ("to seal your verdicts"). ``on_failed`` receives the sentence
    to show (``wrong_passphrase`` once the attempts are used up), or None when nothing more needs
    saying: a bug the crash dialog has reported, or a later question cancelled (the status bar
    then says ``cancelled``). A kept key reaches ``on_key`` before this returns.
    """
    kept = context.key_cache.get(identity)
    if kept is not None:
        on_key(kept)
        return True
    unlock = _Unlock(
        context,
        parent,
        identity,
        f"Passphrase for {identity.name}'s signing key, {purpose}.",
        on_key,
        on_failed,
        wrong_passphrase,
        cancelled,
    )
    return unlock.start()
