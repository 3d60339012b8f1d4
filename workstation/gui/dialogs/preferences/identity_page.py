"""Preferences ▸ Identity & upload: the writer's signing key, how long it stays unlocked, and
where bundles go.

Key work that is slow (scrypt with minisign's settings takes seconds and 1 GiB) runs in the
background runner; the page shows a busy line meanwhile with the time it took here before and the
seconds so far (scrypt reports no progress, so no percentage is shown).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from workstation.core.signing import MINISIGN_DEFAULT_KDF, KdfParams, WrongPassphrase, secret_key_file_kdf
from workstation.core.signing import identity as ident
from workstation.core.sync.outbox_push import check_target_url, get_default_target, set_default_target
from workstation.gui.common.background import report_unexpected
from workstation.gui.common.busy_indicator import BusyIndicator
from workstation.gui.common.kdf_timing import KdfTiming
from workstation.gui.common.plain_text import ask, plain_label, show_message
from workstation.gui.common.settings import MAX_KEY_IDLE_MINUTES
from workstation.gui.common.theme import show_as_problem
from workstation.gui.context import AppContext
from workstation.gui.dialogs.passphrase_dialog import ask_passphrase
from workstation.gui.operations import Changes, OperationFailed

KEY_FAILURES = (ident.IdentityError, WrongPassphrase, OSError, ValueError)
"""What creating, importing or re-encrypting a key can meet: told in words, not a crash."""


def _key_file_kdf(key_path: Path) -> KdfParams | None:
    """The scrypt limits unlocking ``key_path`` runs with; None for a clear key or a file that
    cannot be read (the key work itself then says why)."""
    try:
        return secret_key_file_kdf(key_path)
    except (OSError, ValueError):
        return None


class IdentityPage(QWidget):
    """Emits ``identity_changed`` after a key is created, imported or re-encrypted."""

    identity_changed = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.runner = context.runner
        self.data_dir = context.data_dir
        self.kdf: KdfParams = MINISIGN_DEFAULT_KDF  # tests lower it; keys record their own cost
        self.name_label = plain_label()
        self.fingerprint_label = plain_label()
        self.fingerprint_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint_label.setWordWrap(True)
        self.key_id_label = plain_label()
        self.protection_label = plain_label()
        self.busy = BusyIndicator()
        self.outcome = plain_label()  # what the last key work did
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(0, MAX_KEY_IDLE_MINUTES)
        self.idle_minutes.setSuffix(" min without input")
        self.idle_minutes.setSpecialValueText("Ask at every seal")
        self.idle_minutes.setValue(context.settings.key_idle_minutes())
        self.idle_minutes.setAccessibleName("Keep the key unlocked for")
        self.create_button = QPushButton("Create key…")
        self.import_button = QPushButton("Import minisign key…")
        self.passphrase_button = QPushButton("Change passphrase…")
        self.export_button = QPushButton("Export public key…")
        buttons = QHBoxLayout()
        for button in (self.create_button, self.import_button, self.passphrase_button, self.export_button):
            buttons.addWidget(button)
        self.target = QLineEdit(get_default_target(context.store) or "")
        self.target.setPlaceholderText(
            "file:///media/usb/bundles, https://host/bundles or s3://bucket/prefix"
        )
        self.target_problem = plain_label()
        show_as_problem(self.target_problem)
        form = QFormLayout()
        form.addRow("Name", self.name_label)
        form.addRow("Fingerprint", self.fingerprint_label)
        form.addRow("Key id", self.key_id_label)
        form.addRow("Protection", self.protection_label)
        form.addRow("Keep unlocked for", self.idle_minutes)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.busy)
        layout.addWidget(self.outcome)
        layout.addSpacing(12)
        upload = QFormLayout()
        upload.addRow("Upload bundles to", self.target)
        layout.addLayout(upload)
        layout.addWidget(self.target_problem)
        layout.addStretch(1)
        self.create_button.clicked.connect(self.create_key)
        self.import_button.clicked.connect(self.import_key)
        self.passphrase_button.clicked.connect(self.change_passphrase)
        self.export_button.clicked.connect(self.export_public)
        self.refresh()

    # ----- display
    def refresh(self) -> None:
        identity = ident.load_identity(self.data_dir)
        has_key = identity is not None
        self.name_label.setText(identity.name if identity else "No signing key yet")
        self.fingerprint_label.setText(identity.fingerprint if identity else "")
        self.key_id_label.setText(identity.key_id if identity else "")
        self.protection_label.setText(
            ("Encrypted with a passphrase" if identity.encrypted else "NOT encrypted") if identity else ""
        )
        self.create_button.setText("Replace key…" if has_key else "Create key…")
        self.passphrase_button.setEnabled(has_key)
        self.export_button.setEnabled(has_key)

    def _run(
        self,
        message: str,
        work: Callable[[], object],
        done_message: str,
        kdf_runs: tuple[KdfParams, ...] = (),
    ) -> None:
        """Run key ``work`` in the background under a busy line; ``kdf_runs``: the scrypt limits
        it runs with, to say how long it takes and to time it for next time."""
        timing = KdfTiming(self.context.settings)
        self.outcome.setText("")
        self.busy.start(message, timing.expected_seconds(*kdf_runs) if kdf_runs else None)
        self._hold_key_buttons(True)  # the rest of the page, and its busy line, stay readable

        def timed(_context: object) -> float:
            started = time.perf_counter()
            work()
            return time.perf_counter() - started

        def finished(seconds: float) -> None:
            self._hold_key_buttons(False)
            self.busy.stop()
            self.outcome.setText(done_message)
            if kdf_runs:
                timing.record(seconds, *kdf_runs)
            self.identity_changed.emit()

        def failed(error: Exception) -> None:
            self._hold_key_buttons(False)
            self.busy.stop()
            if not isinstance(error, KEY_FAILURES):
                report_unexpected(error)
                return
            show_message(self, QMessageBox.Icon.Warning, "Signing key", str(error))

        self.runner.submit(timed, on_done=finished, on_error=failed)

    def _hold_key_buttons(self, hold: bool) -> None:
        """No second key job while one runs; releasing shows the buttons the key now allows."""
        for button in (self.create_button, self.import_button, self.passphrase_button, self.export_button):
            button.setEnabled(not hold)
        if not hold:
            self.refresh()

    # ----- actions
    def create_key(self) -> None:
        existing = ident.load_identity(self.data_dir)
        if existing is not None:
            answer = ask(
                self,
                QMessageBox.Icon.Question,
                "Replace key",
                "Bundles you sign from now on will carry a new key; reviewers must be told. "
                "The old key is kept aside, not deleted. Replace it?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        name, ok = QInputDialog.getText(
            self,
            "Your name",
            "Name shown to reviewers:",
            text=existing.name if existing else os.environ.get("USER", ""),
        )
        name = " ".join(name.split())
        if not ok or not name:
            return
        passphrase = ask_passphrase(self, "Choose a passphrase to protect your signing key.", confirm=True)
        if passphrase is None:
            return
        self._run(
            "Creating your key…",
            lambda: ident.init_identity(
                self.data_dir, name, passphrase, kdf=self.kdf, force=existing is not None
            ),
            "Key created.",
            (self.kdf,),
        )

    def import_key(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Import a minisign secret key", str(Path.home()), "Minisign keys (*.key);;All files (*)"
        )
        if not path:
            return
        name, ok = QInputDialog.getText(self, "Your name", "Name shown to reviewers:")
        name = " ".join(name.split())
        if not ok or not name:
            return
        passphrase = ask_passphrase(self, "The key's passphrase (it will keep protecting the key here).")
        if passphrase is None:
            return

        def work() -> object:
            try:
                return ident.import_identity(
                    self.data_dir,
                    Path(path),
                    name,
                    passphrase,
                    kdf=self.kdf,
                    force=ident.load_identity(self.data_dir) is not None,
                )
            except WrongPassphrase:
                raise WrongPassphrase("Wrong passphrase for that key; nothing was changed.") from None

        # An encrypted key is checked with its own limits and kept as it is; a clear one is encrypted.
        runs = (_key_file_kdf(Path(path)) or self.kdf,)
        self._run("Importing the key…", work, "Key imported.", runs)

    def change_passphrase(self) -> None:
        old = ask_passphrase(self, "Your current passphrase.")
        if old is None:
            return
        new = ask_passphrase(self, "Choose the new passphrase.", confirm=True)
        if new is None:
            return

        def work() -> object:
            try:
                return ident.change_identity_passphrase(self.data_dir, old, new, kdf=self.kdf)
            except WrongPassphrase:
                raise WrongPassphrase("The current passphrase is wrong; nothing was changed.") from None

        current = ident.load_identity(self.data_dir)
        old_kdf = _key_file_kdf(current.secret_key_path) if current else None
        runs = (old_kdf, self.kdf) if old_kdf else (self.kdf,)  # unlock with the old, then encrypt
        self._run("Re-encrypting your key…", work, "Passphrase changed.", runs)

    def export_public(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Export public key", str(Path.home() / "writer.pub"), "Minisign public keys (*.pub)"
        )
        if path:
            ident.export_public_key(self.data_dir, Path(path))
            self.outcome.setText(f"Public key written to {path}")

    def save_key_lock(self) -> None:
        """Keep the idle minutes chosen; a key unlocked now follows them at once."""
        if self.idle_minutes.value() != self.context.settings.key_idle_minutes():
            self.context.settings.set_key_idle_minutes(self.idle_minutes.value())
            self.context.key_cache.settings_changed()

    def save_target(self) -> bool:
        """Store the upload target; False (and a message) if the URL is not usable."""
        text = self.target.text().strip()
        try:
            url = check_target_url(text) if text else None
        except ValueError as exc:
            self.target_problem.setText(str(exc))
            return False
        self.target_problem.setText("")
        if url != get_default_target(self.context.store):
            self.context.ops.run(
                "set the upload target",
                lambda store: set_default_target(store, url),
                changes=Changes(settings=True),
                on_failed=self._target_not_saved,
            )
        return True

    def _target_not_saved(self, error: OperationFailed) -> None:
        show_message(self, QMessageBox.Icon.Warning, "Upload target not saved", error.message)
