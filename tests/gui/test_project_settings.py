"""File ▸ Load project settings: a data team's project file becomes the project's settings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.gui.conftest import DriverFactory
from workstation.core.models import IncompleteRubric
from workstation.gui.writer import file_commands


def choose_file(monkeypatch: pytest.MonkeyPatch, path: Path | None) -> None:
    """The open-file dialog answers with ``path`` (None: the writer cancels)."""
    answer = (str(path), "") if path is not None else ("", "")
    monkeypatch.setattr(file_commands.QFileDialog, "getOpenFileName", lambda *_args, **_kw: answer)


def test_a_project_file_sets_language_and_rubric_rule_of_the_open_project(
    make_window: DriverFactory, demo_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    writer = make_window(demo_dir)
    name = writer.stored_task(writer.current_task_id or "").project  # type: ignore[union-attr]
    path = tmp_path / "project.json"
    path.write_text(
        json.dumps(
            {
                "name": name,
                "guidelines": "Write for a UK client.",
                "language": "en-GB",
                "incomplete_rubric": "block",
            }
        ),
        encoding="utf-8",
    )
    choose_file(monkeypatch, path)
    with writer.wait_for_event("store_changed"):
        writer.trigger("load_project")
    qtbot.waitUntil(lambda: "en-GB" in writer.status_message())
    assert "submitting with questions unanswered is refused" in writer.status_message()
    project = writer.context.store.projects.get(name)
    assert project is not None and project.language == "en-GB"
    assert project.incomplete_rubric is IncompleteRubric.BLOCK
    assert project.guidelines == "Write for a UK client."


def test_a_bad_project_file_changes_nothing_and_says_why(
    make_window: DriverFactory,
    demo_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: list[tuple[str, str]],
) -> None:
    writer = make_window(demo_dir)
    names = writer.context.store.projects.names()
    before = [writer.context.store.projects.get(name) for name in names]
    path = tmp_path / "project.json"
    path.write_text('{"name": "x", "langauge": "en-GB"}', encoding="utf-8")
    choose_file(monkeypatch, path)
    writer.trigger("load_project")
    writer.drain_operations()
    assert message_boxes[-1][0] == "Project settings not loaded"
    assert "Nothing was changed" in message_boxes[-1][1] and "langauge" in message_boxes[-1][1]
    assert writer.context.store.projects.names() == names
    assert [writer.context.store.projects.get(name) for name in names] == before


def test_cancelling_the_file_choice_does_nothing(
    make_window: DriverFactory,
    demo_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: list[tuple[str, str]],
) -> None:
    writer = make_window(demo_dir)
    choose_file(monkeypatch, None)
    with writer.recording_store_changes() as changes:
        writer.trigger("load_project")
        writer.drain_operations()
    assert changes == [] and message_boxes == []
