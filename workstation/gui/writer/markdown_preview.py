"""View ▸ Preview Markdown: the rewrite rendered as Markdown in a read-only dock, as the writer types.

Most model output is Markdown; a writer fixing a list or a table wants to see it as the reader
will. The rewrite is still untrusted text, so the preview keeps the text-safety rules of the
guidelines dock (:class:`~workstation.gui.writer.guidelines_dock.SafeMarkdownBrowser`):

- raw HTML is never rendered: Qt's ``MarkdownNoHTML`` dialect shows a ``<script>`` or an
  ``<img src=…>`` as the characters the writer typed;
- nothing is loaded from anywhere: every image, local or remote, is a small placeholder square;
- a link is shown but never followed, not even after a question: clicking it does nothing, and
  hovering it shows where it points (as plain text), so a ``javascript:`` or ``file:`` target is
  visible and harmless.

Rendering waits :data:`DEBOUNCE_MS` after the last keystroke and happens only while the dock is
shown; a hidden dock catches up when it is shown again, and a new theme renders it again (link
colours come from the palette). The reading position is kept across renders, so the preview
does not jump to the top while the writer types.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QTimer, QUrl
from PySide6.QtWidgets import QDockWidget, QWidget

from workstation.gui.common.plain_text import tooltip
from workstation.gui.writer.guidelines_dock import SafeMarkdownBrowser

DEBOUNCE_MS = 300
"""Milliseconds after the last change before the preview renders again."""

EMPTY_PREVIEW = "_Nothing to preview: the rewrite is empty._"


class MarkdownPreviewDock(QDockWidget):
    """A read-only rendering of the text ``source`` returns, refreshed by :meth:`schedule`."""

    def __init__(self, source: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__("Markdown preview", parent)
        self.setObjectName("markdownPreviewDock")
        self._source = source
        self.browser = SafeMarkdownBrowser()
        self.browser.setAccessibleName("Markdown preview of your rewrite")
        self.browser.highlighted.connect(self._show_link_target)
        self.setWidget(self.browser)
        self._stale = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.render_now)
        self.visibilityChanged.connect(self._on_visibility_changed)

    def schedule(self) -> None:
        """The rewrite changed: render it once the writer pauses (only while the dock is shown)."""
        self._stale = True
        if self.isVisible():
            self._timer.start()

    def set_shown(self, shown: bool) -> None:
        """Show the dock in front of any dock it shares tabs with, or hide it."""
        self.setVisible(shown)
        if shown:
            self.raise_()

    @property
    def is_stale(self) -> bool:
        """True while the rendering lags behind the rewrite."""
        return self._stale

    def render_now(self) -> None:
        """Render the current rewrite, keeping the reading position."""
        self._timer.stop()
        if not self.isVisible():
            return
        text = self._source()
        bar = self.browser.verticalScrollBar()
        position = bar.value()
        self.browser.set_markdown(text if text.strip() else EMPTY_PREVIEW)
        bar.setValue(min(position, bar.maximum()))
        self._stale = False

    def changeEvent(self, event: QEvent) -> None:
        """A new theme: render again, since links take their colour from the palette when rendered."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.schedule()

    def _on_visibility_changed(self, visible: bool) -> None:
        if visible and self._stale:
            self.render_now()

    def _show_link_target(self, url: QUrl) -> None:
        """Hovering a link shows its target, as plain text; leaving it clears the tooltip."""
        target = url.toString()
        self.browser.setToolTip(tooltip(f"Link to {target} (links are not opened here)" if target else ""))
