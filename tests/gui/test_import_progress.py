"""The import's progress window: it appears at once, shows a percentage that only grows and ends
at 100, and its Cancel works while reading, parsing, writing and indexing, leaving the store as it
was."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.gui.task_files import write_tasks
from workstation.core.store import ImportProgress, ImportResult, ImportStage, Store
from workstation.core.store.importer import BATCH_SIZE
from workstation.gui.common import sizes
from workstation.gui.dialogs.import_progress import ImportProgressDialog, stage_sentence
from workstation.gui.writer.transfers import ImportOutcome

ROWS = 20_000
HOLD_S = 20.0
SHOWN_WITHIN_MS = 1000
"""The window appears :data:`sizes.PROGRESS_SHOW_AFTER_MS` after the start; this allows for a
loaded test machine, and is still four times sooner than the old window's four seconds."""


class StageGate:
    """Holds the import on the store thread at the first progress report that matches, until the
    test lets it go, so the test can press Cancel in exactly that stage."""

    def __init__(self, condition: Callable[[ImportProgress], bool]) -> None:
        self.condition = condition
        self.reached = threading.Event()
        self.released = threading.Event()
        self.heard: list[ImportProgress] = []

    def around(self, real: Callable[..., Any]) -> Callable[..., Any]:
        def gated(store: Store, path: Path, **kwargs: Any) -> Any:
            forward = kwargs["on_progress"]

            def on_progress(progress: ImportProgress) -> None:
                self.heard.append(progress)
                forward(progress)
                if not self.reached.is_set() and self.condition(progress):
                    self.reached.set()
                    if not self.released.wait(HOLD_S):
                        raise TimeoutError("the test never let the held import go")

            return real(store, path, **{**kwargs, "on_progress": on_progress})

        return gated


def store_as_the_writer_sees_it(writer) -> tuple[object, ...]:  # type: ignore[no-untyped-def]
    stats = writer.store_stats()
    return writer.task_count(), writer.queue.size(), sorted(stats["projects"]), stats["tasks"]


@pytest.mark.parametrize(
    ("phase", "condition"),
    [
        ("reading", lambda p: p.stage is ImportStage.READING),
        ("parsing", lambda p: p.stage is ImportStage.WRITING and p.records < BATCH_SIZE),
        ("writing", lambda p: p.stage is ImportStage.WRITING and p.records >= 3 * BATCH_SIZE),
        ("indexing", lambda p: p.stage is ImportStage.INDEXING),
    ],
)
def test_cancel_in_each_phase_leaves_the_store_as_it_was(
    qtbot, make_window, demo_dir: Path, tmp_path: Path, monkeypatch, message_boxes, phase: str, condition
) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)
    before = store_as_the_writer_sees_it(writer)
    gate = StageGate(condition)
    monkeypatch.setattr(Store, "import_file", gate.around(Store.import_file))
    big = write_tasks(tmp_path / "big.jsonl", ROWS)
    with writer.transfers.wait_for_import(timeout=30_000) as blocker:
        started = time.monotonic()
        writer.transfers.start_import([big], "Big")
        qtbot.waitUntil(gate.reached.is_set, timeout=10_000)
        dialog = writer.transfers.progress_dialog()
        assert dialog is not None
        qtbot.waitUntil(dialog.isVisible, timeout=SHOWN_WITHIN_MS)
        assert time.monotonic() - started < 2 * SHOWN_WITHIN_MS / 1000
        assert dialog.cancel_button.isEnabled()
        writer.transfers.press_cancel_in_progress_window()
        assert dialog.label.text() == "Cancelling… nothing from this file will be added."
        assert not dialog.cancel_button.isEnabled()  # pressed once; it cannot be un-pressed
        gate.released.set()
    outcome = blocker.args[0]
    assert outcome.cancelled and outcome.added == 0
    assert outcome.summary() == "big.jsonl: cancelled; nothing from this file was added"
    assert store_as_the_writer_sees_it(writer) == before
    assert "Big" not in writer.store_stats()["projects"]
    qtbot.waitUntil(lambda: ("Import cancelled", outcome.summary()) in message_boxes, timeout=3000)
    assert writer.transfers.progress_dialog() is None and not writer.transfers.import_running()
    # The same file imports whole afterwards: the cancel left nothing half-done behind.
    writer.transfers.close_report()
    again = writer.transfers.import_files([big], "Big", timeout=60_000)
    assert again.added == ROWS and writer.task_count() == before[0] + ROWS


def test_the_window_shows_a_percentage_that_only_grows_and_reaches_100(
    qtbot, make_window, demo_dir: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)
    first = write_tasks(tmp_path / "first.jsonl", ROWS // 2)
    second = write_tasks(tmp_path / "second.jsonl", ROWS)
    second.write_text(second.read_text(encoding="utf-8").replace('"imp-', '"two-'), encoding="utf-8")
    shown: list[int] = []
    with writer.transfers.wait_for_import(timeout=60_000) as blocker:
        writer.transfers.start_import([first, second], "Big")
        dialog = writer.transfers.progress_dialog()
        assert dialog is not None and not dialog.isVisible()  # not before its short delay
        dialog.bar.valueChanged.connect(shown.append)
        qtbot.waitUntil(dialog.isVisible, timeout=SHOWN_WITHIN_MS + sizes.PROGRESS_SHOW_AFTER_MS)
        qtbot.waitUntil(lambda: "Importing" in dialog.label.text(), timeout=10_000)
        assert dialog.bar.format() == "%p%" and dialog.bar.isTextVisible()
    assert blocker.args[0].added == ROWS + ROWS // 2
    assert shown == sorted(shown) and shown[-1] == 100
    assert len(shown) >= 10  # it moves in steps over both files, at the window's pace
    halfway = [value for value in shown if 20 <= value <= 45]
    assert halfway, shown  # the first file is a third of the bytes: the bar passes through there


def test_a_new_stage_shows_at_once_and_the_rest_at_the_windows_pace(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = ImportProgressDialog()
    qtbot.addWidget(dialog)
    painted: list[int] = []
    dialog.bar.valueChanged.connect(painted.append)

    def writing(records: int, fraction: float) -> ImportProgress:
        return ImportProgress("/data/big.jsonl", ImportStage.WRITING, records, fraction)

    dialog.show_progress(writing(1_000, 0.10))
    assert dialog.percent == 10 and dialog.label.text() == "Importing big.jsonl: 1,000 tasks read…"
    started = time.monotonic()
    dialog.show_progress(writing(2_000, 0.20))
    dialog.show_progress(writing(3_000, 0.30))
    assert dialog.percent == 10  # two reports within the pace: neither is painted yet
    # The newest is shown once the pace has passed; the one between is never painted.
    qtbot.waitUntil(lambda: dialog.percent == 30, timeout=2000)
    assert time.monotonic() - started >= sizes.PROGRESS_REPAINT_MS / 1000 * 0.9
    assert dialog.label.text() == "Importing big.jsonl: 3,000 tasks read…"
    dialog.show_progress(ImportProgress("/data/big.jsonl", ImportStage.INDEXING, 3_000, 0.85))
    assert dialog.percent == 85  # a new stage at once, even within the pace
    assert dialog.label.text() == "Indexing the 3,000 tasks of big.jsonl for search…"
    assert painted == [10, 30, 85]
    assert dialog.cancel_button.isEnabled() == ImportStage.INDEXING.cancellable


def test_the_indexing_stage_is_said_in_words() -> None:
    progress = ImportProgress("/data/big.jsonl", ImportStage.INDEXING, 20_000, 0.8)
    assert stage_sentence(progress) == "Indexing the 20,000 tasks of big.jsonl for search…"


def test_the_window_appears_without_taking_the_keys_from_the_writer(
    qtbot, make_window, demo_dir: Path, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """The writer goes back to the rewrite while the import runs: the progress window that comes
    up a moment later must not take the keyboard, or the next space would press its Cancel.

    The offscreen platform gives every window it shows the focus, so there the test can only
    check that the window asks to be shown without it; on a real screen it checks the keys."""
    gate = StageGate(lambda p: p.stage is ImportStage.WRITING)
    monkeypatch.setattr(Store, "import_file", gate.around(Store.import_file))
    writer = make_window(demo_dir)
    before = store_as_the_writer_sees_it(writer)
    with writer.transfers.wait_for_import(timeout=60_000) as blocker:
        writer.transfers.start_import([write_tasks(tmp_path / "big.jsonl", ROWS)], "Big")
        dialog = writer.transfers.progress_dialog()
        assert dialog is not None
        writer.press_key(Qt.Key.Key_End)  # back in the rewrite, typing on
        qtbot.waitUntil(dialog.isVisible, timeout=SHOWN_WITHIN_MS + sizes.PROGRESS_SHOW_AFTER_MS)
        assert dialog.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        qtbot.waitUntil(gate.reached.is_set, timeout=10_000)
        if QGuiApplication.platformName() != "offscreen":
            assert QApplication.focusWidget() is writer.window.diff_view.rewrite_pane
            for key in (Qt.Key.Key_Space, Qt.Key.Key_Return):  # would press a focused Cancel
                QTest.keyClick(writer.window.windowHandle(), key)
            assert not dialog.cancelled
        gate.released.set()
    assert blocker.args[0].added == ROWS and not blocker.args[0].cancelled
    assert store_as_the_writer_sees_it(writer)[0] == before[0] + ROWS
    # Done: told in the status line, with no window in the way of the next keys.
    assert QApplication.activeModalWidget() is None
    assert writer.status_message() == f"Imported {ROWS:,} tasks from big.jsonl"
    typed_before = writer.rewrite_text()
    writer.press_key(Qt.Key.Key_X)
    assert len(writer.rewrite_text()) == len(typed_before) + 1  # the key went to the rewrite


def test_a_good_import_is_one_short_line_for_the_status_bar() -> None:
    def result(name: str, added: int, present: int) -> ImportResult:
        return ImportResult(f"/data/{name}", added, present, (), 0)

    one = ImportOutcome((result("batch.jsonl", 4000, 0),), cancelled=False)
    assert one.went_in_whole and one.done_sentence() == "Imported 4,000 tasks from batch.jsonl"
    again = ImportOutcome((result("a.jsonl", 1, 12), result("b.csv", 0, 1200)), cancelled=False)
    assert again.done_sentence() == "Imported 1 task from 2 files (1,212 already there)"
    odd = ImportOutcome((result("line\nbreak.jsonl", 2, 0),), cancelled=False)
    assert "\n" not in odd.done_sentence()
    bad = ImportOutcome((ImportResult("/data/x.jsonl", 0, 0, ("x.jsonl:1: bad",), 1),), cancelled=False)
    assert not bad.went_in_whole
    assert not ImportOutcome((result("c.jsonl", 5, 0),), cancelled=True).went_in_whole
    assert not ImportOutcome((), cancelled=False).went_in_whole
