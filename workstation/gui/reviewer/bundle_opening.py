"""File ▸ Open bundles…: receive bundles (files or a folder) into the inbox, with progress and cancel.

Receiving (``workstation.core.review.receive.receive``) verifies each bundle before reading it and
adds each in its own transaction; here it runs as one operation on the store thread, its progress
shown in a dialog whose Cancel stops it between bundles. Afterwards the reviewer sees what was
added and every refused file with its reason, and is asked about each writer key seen for the
first time (its fingerprint shown); the bundles of a key they trust are then received again.

``receive`` is imported inside :meth:`BundleOpener.receive_sources` so the window opens (and this
module imports) whatever state the receiving side is in.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from workstation.core.store import Store
from workstation.gui.common.plain_text import ask, shown_line
from workstation.gui.context import AppContext
from workstation.gui.operations import Changes, OperationFailed
from workstation.gui.reviewer.item_facts import short_key

BUNDLE_FILTER = "Rewrite and verdict bundles (*.zip);;All files (*)"
PROGRESS_SHOWN_AFTER_MS = 500
RECEIVED = Changes(inbox=True, verdicts=True)
LISTED_PER_KIND = 12  # refused files or chain problems named in the summary; the rest are counted


def _count_phrase(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def summary_text(report: Any) -> str:
    """What a receive did, in sentences: added, already there, refused (each with its reason)."""
    lines = [
        f"Added {_count_phrase(len(report.added), 'bundle', 'bundles')} to the inbox"
        + (f"; {len(report.already_there)} already there." if report.already_there else ".")
    ]
    refused = list(report.refused)
    if refused:
        lines.append(f"Refused {_count_phrase(len(refused), 'file', 'files')}:")
        for refusal in refused[:LISTED_PER_KIND]:
            lines.append(f"• {shown_line(str(refusal.source), 120)}: {shown_line(str(refusal.reason), 300)}")
        if len(refused) > LISTED_PER_KIND:
            lines.append(f"…and {len(refused) - LISTED_PER_KIND} more.")
    problems = list(getattr(report, "chain_problems", ()) or ())
    if problems:
        lines.append(f"Chain problems ({len(problems)}), shown on the items too:")
        lines.extend(f"• {shown_line(str(problem), 300)}" for problem in problems[:LISTED_PER_KIND])
    return "\n".join(lines)


class BundleOpener(QObject):
    """Emits ``received(report)`` after each receive has been summarised to the reviewer."""

    received = Signal(object)  # ReceiveReport
    progressed = Signal(int, int)  # done, total (0 when unknown); from the store thread

    def __init__(self, context: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self._context = context
        self._parent = parent
        self._cancel = threading.Event()
        self.busy = False
        self.progress: QProgressDialog | None = None
        self.progressed.connect(self._show_progress, Qt.ConnectionType.QueuedConnection)

    # ----- choosing
    def choose_and_open(self) -> None:
        """Ask for bundle files (or, if none are picked, a folder) and receive them."""
        files, _ = QFileDialog.getOpenFileNames(self._parent, "Open bundles", "", BUNDLE_FILTER)
        sources: list[str] = list(files)
        if not sources:
            folder = QFileDialog.getExistingDirectory(self._parent, "Open a folder of bundles")
            if folder:
                sources = [folder]
        if sources:
            self.receive_sources(sources)

    # ----- receiving
    def receive_sources(self, sources: Sequence[str], trust: object | None = None) -> bool:
        """Receive ``sources`` (paths, folders, ``file://`` or ``s3://`` URLs) as one operation."""
        if self.busy:
            self._context.show_message("Bundles are being opened already; wait for them or cancel.")
            return False
        from workstation.core.review.receive import receive

        self.busy = True
        self._cancel.clear()
        self.progress = QProgressDialog("Verifying and receiving bundles…", "Cancel", 0, 0, self._parent)
        self.progress.setWindowTitle("Open bundles")
        self.progress.setMinimumDuration(PROGRESS_SHOWN_AFTER_MS)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.canceled.connect(self._cancel.set)
        chosen = list(sources)

        def work(store: Store) -> Any:
            return receive(
                store,
                chosen,
                trust=trust,
                on_progress=self._report_progress,
                should_cancel=self._cancel.is_set,
            )

        self._context.ops.run(
            "Open bundles", work, changes=RECEIVED, on_done=self._finished, on_failed=self._failed
        )
        return True

    def cancel(self) -> None:
        self._cancel.set()

    def _report_progress(self, *args: Any) -> None:
        """From the store thread: ``(done, total)`` or ``(done,)``; handed to the GUI thread."""
        numbers = [value for value in args if isinstance(value, int)]
        done = numbers[0] if numbers else 0
        total = numbers[1] if len(numbers) > 1 else 0
        self.progressed.emit(done, total)

    def _show_progress(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.setMaximum(max(total, 0))
            self.progress.setValue(min(done, total) if total else 0)

    def _close_progress(self) -> None:
        self.busy = False
        if self.progress is not None:
            self.progress.reset()
            self.progress.deleteLater()
            self.progress = None

    def _failed(self, error: OperationFailed) -> None:
        self._close_progress()
        ask(self._parent, QMessageBox.Icon.Warning, "Bundles not opened", error.message)

    def _finished(self, report: Any) -> None:
        cancelled = self._cancel.is_set()
        self._close_progress()
        text = summary_text(report)
        if cancelled:
            text = "Stopped when you cancelled; every bundle is wholly in the inbox or not at all.\n" + text
        icon = QMessageBox.Icon.Warning if report.refused else QMessageBox.Icon.Information
        ask(self._parent, icon, "Bundles opened", text)
        self.received.emit(report)
        confirmed = self._confirm_first_keys(list(report.needs_confirmation))
        if confirmed:
            self._trust_and_receive_again(confirmed)

    # ----- first keys
    def _confirm_first_keys(self, unknown: Sequence[Any]) -> list[Any]:
        """Ask about each first-seen writer key; the ones the reviewer trusts."""
        trusted: list[Any] = []
        for signer in unknown:
            answer = ask(
                self._parent,
                QMessageBox.Icon.Question,
                "A writer's key seen for the first time",
                f"{shown_line(str(signer.name), 80)} signed {shown_line(str(signer.source), 160)} "
                f"with a key you have not seen before.\n\nFingerprint: {signer.fingerprint}\n"
                f"(shown short as {short_key(str(signer.fingerprint))})\n\n"
                "Trust this key as theirs? Check the fingerprint with the writer first, by a "
                "channel you trust (not the bundle itself).",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer == QMessageBox.StandardButton.Yes:
                trusted.append(signer)
        return trusted

    def _receive_again(self, sources: Sequence[str]) -> None:
        self.receive_sources(sources)

    def _trust_and_receive_again(self, signers: Sequence[Any]) -> None:
        def work(store: Store) -> None:
            for signer in signers:
                store.writers.trust(signer.name, signer.public_key)  # type: ignore[attr-defined]

        sources = list(dict.fromkeys(str(signer.source) for signer in signers))
        self._context.ops.run(
            "Trust writer keys",
            work,
            changes=Changes(settings=True),
            on_done=lambda _none: self._receive_again(sources),
            on_failed=self._failed,
        )
