"""Submission integrity as a writer meets it: the incomplete-rubric question (or refusal), the
"edited after submit" mark, sealed work as its own state in the queue, and the confirmation of
what a seal put where."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.gui.conftest import DriverFactory
from tests.gui.test_outbox_gui import submit_two
from tests.gui.writer_driver import WriterDriver
from workstation.core.models import IncompleteRubric, RewriteStatus, Rubric
from workstation.core.store import Store

ALL_FIVE = (
    "5 of 5 rubric questions are unanswered: Natural voice, Concision, Faithful to the prompt, "
    "Tone fit, Formatting fit."
)
EDITED_STATUS = "Status: Submitted · edited after submit — submit again to confirm"


@dataclass
class Questions:
    """Every blocking message box: its words and buttons, answered with the button named ``answer``
    (OK when there is no such button)."""

    answer: str = "Go back"
    asked: list[dict[str, Any]] = field(default_factory=list)


@pytest.fixture
def questions(monkeypatch: pytest.MonkeyPatch) -> Questions:
    seen = Questions()

    def answer(box: QMessageBox) -> int:
        buttons = {button.text(): box.standardButton(button) for button in box.buttons()}
        default = box.defaultButton()
        seen.asked.append(
            {
                "title": box.windowTitle(),
                "text": box.text(),
                "buttons": sorted(buttons),
                "default": default.text() if default is not None else None,
            }
        )
        return int(buttons.get(seen.answer, QMessageBox.StandardButton.Ok))

    monkeypatch.setattr(QMessageBox, "exec", answer)
    return seen


def set_project_rules(data_dir: Path, **update: object) -> None:
    """Change the demo project's settings as a new project file would (before the window opens)."""
    with Store(data_dir) as store:
        (name,) = store.projects.names()
        project = store.projects.get(name)
        assert project is not None
        store.projects.save(project.model_copy(update=update))


# ---------------------------------------------------------------------- the incomplete rubric
def test_warn_asks_and_go_back_keeps_the_task_and_points_at_the_first_unanswered(
    make_window: DriverFactory, demo_dir: Path, questions: Questions
) -> None:
    writer = make_window(demo_dir)
    writer.replace_rewrite("Our new hours start on Monday.")
    writer.submit(rubric_question=True)
    (asked,) = questions.asked
    assert asked == {
        "title": "Rubric not finished",
        "text": f"{ALL_FIVE} Submit anyway?",
        "buttons": ["Go back", "Submit anyway"],
        "default": "Go back",  # Enter never submits by accident
    }
    assert writer.current_task_id == "demo-001"
    assert writer.rubric_question_with_focus() == "naturalness"
    writer.wait_saved()
    assert writer.stored_rewrite("demo-001").status is RewriteStatus.DRAFT  # type: ignore[union-attr]

    for criterion, value in (("naturalness", 2), ("concision", 3), ("faithfulness", 4)):
        writer.rate(criterion, value)
    writer.click_submit_button()
    assert questions.asked[-1]["text"] == (
        "2 of 5 rubric questions are unanswered: Tone fit, Formatting fit. Submit anyway?"
    )
    assert writer.current_task_id == "demo-001" and writer.rubric_question_with_focus() == "tone"


def test_warn_submit_anyway_submits_and_moves_on(
    make_window: DriverFactory, demo_dir: Path, questions: Questions
) -> None:
    questions.answer = "Submit anyway"
    writer = make_window(demo_dir)
    writer.replace_rewrite("Our new hours start on Monday.")
    writer.press_ctrl_return(rubric_question=True)
    assert [q["title"] for q in questions.asked] == ["Rubric not finished"]
    assert writer.current_task_id == "demo-002"
    assert writer.stored_rewrite("demo-001").status is RewriteStatus.SUBMITTED  # type: ignore[union-attr]


def test_block_refuses_with_the_sentence_and_points_at_the_question(
    make_window: DriverFactory, demo_dir: Path, questions: Questions
) -> None:
    set_project_rules(demo_dir, incomplete_rubric=IncompleteRubric.BLOCK)
    questions.answer = "Submit anyway"  # there is no such button: nothing to choose
    writer = make_window(demo_dir)
    writer.replace_rewrite("Our new hours start on Monday.")
    for criterion in ("naturalness", "concision", "faithfulness", "formatting"):
        writer.rate(criterion, 3)
    writer.submit(rubric_question=True)
    (asked,) = questions.asked
    assert asked["title"] == "Rubric not finished" and asked["buttons"] == ["OK"]
    assert asked["text"] == (
        "1 of 5 rubric questions is unanswered: Tone fit. This project asks for every rubric "
        "question to be answered before a rewrite is submitted."
    )
    assert writer.current_task_id == "demo-001" and writer.rubric_question_with_focus() == "tone"
    writer.wait_saved()
    assert writer.stored_rewrite("demo-001").status is RewriteStatus.DRAFT  # type: ignore[union-attr]

    writer.rate("tone", 5)
    writer.submit(rubric_question=True)
    assert len(questions.asked) == 1 and writer.current_task_id == "demo-002"


def test_a_complete_rubric_submits_without_a_word(
    make_window: DriverFactory, demo_dir: Path, questions: Questions
) -> None:
    set_project_rules(demo_dir, incomplete_rubric=IncompleteRubric.BLOCK)
    writer = make_window(demo_dir)
    writer.replace_rewrite("Our new hours start on Monday.")
    for criterion in ("naturalness", "concision", "faithfulness", "tone", "formatting"):
        writer.rate(criterion, 4)
    writer.submit(rubric_question=True)
    assert questions.asked == [] and writer.current_task_id == "demo-002"


def test_a_project_without_a_rubric_submits_without_a_word(
    make_window: DriverFactory, demo_dir: Path, questions: Questions
) -> None:
    set_project_rules(demo_dir, rubric=Rubric(), incomplete_rubric=IncompleteRubric.BLOCK)
    writer = make_window(demo_dir)
    writer.replace_rewrite("Our new hours start on Monday.")
    writer.submit(rubric_question=True)
    assert questions.asked == [] and writer.current_task_id == "demo-002"


# ---------------------------------------------------------------------- edited after submit
def test_editing_a_submitted_task_is_marked_until_it_is_submitted_again(
    make_window: DriverFactory, demo_dir: Path
) -> None:
    writer = make_window(demo_dir)
    submit_two(writer)
    assert writer.open_task("demo-001")
    assert writer.status_text() == "Status: Submitted"
    assert not writer.queue.edited_after_submit("demo-001")

    writer.type_at_start("Still: ")
    assert writer.status_text() == EDITED_STATUS  # at the first keystroke
    writer.wait_saved()
    stored = writer.stored_rewrite("demo-001")
    assert stored is not None and stored.status is RewriteStatus.SUBMITTED and stored.edited_after_submit
    assert writer.queue.edited_after_submit("demo-001") and writer.queue.status("demo-001") == "submitted"
    assert writer.queue.row_text("demo-001").startswith("demo-001  · Edited after submit\n")  # type: ignore[union-attr]

    writer.submit()
    assert writer.stored_rewrite("demo-001").edited_after_submit is None  # type: ignore[union-attr]
    assert writer.queue.edited_after_submit("demo-001") is False
    assert writer.queue.row_text("demo-001").startswith("demo-001\n")  # type: ignore[union-attr]
    assert writer.open_task("demo-001") and writer.status_text() == "Status: Submitted"


def test_a_rating_or_a_note_changed_after_submit_marks_it_too(
    make_window: DriverFactory, demo_dir: Path
) -> None:
    writer = make_window(demo_dir)
    submit_two(writer)
    for task_id, change in (
        ("demo-001", lambda: writer.rate("tone", 2)),
        ("demo-002", lambda: writer.write_notes("n")),
    ):
        assert writer.open_task(task_id)
        change()
        writer.wait_saved()
        assert writer.queue.edited_after_submit(task_id), task_id
        assert writer.status_text() == EDITED_STATUS


def test_moving_around_a_submitted_task_is_no_edit(make_window: DriverFactory, demo_dir: Path) -> None:
    writer = make_window(demo_dir)
    submit_two(writer)
    assert writer.open_task("demo-001")
    writer.move_cursor_to_end()
    writer.wait_saved()
    assert writer.open_task("demo-002") and writer.open_task("demo-001")
    assert writer.stored_rewrite("demo-001").edited_after_submit is None  # type: ignore[union-attr]
    assert writer.status_text() == "Status: Submitted"


# ---------------------------------------------------------------------- sealing
def test_a_seal_takes_only_confirmed_work_and_says_what_went_where(
    writer_with_key: WriterDriver, tmp_path: Path
) -> None:
    writer = writer_with_key
    submit_two(writer)
    assert writer.open_task("demo-002")
    writer.type_at_start("Polished: ")
    writer.wait_saved()

    result = writer.outbox.seal()

    assert result.record_count == 1 and result.unconfirmed == 1
    assert writer.stored_rewrite("demo-001").sealed_bundle_id == result.bundle_id  # type: ignore[union-attr]
    assert writer.stored_rewrite("demo-002").sealed_bundle_id is None  # type: ignore[union-attr]
    assert writer.outbox.confirmation is not None
    title, text = writer.outbox.confirmation
    assert title == "Work sealed"
    assert text.split("\n\n") == [
        f"Sealed 1 rewrite into bundle {result.bundle_id[:19]}…, number 1 of your signed chain.",
        "It waits in the outbox. No upload target is set: choose one in Preferences ▸ Identity & "
        "upload, or export the bundle from the outbox (View ▸ Outbox).",
        "1 submitted rewrite was edited after submit and waits until you submit it again.",
    ]

    writer.submit()  # demo-002 is still open: confirm it
    writer.set_upload_target((tmp_path / "usb").as_uri())
    again = writer.outbox.seal()
    assert again.record_count == 1 and again.unconfirmed == 0
    assert writer.outbox.confirmation is not None
    paragraphs = writer.outbox.confirmation[1].split("\n\n")
    assert (
        paragraphs[0]
        == f"Sealed 1 rewrite into bundle {again.bundle_id[:19]}…, number 2 of your signed chain."
    )
    assert paragraphs[1].startswith(
        f"It waits in the outbox and goes to {(tmp_path / 'usb').as_uri()} as soon"
    )
    assert len(paragraphs) == 2  # nothing left behind


def test_with_only_edited_work_nothing_is_sealed_and_the_writer_hears_why(
    writer_with_key: WriterDriver,
) -> None:
    writer = writer_with_key
    writer.replace_rewrite("Only this.")
    writer.submit()
    assert writer.open_task("demo-001")
    writer.type_at_start("Hm. ")
    writer.wait_saved()
    writer.outbox.start_seal()
    assert not writer.outbox.sealing and writer.outbox.rows() == []
    assert writer.status_message() == (
        "Nothing to seal: 1 submitted rewrite was edited after submit and waits until you submit it again."
    )


def test_sealed_work_has_its_own_state_filter_and_read_only_editor(writer_with_key: WriterDriver) -> None:
    writer = writer_with_key
    submit_two(writer)
    result = writer.outbox.seal()
    writer.replace_rewrite("A third, submitted and not sealed.")
    writer.submit()
    choices = writer.queue.filter_choices()
    assert choices[choices.index("Submitted") + 1] == "Sealed"

    assert writer.queue.status("demo-001") == "sealed" and writer.queue.status("demo-003") == "submitted"
    assert writer.queue.spoken_label("demo-001") == "demo-001, Sealed"
    writer.queue.filter("sealed")
    assert writer.queue.listed_ids() == ["demo-001", "demo-002"]
    writer.queue.filter("submitted")
    assert writer.queue.listed_ids() == ["demo-003"]

    writer.queue.filter("sealed")
    assert writer.open_task("demo-002")
    assert writer.is_read_only()
    assert writer.status_text() == (
        f"Status: Sealed\nSealed in signed bundle {result.bundle_id[:19]}…; read-only, because a "
        "sealed record never changes."
    )
