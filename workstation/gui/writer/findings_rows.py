"""The Findings dock's rows: rebuilt only where the list changed, and built a screenful at a time.

A writer types in one place, so the findings before and after it are the same rows as before:
only the rows between the unchanged head and tail of the list are rebuilt. A new task lists up
to hundreds of findings; building them all at once held typing up (~50 ms at 50,000 words), so
the first ``ROWS_PER_TURN`` are built at once and the rest in later turns of the event loop.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QTreeWidgetItem

from workstation.core.prose.findings import Finding
from workstation.gui.common.plain_text import shown_line, tooltip

SpanRole = Qt.ItemDataRole.UserRole + 10  # set on rows that stand for a finding
LEVEL_MARK = {"error": "●", "warning": "▲", "suggestion": "○"}
SNIPPET_CHARS = 40
ROWS_PER_TURN = 40  # about a screenful of the dock, built in ~2 ms

Listing = tuple[tuple[str, str, str], ...]  # (rule, level, matched) of each listed finding


def _snippet(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= SNIPPET_CHARS else flat[: SNIPPET_CHARS - 1] + "…"


def finding_row(finding: Finding) -> QTreeWidgetItem:
    mark = LEVEL_MARK.get(finding.level, "•")
    item = QTreeWidgetItem([f"{mark} “{_snippet(finding.matched)}” — {shown_line(finding.message)}"])
    item.setToolTip(0, tooltip(f"{finding.level}: {finding.message}\n{finding.rule}", multiline=True))
    item.setData(0, SpanRole, True)
    return item


class FindingRows(QObject):
    """Keeps groups of rows in step with their findings, ``limit`` rows per group at most."""

    def __init__(self, limit: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.limit = limit
        self._later: list[tuple[QTreeWidgetItem, int, Finding]] = []  # rows still to insert, in order
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._build_some)

    @property
    def filling(self) -> bool:
        """Rows are still being built in the turns to come."""
        return bool(self._later)

    def finish(self) -> None:
        """Build every row still to come, now."""
        self._timer.stop()
        later, self._later = self._later, []
        for group, index, finding in later:
            group.insertChild(index, finding_row(finding))

    def replace_changed(
        self, group: QTreeWidgetItem, old: Listing, new: Listing, findings: tuple[Finding, ...]
    ) -> None:
        """Make ``group``'s rows show ``new`` (the listing of ``findings``) where they showed
        ``old`` (call :meth:`finish` first), keeping the rows of the common head and tail."""
        head = 0
        while head < len(old) and head < len(new) and old[head] == new[head]:
            head += 1
        tail = 0
        while tail < len(old) - head and tail < len(new) - head and old[-1 - tail] == new[-1 - tail]:
            tail += 1
        if group.childCount() > len(old):  # the "… and N more" line
            group.takeChild(len(old))
        for _ in range(len(old) - tail - head):
            group.takeChild(head)
        middle = findings[head : len(new) - tail]
        group.insertChildren(head, [finding_row(f) for f in middle[:ROWS_PER_TURN]])
        self._later.extend((group, head + n, f) for n, f in enumerate(middle) if n >= ROWS_PER_TURN)
        if len(findings) > self.limit:
            more = QTreeWidgetItem([f"… and {len(findings) - self.limit} more (all are underlined)"])
            more.setFlags(Qt.ItemFlag.ItemIsEnabled)
            group.addChild(more)
        if self._later:
            self._timer.start()

    def _build_some(self) -> None:
        batch, self._later = self._later[:ROWS_PER_TURN], self._later[ROWS_PER_TURN:]
        for group, index, finding in batch:
            group.insertChild(index, finding_row(finding))
        if self._later:
            self._timer.start()
