"""The reviewer's window: queue | prompt + diff panes | verdict panel and the item's facts, and a
Batch tab with the charts and the triage list.

Built from the :class:`AppContext` like the writer's window, with its controllers connected in
one visible block, :meth:`ReviewWindow._wire`. Everything shown is read-only and received: the
texts in the writer's compare panes, the rest as plain text. Verdicts and comments are the only
writes, each an operation on the store thread. The Batch tab is summarised again only when the
inbox or the verdicts changed and only while it is in view.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QActionGroup, QCloseEvent
from PySide6.QtWidgets import QMainWindow, QMenu, QScrollArea, QSplitter, QTabWidget, QVBoxLayout, QWidget

from workstation import APP_NAME
from workstation.core.models import Verdict, VerdictKind
from workstation.core.prose.engine import Linter
from workstation.core.review.items import ItemDetail
from workstation.core.review.triage import triage
from workstation.gui.common import sizes
from workstation.gui.common.key_status import install_key_status
from workstation.gui.common.menus import build_theme_menu, check_theme
from workstation.gui.common.plain_text import shown_line
from workstation.gui.common.shortcuts import REVIEW_SHORTCUTS
from workstation.gui.common.style_packs import load_pack
from workstation.gui.common.theme import ThemeChoice
from workstation.gui.compare.context_view import ContextView
from workstation.gui.compare.diff_view import DiffView
from workstation.gui.context import AppContext
from workstation.gui.dialogs.cheatsheet import CheatSheetDialog
from workstation.gui.dialogs.preferences.dialog import ask_preferences
from workstation.gui.operations import Changes
from workstation.gui.reviewer.actions import AUDIT_ONLY_ACTIONS, build_review_actions, build_review_menus
from workstation.gui.reviewer.audit_view import AuditView
from workstation.gui.reviewer.batch_tab import BatchTab
from workstation.gui.reviewer.bundle_opening import BundleOpener
from workstation.gui.reviewer.figures_filler import FiguresFiller
from workstation.gui.reviewer.inbox_queue import InboxQueue
from workstation.gui.reviewer.item_facts import ItemFacts
from workstation.gui.reviewer.queue_filter import OutlierSource
from workstation.gui.reviewer.queue_model import ReviewQueueModel
from workstation.gui.reviewer.queue_panel import ReviewQueuePanel
from workstation.gui.reviewer.verdict_commands import VerdictCommands
from workstation.gui.reviewer.verdict_panel import VerdictPanel
from workstation.gui.reviewer.verdict_sealing import VerdictSealer

SPLITTERS = {"review-main": [310, 620, 350], "review-panes": [500, 500]}
TITLE_ID_CHARS = 40
AUDIT_TAB, BATCH_TAB = 0, 1


class ReviewWindow(QMainWindow):
    closed_for_good = Signal()
    item_opened = Signal(str)  # item id, after the panes show it

    def __init__(self, context: AppContext, *, outliers: OutlierSource = triage) -> None:
        """``outliers`` triages the inbox's items (the outlier filter and the Batch tab's list)."""
        super().__init__()
        self.context = context
        self.setObjectName("reviewWindow")
        self._batch_stale = True
        self._closed = False
        self.queue_model = ReviewQueueModel(self)
        self.queue_panel = ReviewQueuePanel(self.queue_model)
        self.queue = InboxQueue(
            context, self.queue_model, self.queue_panel, outliers, self.current_item_id, self
        )
        self.context_view = ContextView()
        self.diff_view = DiffView()
        self.facts = ItemFacts()
        self.verdict_panel = VerdictPanel()
        self.audit = AuditView(
            context, self.context_view, self.diff_view, self.facts, context.analysis_runner, self
        )
        self.verdicts = VerdictCommands(context, self.audit, self.verdict_panel, self)
        self.opener = BundleOpener(context, self)
        self.sealer = VerdictSealer(context, self)
        self.figures = FiguresFiller(context, self)

        center = QWidget()
        center_layout = QVBoxLayout(center)
        center_layout.setContentsMargins(0, 0, 0, 0)
        center_layout.setSpacing(sizes.SPACING)
        center_layout.addWidget(self.context_view)
        center_layout.addWidget(self.diff_view, 1)
        side_body = QWidget()
        side_layout = QVBoxLayout(side_body)
        side_layout.setContentsMargins(sizes.MARGIN, 0, sizes.MARGIN, sizes.MARGIN)
        side_layout.setSpacing(sizes.SPACING * 2)
        side_layout.addWidget(self.verdict_panel)
        side_layout.addWidget(self.facts)
        side_layout.addStretch(1)
        self.side_panel = QScrollArea()
        self.side_panel.setWidgetResizable(True)
        self.side_panel.setWidget(side_body)
        self.side_panel.setMinimumWidth(sizes.SIDE_PANEL_MIN_WIDTH)
        self.side_panel.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.main_splitter.setObjectName("reviewSplitter")
        for part in (self.queue_panel, center, self.side_panel):
            self.main_splitter.addWidget(part)
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setContentsMargins(sizes.MARGIN, sizes.MARGIN, sizes.MARGIN, 0)
        self.batch_tab = BatchTab()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("reviewTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.main_splitter, "Audit")
        self.tabs.addTab(self.batch_tab, "Batch")
        self.setCentralWidget(self.tabs)

        self.actions_by_name = build_review_actions(self)
        self.theme_group = QActionGroup(self)
        theme_menu = build_theme_menu(self, self.theme_group, context.settings.theme(), context.set_theme)
        build_review_menus(self.menuBar(), self.actions_by_name, {"theme": theme_menu})
        self.key_status = install_key_status(self, context, self.actions_by_name["lock_key"])
        self._wire()
        self._restore_layout()
        self.diff_view.set_point_size(context.settings.font_point_size())
        self.verdicts.show_item(None)  # nothing to judge until an item opens
        self.reload_queue()
        self._set_title(None)

    # ------------------------------------------------------------------ wiring
    def _wire(self) -> None:
        """Every connection between widgets, controllers and the context's events, in one block."""
        a, events, view = self.actions_by_name, self.context.events, self.diff_view
        verdicts, panel, queue = self.verdicts, self.verdict_panel, self.queue_panel

        events.store_changed.connect(self._on_store_changed)
        events.status_message.connect(self._show_message)
        events.theme_changed.connect(self._on_theme_changed)
        events.font_size_changed.connect(view.set_point_size)

        queue.item_requested.connect(self.open_item)
        queue.filter_changed.connect(self.apply_filter)
        self.queue.loaded.connect(self._batch_changed)
        self.queue.failed.connect(lambda sentence: self.context.show_message(sentence, 0))
        self.audit.item_loaded.connect(self._on_item_loaded)
        self.audit.item_failed.connect(lambda _id, sentence: self.context.show_message(sentence, 0))
        panel.verdict_requested.connect(verdicts.give)
        panel.comment_requested.connect(verdicts.comment_on_selection)
        panel.remove_comment_requested.connect(verdicts.remove_comment)
        verdicts.advance_requested.connect(lambda: self.step_item(1))
        verdicts.verdict_recorded.connect(self._on_verdict_recorded)
        verdicts.verdict_undone.connect(self._on_verdict_undone)
        # The receive operation's inbox change reloads the queue; then the new items' figures.
        self.opener.received.connect(lambda _report: self.figures.start())
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.batch_tab.item_activated.connect(self.show_item_from_batch)
        for pane in (view.original_pane, view.rewrite_pane):
            pane.menu_extender = lambda menu, _pos: self._extend_pane_menu(menu)

        a["accept"].triggered.connect(lambda: verdicts.give(VerdictKind.ACCEPT))
        a["revise"].triggered.connect(lambda: verdicts.give(VerdictKind.REVISE))
        a["reject"].triggered.connect(lambda: verdicts.give(VerdictKind.REJECT))
        a["comment_span"].triggered.connect(verdicts.comment_on_selection)
        a["undo_verdict"].triggered.connect(verdicts.undo_last)
        a["seal_verdicts"].triggered.connect(self.sealer.seal)
        a["next_item"].triggered.connect(lambda: self.step_item(1))
        a["previous_item"].triggered.connect(lambda: self.step_item(-1))
        a["next_change"].triggered.connect(self._next_change)
        a["previous_change"].triggered.connect(lambda: view.goto_change(-1))
        a["toggle_inline"].toggled.connect(view.set_inline)
        a["show_batch"].toggled.connect(lambda on: self.tabs.setCurrentIndex(BATCH_TAB if on else AUDIT_TAB))
        a["focus_queue"].triggered.connect(lambda: self._show_audit(queue.table))
        a["focus_panes"].triggered.connect(lambda: self._show_audit(view.rewrite_pane))
        a["focus_comment"].triggered.connect(lambda: self._show_audit(panel.comment))
        a["zoom_in"].triggered.connect(lambda: self.context.step_font_size(1))
        a["zoom_out"].triggered.connect(lambda: self.context.step_font_size(-1))
        a["open_bundles"].triggered.connect(self.opener.choose_and_open)
        a["writer_mode"].triggered.connect(lambda: events.mode_requested.emit("writer"))
        a["preferences"].triggered.connect(self.preferences)
        a["quit"].triggered.connect(self.close)
        a["cheatsheet"].triggered.connect(lambda: CheatSheetDialog(self, REVIEW_SHORTCUTS).exec())

    # ------------------------------------------------------------------ the queue
    def reload_queue(self) -> None:
        """Read the inbox again, keeping the filters and the open item: its first screen at once,
        the rest (and the triage, at a big inbox) in the background (:class:`InboxQueue`)."""
        self.queue.reload()

    def apply_filter(self) -> None:
        self.queue.show_filtered()

    def current_item_id(self) -> str | None:
        detail = self.audit.detail
        return detail.item.item_id if detail is not None else None

    def open_item(self, item_id: str) -> bool:
        if item_id == self.current_item_id():
            return True
        return self.audit.open_item(item_id)

    def step_item(self, step: int) -> bool:
        """Open the item ``step`` rows on; False (with a word) at either end of the queue."""
        current = self.current_item_id()
        if self.queue.loading and current is not None and self.queue_model.row_for(current) is None:
            self.context.show_message("The rest of the queue is still being read; a moment, please.")
            return False
        target = self.queue_panel.neighbour(current, step)
        if target is None:
            self.context.show_message(
                "That was the last item in the queue." if step > 0 else "This is the first item."
            )
            return False
        return self.open_item(target)

    def open_first_task(self) -> None:
        """On start (the app controller's entry point for either window): the first item without a
        verdict yet, else the first item. While the rest of the inbox is being read, the store
        says which item that is when the rows read so far all have one."""
        verdicts = self.queue_model.verdicts
        for row in range(self.queue_model.rowCount()):
            item = self.queue_model.item_at(row)
            if item is not None and item.item_id not in verdicts:
                self.open_item(item.item_id)
                break
        else:
            identity = self.context.identity()
            unjudged = (
                self.context.store.inbox.first_without_verdict(identity.fingerprint if identity else None)
                if self.queue.loading
                else None
            )
            first = self.queue_model.item_at(0)
            if unjudged is not None:
                self.open_item(unjudged)
            elif first is not None:
                self.open_item(first.item_id)
        self.figures.start()  # items received without figures (an import stopped half-way)
        self.diff_view.rewrite_pane.setFocus()

    # ------------------------------------------------------------------ reacting
    def _on_item_loaded(self, detail: ItemDetail) -> None:
        self.queue_panel.select_item(detail.item.item_id)
        self.verdicts.show_item(detail)
        self._set_title(detail.item.item_id)
        self.item_opened.emit(detail.item.item_id)
        self.audit.prefetch(self.queue_panel.neighbour(detail.item.item_id, 1))

    def _on_verdict_recorded(self, verdict: Verdict) -> None:
        self.queue_model.set_verdict(verdict.rewrite_id, verdict.verdict)
        if verdict.rewrite_id == self.current_item_id():
            self._show_current_verdicts()

    def _on_verdict_undone(self, verdict: Verdict) -> None:
        mine = [
            v
            for v in self.context.store.verdicts.for_rewrite(verdict.rewrite_id)
            if v.reviewer_fingerprint == verdict.reviewer_fingerprint
        ]
        self.queue_model.set_verdict(verdict.rewrite_id, mine[-1].verdict if mine else None)
        if verdict.rewrite_id == self.current_item_id():
            self._show_current_verdicts()
            self.verdicts.show_item(self.audit.detail)
        elif not self.open_item(verdict.rewrite_id):
            return
        self.queue_panel.select_item(verdict.rewrite_id)

    def _show_current_verdicts(self) -> None:
        self.audit.refresh_verdicts()
        if self.audit.detail is not None:
            self.verdict_panel.show_verdicts(self.audit.detail.verdicts)

    def _on_store_changed(self, changes: Changes) -> None:
        if changes.inbox:  # bundles received or figures computed: never a verdict
            self.queue.refresh()
            if self.audit.detail is None:
                self.open_first_task()
        elif changes.verdicts:
            self._batch_changed()

    # ------------------------------------------------------------------ the Batch tab
    def _batch_changed(self) -> None:
        """The batch's items or verdicts changed: summarise now if the tab is in view, else later."""
        self._batch_stale = True
        if self.tabs.currentIndex() == BATCH_TAB:
            self._refresh_batch()

    def _refresh_batch(self) -> None:
        """Summarise the batch, once the whole inbox is read (until then the tab waits)."""
        if self.queue.loading:
            return
        self._batch_stale = False
        self.batch_tab.show_batch(self.queue.items, self.context.store.verdicts.all(), self.queue.triage)

    def _on_tab_changed(self, index: int) -> None:
        on_batch = index == BATCH_TAB
        self.actions_by_name["show_batch"].setChecked(on_batch)
        for name in AUDIT_ONLY_ACTIONS:
            self.actions_by_name[name].setEnabled(not on_batch)
        if on_batch and self._batch_stale:
            self._refresh_batch()

    def _show_audit(self, focus: QWidget | None = None) -> None:
        self.tabs.setCurrentIndex(AUDIT_TAB)
        if focus is not None:
            focus.setFocus()

    def show_item_from_batch(self, item_id: str) -> bool:
        """From the triage list: back to the Audit tab on ``item_id``, the queue's filters cleared
        if they hid it, so the queue and the panes agree on the item."""
        if self.queue_model.row_for(item_id) is None:
            self.queue_panel.clear_filters()
        self._show_audit(self.diff_view.rewrite_pane)
        opened = self.open_item(item_id)
        self.queue_panel.select_item(item_id)
        return opened

    def _next_change(self) -> None:
        """The first change of a freshly opened item, then on from the one last shown (the
        reviewer's cursor starts at 0, where the writer's rule would skip a change starting there)."""
        view = self.diff_view
        if view.current_change is None:
            view.show_change_number(0)
        else:
            view.goto_change(1)

    def _extend_pane_menu(self, menu: QMenu) -> None:
        menu.addSeparator()
        menu.addAction(self.actions_by_name["comment_span"])

    def _on_theme_changed(self, choice: ThemeChoice) -> None:
        check_theme(self.theme_group, choice)
        self.diff_view.refresh_theme()
        self.audit.define_mark_layers()

    def preferences(self) -> None:
        ctx = self.context
        settings = ctx.settings
        notices = self.audit.analyser.linter.problems  # rules switched off on some text
        categories = load_pack(settings, ctx.spelling).categories
        prefs = ask_preferences(ctx, self, categories=categories, keyring=True, lint_notices=notices)
        if prefs is None:
            return
        ctx.set_font_size(prefs.font_size)
        ctx.set_theme(prefs.theme)
        settings.set_style_folder(prefs.style_folder)
        settings.set_disabled_categories(set(prefs.disabled_categories))
        pack = load_pack(settings, ctx.spelling)  # the style folder may have changed
        self.audit.analyser.set_linter(Linter(pack, set(prefs.disabled_categories)))
        self.audit.forget_prefetched()
        self.audit.refresher.refresh_now()

    def _show_message(self, text: str, msecs: int) -> None:
        if text:
            self.statusBar().showMessage(shown_line(text), msecs)
        else:
            self.statusBar().clearMessage()

    def _set_title(self, item_id: str | None) -> None:
        title = (
            f"Review — {shown_line(item_id, TITLE_ID_CHARS)} — {APP_NAME}"
            if item_id
            else f"Review — {APP_NAME}"
        )
        self.setWindowTitle(title + (" (demo)" if self.context.demo else ""))

    # ------------------------------------------------------------------ layout and closing
    def _restore_layout(self) -> None:
        self.resize(*sizes.DEFAULT_WINDOW_SIZE)
        settings = self.context.settings
        for name, splitter in self._splitters().items():
            saved = settings.splitter_state(name)
            if saved is None or not splitter.restoreState(saved):
                splitter.setSizes(SPLITTERS[name])
        inline = settings.inline_view()
        self.actions_by_name["toggle_inline"].setChecked(inline)
        self.diff_view.set_inline(inline)

    def _splitters(self) -> dict[str, QSplitter]:
        return {"review-main": self.main_splitter, "review-panes": self.diff_view.splitter}

    def saved_state_sentence(self) -> str:
        """For the crash dialog: verdicts are written as they are given."""
        return "Your verdicts are saved as you give them."

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.opener.busy:
            self.opener.cancel()
        self.figures.stop()
        self.queue.close()
        self._closed = True
        settings = self.context.settings
        for name, splitter in self._splitters().items():
            settings.save_splitter_state(name, splitter.saveState())
        settings.set_inline_view(self.diff_view.is_inline())
        settings.sync()
        self.audit.shutdown()
        self.hide()
        self.context.wait_for_background()
        event.accept()
        self.closed_for_good.emit()

    @property
    def closed(self) -> bool:
        return self._closed
