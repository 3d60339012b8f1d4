"""Untrusted model output displays literally; a failing store never loses the writer's text."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from workstation.core.files.datadir import DataDirBusy, DataDirLock
from workstation.core.store import Store
from workstation.core.text.positions import Utf16Index
from workstation.gui.compare.diff_view import DIFF_LAYER
from workstation.gui.writer.guidelines_dock import SafeMarkdownBrowser

HOSTILE = {
    "html": '<b>bold</b> <img src="http://example.invalid/x.png" onerror="alert(1)"> &amp; '
    "<script>x()</script>",
    "markdown": "# Heading\n\n**strong** and [link](http://example.invalid) ![img](x.png)",
    "rtl": "שלום עולם — مرحبا بالعالم, then English.",
    "emoji": "Family 👩‍👩‍👧 trip 🏔️ was great, café naïve e\u0301 done.",
    "zero_width": "zero\u200bwidth\u200djoin\u2060word and a BOM\ufeff here",
    "crlf": "line one\r\nline two\r\n\r\nline four",
}


def make_data_dir(root: Path, texts: dict[str, str]) -> Path:
    data_dir = root / "hostile"
    source = root / "hostile.jsonl"
    source.write_text(
        "".join(
            json.dumps({"id": key, "prompt": "<i>prompt</i>", "response": text}) + "\n"
            for key, text in texts.items()
        ),
        encoding="utf-8",
    )
    with Store(data_dir) as store:
        assert store.import_file(source, project="Hostile").ok
    return data_dir


@pytest.mark.parametrize("key", sorted(HOSTILE))
def test_hostile_outputs_display_literally(make_window, tmp_path: Path, key: str) -> None:  # type: ignore[no-untyped-def]
    window = make_window(make_data_dir(tmp_path, HOSTILE), first_task=False)
    window.editor.open_task(key)
    expected = HOSTILE[key].replace("\r\n", "\n")
    assert window.diff_view.original_pane.text() == expected
    assert window.diff_view.original_pane.toPlainText().replace("\u00a0", " ") == expected.replace(
        "\u00a0", " "
    )
    assert "<i>prompt</i>" in window.context_view.toPlainText()


def test_highlights_land_on_the_right_words_after_emoji(qtbot, make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(make_data_dir(tmp_path, {"emoji": HOSTILE["emoji"]}))
    pane = window.diff_view.rewrite_pane
    text = pane.text()
    index = Utf16Index(text)
    start = text.index("great")
    cursor = pane.textCursor()
    cursor.setPosition(index.to_utf16(start))
    cursor.setPosition(index.to_utf16(start + len("great")), QTextCursor.MoveMode.KeepAnchor)
    pane.setTextCursor(cursor)
    with qtbot.waitSignal(window.editor.comparison_painted, timeout=3000):
        qtbot.keyClicks(pane, "lovely")
    new_text = pane.text()
    ((offset, length),) = pane.highlighter.spans_in_block(DIFF_LAYER, 0)
    # The span is in UTF-16 units: slice the UTF-16 encoding to check what it covers.
    covered = new_text.encode("utf-16-le")[offset * 2 : (offset + length) * 2].decode("utf-16-le")
    assert covered == "lovely"
    ((o_offset, o_length),) = window.diff_view.original_pane.highlighter.spans_in_block(DIFF_LAYER, 0)
    original = window.diff_view.original_pane.text()
    assert (
        original.encode("utf-16-le")[o_offset * 2 : (o_offset + o_length) * 2].decode("utf-16-le") == "great"
    )


def test_empty_and_huge_outputs(make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    huge = " ".join(f"word{i % 997}" for i in range(200_000))
    data_dir = make_data_dir(tmp_path, {"huge": huge, "short": "x"})
    window = make_window(data_dir, first_task=False)
    window.editor.open_task("huge")
    assert window.diff_view.original_pane.document().characterCount() == len(huge) + 1
    window.editor.open_task("short")
    assert window.diff_view.original_pane.text() == "x"


def test_pasting_rich_text_inserts_plain_text(make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QMimeData

    window = make_window(demo_dir)
    pane = window.diff_view.rewrite_pane
    pane.setPlainText("")
    mime = QMimeData()
    mime.setHtml("<b>Bold</b> <img src='http://example.invalid/a.png'>")
    mime.setText("Bold plain")
    pane.insertFromMimeData(mime)
    assert pane.text() == "Bold plain"


def test_failed_autosave_keeps_text_says_so_and_retries(
    qtbot, make_window, demo_dir: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_dir)
    real_save = Store.save_work
    failures = {"left": 2}

    def flaky_save(store, rewrite, session):  # type: ignore[no-untyped-def]
        if failures["left"]:
            failures["left"] -= 1
            raise sqlite3.OperationalError("database or disk is full")
        return real_save(store, rewrite, session)

    monkeypatch.setattr(Store, "save_work", flaky_save)
    window.session._retry.setInterval(50)
    pane = window.diff_view.rewrite_pane
    pane.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClicks(pane, "Keep me ")
    qtbot.waitUntil(lambda: "NOT SAVED" in window.metrics_bar.save_label.text(), timeout=2000)
    assert "disk is full" in window.metrics_bar.save_label.text()
    assert pane.text().startswith("Keep me ")
    assert window.session.dirty
    qtbot.waitUntil(lambda: "All changes saved" in window.metrics_bar.save_label.text(), timeout=3000)
    with Store(demo_dir, readonly=True) as reader:
        assert reader.rewrites.get("demo-001").text.startswith("Keep me ")


def test_second_instance_on_same_data_dir_is_refused(make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    make_window(demo_dir)
    with pytest.raises(DataDirBusy, match="already open in another Rewrite Workstation"):
        DataDirLock(demo_dir).acquire()


def test_guidelines_render_markdown_without_html_or_remote_loads() -> None:
    browser = SafeMarkdownBrowser()
    requested: list[str] = []
    original = browser.loadResource

    def spy(kind, url):  # type: ignore[no-untyped-def]
        requested.append(url.toString())
        return original(kind, url)

    browser.loadResource = spy  # type: ignore[method-assign]
    browser.set_markdown(
        "# Rules\n\n<b>raw html</b>\n\n![tracker](http://example.invalid/pixel.png)\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n"
    )
    html = browser.toHtml()
    assert "<b>raw html</b>" not in html
    plain = browser.toPlainText()
    assert "Rules" in plain and "raw html" in plain
    assert browser.document().rootFrame().childFrames()  # the table became a real table


def test_ctrl_return_in_rewrite_does_not_insert_a_newline(qtbot, make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_dir)
    pane = window.diff_view.rewrite_pane
    pane.setPlainText("")
    qtbot.keyClicks(pane, "Short and human.")
    qtbot.keyClick(pane, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    with Store(demo_dir, readonly=True) as reader:
        assert reader.rewrites.get("demo-001").text == "Short and human."


def test_an_empty_output_opens_and_can_be_rewritten(qtbot, make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Importers refuse empty outputs, but a store written by other tools may hold one."""
    data_dir = make_data_dir(tmp_path, {"other": "Something."})
    with Store(data_dir) as store, store.database.write() as conn:
        conn.execute(
            "INSERT INTO tasks (id, project, original, original_sha256, imported_at) "
            "VALUES ('empty', 'Hostile', '', ?, 'now')",
            (hashlib.sha256(b"").hexdigest(),),
        )
    window = make_window(data_dir, first_task=False)
    assert window.editor.open_task("empty")
    window.editor.refresher.refresh_now()
    assert window.diff_view.original_pane.text() == ""
    with qtbot.waitSignal(window.editor.comparison_painted, timeout=3000):
        qtbot.keyClicks(window.diff_view.rewrite_pane, "New words")
    assert window.diff_view.comparison.metrics.words_added == 2
    assert window.diff_view.rewrite_pane.highlighter.spans_in_block(DIFF_LAYER, 0) == ((0, 9),)
