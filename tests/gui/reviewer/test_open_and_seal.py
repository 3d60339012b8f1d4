"""File ▸ Open bundles… and Review ▸ Seal verdicts… as the window drives them, and the mode switch.

Receiving runs the real ``core/review/receive.py`` on real sealed bundles (``bundle_files``); what
is tested is the window's part: the operation, progress and cancel, the summary of refused files,
the question about a first-seen key, and the inbox reloading. Sealing runs for real and the
verdict bundle it leaves in the outbox is verified.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.gui.reviewer.bundle_files import write_deliveries
from tests.gui.reviewer.conftest import ReviewFactory
from workstation.core.bundles.trust import SignerTrust
from workstation.core.models import VerdictKind
from workstation.core.signing import short_fingerprint
from workstation.core.verdicts import verify_verdict_bundle
from workstation.gui.app import REVIEW_MODE, AppController
from workstation.gui.common.settings import AppSettings
from workstation.gui.reviewer.window import ReviewWindow
from workstation.gui.writer.window import WriterWindow


def test_open_bundles_receives_as_an_operation_with_progress_and_shows_refusals(
    make_review_window: ReviewFactory,
    review_dir: Path,
    tmp_path: Path,
    yes_to_questions: list[tuple[str, str]],
) -> None:
    deliveries = write_deliveries(tmp_path / "usb")
    tampered = deliveries.first / "tampered.zip"
    data = bytearray((deliveries.first / "ada-1.zip").read_bytes())
    data[len(data) // 2] ^= 0xFF
    tampered.write_bytes(bytes(data))
    reviewer = make_review_window(review_dir)
    opener = reviewer.window.opener
    progress: list[tuple[int, int]] = []
    opener.progressed.connect(lambda done, total: progress.append((done, total)))
    assert opener.receive_sources([str(deliveries.first)])
    assert not opener.receive_sources([str(deliveries.first)])  # one receive at a time
    assert "being opened already" in reviewer.status_text()
    for _ in range(3):
        reviewer.wait_for_ops()
    assert progress[:4] == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert reviewer.count_text() == "5 items"  # the inbox reloaded
    assert reviewer.current_item_id is not None  # and the first item opened
    first, again = [text for title, text in yes_to_questions if title == "Bundles opened"]
    assert "Refused 1 file" in first and "tampered.zip: " in first  # with its reason
    assert again.startswith("Added 3 bundles")  # the confirmed keys' bundles, received again
    assert not opener.busy


def test_received_items_get_their_figures_in_the_background_and_the_queue_shows_them(
    qtbot: QtBot,
    make_review_window: ReviewFactory,
    review_dir: Path,
    tmp_path: Path,
    yes_to_questions: list[tuple[str, str]],
) -> None:
    deliveries = write_deliveries(tmp_path / "usb")
    reviewer = make_review_window(review_dir)
    finished: list[int] = []
    reviewer.window.figures.finished.connect(finished.append)

    assert reviewer.window.opener.receive_sources([str(deliveries.first)])
    qtbot.waitUntil(lambda: sum(finished) == 5, timeout=20_000)
    reviewer.wait_for_ops()

    store = reviewer.context.store
    assert store.inbox.count() == 5 and store.inbox.count_without_figures() == 0
    for item_id in reviewer.queue_ids():
        assert reviewer.queue_cell(item_id, 3).endswith("%")  # the edit rate, no longer "…"
    assert not reviewer.window.figures.running


def test_cancel_reaches_receive_and_the_summary_says_so(
    make_review_window: ReviewFactory,
    review_dir: Path,
    tmp_path: Path,
    message_boxes: list[tuple[str, str]],
) -> None:
    deliveries = write_deliveries(tmp_path / "usb")
    reviewer = make_review_window(review_dir)
    opener = reviewer.window.opener
    reviewer.context.ops.run("hold the store thread", lambda _store: None)
    opener.receive_sources([str(deliveries.first)])
    opener.cancel()
    reviewer.wait_for_ops()
    assert message_boxes[-1][1].startswith("Stopped when you cancelled")
    assert reviewer.context.store.inbox.count() == 0
    assert reviewer.context.store.writers.all() == []  # not one bundle was looked at


def test_a_first_key_the_reviewer_does_not_confirm_stays_pending_and_its_bundles_out(
    make_review_window: ReviewFactory,
    review_dir: Path,
    tmp_path: Path,
    message_boxes: list[tuple[str, str]],  # questions get Ok: not a Yes
) -> None:
    deliveries = write_deliveries(tmp_path / "usb")
    reviewer = make_review_window(review_dir)
    reviewer.window.opener.receive_sources([str(deliveries.first / "ben-1.zip")])
    reviewer.wait_for_ops()
    reviewer.wait_for_ops()
    [question] = [text for title, text in message_boxes if "first time" in title]
    [ben] = reviewer.context.store.writers.all()
    assert ben.fingerprint in question and short_fingerprint(ben.fingerprint) in question
    assert not ben.trusted
    assert reviewer.count_text() == "0 items"


def test_a_receive_that_fails_is_told_in_words(
    make_review_window: ReviewFactory,
    review_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: list[tuple[str, str]],
) -> None:
    def failing(*_args: object, **_options: object) -> None:
        raise OSError("the USB stick was pulled out")

    monkeypatch.setattr("workstation.gui.reviewer.bundle_opening.receive", failing)
    reviewer = make_review_window(review_dir)
    reviewer.window.opener.receive_sources(["/media/usb"])
    reviewer.wait_for_ops()
    assert message_boxes[-1] == ("Bundles not opened", "the USB stick was pulled out")
    assert not reviewer.window.opener.busy


def test_seal_verdicts_signs_the_reviewers_verdicts_into_a_verdict_bundle_in_the_outbox(
    qtbot: QtBot,
    make_review_window: ReviewFactory,
    review_dir: Path,
    inbox: dict[str, list[str]],
) -> None:
    reviewer = make_review_window(review_dir)
    assert not reviewer.window.sealer.seal()  # no verdicts yet: nothing to seal
    assert "Nothing to seal" in reviewer.status_text()
    reviewer.focus_panes()
    reviewer.press("a")
    reviewer.wait_for_ops()

    assert reviewer.window.sealer.seal()
    qtbot.waitUntil(lambda: not reviewer.window.sealer.sealing, timeout=10_000)
    reviewer.wait_for_ops()

    store = reviewer.context.store
    (row,) = [row for row in store.outbox.rows() if row.kind == "verdicts"]
    assert row.bundle_id[:19] in reviewer.status_text()
    identity = reviewer.context.identity()
    assert identity is not None
    verified = verify_verdict_bundle(
        store.outbox.get_bytes(row.bundle_id), SignerTrust.only_key(identity.fingerprint)
    )
    (verdict,) = verified.verdicts
    assert verdict.verdict is VerdictKind.ACCEPT and verdict.reviewer_name == "Rita Reviewer"
    assert store.verdicts.unsealed(identity.fingerprint) == []
    assert not reviewer.window.sealer.seal()  # sealed once: nothing left


def test_the_app_switches_between_writing_and_reviewing_on_one_data_folder(
    review_dir: Path, inbox: dict[str, list[str]], settings_path: Path
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    settings = AppSettings(QSettings(str(settings_path), QSettings.Format.IniFormat))
    controller = AppController(app, settings)
    try:
        assert controller.open(review_dir) is None
        assert isinstance(controller.window, WriterWindow)
        controller.window.actions_by_name["review_mode"].trigger()
        assert isinstance(controller.window, ReviewWindow)
        assert controller.window.queue_model.rowCount() == 5
        controller.window.actions_by_name["writer_mode"].trigger()
        assert isinstance(controller.window, WriterWindow)
        lock = controller.lock
        assert lock is not None
    finally:
        controller.shutdown()


def test_review_open_starts_the_app_in_review_mode(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Built from the review group itself: `review` joins the top-level commands with the receiving
    # side's CLI (cli/__init__.py's COMMAND_MODULES).
    import argparse

    from workstation.cli import review

    started: list[tuple[Path, str]] = []
    monkeypatch.setattr(
        "workstation.gui.app.run_app", lambda data_dir, mode: started.append((data_dir, mode)) or 0
    )
    parser = argparse.ArgumentParser()
    review.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["review", "open"])
    args.data_dir = str(tmp_path)
    assert args.handler(args) == 0
    assert started == [(tmp_path, REVIEW_MODE)]
