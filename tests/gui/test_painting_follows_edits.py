"""What the panes paint after edits, pastes and undo is what a fresh open of the same text paints;
a task opened while the last one is still being analysed never shows that one's marks."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCharFormat

from tests.benchmarks.editor_bench_data import prepare_data_dir, text_pair
from tests.gui.conftest import DriverFactory
from tests.gui.writer_driver import WriterDriver
from workstation.core.analysis.analyser import Marks
from workstation.gui.compare.text_pane import TextPane

Painted = tuple[dict[str, Any], list[tuple[int, int, int, str]]]


def _look(fmt: QTextCharFormat) -> str:
    """What a format shows: background, underline style and colour."""
    background = fmt.background().color().name() if fmt.background().style() != Qt.BrushStyle.NoBrush else "-"
    return f"{background}/{fmt.underlineStyle().name}/{fmt.underlineColor().name()}"


def painted(pane: TextPane) -> Painted:
    """A pane's spans by layer, and the formats Qt really holds in each block's layout."""
    pane.highlighter.paint_pending_now()
    formats = []
    block = pane.document().firstBlock()
    while block.isValid():
        for piece in block.layout().formats():
            formats.append((block.blockNumber(), piece.start, piece.length, _look(piece.format)))
        block = block.next()
    return pane.highlighter.layer_spans(), sorted(formats)


def both(writer: WriterDriver) -> tuple[Painted, Painted]:
    view = writer.window.diff_view
    return painted(view.original_pane), painted(view.rewrite_pane)


def reopened(writer: WriterDriver) -> tuple[Painted, Painted]:
    """What a fresh open of the same texts paints."""
    task_id = writer.current_task_id
    assert task_id is not None
    with writer.wait_for_analysis(timeout=10_000):
        writer.window.editor.open_task(task_id, force=True)
    return both(writer)


@pytest.mark.parametrize("where", ["worker", "gui thread"])
def test_marks_after_typing_pasting_and_undo_equal_those_of_a_fresh_open(
    make_window: DriverFactory, demo_dir: Path, where: str
) -> None:
    writer = make_window(demo_dir)
    if where == "worker":
        writer.analyse_everything_off_thread()
    writer.window.diff_view.rewrite_pane.setFocus()
    with writer.wait_for_analysis(timeout=10_000):
        writer.move_cursor_to_start()
        writer.type("Honestly, ")
    with writer.wait_for_analysis(timeout=10_000):
        writer.press_key(Qt.Key.Key_Return)
        writer.type("A new first line. ")
    with writer.wait_for_analysis(timeout=10_000):
        writer.move_cursor_to_end()
        writer.paste_with_ctrl_v("\n\nA pasted paragraph that leverages the tapestry of synergy.")
    with writer.wait_for_analysis(timeout=10_000):
        writer.undo_in_rewrite()  # the paste
    with writer.wait_for_analysis(timeout=10_000):
        writer.move_cursor_to_start()
        writer.press_key(Qt.Key.Key_Delete)
    after_edits = both(writer)
    assert after_edits[1][0]["diff"], "the rewrite shows inserted words"
    assert after_edits == reopened(writer)


def test_marks_move_with_their_words_while_the_next_analysis_is_on_its_way(
    make_window: DriverFactory, demo_dir: Path
) -> None:
    writer = make_window(demo_dir)
    with writer.wait_for_analysis():
        writer.type_at_start("Brand new words here. ")
    writer.window.editor.refresher.shutdown()  # no analysis comes: only what the edit itself moves
    pane = writer.window.diff_view.rewrite_pane
    layers = pane.highlighter.layer_spans()
    number, spans = next(iter(layers["diff"].items()))
    offset, length = spans[0]
    block = pane.document().findBlockByNumber(number)
    word = block.text()[offset : offset + length]
    cursor = pane.textCursor()
    cursor.setPosition(block.position())
    pane.setTextCursor(cursor)
    writer.type("Well, ")  # before the marked words, in the same block
    moved = pane.highlighter.spans_in_block("diff", number)
    assert word in [block.text()[start : start + size] for start, size in moved]
    shown = [(f.start, f.length) for f in block.layout().formats()]
    assert (offset + len("Well, "), length) in shown


def test_a_task_opened_during_the_last_ones_analysis_never_shows_its_marks(
    make_window: DriverFactory, demo_dir: Path
) -> None:
    writer = make_window(demo_dir)
    writer.analyse_everything_off_thread()
    editor = writer.window.editor
    editor.refresher.sync_diff_threshold = 0  # the diff too comes from the worker
    analyser = writer.window.prose.analyser
    first = writer.current_task_id
    first_texts = editor.current_texts()
    release = threading.Event()
    real_marks = analyser.marks

    def slow_marks(original: str, rewrite: str) -> Marks:
        if (original, rewrite) == first_texts:
            release.wait(10)  # the first task's lint takes its time
        return real_marks(original, rewrite)

    analyser.marks = slow_marks  # type: ignore[method-assign]
    shown_for: list[tuple[str, str]] = []
    for signal, texts in (
        (editor.comparison_painted, lambda c: (c.original, c.rewrite)),
        (editor.marks_painted, lambda _m: editor.current_texts()),
        (editor.analysis_painted, lambda a: (a.original_text, a.rewrite_text)),
    ):
        signal.connect(lambda result, texts=texts: shown_for.append(texts(result)))
    editor.refresher.refresh_now()
    writer.qtbot.waitUntil(lambda: editor.refresher.in_flight == 1)
    second = writer.window.queue_panel.neighbour(first, 1)
    assert second is not None
    writer.open_task(second)
    opened_at = len(shown_for)
    second_texts = editor.current_texts()
    assert second_texts != first_texts
    with writer.wait_for_analysis(timeout=10_000):
        release.set()
    after_switch = shown_for[opened_at:]
    assert after_switch and all(texts == second_texts for texts in after_switch)
    assert both(writer) == reopened(writer)


def test_typing_in_a_50000_word_text_stays_live(make_window: DriverFactory, tmp_path: Path) -> None:
    writer = make_window(_one_task_dir(tmp_path, words=50_000))
    editor = writer.window.editor  # make_window waited for the first analysis of the big pair
    analyser = writer.window.prose.analyser
    release = threading.Event()
    real_marks = analyser.marks

    def held_marks(original: str, rewrite: str) -> Marks:
        release.wait(20)
        return real_marks(original, rewrite)

    analyser.marks = held_marks  # type: ignore[method-assign]
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    pane = writer.window.diff_view.rewrite_pane
    pane.setFocus()
    writer.move_cursor_to_start()
    writer.type("Quick ")
    writer.qtbot.waitUntil(lambda: editor.refresher.in_flight == 1, timeout=10_000)  # held in lint
    before = len(ticks)
    writer.type("brown fox ")  # typed while the worker is busy with the text before it
    writer.qtbot.wait(300)
    assert pane.text().startswith("Quick brown fox ")
    assert len(ticks) > before, "the event loop kept turning while the worker analysed"
    assert editor.refresher.in_flight == 1, "one analysis at a time, not a queue of stale ones"
    timer.stop()
    with writer.wait_for_analysis(timeout=120_000):
        release.set()
    writer.qtbot.waitUntil(lambda: editor.refresher.in_flight == 0, timeout=120_000)
    assert both(writer) == reopened(writer)


def _one_task_dir(tmp_path: Path, *, words: int) -> Path:
    data_dir = tmp_path / "big"
    prepare_data_dir(data_dir, [text_pair(words, seed=5)])
    return data_dir
