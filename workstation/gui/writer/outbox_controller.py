"""Sealing submitted work and uploading bundles from the window, never blocking typing.

Unlocking the key (scrypt) and the network run on the background runner; every store write — the
seal itself, each upload state — is an operation on the store thread. A timer drives the
background uploader by the backoff schedule the outbox keeps; "Upload now" tries everything.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from workstation.core.bundles import BundleInputError
from workstation.core.bundles.seal_work import (
    NothingSealable,
    SealResult,
    count_unconfirmed,
    count_unsealed,
    seal_submitted,
    unconfirmed_sentence,
)
from workstation.core.files.atomic import write_file_atomically
from workstation.core.signing import SecretKey
from workstation.core.store import Store, StoreError
from workstation.core.sync.outbox_push import (
    OutboxEvent,
    get_default_target,
    plan_background_upload,
    push_outbox,
    run_background_pass,
)
from workstation.core.sync.target_url import target_from_url
from workstation.core.sync.targets_base import UploadError
from workstation.core.text.counts import counted
from workstation.gui.common.background import report_unexpected
from workstation.gui.common.key_unlock import unlock_signing_key
from workstation.gui.common.plain_text import show_message, shown_line, shown_list
from workstation.gui.common.shortcuts import BY_ACTION
from workstation.gui.context import AppContext
from workstation.gui.operations import Changes
from workstation.gui.writer.outbox_dock import OutboxDock
from workstation.gui.writer.outbox_view import OperationsOutboxView

PUSH_DEADLINE_S = 60.0
BACKGROUND_CHECK_MS = 30_000
UPLOAD_FAILURES = (StoreError, OSError, UploadError, ValueError)

LEFT_OUT_ADVICE = "Their task data needs fixing first: tell whoever sends you tasks."

type SealOutcome = SealResult | BundleInputError | None


def _seal_or_refusal(store: Store, key: SecretKey, signer_name: str) -> SealOutcome:
    """Seal; a refusal of the work itself (no record bundles, a bad signer name) is returned,
    not raised, so the writer hears it in words instead of through the crash dialog."""
    try:
        return seal_submitted(store, key, signer_name)
    except BundleInputError as refusal:
        return refusal


def _seal_changes(outcome: SealOutcome) -> Changes:
    if not isinstance(outcome, SealResult):
        return Changes()
    return Changes(tasks=True, outbox=True, sealed=frozenset(outcome.rewrite_ids))


def sealed_status(result: SealResult) -> str:
    """The status line after a seal: what was sealed, what was left out, what waits."""
    parts = [
        f"Sealed {counted(result.record_count, 'rewrite')} into bundle {result.bundle_id[:19]}…; "
        "it waits in the outbox."
    ]
    if result.left_out:
        parts.append(f"{len(result.left_out)} could not be sealed (see the list).")
    if result.waiting:
        parts.append(f"{result.waiting} more did not fit and must wait for the next seal.")
    if result.unconfirmed:
        parts.append(unconfirmed_sentence(result.unconfirmed))
    return " ".join(parts)


def sealed_summary(result: SealResult, target: str | None) -> tuple[QMessageBox.Icon, str, str]:
    """The box after a seal: what went into which bundle, what did not and why, and where the
    bundle goes next (``target``: the upload target's URL, None when none is set)."""
    upload = BY_ACTION["upload"]
    if target:
        next_step = (
            f"It waits in the outbox and goes to {shown_line(target)} as soon as you are online "
            f"(Task ▸ {upload.label}, {upload.display()}, sends it at once)."
        )
    else:
        next_step = (
            "It waits in the outbox. No upload target is set: choose one in Preferences ▸ "
            "Identity & upload, or export the bundle from the outbox (View ▸ Outbox)."
        )
    paragraphs = [
        f"Sealed {counted(result.record_count, 'rewrite')} into bundle {result.bundle_id[:19]}…, "
        f"number {result.bundle_seq} of your signed chain.",
        next_step,
    ]
    later = []
    if result.waiting:
        later.append(f"{counted(result.waiting, 'more rewrite')} did not fit and wait for the next seal.")
    if result.unconfirmed:
        later.append(unconfirmed_sentence(result.unconfirmed))
    if later:
        paragraphs.append(" ".join(later))
    if not result.left_out:
        return QMessageBox.Icon.Information, "Work sealed", "\n\n".join(paragraphs)
    paragraphs.append(
        f"{counted(len(result.left_out), 'submitted rewrite')} could not be put into the "
        f"bundle:\n\n{shown_list(result.left_out, 'rewrite')}\n\n"
        f"They stay submitted; the rest is sealed. {LEFT_OUT_ADVICE}"
    )
    return QMessageBox.Icon.Warning, "Some work was not sealed", "\n\n".join(paragraphs)


def refusal_text(refusal: BundleInputError) -> str:
    """Why nothing was sealed, naming each rewrite when the records were the reason."""
    if not isinstance(refusal, NothingSealable):
        return f"Nothing was sealed: {refusal}"
    return (
        f"Nothing was sealed: {counted(len(refusal.left_out), 'submitted rewrite')} could not be "
        f"put into a bundle:\n\n{shown_list(refusal.left_out, 'rewrite')}\n\n"
        f"They stay submitted. {LEFT_OUT_ADVICE}"
    )


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
        self.refresh()

    def refresh(self) -> None:
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
        if self._closed:
            return
        self._context.ops.run(
            "seal submitted work",
            lambda store: _seal_or_refusal(store, key, signer_name),
            changes=_seal_changes,
            on_done=self._sealed,
            on_failed=lambda error: self._seal_failed(error.message if error.expected else None),
        )

    def _set_sealing(self, sealing: bool) -> None:
        self.sealing = sealing
        self.sealing_changed.emit(sealing)

    def _sealed(self, result: SealOutcome) -> None:
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
        if not self.uploading and get_default_target(self._context.store):
            plan = plan_background_upload(self._context.store)
            if plan.due_ids:
                self._start_upload(manual=False)

    def _start_upload(self, *, manual: bool) -> None:
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
