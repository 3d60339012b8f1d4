"""Recomputes the analysis of the two panes as the writer types: diff first, then marks, then metrics.

Each analysis comes in three stages, in the order the writer needs them: the word diff
(``diff_planned``), the lint and spelling marks (``marks_planned``), then the metrics with the
rest (``analysis_ready``). The worker also works out what each pane paints (see
:mod:`~workstation.gui.compare.pane_plans`), so the GUI thread only hands blocks their ranges.
When the last marks were found quickly, the diff waits for them and both are painted in one
turn (one layout, one paint); otherwise the diff is painted first. The metrics wait until a pane
has painted the marks (``release_on``), so the paint does not share the interpreter with them.

Small texts are analysed on the GUI thread after a short pause in typing (well under a frame),
once the analyser's rules are loaded; a window's first analysis (which loads them) goes to the
worker like a large text's, so the first task is painted without waiting for the rules.
Large ones go to the background runner as soon as the keystroke is on screen (a zero-delay
timer runs after the repaint), one job at a time; the largest when the writer pauses, while the
marks already painted follow the edits (see ``LayeredHighlighter``). A generation counter drops
stale results: a
job whose text was overtaken stops at its next stage, nothing it made is painted, and the
newest text is analysed once it is done.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from contextlib import nullcontext

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal, SignalInstance

from workstation.core.analysis.analyser import Analyser, Analysis
from workstation.core.analysis.comparison import compare
from workstation.core.text.line_spans import TextLines
from workstation.gui.common import sizes
from workstation.gui.common.background import BackgroundRunner, report_unexpected
from workstation.gui.common.collector import collector_paused
from workstation.gui.compare.pane_plans import DiffPlan, OriginalPlans, PairMarks, PaneTexts, plan_diff

Snapshot = Callable[[], PaneTexts]
Upcoming = Callable[[], Iterable[tuple[str, str]]]
PREFETCH_AFTER_QUIET_MS = 150
WORKER_HEAD_START_S = 0.001  # seconds the worker leaves the interpreter to the GUI thread
# The longest the worker waits for the marks to be painted before it counts the metrics: the
# paint runs on the GUI thread and needs the interpreter the metrics would hold.
MARKS_PAINT_WAIT_S = 0.05
# Marks found faster than this (the last time) come with the diff, in one paint; slower ones
# (a big text, a large style pack) follow a diff painted first.
MARKS_WITH_DIFF_S = 0.012
# Without a pane's paint after the marks (nothing they changed was on screen), the metrics go on
# after this long.
PAINT_FALLBACK_MS = 20


class DiffRefresher(QObject):
    analysis_ready = Signal(object)  # Analysis
    diff_ready = Signal(object)  # Comparison, when its DiffPlan is planned
    diff_planned = Signal(object)  # DiffPlan
    marks_planned = Signal(object)  # PairMarks
    # From the worker thread: (generation, stages), where stages is a tuple of DiffPlan and
    # PairMarks to paint in one turn; delivered on the GUI thread.
    _staged = Signal(int, object)
    _ahead = Signal(object)  # from the worker: a DiffPlan made ahead for a task opened next

    def __init__(
        self, runner: BackgroundRunner, snapshot: Snapshot, analyser: Analyser, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._snapshot = snapshot
        self._analyser = analyser
        self._plans = OriginalPlans()
        self._generation = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.refresh_now)
        self._after_paint = QTimer(self)  # the worker's part of opening, once the task is on screen
        self._after_paint.setSingleShot(True)
        self._after_paint.setInterval(0)
        self._after_paint.timeout.connect(self._submit_after_paint)
        self._waiting: tuple[int, PaneTexts, DiffPlan] | None = None
        self._upcoming: Upcoming | None = None
        self._to_prefetch: list[tuple[str, str]] = []
        # Prefetching waits for a moment of quiet: a writer stepping through tasks quickly would
        # otherwise have each opening race the diff of the one after it.
        self._prefetch_timer = QTimer(self)
        self._prefetch_timer.setSingleShot(True)
        self._prefetch_timer.setInterval(PREFETCH_AFTER_QUIET_MS)
        self._prefetch_timer.timeout.connect(self._prefetch_if_idle)
        self._prefetched: dict[tuple[str, str], DiffPlan] = {}
        self._staged.connect(self._deliver_stage)
        self._ahead.connect(self._keep_ahead)
        self.off_thread_threshold = sizes.OFF_THREAD_DIFF_CHARS
        self.sync_diff_threshold = sizes.SYNC_DIFF_ON_OPEN_CHARS
        self.on_pause_threshold = sizes.ANALYSE_ON_PAUSE_CHARS
        self.in_flight = 0
        self._rerun = False  # the text changed while a worker was busy: analyse once more after it
        self._closed = False
        self._marks_shown: threading.Event | None = None  # the running job waits on it to go on
        self._paint_fallback = QTimer(self)
        self._paint_fallback.setSingleShot(True)
        self._paint_fallback.timeout.connect(self._release_worker)
        self.marks_seconds = float("inf")  # how long the last marks took on the worker

    @property
    def generation(self) -> int:
        """Counts the texts asked about; a result made for an older one is never painted."""
        return self._generation

    def shutdown(self) -> None:
        self._closed = True
        self._timer.stop()
        self._after_paint.stop()
        self._prefetch_timer.stop()
        self._generation += 1  # anything still on a worker arrives stale and is dropped
        self._release_worker()

    def schedule(self) -> None:
        """Text changed: recompute after a short pause (small texts) or once it is painted."""
        self._generation += 1
        self._waiting = None
        self._release_worker()  # its job is stale: let it stop now rather than wait for a paint
        if self._to_prefetch:
            self._prefetch_timer.start()  # not while the writer types
        texts = self._snapshot()
        size = len(texts.original) + len(texts.rewrite)
        if size <= self.off_thread_threshold:
            self._timer.start(sizes.DIFF_DEBOUNCE_MS)
        else:
            self._timer.start(sizes.ANALYSE_ON_PAUSE_MS if size > self.on_pause_threshold else 0)

    def release_on(self, *painted: SignalInstance) -> None:
        """Paint signals of the panes: after a pane painted new marks, the worker counts the
        metrics (until then it leaves the interpreter to the paint)."""
        for signal in painted:
            signal.connect(self._pane_painted)

    def plan_opening(self, original: str, rewrite: str) -> DiffPlan | None:
        """The diff to paint with a task as it opens (texts as the panes will show them): made
        ahead by :meth:`prefetch`, else worked out here for a pair up to ``sync_diff_threshold``
        characters; None: the worker sends it."""
        ready = self._prefetched.pop((original, rewrite), None)
        if ready is not None or len(original) + len(rewrite) > self.sync_diff_threshold:
            return ready
        return plan_diff(compare(original, rewrite), TextLines(original), TextLines(rewrite))

    @property
    def prefetched(self) -> tuple[tuple[str, str], ...]:
        """The pairs whose diffs are ready ahead of their opening."""
        return tuple(self._prefetched)

    def prefetch(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Work out the diffs of texts likely opened next (as the panes would show them) while
        the worker has nothing else to do, so opening one paints at once. Pairs over
        ``sync_diff_threshold`` characters are left out: one would hold up the next keystroke's
        analysis for too long. Diffs prefetched before and not asked for again are forgotten."""
        wanted = [(a, b) for a, b in pairs if len(a) + len(b) <= self.sync_diff_threshold]
        self._prefetched = {pair: plan for pair, plan in self._prefetched.items() if pair in wanted}
        self._to_prefetch = [pair for pair in wanted if pair not in self._prefetched]
        self._prefetch_timer.start()

    def _prefetch_if_idle(self) -> None:
        busy = (
            self.in_flight
            or self._timer.isActive()
            or self._after_paint.isActive()
            or self._prefetch_timer.isActive()
        )
        if busy or self._closed or not self._to_prefetch:
            return
        original, rewrite = self._to_prefetch.pop(0)
        self.in_flight += 1

        def work(_context: object) -> DiffPlan:
            time.sleep(WORKER_HEAD_START_S)
            return plan_diff(compare(original, rewrite), TextLines(original), TextLines(rewrite))

        self._runner.submit(work, on_done=self._keep_prefetched, on_error=self._failed)

    def _keep_prefetched(self, plan: DiffPlan) -> None:
        self._keep_ahead(plan)
        self._done()

    def _keep_ahead(self, plan: DiffPlan) -> None:
        if not self._closed:
            pair = (plan.comparison.original, plan.comparison.rewrite)
            self._prefetched[pair] = plan
            if pair in self._to_prefetch:
                self._to_prefetch.remove(pair)

    def refresh_now(
        self, *, diff_first: bool = False, known: DiffPlan | None = None, upcoming: Upcoming | None = None
    ) -> None:
        """Analyse the current texts now.

        ``diff_first`` (a task was just opened): the diff — ``known`` if it was planned for these
        texts, else worked out here for a pair up to ``sync_diff_threshold`` characters — is
        delivered at once, and the worker takes over (lint, spelling, metrics) only once the
        task is on screen. ``upcoming`` gives, once the task is on screen, the pairs likely opened
        next (see :meth:`prefetch`): the worker diffs the first right after painting the marks,
        before the metrics, so a writer stepping straight on finds it ready.
        """
        self._timer.stop()
        self._after_paint.stop()
        self._waiting = None
        self._generation += 1
        self._release_worker()
        generation = self._generation
        texts = self._snapshot()
        if known is not None and (known.comparison.original, known.comparison.rewrite) != (
            texts.original,
            texts.rewrite,
        ):
            known = None
        size = len(texts.original) + len(texts.rewrite)
        # Until the rules are loaded (the first analysis of a window loads them: about 120 ms),
        # a small text goes the large texts' way: its diff now, its marks from the worker.
        if size <= self.off_thread_threshold and self._analyser.linter_built:
            self._analyse_here(texts, known)
            return
        if diff_first:
            if known is None and size <= self.sync_diff_threshold:
                known = self._plans.diff(compare(texts.original, texts.rewrite), *self._plans.lines(texts))
            if known is not None:
                self._deliver_stage(generation, (known,))
                self._waiting = (generation, texts, known)
                self._upcoming = upcoming
                self._after_paint.start()
                return
        self._submit(generation, texts, known)

    def _analyse_here(self, texts: PaneTexts, known: DiffPlan | None) -> None:
        original, rewrite = texts.original, texts.rewrite
        lines = self._plans.lines(texts)
        plan = known or self._plans.diff(compare(original, rewrite), *lines)
        self._deliver_stage(self._generation, (plan,))
        marks = self._analyser.marks(original, rewrite)
        self._deliver_stage(self._generation, (self._plans.pair_marks(marks, *lines),))
        self.analysis_ready.emit(self._analyser.analyse(original, rewrite, plan.comparison, marks))

    def _submit_after_paint(self) -> None:
        waiting, self._waiting = self._waiting, None
        upcoming, self._upcoming = self._upcoming, None
        if waiting is not None and waiting[0] == self._generation and not self._closed:
            if upcoming is not None:
                self.prefetch(upcoming())
            # The first pair stays listed until its diff arrives: a job overtaken before making
            # it leaves it to the prefetch that follows a moment of quiet.
            self._submit(*waiting, ahead=self._to_prefetch[0] if self._to_prefetch and upcoming else None)

    def _submit(
        self, generation: int, texts: PaneTexts, known: DiffPlan | None, ahead: tuple[str, str] | None = None
    ) -> None:
        if self.in_flight:
            self._rerun = True  # one job at a time; never a queue of stale analyses
            return
        self.in_flight += 1
        analyser, plans = self._analyser, self._plans
        original, rewrite = texts.original, texts.rewrite
        marks_shown = self._marks_shown = threading.Event()
        with_diff = self.marks_seconds <= MARKS_WITH_DIFF_S
        big = len(original) + len(rewrite) > self.on_pause_threshold

        def current() -> bool:
            return generation == self._generation

        def work(_context: object) -> Analysis | None:
            # A big text's analysis runs without the cyclic collector (see collector_paused).
            with collector_paused() if big else nullcontext():
                return analyse_pair()

        def analyse_pair() -> Analysis | None:
            # Started from the GUI thread, which still has its turn of the event loop to finish:
            # taking the interpreter from it at once would stall that turn.
            time.sleep(WORKER_HEAD_START_S)
            lines = plans.lines(texts)
            plan = known
            held: tuple[DiffPlan, ...] = ()
            if plan is None:
                plan = plans.diff(compare(original, rewrite), *lines)
                if with_diff:
                    held = (plan,)  # painted with the marks: one layout and one paint, not two
                else:
                    self._staged.emit(generation, (plan,))
            if not current():
                return None  # overtaken while diffing: the newest text is analysed next
            started = time.perf_counter()
            marks = analyser.marks(original, rewrite)
            self.marks_seconds = time.perf_counter() - started
            self._staged.emit(generation, (*held, plans.pair_marks(marks, *lines)))
            # The marks are what the writer waits for: the GUI thread paints them before the
            # metrics take the interpreter (see release_on), or the text changes meanwhile.
            marks_shown.wait(MARKS_PAINT_WAIT_S)
            if not current():
                return None
            if ahead is not None:
                self._ahead.emit(plan_diff(compare(*ahead), TextLines(ahead[0]), TextLines(ahead[1])))
            return analyser.analyse(original, rewrite, plan.comparison, marks)

        self._runner.submit(
            work,
            on_done=lambda result: self._deliver(generation, result),
            on_error=self._failed,
        )

    def _failed(self, error: Exception) -> None:
        self._done()
        report_unexpected(error)

    def _done(self) -> None:
        self.in_flight -= 1
        if not shiboken6.isValid(self):
            return  # the window went away while the worker was busy: its answer goes nowhere
        if self._rerun and not self._closed:
            self._rerun = False
            self.refresh_now()
        else:
            self._prefetch_if_idle()

    def _deliver_stage(self, generation: int, stages: tuple[DiffPlan | PairMarks, ...]) -> None:
        if generation != self._generation or self._closed:
            return
        for stage in stages:
            if isinstance(stage, DiffPlan):
                self.diff_planned.emit(stage)
                self.diff_ready.emit(stage.comparison)
            else:
                self.marks_planned.emit(stage)
                self._paint_fallback.start(PAINT_FALLBACK_MS)  # the worker goes on after a paint, or then

    def _pane_painted(self) -> None:
        if self._paint_fallback.isActive():
            # The window paints its panes in one pass: go on once this pass is over.
            self._paint_fallback.start(0)

    def _release_worker(self) -> None:
        """Let the running job go on to the metrics: its marks are on screen, or it is stale."""
        self._paint_fallback.stop()
        if self._marks_shown is not None:
            self._marks_shown.set()
            self._marks_shown = None

    def _deliver(self, generation: int, analysis: Analysis | None) -> None:
        if (
            analysis is not None
            and generation == self._generation
            and not self._closed
            and shiboken6.isValid(self)
        ):
            self.analysis_ready.emit(analysis)
        self._done()
