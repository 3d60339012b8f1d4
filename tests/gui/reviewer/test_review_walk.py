"""The issue's walk at the review window, on real sealed bundles from two writers.

A reviewer opens a folder of bundles through File ▸ Open bundles…, confirms both writers' first
keys, finds Ben's broken chain shown on his items, opens a later delivery whose bundle is signed
with a changed key and sees it refused, audits the diffs change by change, gives verdicts by
keyboard (accept and move on in one key, a reject with a reason), comments on a selected span,
undoes the last verdict and looks at the batch. Sealing verdicts belongs to another part.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from tests.core.review.review_testkit import ADA, BEN
from tests.gui.reviewer.bundle_files import TEXTS, write_deliveries
from tests.gui.reviewer.conftest import ReviewFactory
from tests.gui.reviewer.review_driver import ReviewDriver
from workstation.core.models import VerdictKind
from workstation.core.review.judging import REVIEW_REASONS
from workstation.core.review.triage import OutlierReason
from workstation.gui.reviewer.window import BATCH_TAB


def open_through_the_menu(
    reviewer: ReviewDriver, monkeypatch: pytest.MonkeyPatch, *, files: list[Path], folder: Path | None
) -> None:
    """File ▸ Open bundles…, picking ``files`` (or none, then ``folder``) in the file dialogs."""
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *_a, **_k: ([str(f) for f in files], ""))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, **_k: str(folder or ""))
    reviewer.window.actions_by_name["open_bundles"].trigger()
    for _ in range(3):  # receive, then receive again with the confirmed keys
        reviewer.wait_for_ops()


def test_a_reviewer_walks_two_writers_bundles_from_opening_to_the_batch(
    make_review_window: ReviewFactory,
    review_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    yes_to_questions: list[tuple[str, str]],
) -> None:
    deliveries = write_deliveries(tmp_path / "usb")
    reviewer = make_review_window(review_dir)
    assert reviewer.count_text() == "0 items"

    # --- the first delivery: both writers' first keys are asked about, with whole fingerprints
    open_through_the_menu(reviewer, monkeypatch, files=[], folder=deliveries.first)
    questions = [
        text for title, text in yes_to_questions if title == "A writer's key seen for the first time"
    ]
    assert len(questions) == 2  # Ada once, Ben once (his two bundles share the key)
    keyring = {writer.name: writer for writer in reviewer.context.store.writers.all()}
    assert set(keyring) == {ADA, BEN} and all(writer.trusted for writer in keyring.values())
    assert any(ADA in text and keyring[ADA].fingerprint in text for text in questions)
    summaries = [text for title, text in yes_to_questions if title == "Bundles opened"]
    assert summaries[0].startswith("Added 0 bundles") and "wait for you to confirm" in summaries[0]
    assert summaries[1].startswith("Added 3 bundles (5 items)")
    assert "Chain problems (1)" in summaries[1] and "Ben Writer" in summaries[1]
    assert reviewer.count_text() == "5 items"
    assert reviewer.current_item_id == deliveries.ada_items[0]

    # --- Ben's broken chain shows on the item of the bundle after the gap, not on the others
    reviewer.open_item(deliveries.ben_gap_items[0])
    problem = reviewer.window.facts.chain_problem
    assert not problem.isHidden() and "Chain problem" in problem.text()
    reviewer.open_item(deliveries.ben_items[0])
    assert problem.isHidden()

    # --- the second delivery: Ada's bundle signed with another key is refused, loudly
    open_through_the_menu(reviewer, monkeypatch, files=[deliveries.changed_key / "ada-2.zip"], folder=None)
    title, text = yes_to_questions[-1]
    assert title == "Bundles opened"
    assert "Refused 1 file" in text and "ada-2.zip" in text and "key" in text
    assert not reviewer.context.store.inbox.has_bundle(deliveries.ada_changed_bundle)
    assert reviewer.count_text() == "5 items"

    # --- auditing the first item's diff, change by change
    reviewer.open_item(deliveries.ada_items[0])
    reviewer.wait_until_analysed()
    assert reviewer.shown_text("original") == TEXTS[0][0]
    assert reviewer.shown_text("rewrite") == TEXTS[0][1]
    view = reviewer.window.diff_view
    reviewer.focus_panes()
    reviewer.press(Qt.Key.Key_F8)
    reviewer.press(Qt.Key.Key_F8)
    assert view.current_change == 1
    reviewer.press(Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert view.current_change == 0

    # --- a span comment on a selection, then accept and move on: one key
    reviewer.select("rewrite", "matter to the whole community")
    reviewer.comment_on_selection("Good: says who it matters to.")
    reviewer.focus_panes()
    before = reviewer.keystrokes
    reviewer.press("a")
    assert reviewer.keystrokes - before == 1
    assert reviewer.current_item_id == deliveries.ada_items[1]
    reviewer.wait_for_ops()
    [accepted] = reviewer.verdicts_on(deliveries.ada_items[0])
    assert accepted.verdict is VerdictKind.ACCEPT
    [comment] = accepted.comments
    assert comment.anchor is not None and comment.anchor.quote == "matter to the whole community"
    assert TEXTS[0][1][comment.anchor.start : comment.anchor.end] == "matter to the whole community"

    # --- a reject with a reason: two keys
    before = reviewer.keystrokes
    reviewer.press_verdict_with_reason("x")
    assert reviewer.keystrokes - before == 2
    reviewer.wait_for_ops()
    [rejected] = reviewer.verdicts_on(deliveries.ada_items[1])
    assert (rejected.verdict, rejected.reason) == (VerdictKind.REJECT, REVIEW_REASONS[0])
    assert reviewer.queue_cell(deliveries.ada_items[1], 2) == "Rejected"

    # --- undo the last verdict: the reject goes, the accept stays
    reviewer.press("z", Qt.KeyboardModifier.ControlModifier)
    reviewer.wait_for_ops()
    assert reviewer.verdicts_on(deliveries.ada_items[1]) == ()
    assert len(reviewer.verdicts_on(deliveries.ada_items[0])) == 1
    assert reviewer.current_item_id == deliveries.ada_items[1]

    # --- the batch: every item charted, the triage list names the ones to look at first
    reviewer.window.actions_by_name["show_batch"].trigger()
    assert reviewer.window.tabs.currentIndex() == BATCH_TAB
    batch = reviewer.window.batch_tab
    summary = batch.charts.summary
    assert summary is not None and summary.overall.items == 5
    listed = batch.triage_list.shown_item_ids()
    assert deliveries.ada_items[1] in listed  # 1.5 s for the whole rewrite
    assert deliveries.ada_items[2] in listed  # not a word changed
    assert not reviewer.window.actions_by_name["accept"].isEnabled()  # no verdict on an unseen item
    reviewer.window.queue_panel.choose(reviewer.window.queue_panel.writer_filter, keyring[BEN].fingerprint)
    batch.triage_list.set_reason(OutlierReason.NEAR_ZERO_EDITS)
    assert batch.triage_list.shown_item_ids()[0] == deliveries.ada_items[2]
    batch.item_activated.emit(deliveries.ada_items[2])  # as a double-click in the list does
    assert reviewer.window.tabs.currentIndex() != BATCH_TAB
    assert reviewer.current_item_id == deliveries.ada_items[2]
    assert deliveries.ada_items[2] in reviewer.queue_ids()  # the writer filter that hid it was cleared
    assert reviewer.window.actions_by_name["accept"].isEnabled()
