"""Verdicts at the review window by keyboard: accept and move on, reasons, comments, undo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.gui.reviewer.conftest import ReviewFactory
from workstation.core.models import VerdictKind, sha256_text
from workstation.core.review.judging import REVIEW_REASONS
from workstation.core.signing import identity as ident


def test_accept_and_next_is_one_keystroke_and_signs_the_shown_text(
    make_review_window: ReviewFactory, review_dir: Path, inbox: dict[str, list[str]]
) -> None:
    reviewer = make_review_window(review_dir)
    reviewer.focus_panes()
    first = reviewer.current_item_id
    shown = reviewer.shown_text("rewrite")
    reviewer.press("a")
    assert reviewer.keystrokes == 1
    assert reviewer.current_item_id == inbox["ada"][1]  # on to the next item at once
    reviewer.wait_for_ops()
    [verdict] = reviewer.verdicts_on(first)  # type: ignore[arg-type]
    me = ident.load_identity(review_dir)
    assert me is not None
    assert verdict.verdict is VerdictKind.ACCEPT and verdict.reason is None
    assert verdict.rewrite_sha256 == sha256_text(shown)
    assert (verdict.reviewer_name, verdict.reviewer_fingerprint) == ("Rita Reviewer", me.fingerprint)
    assert verdict.task_id == "t-ada-1"
    assert reviewer.queue_cell(first, 2) == "Accepted"  # type: ignore[arg-type]


def test_reject_asks_for_a_reason_and_enter_takes_the_first_in_two_keystrokes(
    make_review_window: ReviewFactory, review_dir: Path, inbox: dict[str, list[str]]
) -> None:
    reviewer = make_review_window(review_dir)
    reviewer.focus_panes()
    popup = reviewer.press_verdict_with_reason("x")
    assert reviewer.keystrokes == 2
    offered = [popup.reason.itemText(i) for i in range(popup.reason.count())]
    assert offered[: len(REVIEW_REASONS)] == list(REVIEW_REASONS)
    assert reviewer.current_item_id == inbox["ada"][1]
    reviewer.wait_for_ops()
    [verdict] = reviewer.verdicts_on(inbox["ada"][0])
    assert verdict.verdict is VerdictKind.REJECT
    assert verdict.reason == REVIEW_REASONS[0]


def test_revise_takes_a_chosen_reason_with_details(
    make_review_window: ReviewFactory, review_dir: Path, inbox: dict[str, list[str]]
) -> None:
    reviewer = make_review_window(review_dir)
    reviewer.focus_panes()
    reviewer.press_verdict_with_reason("r", reason_row=2, detail="the second sentence")
    reviewer.wait_for_ops()
    [verdict] = reviewer.verdicts_on(inbox["ada"][0])
    assert verdict.verdict is VerdictKind.REVISE
    assert verdict.reason == f"{REVIEW_REASONS[2]}: the second sentence"
    assert reviewer.queue_cell(inbox["ada"][0], 2) == "Revise"


def test_cancelling_the_reason_records_nothing_and_stays_on_the_item(
    make_review_window: ReviewFactory, review_dir: Path, inbox: dict[str, list[str]]
) -> None:
    reviewer = make_review_window(review_dir)
    reviewer.focus_panes()
    reviewer.press_verdict_and_cancel("x")
    reviewer.wait_for_ops()
    assert reviewer.current_item_id == inbox["ada"][0]
    assert reviewer.context.store.verdicts.all() == []


def test_a_span_comment_and_the_comment_go_out_with_the_verdict(
    make_review_window: ReviewFactory, review_dir: Path, inbox: dict[str, list[str]]
) -> None:
    reviewer = make_review_window(review_dir)
    reviewer.wait_until_analysed()
    reviewer.select("rewrite", "look at")
    popup = reviewer.comment_on_selection("Say 'examine'.")
    assert popup.quote.text() == "“look at”"
    panel = reviewer.window.verdict_panel
    assert panel.anchored.count() == 1
    assert "look at" in panel.anchored.item(0).text()
    panel.comment.setFocus()
    reviewer.qtbot.keyClicks(panel.comment, "Good cut overall.")  # letters type, not judge
    assert reviewer.context.store.verdicts.all() == []
    reviewer.focus_panes()
    reviewer.press_verdict_with_reason("r")
    reviewer.wait_for_ops()
    [verdict] = reviewer.verdicts_on(inbox["ada"][0])
    assert verdict.comment == "Good cut overall."
    [comment] = verdict.comments
    assert comment.text == "Say 'examine'."
    assert comment.anchor is not None
    rewrite = "The results are good. We look at the data."
    assert (comment.anchor.side, comment.anchor.quote) == ("rewrite", "look at")
    assert rewrite[comment.anchor.start : comment.anchor.end] == "look at"
    assert panel.anchored.count() == 0  # the next item starts clean


def test_comments_on_the_original_and_on_a_change_are_anchored_there(
    make_review_window: ReviewFactory, review_dir: Path, inbox: dict[str, list[str]]
) -> None:
    reviewer = make_review_window(review_dir)
    reviewer.wait_until_analysed()
    reviewer.select("original", "delve into")
    reviewer.comment_on_selection("Robotic verb, rightly cut.")
    reviewer.focus_panes()
    reviewer.pane("rewrite").moveCursor(reviewer.pane("rewrite").textCursor().MoveOperation.Start)
    reviewer.press(Qt.Key.Key_F8)
    reviewer.comment_on_selection("Fine opener.")
    reviewer.press("a")
    reviewer.wait_for_ops()
    [verdict] = reviewer.verdicts_on(inbox["ada"][0])
    on_original, on_change = verdict.comments
    assert on_original.anchor is not None and on_change.anchor is not None
    assert (on_original.anchor.side, on_original.anchor.quote, on_original.anchor.hunk) == (
        "original",
        "delve into",
        None,
    )
    assert on_change.anchor.hunk == 0
    assert on_change.anchor.side == "rewrite" and on_change.anchor.quote == "The"


def test_comment_without_a_selection_or_change_says_what_to_do(
    make_review_window: ReviewFactory, review_dir: Path, inbox: dict[str, list[str]]
) -> None:
    reviewer = make_review_window(review_dir)
    reviewer.focus_panes()
    reviewer.press("c")
    assert "Select some text" in reviewer.status_text()
    assert reviewer.window.verdict_panel.anchored.count() == 0


def test_drafted_comments_wait_on_their_item_while_the_reviewer_looks_elsewhere(
    make_review_window: ReviewFactory, review_dir: Path, inbox: dict[str, list[str]]
) -> None:
    reviewer = make_review_window(review_dir)
    reviewer.select("rewrite", "results")
    reviewer.comment_on_selection("Keep.")
    panel = reviewer.window.verdict_panel
    panel.comment.setPlainText("Half-written thought")
    reviewer.focus_panes()
    reviewer.press("j")
    assert panel.anchored.count() == 0 and panel.comment_text() == ""
    reviewer.press("k")
    assert panel.anchored.count() == 1 and panel.comment_text() == "Half-written thought"


def test_undo_takes_the_last_verdict_back_and_returns_to_its_item(
    make_review_window: ReviewFactory, review_dir: Path, inbox: dict[str, list[str]]
) -> None:
    reviewer = make_review_window(review_dir)
    reviewer.select("rewrite", "look at")
    reviewer.comment_on_selection("Hm.")
    reviewer.focus_panes()
    reviewer.press("a")
    reviewer.press("a")
    reviewer.wait_for_ops()
    assert reviewer.current_item_id == inbox["ada"][2]
    reviewer.press("z", Qt.KeyboardModifier.ControlModifier)
    reviewer.wait_for_ops()
    assert reviewer.verdicts_on(inbox["ada"][1]) == ()
    assert reviewer.current_item_id == inbox["ada"][1]
    assert reviewer.queue_cell(inbox["ada"][1], 2) == ""
    assert "Took back" in reviewer.status_text()
    reviewer.focus_panes()
    reviewer.press("z", Qt.KeyboardModifier.ControlModifier)
    reviewer.wait_for_ops()
    assert reviewer.verdicts_on(inbox["ada"][0]) == ()
    assert reviewer.current_item_id == inbox["ada"][0]
    assert reviewer.window.verdict_panel.anchored.count() == 1  # its comment is back as a draft
    reviewer.focus_panes()
    reviewer.press("z", Qt.KeyboardModifier.ControlModifier)
    reviewer.wait_for_ops()
    assert "No verdict to undo" in reviewer.status_text()


def test_ctrl_z_in_the_comment_field_undoes_typing_not_the_verdict(
    make_review_window: ReviewFactory, review_dir: Path, inbox: dict[str, list[str]]
) -> None:
    reviewer = make_review_window(review_dir)
    reviewer.focus_panes()
    reviewer.press("a")
    reviewer.wait_for_ops()
    panel = reviewer.window.verdict_panel
    panel.comment.setFocus()
    reviewer.qtbot.keyClicks(panel.comment, "typo")
    reviewer.qtbot.keyClick(panel.comment, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    reviewer.wait_for_ops()
    assert panel.comment_text() == ""
    assert len(reviewer.verdicts_on(inbox["ada"][0])) == 1
    reviewer.window.actions_by_name["undo_verdict"].trigger()  # the menu item works from anywhere
    reviewer.wait_for_ops()
    assert reviewer.verdicts_on(inbox["ada"][0]) == ()


def test_without_a_signing_key_a_verdict_is_refused_with_a_pointer(
    make_review_window: ReviewFactory,
    tmp_path: Path,
    message_boxes: list[tuple[str, str]],
) -> None:
    from tests.gui.reviewer.conftest import fill_inbox

    data_dir = tmp_path / "no-key"
    data_dir.mkdir()
    fill_inbox(data_dir)
    reviewer = make_review_window(data_dir)
    reviewer.focus_panes()
    reviewer.press("a")
    reviewer.wait_for_ops()
    assert reviewer.context.store.verdicts.all() == []
    assert message_boxes and "Preferences" in message_boxes[-1][1]
    assert reviewer.current_item_id is not None
    for box in reviewer.window.findChildren(QMessageBox):
        box.close()


def test_a_failed_write_keeps_the_draft_and_says_so(
    make_review_window: ReviewFactory,
    review_dir: Path,
    inbox: dict[str, list[str]],
    message_boxes: list[tuple[str, str]],
    monkeypatch: object,
) -> None:
    from workstation.core.store import StoreError
    from workstation.core.store.verdicts import VerdictQueries

    def full_disk(_self: object, _verdict: object) -> None:
        raise StoreError("the disk is full")

    reviewer = make_review_window(review_dir)
    reviewer.select("rewrite", "look at")
    reviewer.comment_on_selection("Keep me.")
    monkeypatch.setattr(VerdictQueries, "add", full_disk)  # type: ignore[attr-defined]
    reviewer.focus_panes()
    reviewer.press("a")
    reviewer.wait_for_ops()
    assert any("disk is full" in text for _title, text in message_boxes)
    assert reviewer.queue_cell(inbox["ada"][0], 2) == ""
    reviewer.open_item(inbox["ada"][0])
    assert reviewer.window.verdict_panel.anchored.count() == 1
