"""Showing one inbox item for audit: prompt, the two texts as a word diff (the writer's compare
panes, read-only), lint marks on both sides and the facts beside them.

The texts come from the item's sealed record. The diff of a pair up to the compare panes' limit is
painted at once; lint (and a longer pair's diff) arrives from the analysis worker and is dropped
if the reviewer has moved on, exactly as in the writer's window. Texts never change under a
reviewer, so the item the reviewer will most likely open next is analysed ahead on the worker
(:meth:`AuditView.prefetch`); opening it then paints its diff and lint without computing them.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal

from workstation.core.analysis.analyser import Analyser, Analysis
from workstation.core.analysis.comparison import Comparison
from workstation.core.prose.engine import Linter
from workstation.core.review.items import ItemDetail
from workstation.core.review.judging import UnreadableItem, item_detail
from workstation.core.store.inbox import UnknownItem
from workstation.gui.common.background import BackgroundRunner
from workstation.gui.common.plain_text import shown_line
from workstation.gui.common.style_packs import disabled_categories, load_pack
from workstation.gui.compare.context_view import ContextView
from workstation.gui.compare.diff_refresher import DiffRefresher
from workstation.gui.compare.diff_view import DiffView
from workstation.gui.compare.lint_marks import PaneMarks, define_lint_layers
from workstation.gui.compare.text_pane import TextPane, display_text
from workstation.gui.context import AppContext
from workstation.gui.reviewer.item_facts import ItemFacts

WRITER_NAME_CHARS = 60
PREFETCHED_ITEMS = 3
"""Analyses kept for items not yet opened (the next one or two in the queue)."""
_READ_ONLY_FLAGS = (
    Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
)


def make_read_only(pane: TextPane) -> None:
    """A pane the reviewer reads, selects in (mouse or keyboard) and copies from, but never edits."""
    pane.setReadOnly(True)
    pane.setTextInteractionFlags(_READ_ONLY_FLAGS)
    pane.setPlaceholderText("")


class AuditView(QObject):
    """Puts an item into the context view, the diff view and the facts; paints its analysis."""

    item_loaded = Signal(object)  # ItemDetail, after both panes show it
    item_failed = Signal(str, str)  # item id, one sentence
    analysis_painted = Signal(object)  # Analysis

    def __init__(
        self,
        context: AppContext,
        context_view: ContextView,
        diff_view: DiffView,
        facts: ItemFacts,
        runner: BackgroundRunner,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self.context_view = context_view
        self.diff_view = diff_view
        self.facts = facts
        self.detail: ItemDetail | None = None
        for pane in (diff_view.original_pane, diff_view.rewrite_pane):
            make_read_only(pane)
        diff_view.original_title.setText("Original (model output)")
        diff_view.rewrite_pane.setAccessibleName("The writer's rewrite")
        pack = load_pack(context.settings, context.spelling)
        self.analyser = Analyser(Linter(pack, disabled_categories(context.settings, pack)))
        self.original_marks = PaneMarks(diff_view.original_pane)
        self.rewrite_marks = PaneMarks(diff_view.rewrite_pane)
        self.define_mark_layers()
        diff_view.original_pane.tooltip_provider = self.original_marks.tooltip
        diff_view.rewrite_pane.tooltip_provider = self.rewrite_marks.tooltip
        diff_view.task_replaced.connect(self._forget_marks)
        self.refresher = DiffRefresher(runner, diff_view.pane_texts, self.analyser, self)
        self.refresher.release_on(diff_view.original_pane.painted, diff_view.rewrite_pane.painted)
        self.refresher.analysis_ready.connect(self.paint_analysis)
        self.refresher.diff_ready.connect(self.paint_comparison)
        self._runner = runner
        self._prefetched: dict[str, Analysis] = {}
        self._prefetching: set[str] = set()
        self._closed = False

    # ----- opening an item
    def open_item(self, item_id: str) -> bool:
        """Show ``item_id``; False (and ``item_failed``) if the inbox lacks it or cannot read it."""
        try:
            detail = item_detail(self._context.store, item_id)
        except (UnknownItem, UnreadableItem) as exc:
            self.clear()
            self.item_failed.emit(item_id, str(exc))
            return False
        self.detail = detail
        bundle = self._context.store.inbox.bundle(detail.item.bundle_id)
        self.context_view.show_task(detail.task)
        writer = shown_line(detail.item.writer_name, WRITER_NAME_CHARS)
        self.diff_view.rewrite_title.setText(f"Rewrite by {writer}")
        self.diff_view.load(detail.task.original, detail.rewrite.text, 0)
        self.facts.show_item(detail, bundle)
        ready = self._prefetched.pop(item_id, None)
        if ready is not None and (ready.original_text, ready.rewrite_text) == self.current_texts():
            self.paint_analysis(ready)
        else:
            self.refresher.refresh_now(diff_first=True)
        self.item_loaded.emit(detail)
        return True

    def prefetch(self, item_id: str | None) -> None:
        """Analyse ``item_id``'s texts on the worker so opening it later paints at once."""
        if item_id is None or self._closed or item_id in self._prefetched or item_id in self._prefetching:
            return
        try:
            detail = item_detail(self._context.store, item_id)
        except (UnknownItem, UnreadableItem):
            return  # opening it will say why
        original, rewrite = display_text(detail.task.original), display_text(detail.rewrite.text)
        self._prefetching.add(item_id)
        self._runner.submit(
            lambda _job: self.analyser.analyse(original, rewrite),
            on_done=lambda analysis: self._keep_prefetched(item_id, analysis),
            on_error=lambda _error: self._prefetching.discard(item_id),  # opening analyses it again
        )

    def _keep_prefetched(self, item_id: str, analysis: Analysis) -> None:
        self._prefetching.discard(item_id)
        if self._closed:
            return
        self._prefetched[item_id] = analysis
        while len(self._prefetched) > PREFETCHED_ITEMS:
            del self._prefetched[next(iter(self._prefetched))]

    def forget_prefetched(self) -> None:
        """The linter changed: analyses made ahead with the old one are no longer right."""
        self._prefetched.clear()

    def refresh_verdicts(self) -> None:
        """The verdicts on the open item changed: read them again (texts stay as they are)."""
        if self.detail is not None:
            verdicts = self._context.store.verdicts.for_rewrite(self.detail.item.item_id)
            self.detail = ItemDetail(
                item=self.detail.item,
                task=self.detail.task,
                rewrite=self.detail.rewrite,
                record=self.detail.record,
                verdicts=verdicts,
            )

    def clear(self) -> None:
        self.detail = None
        self.context_view.show_task(None)
        self.diff_view.rewrite_title.setText("Rewrite")
        self.diff_view.load("", "", 0)
        self.facts.show_item(None, None)

    # ----- painting
    def current_texts(self) -> tuple[str, str]:
        return self.diff_view.original_pane.text(), self.diff_view.rewrite_pane.text()

    def paint_analysis(self, analysis: Analysis) -> None:
        original, rewrite = self.current_texts()
        if analysis.original_text != original or analysis.rewrite_text != rewrite:
            return  # the reviewer moved on; this item's analysis is stale
        view = self.diff_view
        with view.original_pane.highlighter.batch(), view.rewrite_pane.highlighter.batch():
            if analysis.comparison is not view.comparison:
                view.apply(analysis.comparison)
            self.original_marks.paint(original, analysis.original.findings)
            self.rewrite_marks.paint(rewrite, analysis.rewrite.findings)
        self.analysis_painted.emit(analysis)

    def paint_comparison(self, comparison: Comparison) -> None:
        if (comparison.original, comparison.rewrite) == self.current_texts():
            self.diff_view.apply(comparison)

    def _forget_marks(self) -> None:
        self.original_marks.forget()
        self.rewrite_marks.forget()

    def define_mark_layers(self) -> None:
        for pane in (self.diff_view.original_pane, self.diff_view.rewrite_pane):
            define_lint_layers(pane, self.diff_view.colors)

    def shutdown(self) -> None:
        self._closed = True
        self._prefetched.clear()
        self.refresher.shutdown()
