"""The two panes side by side (original, rewrite) with the word diff painted on them, change
navigation, synced scrolling, and the inline track-changes view of the same diff.
"""

from __future__ import annotations

from bisect import bisect_right

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QGuiApplication, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QLabel, QSplitter, QStackedWidget, QTextEdit, QVBoxLayout, QWidget

from workstation.core.analysis.comparison import Comparison
from workstation.core.diff import inline_segments
from workstation.core.diff.pane_positions import PanePositions
from workstation.core.text.positions import Utf16Index
from workstation.gui.common import sizes
from workstation.gui.common.linear_wrap import keep_wrap_linear
from workstation.gui.common.plain_text import plain_label
from workstation.gui.common.theme import HighlightColors, highlight_colors
from workstation.gui.compare.find_bar import FindBar
from workstation.gui.compare.pane_plans import CURRENT_LAYER, DIFF_LAYER, DiffPlan, PaneTexts, plan_diff
from workstation.gui.compare.sync_scroll import ScrollSync, scroll_to_position
from workstation.gui.compare.text_pane import TextPane

__all__ = ["CURRENT_LAYER", "DIFF_LAYER", "DiffView"]


def _titled(title: QLabel, body: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(sizes.SPACING // 2)
    layout.addWidget(title)
    layout.addWidget(body, 1)
    return box


class DiffView(QWidget):
    """Emits ``rewrite_edited`` on every change a writer makes to the rewrite pane."""

    rewrite_edited = Signal()
    rewrite_focus_lost = Signal()
    task_replaced = Signal()  # both panes are about to get a new task's text; old marks are gone

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.original_pane = TextPane(read_only=True)
        self.original_pane.setObjectName("originalPane")
        self.original_pane.setAccessibleName("Original model output")
        self.rewrite_pane = TextPane()
        self.rewrite_pane.setObjectName("rewritePane")
        self.rewrite_pane.setAccessibleName("Your rewrite")
        self.rewrite_pane.setPlaceholderText("Write your version here.")
        self.original_title = plain_label("Original")
        self.rewrite_title = plain_label("Your rewrite")
        for label in (self.original_title, self.rewrite_title):
            label.setObjectName("paneTitle")

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(_titled(self.original_title, self.original_pane))
        self.splitter.addWidget(_titled(self.rewrite_title, self.rewrite_pane))

        self.inline_view = QTextEdit()
        self.inline_view.setReadOnly(True)
        self.inline_view.setAcceptRichText(False)
        self.inline_view.setObjectName("inlineView")
        self.inline_view.setAccessibleName("Track changes view")
        self.inline_wrap = keep_wrap_linear(self.inline_view)
        self._inline_title = plain_label("Track changes: deletions struck through, insertions underlined")

        self.stack = QStackedWidget()
        self.stack.addWidget(self.splitter)
        self.stack.addWidget(_titled(self._inline_title, self.inline_view))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.find_bar = FindBar()
        layout.addWidget(self.find_bar)
        self._find_pane = self.rewrite_pane  # the pane last focused: where Find looks

        self._comparison: Comparison | None = None
        self.current_change: int | None = None  # index of the change last jumped to, if any
        self._a_index = Utf16Index("")
        self._b_index = Utf16Index("")
        self._positions: PanePositions | None = None  # the painted comparison's, for scrolling
        self._colors = highlight_colors(self.palette())
        self._define_layers()
        self._sync = ScrollSync(self.original_pane, self.rewrite_pane, self._map_a_to_b, self._map_b_to_a)
        self._loading = False
        self.rewrite_pane.text_edited.connect(self._on_text_changed)
        self.rewrite_pane.focus_lost.connect(self.rewrite_focus_lost)
        for pane in (self.original_pane, self.rewrite_pane):
            pane.focus_gained.connect(lambda pane=pane: self._remember_find_pane(pane))

    # ----- set up and theme
    def _define_layers(self) -> None:
        colors = self._colors
        deleted = QTextCharFormat()
        deleted.setBackground(colors.deleted_bg)
        inserted = QTextCharFormat()
        inserted.setBackground(colors.inserted_bg)
        current = QTextCharFormat()
        current.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        current.setUnderlineColor(colors.lint_warning)
        self.original_pane.highlighter.define_layer(DIFF_LAYER, deleted)
        self.rewrite_pane.highlighter.define_layer(DIFF_LAYER, inserted)
        for pane in (self.original_pane, self.rewrite_pane):
            pane.highlighter.define_layer(CURRENT_LAYER, current)

    def refresh_theme(self, palette: QPalette | None = None) -> None:
        """Recolour every mark after a palette change (the app's palette unless one is given)."""
        self._colors = highlight_colors(palette or QGuiApplication.palette())
        self._define_layers()
        if self.is_inline():
            self._rebuild_inline()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.refresh_theme(self.palette())

    def set_point_size(self, size: int) -> None:
        """The text size of both panes and the track-changes view, in points."""
        for pane in (self.original_pane, self.rewrite_pane):
            pane.set_point_size(size)
        font = self.inline_view.font()
        font.setPointSize(size)
        self.inline_view.setFont(font)

    @property
    def colors(self) -> HighlightColors:
        return self._colors

    # ----- loading a task
    def load(self, original: str, rewrite: str, cursor: int, *, diff: DiffPlan | None = None) -> None:
        """Show a new task; ``cursor`` is a code-point position in the rewrite.

        ``diff`` (planned for the texts as the panes show them, see ``display_text``) is painted
        while the texts are laid out; ``apply_plan`` it afterwards to make it current.
        """
        self._loading = True
        try:
            self._comparison = None
            self._positions = None
            self.current_change = None
            for pane in (self.original_pane, self.rewrite_pane):
                pane.highlighter.forget_all()
            self.task_replaced.emit()
            if diff is not None:
                self.original_pane.highlighter.preload(DIFF_LAYER, diff.deleted)
                self.rewrite_pane.highlighter.preload(DIFF_LAYER, diff.inserted)
            self.original_pane.set_text(original)
            self.rewrite_pane.set_text(rewrite)
            self.rewrite_pane.document().clearUndoRedoStacks()
            index = Utf16Index(self.rewrite_pane.text())
            text_cursor = self.rewrite_pane.textCursor()
            text_cursor.setPosition(index.to_utf16(max(0, min(cursor, len(self.rewrite_pane.text())))))
            self.rewrite_pane.setTextCursor(text_cursor)
            self.rewrite_pane.ensureCursorVisible()
        finally:
            self._loading = False

    def set_rewrite_text(self, text: str) -> None:
        """Replace the rewrite as one undoable edit (reset to original, start from empty)."""
        cursor = self.rewrite_pane.textCursor()
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(text)
        cursor.endEditBlock()
        cursor.setPosition(0)
        self.rewrite_pane.setTextCursor(cursor)

    def rewrite_cursor(self) -> int:
        """The rewrite cursor as a code-point position."""
        index = self.rewrite_pane.utf16_index()
        # Mid-way through setPlainText Qt reports the cursor at -1; clamp to the text.
        position = max(0, min(self.rewrite_pane.textCursor().position(), index.utf16_length))
        return index.to_codepoint(position)

    def _on_text_changed(self) -> None:
        if not self._loading:
            self.rewrite_edited.emit()

    # ----- find and replace
    def _remember_find_pane(self, pane: TextPane) -> None:
        self._find_pane = pane

    def open_find(self, *, replace: bool = False) -> None:
        """Find in the pane last focused (Replace: always the rewrite). The panes must be shown:
        the caller leaves the track-changes view first (its toggle lives in the window)."""
        self.find_bar.open_for(self.rewrite_pane if replace else self._find_pane, replace=replace)

    def find_step(self, step: int) -> None:
        """F3 / Shift+F3: the next or previous match, or the bar opened when there is nothing to find."""
        if self.find_bar.pane is None or not self.find_bar.find_box.text():
            self.open_find()
        elif step > 0:
            self.find_bar.find_next()
        else:
            self.find_bar.find_previous()

    # ----- painting a comparison
    def pane_texts(self) -> PaneTexts:
        """Both texts as shown now, with what the worker needs to cut spans into their blocks."""
        original, rewrite = self.original_pane, self.rewrite_pane
        return PaneTexts(
            original.text(), rewrite.text(), original.soft_line_breaks(), rewrite.soft_line_breaks()
        )

    def apply(self, comparison: Comparison) -> None:
        """Paint a finished comparison; ignored if the panes moved on to other text since."""
        if comparison.original != self.original_pane.text() or comparison.rewrite != self.rewrite_pane.text():
            return
        self.apply_plan(
            plan_diff(comparison, self.original_pane.text_lines(), self.rewrite_pane.text_lines())
        )

    def apply_plan(self, plan: DiffPlan) -> bool:
        """Paint a comparison worked out for painting (see ``plan_diff``); False, and nothing
        painted, if the panes moved on to other text since."""
        comparison = plan.comparison
        if comparison.original != self.original_pane.text() or comparison.rewrite != self.rewrite_pane.text():
            return False
        self._comparison = comparison
        self.current_change = None
        self._positions = plan.positions
        self._a_index, self._b_index = plan.positions.a_index, plan.positions.b_index
        self.original_pane.highlighter.set_block_spans(DIFF_LAYER, plan.deleted)
        self.rewrite_pane.highlighter.set_block_spans(DIFF_LAYER, plan.inserted)
        if self.is_inline():
            self._rebuild_inline()
        return True

    @property
    def comparison(self) -> Comparison | None:
        return self._comparison

    # ----- change navigation
    def goto_change(self, step: int) -> bool:
        """Move to the next (``step=1``) or previous (``-1``) change after the rewrite cursor."""
        if self._comparison is None:
            return False
        changes = self._comparison.diff.changes()
        if not changes:
            return False
        here = self.rewrite_cursor()
        starts = [c.b_start for c in changes]
        if step > 0:
            index = bisect_right(starts, here)
            if index >= len(changes):
                index = 0  # wrap around to the first change
        else:
            index = bisect_right(starts, here) - 1
            if index >= 0 and starts[index] == here:
                index -= 1
            if index < 0:
                index = len(changes) - 1
        return self.show_change_number(index)

    def show_change_number(self, index: int) -> bool:
        """Mark change ``index`` (0-based) on both panes and scroll both to it; False if none."""
        changes = self._comparison.diff.changes() if self._comparison is not None else ()
        if not 0 <= index < len(changes):
            return False
        chunk = changes[index]
        self.current_change = index
        self._show_change(chunk.a_start, chunk.a_end, chunk.b_start, chunk.b_end)
        return True

    def _show_change(self, a_start: int, a_end: int, b_start: int, b_end: int) -> None:
        a_span = (self._a_index.to_utf16(a_start), self._a_index.to_utf16(a_end))
        b_span = (self._b_index.to_utf16(b_start), self._b_index.to_utf16(b_end))
        self.original_pane.highlighter.set_spans(CURRENT_LAYER, [a_span])
        self.rewrite_pane.highlighter.set_spans(CURRENT_LAYER, [b_span])
        cursor = self.rewrite_pane.textCursor()
        cursor.setPosition(b_span[0])
        self.rewrite_pane.setTextCursor(cursor)
        self.rewrite_pane.ensureCursorVisible()
        scroll_to_position(self.original_pane, a_span[0])
        self.rewrite_pane.setFocus()

    # ----- scroll mapping (UTF-16 positions in, UTF-16 positions out)
    # The comparison may lag the text being typed (its analysis is on its way): PanePositions
    # maps any position, one past the texts it describes from their end.
    def _map_a_to_b(self, position: int) -> int | None:
        return None if self._positions is None else self._positions.a_to_b(position)

    def _map_b_to_a(self, position: int) -> int | None:
        return None if self._positions is None else self._positions.b_to_a(position)

    # ----- inline track-changes view
    def is_inline(self) -> bool:
        return self.stack.currentIndex() == 1

    def set_inline(self, inline: bool) -> None:
        self.stack.setCurrentIndex(1 if inline else 0)
        if inline:
            self._rebuild_inline()
        else:
            self.rewrite_pane.setFocus()

    def _rebuild_inline(self) -> None:
        comparison = self._comparison
        document = self.inline_view.document()
        document.clear()
        if comparison is None:
            return
        plain = QTextCharFormat()
        deleted = QTextCharFormat()
        deleted.setFontStrikeOut(True)
        deleted.setForeground(self._colors.deleted_fg)
        deleted.setBackground(self._colors.deleted_bg)
        inserted = QTextCharFormat()
        inserted.setFontUnderline(True)
        inserted.setForeground(self._colors.inserted_fg)
        inserted.setBackground(self._colors.inserted_bg)
        formats = {"equal": plain, "deleted": deleted, "inserted": inserted}
        self.inline_wrap.expect(comparison.original + "\n" + comparison.rewrite)
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        for segment in inline_segments(comparison.original, comparison.rewrite, comparison.diff):
            cursor.insertText(segment.text, formats[segment.kind])
        cursor.endEditBlock()
