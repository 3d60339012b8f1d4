"""A text with a long unbroken run (a hex dump, a long token) opens without freezing: every
widget that shows task or guideline text wraps such runs anywhere, words elsewhere stay whole,
and the spell checker skips the run instead of backtracking over it."""

from __future__ import annotations

import json
import random
import re
import secrets
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QTextCursor, QTextOption
from PySide6.QtWidgets import QPlainTextEdit

from tests.spelling_dictionaries import checker_for
from workstation.core.prose.spelling import _skip_zones
from workstation.core.store import Store
from workstation.gui.common.linear_wrap import LONG_RUN_CHARS, has_long_run, keep_wrap_linear
from workstation.gui.compare.text_pane import TextPane
from workstation.gui.writer.guidelines_dock import GuidelinesDock

ANYWHERE = QTextOption.WrapMode.WrapAnywhere
WORDS = QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere
RUN_200_KB = secrets.token_hex(100_000)


def test_a_run_is_long_from_the_limit_on() -> None:
    assert not has_long_run("x" * (LONG_RUN_CHARS - 1) + " " + "y" * (LONG_RUN_CHARS - 1))
    assert has_long_run("prose, then " + "x" * LONG_RUN_CHARS)
    assert has_long_run("🙂" * LONG_RUN_CHARS)
    assert not has_long_run("汉字可以在任意两个字之间换行" * 500), "CJK breaks between characters"
    assert not has_long_run("word " * 100_000)


def test_a_pane_wraps_a_long_run_anywhere_and_prose_at_words(qtbot) -> None:  # type: ignore[no-untyped-def]
    pane = TextPane()
    qtbot.addWidget(pane)
    pane.show()
    pane.set_text("An ordinary sentence with ordinary words.")
    assert pane.wordWrapMode() == WORDS
    pane.set_text(f"Before {RUN_200_KB} after.")
    assert pane.wordWrapMode() == ANYWHERE
    pane.set_text("Back to prose.")
    qtbot.waitUntil(lambda: pane.wordWrapMode() == WORDS, timeout=2000)

    pane.set_text("x" * (LONG_RUN_CHARS - 1))
    qtbot.wait(10)
    assert pane.wordWrapMode() == WORDS
    pane.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(pane, "y")
    assert pane.wordWrapMode() == ANYWHERE, "typing the run's last character"
    pane.moveCursor(QTextCursor.MoveOperation.Start)
    cursor = pane.textCursor()
    cursor.setPosition(LONG_RUN_CHARS // 2)
    pane.setTextCursor(cursor)
    qtbot.keyClicks(pane, " ")
    qtbot.waitUntil(lambda: pane.wordWrapMode() == WORDS, timeout=2000)

    pane.set_text("")
    mime = QMimeData()
    mime.setText(RUN_200_KB)
    pane.insertFromMimeData(mime)
    assert pane.wordWrapMode() == ANYWHERE and pane.text() == RUN_200_KB


def test_other_editors_follow_the_same_rule(qtbot) -> None:  # type: ignore[no-untyped-def]
    notes = QPlainTextEdit()
    qtbot.addWidget(notes)
    keep_wrap_linear(notes)
    notes.setPlainText("ab " * 10 + RUN_200_KB)
    assert notes.wordWrapMode() == ANYWHERE
    dock = GuidelinesDock()
    qtbot.addWidget(dock)
    dock.show_guidelines(f"# Rules\n\nKeep `{RUN_200_KB}` as it is.")
    assert dock.browser.wordWrapMode() == ANYWHERE
    dock.show_guidelines("# Rules\n\nShort ones.")
    qtbot.waitUntil(lambda: dock.browser.wordWrapMode() == WORDS, timeout=2000)


def test_a_task_with_a_200_kb_run_opens_and_is_analysed(qtbot, open_app_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "tasks.jsonl"
    records = [
        {"id": "prose", "prompt": "Say hi.", "response": "Hello there, friend."},
        {"id": "dump", "prompt": f"Explain {RUN_200_KB}", "response": f"The dump: {RUN_200_KB} ends."},
    ]
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    data_dir = tmp_path / "data"
    with Store(data_dir) as store:
        assert store.import_file(source, project="Default").ok
    window = open_app_window(data_dir)
    window.context.settings.set_start_from_original(True)
    with qtbot.waitSignal(
        window.editor.analysis_painted,
        timeout=120_000,
        check_params_cb=lambda analysis: RUN_200_KB in analysis.original_text,
    ):
        assert window.editor.open_task("dump")
    view = window.diff_view
    assert view.original_pane.text() == f"The dump: {RUN_200_KB} ends."
    assert view.rewrite_pane.text() == view.original_pane.text()
    for editor in (view.original_pane, view.rewrite_pane, window.context_view):
        assert editor.wordWrapMode() == ANYWHERE
    view.set_inline(True)
    assert view.inline_view.wordWrapMode() == ANYWHERE
    assert RUN_200_KB in view.inline_view.toPlainText()
    window.grab()
    view.set_inline(False)
    assert window.editor.open_task("prose")
    qtbot.waitUntil(lambda: view.original_pane.wordWrapMode() == WORDS, timeout=2000)
    assert window.context_view.wordWrapMode() == WORDS


_OLD_SKIP_ZONES = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\S*[/\\]\S*")


def _covered(zones: Iterable[tuple[int, int]]) -> set[int]:
    return {position for start, end in zones for position in range(start, end)}


def test_spelling_skips_long_tokens_and_finds_what_it_found_before() -> None:
    """The skip zones (URLs, e-mail addresses, paths) are the ones the old single pattern found,
    without its backtracking, which took minutes on a 100 KB token."""
    pieces = ["ab", "x.y", "@", "/", "\\", "+", "-", "www.", "http://", "https://", "é", " ", "\n", "_"]
    rnd = random.Random(9)
    for _ in range(3000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 30)))
        assert _covered(_skip_zones(text)) == _covered(m.span() for m in _OLD_SKIP_ZONES.finditer(text)), text
    assert _skip_zones(f"see {RUN_200_KB} and") == [(4, 4 + len(RUN_200_KB))]
    assert _skip_zones("a" * 150 + "@ " + "mail me@example.com") == [(157, 171)]
    checker = checker_for("en-US")
    assert [w.word for w in checker.misspelled_spans(f"Teh {RUN_200_KB} " + "aa@" * 50_000)] == ["Teh"]
