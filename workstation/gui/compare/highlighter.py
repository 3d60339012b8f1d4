"""Paints precomputed spans onto a text document, in named layers (diff, lint, spelling, …).

Data, then paint: the spans come from ``workstation.core`` already converted to the document's
UTF-16 positions. Spans are filed under the block they fall in, with block-relative offsets, so an
update re-highlights only the blocks whose marks really changed — typing in one paragraph does not
repaint the other ninety-nine.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import pairwise

from PySide6.QtGui import QSyntaxHighlighter, QTextCharFormat, QTextDocument

BlockSpans = dict[int, tuple[tuple[int, int], ...]]  # block number -> ((start, length), ...)


class LayeredHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._order: list[str] = []
        self._formats: dict[str, QTextCharFormat] = {}
        self._blocks: dict[str, BlockSpans] = {}
        self._batch_depth = 0
        self._pending: set[int] = set()
        self._block_starts: list[int] | None = None
        document.contentsChange.connect(self._forget_block_starts)

    def _forget_block_starts(self, _position: int, removed: int, added: int) -> None:
        if removed or added:
            self._block_starts = None

    def _starts(self) -> list[int]:
        """Start position of every block, cached until the text changes (spans are placed by bisect)."""
        if self._block_starts is None:
            starts = []
            block = self.document().firstBlock()
            while block.isValid():
                starts.append(block.position())
                block = block.next()
            self._block_starts = starts
        return self._block_starts

    def define_layer(self, name: str, fmt: QTextCharFormat) -> None:
        """Add a layer or change its format; later layers paint over earlier ones."""
        if name not in self._order:
            self._order.append(name)
            self._blocks[name] = {}
        self._formats[name] = fmt
        self._rehighlight_blocks(self._blocks[name].keys())

    def set_spans(self, name: str, spans: Iterable[tuple[int, int]]) -> None:
        """Replace a layer's spans (document positions, UTF-16, end exclusive)."""
        starts = self._starts()
        text_end = self.document().characterCount() - 1  # excludes the final paragraph separator
        new_blocks: dict[int, list[tuple[int, int]]] = {}
        last = len(starts) - 1
        for start, end in spans:
            if start < 0:
                start = 0
            if end > text_end:
                end = text_end
            if end <= start:
                continue
            number = bisect_right(starts, start) - 1
            block_start = starts[number]
            block_end = starts[number + 1] - 1 if number < last else text_end
            if end <= block_end:  # the usual case: the span lies inside one block
                new_blocks.setdefault(number, []).append((start - block_start, end - start))
                continue
            while number < len(starts) and starts[number] < end:
                block_start = starts[number]
                block_end = starts[number + 1] - 1 if number + 1 < len(starts) else text_end
                lo, hi = max(start, block_start), min(end, block_end)
                if hi > lo:
                    new_blocks.setdefault(number, []).append((lo - block_start, hi - lo))
                number += 1
        frozen = {number: tuple(items) for number, items in new_blocks.items()}
        old = self._blocks.get(name, {})
        self._blocks[name] = frozen
        changed = {n for n in frozen.keys() | old.keys() if frozen.get(n) != old.get(n)}
        self._rehighlight_blocks(changed)

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Set several layers, then re-highlight each changed block once (not once per layer)."""
        self._batch_depth += 1
        try:
            yield
        finally:
            self._batch_depth -= 1
            if self._batch_depth == 0 and self._pending:
                pending, self._pending = self._pending, set()
                self._rehighlight_blocks(pending)

    def spans_in_block(self, name: str, block_number: int) -> tuple[tuple[int, int], ...]:
        return self._blocks.get(name, {}).get(block_number, ())

    def forget_all(self) -> None:
        """Drop every span without repainting: call just before the whole text is replaced,
        which re-highlights every block anyway."""
        for name in self._order:
            self._blocks[name] = {}
        self._pending.clear()

    def _rehighlight_blocks(self, numbers: Iterable[int]) -> None:
        if self._batch_depth:
            self._pending.update(numbers)
            return
        document = self.document()
        for number in sorted(numbers):
            block = document.findBlockByNumber(number)
            if block.isValid():
                self.rehighlightBlock(block)

    def highlightBlock(self, text: str) -> None:
        """Paint this block's spans: where layers overlap, later layers merge over earlier ones."""
        number = self.currentBlock().blockNumber()
        marks: list[tuple[int, int, int]] = []  # (offset, end, layer rank)
        for rank, name in enumerate(self._order):
            for offset, length in self._blocks[name].get(number, ()):
                marks.append((offset, offset + length, rank))
        if not marks:
            return
        if len(marks) == 1:
            offset, end, rank = marks[0]
            self.setFormat(offset, end - offset, self._formats[self._order[rank]])
            return
        cuts = sorted({point for offset, end, _rank in marks for point in (offset, end)})
        for left, right in pairwise(cuts):
            active = sorted(rank for offset, end, rank in marks if offset <= left and right <= end)
            if not active:
                continue
            fmt = QTextCharFormat(self._formats[self._order[active[0]]])
            for rank in active[1:]:
                fmt.merge(self._formats[self._order[rank]])
            self.setFormat(left, right - left, fmt)
