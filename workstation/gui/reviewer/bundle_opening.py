"""File ▸ Open bundles…: receive bundles (files or a folder) into the inbox, with progress and cancel.

Receiving (:func:`workstation.core.review.receive.receive`) verifies each bundle before reading it
and adds each in its own transaction; here it runs as one operation on the store thread, its
progress shown in a dialog whose Cancel stops it between bundles. Afterwards the reviewer sees
what was added and every refused file with its reason, and is asked about each writer key seen
for the first time (its whole fingerprint shown). The bundles of the keys they confirm are then
received again with those fingerprints confirmed (:class:`ReceiveTrust`), which trusts each key
and adds its bundles in the same pass.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from workstation.core.review.receive import ReceiveReport, ReceiveTrust, UnknownSigner, receive
from workstation.core.store import Store
from workstation.core.text.counts import counted
from workstation.gui.common.plain_text import ask, shown_line
from workstation.gui.context import AppContext
from workstation.gui.operations import Changes, OperationFailed

BUNDLE_FILTER = "Rewrite and verdict bundles (*.zip);;All files (*)"
PROGRESS_SHOWN_AFTER_MS = 500
RECEIVED = Changes(inbox=True, verdicts=True)
LISTED_PER_KIND = 12  # refused files or chain problems named in the summary; the rest are counted
SOURCE_CHARS = 120
REASON_CHARS = 300


def summary_text(report: ReceiveReport) -> str:
    """What a receive did, in sentences: added, already there, refused (each with its reason),
    chain problems, and how many bundles wait for a key to be confirmed."""
    lines = [
        f"Added {counted(len(report.added), 'bundle')} "
        f"({counted(report.items_added, 'item')}) to the inbox"
        + (f"; {len(report.already_there)} already there." if report.already_there else ".")
    ]
    if report.own_bundles:
        lines.append(f"Skipped {counted(len(report.own_bundles), 'bundle')} you sealed yourself.")
    if report.refused:
        lines.append(f"Refused {counted(len(report.refused), 'file')}:")
        for refusal in report.refused[:LISTED_PER_KIND]:
            lines.append(
                f"• {shown_line(refusal.source, SOURCE_CHARS)}: {shown_line(refusal.reason, REASON_CHARS)}"
            )
        if len(report.refused) > LISTED_PER_KIND:
            lines.append(f"…and {len(report.refused) - LISTED_PER_KIND} more.")
    gaps = [problem for problem in report.chain_problems if not problem.refuses]
    if gaps:
        lines.append(f"Chain problems ({len(gaps)}), shown on the items too:")
        lines.extend(f"• {shown_line(problem.sentence, REASON_CHARS)}" for problem in gaps[:LISTED_PER_KIND])
    if report.needs_confirmation:
        lines.append(
            f"{counted(len(report.needs_confirmation), 'bundle')} signed by a key seen for the first "
            "time wait for you to confirm it."
        )
    return "\n".join(lines)


def first_key_question(signer: UnknownSigner) -> str:
    """The question about a first-seen key: who, where, the whole fingerprint and how to check it."""
    return (
        f"{shown_line(signer.name, 80)} signed {shown_line(signer.source, 160)} with a key you "
        f"have not seen before.\n\nFingerprint: {signer.fingerprint}\n"
        f"(shown short as {signer.short_fingerprint})\n\n"
        "Trust this key as theirs? Compare the fingerprint with the writer first, by a channel "
        "you trust (not the bundle itself)."
    )


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
    def receive_sources(self, sources: Sequence[str], trust: ReceiveTrust | None = None) -> bool:
        """Receive ``sources`` (paths, folders, ``file://`` or ``s3://`` URLs) as one operation;
        ``trust`` names the fingerprints the reviewer has just confirmed."""
        if self.busy:
            self._context.show_message("Bundles are being opened already; wait for them or cancel.")
            return False
        self.busy = True
        self._cancel.clear()
        self.progress = QProgressDialog("Verifying and receiving bundles…", "Cancel", 0, 0, self._parent)
        self.progress.setWindowTitle("Open bundles")
        self.progress.setMinimumDuration(PROGRESS_SHOWN_AFTER_MS)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.canceled.connect(self._cancel.set)
        chosen = list(sources)

        def work(store: Store) -> ReceiveReport:
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

    def _report_progress(self, done: int, total: int) -> None:
        """From the store thread: bundles done of ``total``; handed to the GUI thread."""
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

    def _finished(self, report: ReceiveReport) -> None:
        self._close_progress()
        text = summary_text(report)
        if report.cancelled:
            text = "Stopped when you cancelled; every bundle is wholly in the inbox or not at all.\n" + text
        icon = QMessageBox.Icon.Warning if report.refused else QMessageBox.Icon.Information
        ask(self._parent, icon, "Bundles opened", text)
        self.received.emit(report)
        confirmed = self._confirm_first_keys(report.needs_confirmation)
        if confirmed:
            sources = list(dict.fromkeys(signer.source for signer in confirmed))
            fingerprints = frozenset(signer.fingerprint for signer in confirmed)
            self.receive_sources(sources, ReceiveTrust(confirmed_fingerprints=fingerprints))

    # ----- first keys
    def _confirm_first_keys(self, unknown: Sequence[UnknownSigner]) -> list[UnknownSigner]:
        """Ask about each first-seen writer key (once per key); the signers the reviewer trusts."""
        answers: dict[str, bool] = {}
        trusted: list[UnknownSigner] = []
        for signer in unknown:
            if signer.fingerprint not in answers:
                answer = ask(
                    self._parent,
                    QMessageBox.Icon.Question,
                    "A writer's key seen for the first time",
                    first_key_question(signer),
                    QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                    QMessageBox.StandardButton.No,
                )
                answers[signer.fingerprint] = answer == QMessageBox.StandardButton.Yes
            if answers[signer.fingerprint]:
                trusted.append(signer)
        return trusted
