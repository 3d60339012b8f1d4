"""The refresher's stages: diff, then marks, then the rest, for the newest text only; and the
diffs it makes ahead for the tasks opened next, used only for exactly those texts."""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot

from workstation.core.analysis.analyser import Analyser, Marks
from workstation.core.analysis.comparison import compare
from workstation.core.prose.engine import Linter
from workstation.core.prose.style_pack import default_style_pack
from workstation.gui.common.background import BackgroundRunner
from workstation.gui.compare import diff_refresher
from workstation.gui.compare.diff_refresher import DiffRefresher
from workstation.gui.compare.pane_plans import PaneTexts

ORIGINAL = "Certainly! Let's delve into the tapestry of tea.\n\nTea is grate."
REWRITE = "Tea is dried leaves in hot water.\n\nTea is great, and we delve."


class Panes:
    """Two texts standing in for the panes, and everything the refresher delivered for them."""

    def __init__(self, qtbot: QtBot) -> None:
        self.texts = PaneTexts(ORIGINAL, REWRITE)
        self.runner = BackgroundRunner(max_threads=1)
        self.analyser = Analyser(Linter(default_style_pack()))
        self.refresher = DiffRefresher(self.runner, lambda: self.texts, self.analyser)
        self.refresher.off_thread_threshold = 0
        self.delivered: list[tuple[str, str]] = []
        self.refresher.diff_planned.connect(lambda plan: self._got("diff", plan.comparison.rewrite))
        self.refresher.marks_planned.connect(lambda pair: self._got("marks", pair.rewrite.text))
        self.refresher.analysis_ready.connect(lambda analysis: self._got("analysis", analysis.rewrite_text))
        self.qtbot = qtbot

    def _got(self, stage: str, rewrite: str) -> None:
        self.delivered.append((stage, rewrite))

    def hold_marks(self) -> threading.Event:
        """Make the analyser's marks wait (at most 10 s) until the returned event is set."""
        release = threading.Event()
        real_marks = self.analyser.marks

        def slow_marks(original: str, rewrite: str) -> Marks:
            release.wait(10)
            return real_marks(original, rewrite)

        self.analyser.marks = slow_marks  # type: ignore[method-assign]
        return release

    def wait_idle(self) -> None:
        self.qtbot.waitUntil(lambda: self.refresher.in_flight == 0, timeout=10_000)


def test_stages_arrive_diff_first_then_marks_then_the_metrics(qtbot: QtBot) -> None:
    panes = Panes(qtbot)
    with qtbot.waitSignal(panes.refresher.analysis_ready, timeout=10_000):
        panes.refresher.refresh_now()
    assert panes.delivered == [("diff", REWRITE), ("marks", REWRITE), ("analysis", REWRITE)]


def test_text_changed_during_an_analysis_gets_only_its_own_stages_delivered(qtbot: QtBot) -> None:
    panes = Panes(qtbot)
    release = panes.hold_marks()
    panes.refresher.refresh_now()
    qtbot.waitUntil(lambda: panes.delivered == [("diff", REWRITE)], timeout=10_000)
    newer = REWRITE + " More."
    panes.texts = PaneTexts(ORIGINAL, newer)
    panes.refresher.schedule()  # typed while the worker lints the text before
    with qtbot.waitSignal(panes.refresher.analysis_ready, timeout=10_000):
        release.set()
    panes.wait_idle()
    assert panes.delivered == [("diff", REWRITE), ("diff", newer), ("marks", newer), ("analysis", newer)]


def test_a_prefetched_diff_is_used_for_exactly_its_texts(qtbot: QtBot) -> None:
    panes = Panes(qtbot)
    upcoming = ("The next task's original.", "The next task's rewrite, changed.")
    panes.refresher.prefetch([upcoming, ("x" * 30_000, "y" * 30_000)])  # the second: too big
    qtbot.waitUntil(lambda: bool(panes.refresher.prefetched), timeout=10_000)
    panes.wait_idle()
    assert panes.refresher.prefetched == (upcoming,)
    assert panes.refresher.plan_opening(upcoming[0], upcoming[1] + "!").comparison.rewrite.endswith("!")
    ready = panes.refresher.plan_opening(*upcoming)
    assert ready is not None and ready.comparison == compare(*upcoming)
    assert not panes.refresher.prefetched, "used once, then worked out afresh"


def test_nothing_is_prefetched_while_the_writer_types(qtbot: QtBot) -> None:
    panes = Panes(qtbot)
    panes.refresher.prefetch([("a b c", "a b d")])
    for _ in range(5):
        panes.refresher.schedule()  # keys faster than the quiet the prefetch waits for
        qtbot.wait(20)
    assert not panes.refresher.prefetched
    panes.wait_idle()
    qtbot.waitUntil(lambda: bool(panes.refresher.prefetched), timeout=10_000)


class _Pane(QObject):
    painted = Signal()


def _marks_seeing_deliveries(panes: Panes, wait_for_diff: bool) -> list[list[tuple[str, str]]]:
    """Wrap the analyser's marks to note what was delivered by the time they are found; with
    ``wait_for_diff`` they are found only once the diff is delivered (a slow lint, say)."""
    seen: list[list[tuple[str, str]]] = []
    diff_delivered = threading.Event()
    panes.refresher.diff_planned.connect(lambda _plan: diff_delivered.set())
    real_marks = panes.analyser.marks

    def noting_marks(original: str, rewrite: str) -> Marks:
        if wait_for_diff:
            diff_delivered.wait(10)
        seen.append(list(panes.delivered))
        return real_marks(original, rewrite)

    panes.analyser.marks = noting_marks  # type: ignore[method-assign]
    return seen


def test_quick_marks_are_delivered_with_the_diff_for_one_paint(qtbot: QtBot) -> None:
    panes = Panes(qtbot)
    seen = _marks_seeing_deliveries(panes, wait_for_diff=False)
    panes.refresher.marks_seconds = 0.0  # the last marks were found at once
    with qtbot.waitSignal(panes.refresher.analysis_ready, timeout=10_000):
        panes.refresher.refresh_now()
    assert seen == [[]], "the diff was held back until the marks were found"
    assert panes.delivered == [("diff", REWRITE), ("marks", REWRITE), ("analysis", REWRITE)]
    assert panes.refresher.marks_seconds < 10.0  # measured again on the worker


def test_slow_marks_follow_a_diff_delivered_first(qtbot: QtBot) -> None:
    panes = Panes(qtbot)
    seen = _marks_seeing_deliveries(panes, wait_for_diff=True)
    panes.refresher.marks_seconds = 1.0  # a big style pack, say
    with qtbot.waitSignal(panes.refresher.analysis_ready, timeout=10_000):
        panes.refresher.refresh_now()
    assert seen == [[("diff", REWRITE)]]
    assert panes.delivered == [("diff", REWRITE), ("marks", REWRITE), ("analysis", REWRITE)]


def test_the_metrics_wait_until_a_pane_painted_the_marks(qtbot: QtBot, monkeypatch) -> None:
    monkeypatch.setattr(diff_refresher, "PAINT_FALLBACK_MS", 60_000)
    monkeypatch.setattr(diff_refresher, "MARKS_PAINT_WAIT_S", 60.0)
    panes = Panes(qtbot)
    pane = _Pane()
    panes.refresher.release_on(pane.painted)
    panes.refresher.refresh_now()
    qtbot.waitUntil(lambda: ("marks", REWRITE) in panes.delivered, timeout=10_000)
    qtbot.wait(300)
    assert ("analysis", REWRITE) not in panes.delivered, "the metrics went ahead of the marks' paint"
    with qtbot.waitSignal(panes.refresher.analysis_ready, timeout=10_000):
        pane.painted.emit()
    panes.wait_idle()


def test_a_newer_text_releases_a_job_waiting_for_a_paint(qtbot: QtBot, monkeypatch) -> None:
    monkeypatch.setattr(diff_refresher, "PAINT_FALLBACK_MS", 60_000)
    monkeypatch.setattr(diff_refresher, "MARKS_PAINT_WAIT_S", 60.0)
    panes = Panes(qtbot)
    pane = _Pane()  # one that never paints
    panes.refresher.release_on(pane.painted)
    panes.refresher.refresh_now()
    qtbot.waitUntil(lambda: ("marks", REWRITE) in panes.delivered, timeout=10_000)
    newer = REWRITE + " Again."
    panes.texts = PaneTexts(ORIGINAL, newer)
    panes.refresher.schedule()  # the stale job stops at once and the newer text is analysed
    qtbot.waitUntil(lambda: ("marks", newer) in panes.delivered, timeout=10_000)
    assert ("analysis", REWRITE) not in panes.delivered


def test_an_opening_diffs_the_next_task_before_its_metrics(qtbot: QtBot) -> None:
    panes = Panes(qtbot)
    upcoming = ("The next task's original text.", "The next task's rewritten text.")
    ready_at_analysis: list[tuple[tuple[str, str], ...]] = []
    panes.refresher.analysis_ready.connect(lambda _a: ready_at_analysis.append(panes.refresher.prefetched))
    known = panes.refresher.plan_opening(ORIGINAL, REWRITE)
    with qtbot.waitSignal(panes.refresher.analysis_ready, timeout=10_000):
        panes.refresher.refresh_now(diff_first=True, known=known, upcoming=lambda: [upcoming])
    assert ready_at_analysis == [(upcoming,)], "the next task's diff was not made before the metrics"
    opened = panes.refresher.plan_opening(*upcoming)
    assert opened is not None and opened.comparison.rewrite == upcoming[1]
    assert panes.refresher.prefetched == ()  # used up by its opening


def test_a_big_text_is_analysed_with_the_collector_paused_and_a_small_one_not(qtbot: QtBot) -> None:
    for threshold, paused in ((0, True), (10**9, False)):
        panes = Panes(qtbot)
        panes.refresher.on_pause_threshold = threshold  # texts over it count as big
        seen: list[bool] = []
        real_marks = panes.analyser.marks

        def noting_marks(original: str, rewrite: str, real_marks=real_marks, seen=seen) -> Marks:
            seen.append(not gc.isenabled())
            return real_marks(original, rewrite)

        panes.analyser.marks = noting_marks  # type: ignore[method-assign]
        with qtbot.waitSignal(panes.refresher.analysis_ready, timeout=10_000):
            panes.refresher.refresh_now()
        panes.wait_idle()
        assert seen == [paused]
        assert gc.isenabled()


def test_an_overtaken_opening_leaves_the_next_diff_to_the_prefetch_after_it(qtbot: QtBot) -> None:
    panes = Panes(qtbot)
    upcoming = ("The next task's original text.", "The next task's rewritten text.")
    release = panes.hold_marks()
    known = panes.refresher.plan_opening(ORIGINAL, REWRITE)
    panes.refresher.refresh_now(diff_first=True, known=known, upcoming=lambda: [upcoming])
    qtbot.waitUntil(lambda: panes.refresher.in_flight == 1, timeout=10_000)
    panes.texts = PaneTexts(ORIGINAL, REWRITE + " Typed at once.")
    panes.refresher.schedule()  # the opening job is stale before it made the next diff
    release.set()
    qtbot.waitUntil(lambda: upcoming in panes.refresher.prefetched, timeout=10_000)
