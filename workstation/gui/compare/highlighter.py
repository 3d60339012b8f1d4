"""Paints precomputed spans onto a text document, in named layers (diff, lint, spelling, …).

Data, then paint: spans arrive already cut into lines (blocks) with UTF-16 offsets — computed
on the analysis worker for the big layers (:mod:`workstation.core.text.line_spans`) — so the
GUI thread only compares each block's ranges with the ones it shows and re-highlights the
blocks that really changed. Those on screen are painted at once; the rest follow in slices of
at most ``SLICE_S`` from a zero-delay timer, so a 50,000-word text never holds up typing.

While the writer types, the spans move with the text (:mod:`workstation.core.text.line_edits`)
before Qt re-highlights the edited block, so no mark slides off its words while the next
analysis is on its way.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import pairwise

from PySide6.QtCore import QTimer
from PySide6.QtGui import QSyntaxHighlighter, QTextCharFormat, QTextDocument

from workstation.core.text.line_edits import LineEdit, follow_edit, renumber_lines
from workstation.core.text.line_spans import LineSpans, cut_at_lines

BlockSpans = LineSpans  # block number -> ((UTF-16 offset, length), ...)
VisibleBlocks = Callable[[], tuple[int, int]]  # first and last block number on screen

SLICE_S = 0.004
"""Seconds of re-highlighting off-screen blocks per turn of the event loop (well under a frame)."""


class LayeredHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, visible_blocks: VisibleBlocks | None = None) -> None:
        # Attached after connecting: this highlighter must move its spans with an edit before
        # Qt re-highlights the edited block (slots run in the order they were connected).
        super().__init__(None)  # type: ignore[call-overload]  # no parent: attached below
        self._order: list[str] = []
        self._formats: dict[str, QTextCharFormat] = {}
        self._blocks: dict[str, BlockSpans] = {}
        self._batch_depth = 0
        self._pending: set[int] = set()  # blocks whose painted formats lag their spans
        self._block_starts: list[int] | None = None
        self._block_count = document.blockCount()
        self.visible_blocks = visible_blocks
        self._preloaded = False  # spans set for a text about to replace the whole document
        self._replacing = False
        self._slicer = QTimer(self)
        self._slicer.setSingleShot(True)
        self._slicer.setInterval(0)
        self._slicer.timeout.connect(self._paint_slice)
        document.contentsChange.connect(self._follow_edit)
        self.setDocument(document)

    # ----- layers and their spans
    def define_layer(self, name: str, fmt: QTextCharFormat) -> None:
        """Add a layer or change its format; later layers paint over earlier ones."""
        if name not in self._order:
            self._order.append(name)
            self._blocks[name] = {}
        self._formats[name] = fmt
        self._mark_changed(self._blocks[name].keys())

    def set_spans(self, name: str, spans: Iterable[tuple[int, int]]) -> None:
        """Replace a layer's spans (document positions, UTF-16, end exclusive)."""
        text_end = self.document().characterCount() - 1  # excludes the final paragraph separator
        self.set_block_spans(name, cut_at_lines(spans, self._starts(), text_end))

    def set_block_spans(self, name: str, blocks: BlockSpans) -> None:
        """Replace a layer's spans, already cut into blocks (see ``cut_at_lines``)."""
        old = self._blocks.get(name, {})
        if blocks == old:
            return
        self._blocks[name] = blocks
        # A plan shares the tuples of the lines it did not change (see reuse_equal): "is" first.
        self._mark_changed(
            n
            for n in blocks.keys() | old.keys()
            if (new := blocks.get(n)) is not (was := old.get(n)) and new != was
        )

    def spans_in_block(self, name: str, block_number: int) -> tuple[tuple[int, int], ...]:
        return self._blocks.get(name, {}).get(block_number, ())

    def layer_spans(self) -> dict[str, BlockSpans]:
        """Every layer's spans by block (blocks without spans left out), for a look at the whole."""
        return {name: {n: spans for n, spans in self._blocks[name].items() if spans} for name in self._order}

    def preload(self, name: str, blocks: BlockSpans) -> None:
        """Spans for the text about to replace the whole document (see :meth:`replacing_text`):
        Qt paints them while it lays the new text out, so opening a task costs no second pass."""
        self._blocks[name] = blocks
        self._preloaded = True

    @contextmanager
    def replacing_text(self) -> Iterator[None]:
        """The document's whole text is replaced inside: every span is dropped, except those
        preloaded for the new text."""
        if not self._preloaded:
            self.forget_all()
        self._replacing = True
        try:
            yield
        finally:
            self._replacing = False
            self._preloaded = False
            self._pending.clear()
            self._block_starts = None
            self._block_count = self.document().blockCount()

    def forget_all(self) -> None:
        """Drop every span without repainting: call just before the whole text is replaced,
        which re-highlights every block anyway."""
        for name in self._order:
            self._blocks[name] = {}
        self._pending.clear()
        self._slicer.stop()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Set several layers, then re-highlight each changed block once (not once per layer)."""
        self._batch_depth += 1
        try:
            yield
        finally:
            self._batch_depth -= 1
            if self._batch_depth == 0:
                self._paint_visible()

    # ----- repainting what changed: on screen now, the rest a slice at a time
    @property
    def pending_blocks(self) -> int:
        """Blocks whose formats are still to be brought up to date with their spans."""
        return len(self._pending)

    def paint_pending_now(self) -> None:
        """Bring every block up to date at once (before a screenshot or a test looks)."""
        self._slicer.stop()
        pending, self._pending = self._pending, set()
        self._rehighlight(sorted(pending))

    def _mark_changed(self, numbers: Iterable[int]) -> None:
        self._pending.update(numbers)
        if not self._batch_depth:
            self._paint_visible()

    def _on_screen(self) -> tuple[int, int]:
        if self.visible_blocks is None:
            return 0, self._block_count - 1
        return self.visible_blocks()

    def _paint_visible(self) -> None:
        if not self._pending:
            return
        first, last = self._on_screen()
        shown = sorted(n for n in self._pending if first <= n <= last)
        self._pending.difference_update(shown)
        self._rehighlight(shown)
        if self._pending:
            self._slicer.start()

    def _paint_slice(self) -> None:
        """One slice of off-screen blocks, nearest the screen first; blocks scrolled into view
        since the last slice go first of all."""
        deadline = time.perf_counter() + SLICE_S
        first, last = self._on_screen()
        order = sorted(
            self._pending, key=lambda n: 0 if first <= n <= last else min(abs(n - first), abs(n - last))
        )
        document = self.document()
        for number in order:
            self._pending.discard(number)
            block = document.findBlockByNumber(number)
            if block.isValid():
                self.rehighlightBlock(block)
            if time.perf_counter() >= deadline:
                break
        if self._pending:
            self._slicer.start()

    def _rehighlight(self, numbers: Iterable[int]) -> None:
        document = self.document()
        for number in numbers:
            block = document.findBlockByNumber(number)
            if block.isValid():
                self.rehighlightBlock(block)

    # ----- following the text as it is edited
    def _starts(self) -> list[int]:
        """Start position of every block, cached until the text changes."""
        if self._block_starts is None:
            starts = []
            block = self.document().firstBlock()
            while block.isValid():
                starts.append(block.position())
                block = block.next()
            self._block_starts = starts
        return self._block_starts

    def _follow_edit(self, position: int, removed: int, added: int) -> None:
        if not (removed or added) or self._replacing:
            return
        self._block_starts = None
        document = self.document()
        count = document.blockCount()
        grown, self._block_count = count - self._block_count, count
        first = document.findBlock(position)
        tail = document.findBlock(position + added)
        if not first.isValid() or not tail.isValid():
            return
        new_lines = tail.blockNumber() - first.blockNumber()
        edit = LineEdit(
            line=first.blockNumber(),
            offset=position - first.position(),
            removed=removed,
            added=added,
            old_lines=new_lines - grown,
            new_lines=new_lines,
            tail_offset=position + added - tail.position(),
        )
        if edit.old_lines < 0:  # not a real edit of this text (the document was reset)
            return
        for name in self._order:
            self._blocks[name] = follow_edit(self._blocks[name], edit)
        if self._pending:
            self._pending = renumber_lines(self._pending, edit)

    # ----- painting one block
    def highlightBlock(self, text: str) -> None:
        """Paint this block's spans: where layers overlap, later layers merge over earlier ones."""
        number = self.currentBlock().blockNumber()
        present = [
            (rank, spans)
            for rank, name in enumerate(self._order)
            if (spans := self._blocks[name].get(number))
        ]
        if not present:
            return
        if len(present) == 1:  # one layer: its spans share one format, overlaps need no merging
            rank, spans = present[0]
            fmt = self._formats[self._order[rank]]
            for offset, length in spans:
                self.setFormat(offset, length, fmt)
            return
        marks = [(offset, offset + length, rank) for rank, spans in present for offset, length in spans]
        cuts = sorted({point for offset, end, _rank in marks for point in (offset, end)})
        for left, right in pairwise(cuts):
            active = sorted(rank for offset, end, rank in marks if offset <= left and right <= end)
            if not active:
                continue
            fmt = QTextCharFormat(self._formats[self._order[active[0]]])
            for rank in active[1:]:
                fmt.merge(self._formats[self._order[rank]])
            self.setFormat(left, right - left, fmt)
