"""The whole loop through both windows: a writer seals, a reviewer audits and signs a revision
request, the writer imports it and finds the task back in the queue with the comment anchored."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.gui.reviewer.conftest import ReviewFactory
from tests.gui.writer_driver import WriterDriver

COMMENT = "Say what actually changes for the reader."


def test_a_revision_request_goes_from_the_review_window_back_to_the_writers_queue(
    qtbot: QtBot,
    writer_with_key: WriterDriver,
    make_review_window: ReviewFactory,
    review_dir: Path,
    tmp_path: Path,
    yes_to_questions: list[tuple[str, str]],
) -> None:
    writer = writer_with_key
    revised = writer.current_task_id
    assert revised is not None
    writer.type_over_everything("Our new hours start on Monday, so the late shift ends at nine.")
    writer.submit()
    accepted = writer.current_task_id
    assert accepted is not None and accepted != revised
    writer.type_over_everything("Thanks, that works for me.")
    writer.submit()
    sealed = writer.outbox.seal()
    delivered = tmp_path / "usb" / "ada-1.zip"
    delivered.parent.mkdir()
    delivered.write_bytes(sealed.data)

    reviewer = make_review_window(review_dir)
    assert reviewer.window.opener.receive_sources([str(delivered.parent)])
    qtbot.waitUntil(lambda: reviewer.context.store.inbox.count() == 2, timeout=20_000)
    reviewer.wait_for_ops()
    items = {item.task_id: item.item_id for item in reviewer.context.store.inbox.items()}
    reviewer.open_item(items[revised])
    reviewer.select("rewrite", "the late shift ends at nine")
    reviewer.comment_on_selection(COMMENT)
    reviewer.press_verdict_with_reason("r")
    reviewer.open_item(items[accepted])
    reviewer.focus_panes()
    reviewer.press("a")
    reviewer.wait_for_ops()
    assert reviewer.window.sealer.seal()
    qtbot.waitUntil(lambda: not reviewer.window.sealer.sealing, timeout=10_000)
    reviewer.wait_for_ops()
    (row,) = [row for row in reviewer.context.store.outbox.rows() if row.kind == "verdicts"]
    verdicts_file = tmp_path / "verdicts.zip"
    verdicts_file.write_bytes(reviewer.context.store.outbox.get_bytes(row.bundle_id))

    outcome = writer.verdicts.import_files(verdicts_file)

    assert outcome.reopened == (revised,) and outcome.refused == ()
    assert writer.verdicts.marked_for_revision(revised) and not writer.verdicts.marked_for_revision(accepted)
    writer.open_task(revised)
    assert not writer.is_read_only()
    assert "Revisions requested — Rita Reviewer" in writer.verdicts.panel_text()
    assert writer.verdicts.highlighted() == ["the late shift ends at nine"]
    assert any(COMMENT in line for line in writer.verdicts.anchored_items())
    writer.open_task(accepted)
    assert writer.is_read_only() and "Accepted — Rita Reviewer" in writer.verdicts.panel_text()
