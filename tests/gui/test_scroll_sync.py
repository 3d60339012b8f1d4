"""Synced scrolling survives pastes that leave the diff behind, and keeps the panes together after.

Pasting a long text over a short draft raised an uncaught ValueError in the scroll sync: the
rewrite pane asked for positions far past the rewrite the shown diff knew. The same could happen
the other way (a short paste over a long draft, then scrolling the original) and with empty panes.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from tests.core.test_diff_properties import prose
from tests.gui.writer_driver import WriterDriver
from workstation.core.analysis.comparison import compare
from workstation.gui.compare.diff_view import DiffView

LONG_TEXT = "\n\n".join(
    f"Paragraph {number}: a pasted passage of plain words \U0001f600 that runs on for a while."
    for number in range(400)
)


def _scroll_through(pane: QPlainTextEdit, steps: int = 25, *, let_events_in: bool = True) -> None:
    """Drag the pane's scroll bar from top to bottom in ``steps``, the other pane following.
    Without ``let_events_in`` no analysis finished meanwhile can be painted: the diff stays stale."""
    bar = pane.verticalScrollBar()
    for step in range(steps + 1):
        bar.setValue(bar.maximum() * step // steps)
        if let_events_in:
            QApplication.processEvents()


def _share_scrolled(pane: QPlainTextEdit) -> float:
    bar = pane.verticalScrollBar()
    return bar.value() / bar.maximum() if bar.maximum() else 1.0


def _select_all_and_paste(writer: WriterDriver, text: str) -> None:
    writer.window.diff_view.rewrite_pane.selectAll()
    writer.paste_with_ctrl_v(text)


def test_a_long_paste_over_a_short_draft_scrolls_both_panes(make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    writer: WriterDriver = make_window(demo_dir)
    view = writer.window.diff_view
    with writer.wait_for_analysis():
        writer.type_over_everything("A short draft.")
    _select_all_and_paste(writer, LONG_TEXT)
    _scroll_through(view.rewrite_pane, let_events_in=False)
    _scroll_through(view.original_pane, let_events_in=False)
    # All the while the diff shown was the short draft's: the rewrite pane far ahead of it.
    assert view.comparison is not None and view.comparison.rewrite == "A short draft."
    writer.qtbot.waitUntil(
        lambda: view.comparison is not None and view.comparison.rewrite == LONG_TEXT, timeout=10_000
    )
    # Scrolling the rewrite down takes the original down with it, never back up, to its end.
    followed = []
    bar = view.rewrite_pane.verticalScrollBar()
    for step in range(26):
        bar.setValue(bar.maximum() * step // 25)
        QApplication.processEvents()
        followed.append(view.original_pane.verticalScrollBar().value())
    assert followed == sorted(followed)
    assert _share_scrolled(view.original_pane) > 0.9
    bar.setValue(0)
    QApplication.processEvents()
    assert view.original_pane.verticalScrollBar().value() == 0


def test_a_short_paste_over_a_long_draft_scrolls_both_panes(make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    writer: WriterDriver = make_window(demo_dir)
    view = writer.window.diff_view
    with writer.wait_for_comparison(timeout=10_000):
        _select_all_and_paste(writer, LONG_TEXT)
    view.rewrite_pane.verticalScrollBar().setValue(view.rewrite_pane.verticalScrollBar().maximum())
    _select_all_and_paste(writer, "Short.")
    _scroll_through(view.original_pane, let_events_in=False)  # places in a rewrite no longer there
    _scroll_through(view.rewrite_pane, let_events_in=False)
    assert view.comparison is not None and view.comparison.rewrite == LONG_TEXT
    writer.refresh_analysis()
    _scroll_through(view.original_pane)
    assert writer.rewrite_text() == "Short."


@pytest.fixture
def diff_view(qapp: QApplication) -> Iterator[DiffView]:  # type: ignore[no-untyped-def]
    view = DiffView()
    view.resize(700, 260)
    view.show()
    yield view
    view.close()
    view.deleteLater()


def _paste_over_all(view: DiffView, text: str) -> None:
    view.rewrite_pane.selectAll()
    mime = QMimeData()
    mime.setText(text)
    view.rewrite_pane.insertFromMimeData(mime)
    QApplication.processEvents()


@pytest.mark.parametrize(
    ("original", "draft", "pasted"),
    [
        ("", "", LONG_TEXT),
        ("", LONG_TEXT, ""),
        (LONG_TEXT, "", ""),
        ("", "", ""),
        (LONG_TEXT, "", LONG_TEXT + LONG_TEXT),
    ],
    ids=["empty-then-long", "long-then-empty", "empty-rewrite", "all-empty", "twice-as-long"],
)
def test_empty_panes_scroll_without_error(
    diff_view: DiffView, original: str, draft: str, pasted: str
) -> None:
    diff_view.load(original, draft, 0)
    diff_view.apply(compare(original, draft))
    _paste_over_all(diff_view, pasted)
    for pane in (diff_view.rewrite_pane, diff_view.original_pane):
        _scroll_through(pane)
    diff_view.apply(compare(diff_view.original_pane.text(), diff_view.rewrite_pane.text()))
    for pane in (diff_view.rewrite_pane, diff_view.original_pane):
        _scroll_through(pane)
    assert diff_view.rewrite_pane.text() == pasted


# Texts of many short lines, so that even a small one scrolls in the short view below.
lines = st.text(alphabet=st.sampled_from("ab .\n\n\n\U0001f600\u00e9"), max_size=600)
texts = st.one_of(prose(max_pieces=80), lines)
# ...repeated, so that most are taller than the view: the sync only runs when a pane scrolls.
tall_texts = st.builds(lambda text, times: (text + "\n") * times, texts, st.integers(0, 40))


# One view serves every example: each loads its own texts first, as opening a task does.
@settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(tall_texts, tall_texts, tall_texts, st.lists(st.integers(-10, 400), min_size=1, max_size=6))
def test_any_paste_over_any_draft_scrolls_without_error(
    diff_view: DiffView, original: str, draft: str, pasted: str, scroll_values: list[int]
) -> None:
    diff_view.resize(500, 120)
    diff_view.load(original, draft, 0)
    diff_view.apply(compare(diff_view.original_pane.text(), diff_view.rewrite_pane.text()))
    _paste_over_all(diff_view, pasted)
    for painted_again in (False, True):
        if painted_again:
            diff_view.apply(compare(diff_view.original_pane.text(), diff_view.rewrite_pane.text()))
        for value in scroll_values:
            diff_view.rewrite_pane.verticalScrollBar().setValue(value)
            diff_view.original_pane.verticalScrollBar().setValue(value)
        QApplication.processEvents()
