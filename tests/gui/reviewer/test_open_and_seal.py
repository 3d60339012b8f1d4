"""File ▸ Open bundles… and Review ▸ Seal verdicts… as the window drives them, and the mode switch.

Receiving belongs to ``core/review/receive.py``; here it is replaced by a stand-in with its
signature, so what is tested is the window's part: the operation, progress and cancel, the summary
of refused files, the question about a first-seen key, and the inbox reloading. Sealing runs for
real and the verdict bundle it leaves in the outbox is verified.
"""

from __future__ import annotations

import sys
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from tests.gui.reviewer.conftest import ADA_WORK, ReviewFactory
from tests.gui.reviewer.inbox_data import add_bundle
from workstation.core.bundles.trust import SignerTrust
from workstation.core.models import VerdictKind
from workstation.core.verdicts import verify_verdict_bundle
from workstation.gui.app import REVIEW_MODE, AppController
from workstation.gui.common.settings import AppSettings
from workstation.gui.reviewer.window import ReviewWindow
from workstation.gui.writer.window import WriterWindow


@dataclass
class Refusal:
    source: str
    reason: str


@dataclass
class UnknownSigner:
    name: str
    fingerprint: str
    public_key: str
    source: str


@dataclass
class Report:
    added: list[Any] = field(default_factory=list)
    already_there: list[str] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    needs_confirmation: list[UnknownSigner] = field(default_factory=list)
    chain_problems: list[str] = field(default_factory=list)


def install_receive(
    monkeypatch: pytest.MonkeyPatch, behaviour: Any
) -> list[tuple[list[str], dict[str, Any]]]:
    calls: list[tuple[list[str], dict[str, Any]]] = []

    def receive(store: Any, sources: Any, **options: Any) -> Report:
        calls.append((list(sources), options))
        return behaviour(store, list(sources), options)

    module = types.ModuleType("workstation.core.review.receive")
    module.receive = receive  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "workstation.core.review.receive", module)
    return calls


def test_open_bundles_receives_as_an_operation_and_shows_refusals(
    make_review_window: ReviewFactory,
    review_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: list[tuple[str, str]],
) -> None:
    def behaviour(store: Any, sources: list[str], options: dict[str, Any]) -> Report:
        options["on_progress"](1, 2)
        add_bundle(store, "Ada Writer", ADA_WORK)
        return Report(
            added=["one"],
            refused=[Refusal("/in/bad.zip", "the signature does not match the manifest")],
            chain_problems=["Bea's bundle 3 follows bundle 1"],
        )

    calls = install_receive(monkeypatch, behaviour)
    reviewer = make_review_window(review_dir)
    assert reviewer.count_text() == "0 items"
    assert reviewer.window.opener.receive_sources(["/in/good.zip", "/in/bad.zip"])
    reviewer.wait_for_ops()
    [(sources, options)] = calls
    assert sources == ["/in/good.zip", "/in/bad.zip"]
    assert callable(options["should_cancel"]) and not options["should_cancel"]()
    assert reviewer.count_text() == "3 items"  # the inbox reloaded
    assert reviewer.current_item_id is not None  # and the first item opened
    title, text = message_boxes[-1]
    assert title == "Bundles opened"
    assert "Added 1 bundle" in text
    assert "/in/bad.zip: the signature does not match the manifest" in text
    assert "Bea's bundle 3 follows bundle 1" in text
    assert not reviewer.window.opener.busy


def test_cancel_reaches_receive_and_the_summary_says_so(
    make_review_window: ReviewFactory,
    review_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: list[tuple[str, str]],
) -> None:
    seen: list[bool] = []

    def behaviour(_store: Any, _sources: list[str], options: dict[str, Any]) -> Report:
        seen.append(options["should_cancel"]())
        return Report()

    install_receive(monkeypatch, behaviour)
    reviewer = make_review_window(review_dir)
    opener = reviewer.window.opener
    reviewer.context.ops.run("hold the store thread", lambda _store: None)
    opener.receive_sources(["/in"])
    opener.cancel()
    reviewer.wait_for_ops()
    assert seen == [True]
    assert message_boxes[-1][1].startswith("Stopped when you cancelled")


def test_a_first_seen_key_is_asked_about_with_its_fingerprint_and_trusted_ones_received_again(
    make_review_window: ReviewFactory,
    review_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fingerprint = "ab" * 32
    signer = UnknownSigner("Cy Writer", fingerprint, "RWQ...key", "/in/cy.zip")
    trusted: list[tuple[str, str]] = []

    def behaviour(_store: Any, sources: list[str], _options: dict[str, Any]) -> Report:
        return Report(needs_confirmation=[signer]) if not trusted else Report(added=["cy"])

    class Writers:
        def trust(self, name: str, public_key: str) -> None:
            trusted.append((name, public_key))

    calls = install_receive(monkeypatch, behaviour)
    monkeypatch.setattr("workstation.core.store.Store.writers", Writers(), raising=False)
    questions: list[str] = []

    def answer(box: QMessageBox) -> int:
        questions.append(box.text())
        if box.icon() == QMessageBox.Icon.Question:
            return int(QMessageBox.StandardButton.Yes)
        return int(QMessageBox.StandardButton.Ok)

    monkeypatch.setattr(QMessageBox, "exec", answer)
    reviewer = make_review_window(review_dir)
    reviewer.window.opener.receive_sources(["/in"])
    reviewer.wait_for_ops()
    reviewer.wait_for_ops()
    question = next(text for text in questions if "first time" in text or "not seen" in text)
    assert fingerprint in question and "Cy Writer" in question
    assert trusted == [("Cy Writer", "RWQ...key")]
    assert [sources for sources, _ in calls] == [["/in"], ["/in/cy.zip"]]


def test_a_receive_that_fails_is_told_in_words(
    make_review_window: ReviewFactory,
    review_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: list[tuple[str, str]],
) -> None:
    def behaviour(*_args: Any) -> Report:
        raise OSError("the USB stick was pulled out")

    install_receive(monkeypatch, behaviour)
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
