"""Paints precomputed spans onto a text document, in named layers (diff, lint, spelling, …).

Data, then paint: the spans come from ``workstation.core`` already converted to the document's
UTF-16 positions. Spans are filed under the block they fall in, with block-relative offsets, so an
update re-highlights only the blocks whose marks really changed — typing in one paragraph does not
repaint the other ninety-nine.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QSyntaxHighlighter, QTextCharFormat, QTextDocument

BlockSpans = dict[int, tuple[tuple[int, int], ...]]  # block number -> ((start, length), ...)


class LayeredHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._order: list[str] = []
        self._formats: dict[str, QTextCharFormat] = {}
        self._blocks: dict[str, BlockSpans] = {}

    def define_layer(self, name: str, fmt: QTextCharFormat) -> None:
        """Add a layer or change its format; later layers paint over earlier ones."""
        if name not in self._order:
            self._order.append(name)
            self._blocks[name] = {}
        self._formats[name] = fmt
        self._rehighlight_blocks(self._blocks[name].keys())

    def layer_names(self) -> list[str]:
        return list(self._order)

    def set_spans(self, name: str, spans: Iterable[tuple[int, int]]) -> None:
        """Replace a layer's spans (document positions, UTF-16, end exclusive)."""
        document = self.document()
        new_blocks: dict[int, list[tuple[int, int]]] = {}
        character_count = document.characterCount()
        for start, end in spans:
            start = max(0, start)
            end = min(end, character_count - 1)
            if end <= start:
                continue
            block = document.findBlock(start)
            while block.isValid() and block.position() < end:
                block_start = block.position()
                block_end = block_start + block.length() - 1
                lo, hi = max(start, block_start), min(end, block_end)
                if hi > lo:
                    new_blocks.setdefault(block.blockNumber(), []).append((lo - block_start, hi - lo))
                block = block.next()
        frozen = {number: tuple(items) for number, items in new_blocks.items()}
        old = self._blocks.get(name, {})
        self._blocks[name] = frozen
        changed = {n for n in frozen.keys() | old.keys() if frozen.get(n) != old.get(n)}
        self._rehighlight_blocks(changed)

    def spans_in_block(self, name: str, block_number: int) -> tuple[tuple[int, int], ...]:
        return self._blocks.get(name, {}).get(block_number, ())

    def clear_all(self) -> None:
        for name in self._order:
            self._blocks[name] = {}
        self.rehighlight()

    def _rehighlight_blocks(self, numbers: Iterable[int]) -> None:
        document = self.document()
        for number in sorted(numbers):
            block = document.findBlockByNumber(number)
            if block.isValid():
                self.rehighlightBlock(block)

    def highlightBlock(self, text: str) -> None:
        number = self.currentBlock().blockNumber()
        for name in self._order:
            spans = self._blocks[name].get(number)
            if not spans:
                continue
            fmt = self._formats[name]
            for offset, length in spans:
                if fmt.hasProperty(QTextCharFormat.Property.TextUnderlineStyle) or fmt.hasProperty(
                    QTextCharFormat.Property.FontStrikeOut
                ):
                    self._merge_format(offset, length, fmt)
                else:
                    self.setFormat(offset, length, fmt)

    def _merge_format(self, offset: int, length: int, fmt: QTextCharFormat) -> None:
        """Underlines and strike-outs keep the background painted by an earlier layer."""
        run_start = offset
        current = self.format(offset)
        for position in range(offset + 1, offset + length + 1):
            here = self.format(position) if position < offset + length else None
            if here is None or here != current:
                merged = QTextCharFormat(current)
                merged.merge(fmt)
                self.setFormat(run_start, position - run_start, merged)
                run_start = position
                if here is not None:
                    current = here
