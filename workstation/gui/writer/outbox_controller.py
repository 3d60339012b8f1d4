"""Sealing submitted work and uploading bundles from the window, never blocking typing.

Sealing and uploads run on the background runner, each with its own store connection (the GUI
thread keeps the one writer connection for autosave). A timer drives the background uploader by
the backoff schedule the outbox keeps; "Upload now" tries everything at once.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox

from workstation.core.bundles.seal_work import SealResult, count_unsealed, seal_submitted
from workstation.core.signing import identity as ident
from workstation.core.signing import write_file_atomically
from workstation.core.store import Store
from workstation.core.sync.outbox_push import (
    OutboxEvent,
    get_default_target,
    plan_background_upload,
    push_outbox,
    run_background_pass,
)
from workstation.core.sync.target_url import target_from_url
from workstation.gui.dialogs.passphrase_dialog import ask_passphrase
from workstation.gui.writer.outbox_dock import OutboxDock

if TYPE_CHECKING:
    from workstation.gui.writer.window import MainWindow

PUSH_DEADLINE_S = 60.0
BACKGROUND_CHECK_MS = 30_000


class OutboxController(QObject):
    upload_event = Signal(object)  # OutboxEvent, emitted from the worker, delivered on the GUI thread
    sealed = Signal(object)  # SealResult
    upload_finished = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.dock = OutboxDock(window)
        self.uploading = False
        self._cancel = threading.Event()
        window.store.outbox.reset_uploading()
        self.timer = QTimer(self)
        self.timer.setInterval(BACKGROUND_CHECK_MS)
        self.timer.timeout.connect(self.background_pass)
        self.timer.start()
        self.dock.seal_requested.connect(self.seal)
        self.dock.push_requested.connect(self.push_now)
        self.dock.retry_requested.connect(self.retry)
        self.dock.export_requested.connect(self.export_bundle)
        self.upload_event.connect(self._on_event)
        self.refresh()

    @property
    def data_dir(self) -> Path:
        return self.window.store.data_dir

    def refresh(self) -> None:
        if self.window.closed:
            return
        store = self.window.store
        self.dock.show_rows(
            store.outbox.rows(), target=get_default_target(store), unsealed=count_unsealed(store)
        )

    # ----- sealing
    def seal(self) -> None:
        window = self.window
        if not window.session.flush(cursor=window.diff_view.rewrite_cursor()):
            QMessageBox.warning(
                window,
                "Not sealed",
                "Your latest changes are not saved yet, so nothing was "
                "sealed. See the message under the editor.",
            )
            return
        identity = ident.load_identity(self.data_dir)
        if identity is None:
            QMessageBox.information(
                window,
                "No signing key",
                "Sealing signs your work with your key. Create one in Preferences ▸ Identity & upload first.",
            )
            window.commands.preferences(page="identity")
            return
        if count_unsealed(window.store) == 0:
            window.statusBar().showMessage(
                "Nothing to seal: every submitted rewrite is already sealed.", 6000
            )
            return
        passphrase: str | None = None
        if identity.encrypted:
            passphrase = os.environ.get(ident.ENV_PASSPHRASE) or ask_passphrase(
                window, f"Passphrase for {identity.name}'s signing key, to seal your submitted work."
            )
            if passphrase is None:
                return
        data_dir = self.data_dir

        def work(_context: object) -> SealResult | None:
            key = ident.unlock(data_dir, passphrase)
            with Store(data_dir) as store:
                return seal_submitted(store, key, identity.name)

        window.statusBar().showMessage("Sealing…")
        # A submitted task being polished now could be sealed under the writer's hands: hold edits.
        window.set_editing_paused(True)
        window.runner.submit(work, on_done=self._sealed, on_error=self._seal_failed)

    def _sealed(self, result: SealResult | None) -> None:
        window = self.window
        if window.closed:
            return
        window.set_editing_paused(False)
        self.refresh()
        if result is None:
            window.statusBar().showMessage("Nothing to seal.", 6000)
            return
        window.statusBar().showMessage(
            f"Sealed {result.record_count} rewrite(s) into bundle {result.bundle_id[:19]}…; "
            "it waits in the outbox.",
            10_000,
        )
        window.reopen_current_task()
        self.sealed.emit(result)
        self.background_pass()

    def _seal_failed(self, message: str, _traceback: str) -> None:
        if self.window.closed:
            return
        self.window.set_editing_paused(False)
        self.window.statusBar().clearMessage()
        if "passphrase" in message.lower():
            message = "Wrong passphrase; nothing was sealed."
        QMessageBox.warning(self.window, "Sealing failed", message)

    # ----- uploading
    def push_now(self) -> None:
        self._start_upload(manual=True)

    def background_pass(self) -> None:
        if not self.uploading and get_default_target(self.window.store):
            plan = plan_background_upload(self.window.store)
            if plan.due_ids:
                self._start_upload(manual=False)

    def _start_upload(self, *, manual: bool) -> None:
        if self.uploading:
            return
        url = get_default_target(self.window.store)
        if not url:
            if manual:
                QMessageBox.information(
                    self.window,
                    "No upload target",
                    "Set where bundles go in Preferences ▸ Identity & upload.",
                )
                self.window.commands.preferences(page="identity")
            return
        self.uploading = True
        self._cancel.clear()
        self.dock.set_busy("Uploading…")
        data_dir = self.data_dir
        cancel = self._cancel

        def work(_context: object) -> object:
            target = target_from_url(url)
            with Store(data_dir) as store:
                if manual:
                    return push_outbox(
                        store,
                        target,
                        deadline_s=PUSH_DEADLINE_S,
                        cancel=cancel,
                        on_progress=self.upload_event.emit,
                    )
                return run_background_pass(store, target, cancel=cancel, on_progress=self.upload_event.emit)

        self.window.runner.submit(
            work,
            on_done=lambda _r: self._upload_done(None),
            on_error=lambda message, _tb: self._upload_done(message),
        )

    def _on_event(self, event: OutboxEvent) -> None:
        if self.window.closed:
            return
        self.dock.set_busy("Uploading… %v of %m done", event.done, event.total)
        self.refresh()

    def _upload_done(self, error: str | None) -> None:
        self.uploading = False
        if self.window.closed:
            return
        self.dock.set_busy(None)
        self.refresh()
        self.upload_finished.emit()
        if error:
            self.window.statusBar().showMessage(f"Upload stopped: {error}", 10_000)

    def retry(self, bundle_id: str) -> None:
        self.window.store.outbox.retry(bundle_id)
        self.refresh()
        self.push_now()

    def export_bundle(self, bundle_id: str) -> None:
        suggested = str(Path.home() / f"{bundle_id.removeprefix('sha256:')[:16]}.rwbundle.zip")
        path, _ = QFileDialog.getSaveFileName(
            self.window, "Export bundle", suggested, "Rewrite bundles (*.zip)"
        )
        if path:
            self.write_bundle(bundle_id, Path(path))

    def write_bundle(self, bundle_id: str, path: Path) -> None:
        write_file_atomically(path, self.window.store.outbox.get_bytes(bundle_id), mode=0o644)
        self.window.statusBar().showMessage(f"Bundle written to {path}", 8000)

    def shutdown(self) -> None:
        self.timer.stop()
        self._cancel.set()
