"""Sealing submitted work and uploading bundles from the window, never blocking typing.

Unlocking the key (scrypt) and the network run on the background runner; every store write — the
seal itself, each upload state — is an operation on the store thread. A timer drives the
background uploader by the backoff schedule the outbox keeps; "Upload now" tries everything.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from workstation.core.files.atomic import write_file_atomically
from workstation.core.store import Store
from workstation.gui.common.background import report_unexpected
from workstation.gui.common.plain_text import show_message
from workstation.gui.context import AppContext
from workstation.gui.operations import Changes
from workstation.gui.writer.outbox_dock import OutboxDock
from workstation.gui.writer.outbox_view import OperationsOutboxView

if TYPE_CHECKING:
    from workstation.core.signing import SecretKey
    from workstation.core.sync.outbox_push import OutboxEvent
    from workstation.gui.writer.outbox_outcomes import SealOutcome

# The sealing and upload code (bundles, signing, sync: pydantic, cryptography, HTTP) is imported
# in the methods that seal or upload, so the window is painted without it; the app warms it up
# once the window is shown (see workstation.gui.common.warm_up).

PUSH_DEADLINE_S = 60.0
BACKGROUND_CHECK_MS = 30_000


class OutboxController(QObject):
    upload_event = Signal(object)  # OutboxEvent, emitted from the worker, delivered on the GUI thread
    sealed = Signal(object)  # SealResult
    sealing_changed = Signal(bool)  # a seal started (True) or ended
    upload_finished = Signal()

    def __init__(self, context: AppContext, save_work: Callable[[], bool], parent_widget: QWidget) -> None:
        """``save_work`` saves the writer's current task and says whether the store holds it."""
        super().__init__(parent_widget)
        self._context = context
        self._save_work = save_work
        self._parent = parent_widget
        self.dock = OutboxDock(parent_widget)
        self.uploading = False
        self.sealing = False
        self._closed = False
        self._cancel = threading.Event()
        self.last_message: QMessageBox | None = None  # the latest message shown (kept for tests)
        context.ops.run("reset interrupted uploads", lambda store: store.outbox.reset_uploading())
        self.timer = QTimer(self)
        self.timer.setInterval(BACKGROUND_CHECK_MS)
        self.timer.timeout.connect(self.background_pass)
        self.timer.start()
        self.dock.seal_requested.connect(self.seal)
        self.dock.push_requested.connect(self.push_now)
        self.dock.retry_requested.connect(self.retry)
        self.dock.export_requested.connect(self.export_bundle)
        self.upload_event.connect(self._on_event)
        # Filled when shown (the window's wiring refreshes a dock that becomes visible).

    def refresh(self) -> None:
        from workstation.core.bundles.seal_work import count_unsealed
        from workstation.core.sync.outbox_push import get_default_target

        if self._closed:
            return
        store = self._context.store
        self.dock.show_rows(
            store.outbox.rows(), target=get_default_target(store), unsealed=count_unsealed(store)
        )

    def refresh_if_shown(self, changes: Changes | None = None) -> None:
        if self.dock.isVisible() and (
            changes is None or changes.outbox or changes.settings or changes.rewrites
        ):
            self.refresh()

    # ----- sealing
    def seal(self) -> None:
        from workstation.core.bundles.seal_work import count_unconfirmed, count_unsealed, unconfirmed_sentence
        from workstation.gui.common.key_unlock import unlock_signing_key

        if self.sealing:
            return
        if not self._save_work():
            self._tell(
                QMessageBox.Icon.Warning,
                "Not sealed",
                "Your latest changes are not saved yet, so nothing was "
                "sealed. See the message under the editor.",
            )
            return
        identity = self._context.identity()
        if identity is None:
            self._point_to_identity_page(
                "No signing key",
                "Sealing signs your work with your key. Create one in Preferences ▸ Identity & upload first.",
            )
            return
        if count_unsealed(self._context.store) == 0:
            unconfirmed = count_unconfirmed(self._context.store)
            why = unconfirmed_sentence(unconfirmed) or "every submitted rewrite is already sealed."
            self._context.show_message(f"Nothing to seal: {why}", 8000)
            return
        self._set_sealing(True)
        self._context.show_message("Sealing…", 0)
        started = unlock_signing_key(
            self._context,
            self._parent,
            identity,
            "to seal your submitted work",
            on_key=lambda key: self._seal_with(key, identity.name),
            on_failed=self._seal_failed,
        )
        if not started:
            self._set_sealing(False)
            self._context.show_message("", 1)

    def _seal_with(self, key: SecretKey, signer_name: str) -> None:
        from workstation.gui.writer.outbox_outcomes import seal_changes, seal_or_refusal

        if self._closed:
            return
        self._context.ops.run(
            "seal submitted work",
            lambda store: seal_or_refusal(store, key, signer_name),
            changes=seal_changes,
            on_done=self._sealed,
            on_failed=lambda error: self._seal_failed(error.message if error.expected else None),
        )

    def _set_sealing(self, sealing: bool) -> None:
        self.sealing = sealing
        self.sealing_changed.emit(sealing)

    def _sealed(self, result: SealOutcome) -> None:
        from workstation.core.bundles import BundleInputError
        from workstation.core.sync.outbox_push import get_default_target
        from workstation.gui.writer.outbox_outcomes import refusal_text, sealed_status, sealed_summary

        if isinstance(result, BundleInputError):
            self._seal_failed(refusal_text(result))
            return
        self._set_sealing(False)
        if self._closed:
            return
        self.refresh()
        if result is None:
            self._context.show_message("Nothing to seal.", 6000)
            return
        self._context.show_message(sealed_status(result), 10_000)
        self._tell(*sealed_summary(result, get_default_target(self._context.store)))
        self.sealed.emit(result)
        self.background_pass()

    def _seal_failed(self, message: str | None) -> None:
        """``message`` None: a bug, already reported by the crash dialog."""
        self._set_sealing(False)
        if self._closed:
            return
        self._context.show_message("", 1)
        if message is not None:
            self._tell(QMessageBox.Icon.Warning, "Sealing failed", message)

    # ----- uploading
    def push_now(self) -> None:
        self._start_upload(manual=True)

    def background_pass(self) -> None:
        from workstation.core.sync.outbox_push import get_default_target, plan_background_upload

        if not self.uploading and get_default_target(self._context.store):
            plan = plan_background_upload(self._context.store)
            if plan.due_ids:
                self._start_upload(manual=False)

    def _start_upload(self, *, manual: bool) -> None:
        from workstation.core.sync.outbox_push import get_default_target, push_outbox, run_background_pass
        from workstation.core.sync.target_url import target_from_url

        if self.uploading or self._closed:
            return
        url = get_default_target(self._context.store)
        if not url:
            if manual:
                self._point_to_identity_page(
                    "No upload target", "Set where bundles go in Preferences ▸ Identity & upload."
                )
            return
        self.uploading = True
        self._cancel.clear()
        self.dock.set_busy("Uploading…")
        data_dir, ops, cancel, progress = (
            self._context.data_dir,
            self._context.ops,
            self._cancel,
            self.upload_event,
        )

        def work(_job: object) -> object:
            target = target_from_url(url)
            with Store(data_dir, readonly=True) as reader:
                view = OperationsOutboxView(reader, ops)
                if manual:
                    return push_outbox(
                        view, target, deadline_s=PUSH_DEADLINE_S, cancel=cancel, on_progress=progress.emit
                    )
                return run_background_pass(view, target, cancel=cancel, on_progress=progress.emit)

        self._context.runner.submit(
            work, on_done=lambda _r: self._upload_done(None), on_error=self._upload_failed
        )

    def _point_to_identity_page(self, title: str, text: str) -> None:
        self._tell(QMessageBox.Icon.Information, title, text)
        self._context.events.preferences_requested.emit("identity")

    def _on_event(self, event: OutboxEvent) -> None:
        if self._closed:
            return
        self.dock.set_busy("Uploading… %v of %m done", event.done, event.total)
        self.refresh()

    def _upload_failed(self, error: Exception) -> None:
        """The push stopped: the store could not record a step, or the target cannot be used."""
        from workstation.gui.writer.outbox_outcomes import UPLOAD_FAILURES

        if not isinstance(error, UPLOAD_FAILURES):
            report_unexpected(error)
        self._upload_done(str(error) or type(error).__name__)

    def _upload_done(self, error: str | None) -> None:
        self.uploading = False
        if self._closed:
            return
        self.dock.set_busy(None)
        self.refresh()
        self.upload_finished.emit()
        if error:
            self._context.show_message(f"Upload stopped: {error}", 10_000)

    def retry(self, bundle_id: str) -> None:
        self._context.ops.run(
            "retry a bundle",
            lambda store: store.outbox.retry(bundle_id),
            changes=Changes(outbox=True),
            on_done=lambda _changed: self.push_now(),
        )

    def export_bundle(self, bundle_id: str) -> None:
        suggested = str(Path.home() / f"{bundle_id.removeprefix('sha256:')[:16]}.rwbundle.zip")
        path, _ = QFileDialog.getSaveFileName(
            self._parent, "Export bundle", suggested, "Rewrite bundles (*.zip)"
        )
        if path:
            self.write_bundle(bundle_id, Path(path))

    def write_bundle(self, bundle_id: str, path: Path) -> None:
        try:
            write_file_atomically(path, self._context.store.outbox.get_bytes(bundle_id), mode=0o644)
        except OSError as exc:
            self._tell(QMessageBox.Icon.Warning, "Bundle not written", f"Could not write {path}: {exc}")
            return
        self._context.show_message(f"Bundle written to {path}", 8000)

    def _tell(self, icon: QMessageBox.Icon, title: str, text: str) -> None:
        """A message over the window that does not block it (uploads and saves go on)."""
        self.last_message = show_message(self._parent, icon, title, text)

    def shutdown(self) -> None:
        self._closed = True
        self.timer.stop()
        self._cancel.set()
