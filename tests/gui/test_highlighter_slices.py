"""The highlighter paints the blocks on screen at once and the rest a slice at a time, keeps the
spans on their words through edits, and keeps spans set for a new text through its loading."""

from __future__ import annotations

from PySide6.QtGui import QColor, QTextCharFormat
from pytestqt.qtbot import QtBot

from workstation.gui.compare.text_pane import TextPane

LINES = 400


def _pane(qtbot: QtBot) -> TextPane:
    pane = TextPane()
    qtbot.addWidget(pane)
    pane.resize(500, 200)
    pane.show()
    pane.set_text("\n".join(f"line {n} has a marked word" for n in range(LINES)))
    marked = QTextCharFormat()
    marked.setBackground(QColor("yellow"))
    pane.highlighter.define_layer("mark", marked)
    return pane


def _painted_blocks(pane: TextPane) -> set[int]:
    blocks = set()
    block = pane.document().firstBlock()
    while block.isValid():
        if block.layout().formats():
            blocks.add(block.blockNumber())
        block = block.next()
    return blocks


def _mark_every_line(pane: TextPane) -> None:
    pane.highlighter.set_block_spans("mark", {n: ((len(f"line {n} has a "), 6),) for n in range(LINES)})


def test_blocks_on_screen_are_painted_at_once_and_the_rest_soon_after(qtbot: QtBot) -> None:
    pane = _pane(qtbot)
    first, last = pane.visible_blocks()
    _mark_every_line(pane)
    painted = _painted_blocks(pane)
    assert set(range(first, last + 1)) <= painted
    assert len(painted) < LINES, "off-screen blocks wait for the idle slices"
    qtbot.waitUntil(lambda: pane.highlighter.pending_blocks == 0, timeout=5000)
    assert _painted_blocks(pane) == set(range(LINES))


def test_blocks_scrolled_into_view_are_painted_before_the_others(qtbot: QtBot) -> None:
    pane = _pane(qtbot)
    _mark_every_line(pane)
    pane.verticalScrollBar().setValue(pane.verticalScrollBar().maximum() // 2)
    qtbot.wait(1)
    first, last = pane.visible_blocks()
    pane.highlighter._paint_slice()  # one slice
    assert set(range(first, last + 1)) <= _painted_blocks(pane)


def test_typing_moves_the_marks_of_the_line_and_renumbers_the_lines_below(qtbot: QtBot) -> None:
    pane = _pane(qtbot)
    _mark_every_line(pane)
    pane.highlighter.paint_pending_now()
    cursor = pane.textCursor()
    cursor.setPosition(pane.document().findBlockByNumber(10).position())
    cursor.insertText("new\nfirst ")
    assert pane.highlighter.spans_in_block("mark", 10) == ()  # "new" holds no mark yet
    for number in (11, 12, LINES):  # line 10 went on after "first "; the others moved down
        block = pane.document().findBlockByNumber(number)
        ((offset, length),) = pane.highlighter.spans_in_block("mark", number)
        assert block.text()[offset : offset + length] == "marked", number


def test_spans_preloaded_for_a_new_text_survive_its_loading_and_no_others_do(qtbot: QtBot) -> None:
    pane = _pane(qtbot)
    _mark_every_line(pane)
    pane.highlighter.preload("mark", {1: ((0, 3),)})
    pane.set_text("abc\ndef ghi")
    assert pane.highlighter.layer_spans() == {"mark": {1: ((0, 3),)}}
    assert [(f.start, f.length) for f in pane.document().findBlockByNumber(1).layout().formats()] == [(0, 3)]
    pane.set_text("something else")
    assert pane.highlighter.layer_spans() == {"mark": {}}


def test_undo_of_a_paste_brings_the_marks_back_to_their_words(qtbot: QtBot) -> None:
    pane = _pane(qtbot)
    _mark_every_line(pane)
    cursor = pane.textCursor()
    cursor.setPosition(pane.document().findBlockByNumber(3).position() + 2)
    cursor.insertText("pasted\ntext\n")
    pane.undo()
    block = pane.document().findBlockByNumber(5)
    ((offset, length),) = pane.highlighter.spans_in_block("mark", 5)
    assert block.text()[offset : offset + length] == "marked"
