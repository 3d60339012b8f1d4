"""Untrusted model output displays literally; a failing store never loses the writer's text."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from workstation.core.files.datadir import DataDirBusy, DataDirLock
from workstation.core.store import Store
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
    writer = make_window(make_data_dir(tmp_path, HOSTILE), first_task=False)
    assert writer.open_task(key)
    expected = HOSTILE[key].replace("\r\n", "\n")
    assert writer.original_text() == expected
    assert writer.original_as_displayed().replace("\u00a0", " ") == expected.replace("\u00a0", " ")
    assert "<i>prompt</i>" in writer.prompt_text()


def test_highlights_land_on_the_right_words_after_emoji(make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(make_data_dir(tmp_path, {"emoji": HOSTILE["emoji"]}))
    writer.select_in_rewrite("great")
    with writer.wait_for_comparison():
        writer.type("lovely")
    new_text = writer.rewrite_text()
    ((offset, length),) = writer.diff_spans("rewrite")
    # The span is in UTF-16 units: slice the UTF-16 encoding to check what it covers.
    covered = new_text.encode("utf-16-le")[offset * 2 : (offset + length) * 2].decode("utf-16-le")
    assert covered == "lovely"
    ((o_offset, o_length),) = writer.diff_spans("original")
    original = writer.original_text()
    assert (
        original.encode("utf-16-le")[o_offset * 2 : (o_offset + o_length) * 2].decode("utf-16-le") == "great"
    )


def test_empty_and_huge_outputs(make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    huge = " ".join(f"word{i % 997}" for i in range(200_000))
    data_dir = make_data_dir(tmp_path, {"huge": huge, "short": "x"})
    writer = make_window(data_dir, first_task=False)
    assert writer.open_task("huge")
    assert writer.original_character_count() == len(huge) + 1
    assert writer.open_task("short")
    assert writer.original_text() == "x"


def test_pasting_rich_text_inserts_plain_text(make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)
    writer.replace_rewrite("")
    writer.paste(plain="Bold plain", html="<b>Bold</b> <img src='http://example.invalid/a.png'>")
    assert writer.rewrite_text() == "Bold plain"


def test_failed_autosave_keeps_text_says_so_and_retries(
    qtbot, make_window, demo_dir: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)
    real_save = Store.save_work
    failures = {"left": 2}

    def flaky_save(store, rewrite, session, **kwargs):  # type: ignore[no-untyped-def]
        if failures["left"]:
            failures["left"] -= 1
            raise sqlite3.OperationalError("database or disk is full")
        return real_save(store, rewrite, session, **kwargs)

    monkeypatch.setattr(Store, "save_work", flaky_save)
    writer.retry_saves_every(50)
    writer.move_cursor_to_start()
    writer.type("Keep me ")
    qtbot.waitUntil(lambda: "NOT SAVED" in writer.save_line(), timeout=2000)
    assert "disk is full" in writer.save_line()
    assert writer.rewrite_text().startswith("Keep me ")
    assert writer.is_dirty
    qtbot.waitUntil(lambda: "All changes saved" in writer.save_line(), timeout=3000)
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


def test_ctrl_return_in_rewrite_does_not_insert_a_newline(make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)
    writer.replace_rewrite("")
    writer.type("Short and human.")
    writer.press_ctrl_return()
    with Store(demo_dir, readonly=True) as reader:
        assert reader.rewrites.get("demo-001").text == "Short and human."


def test_an_empty_output_opens_and_can_be_rewritten(make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Importers refuse empty outputs, but a store written by other tools may hold one."""
    data_dir = make_data_dir(tmp_path, {"other": "Something."})
    with Store(data_dir) as store, store.database.write() as conn:
        conn.execute(
            "INSERT INTO tasks (id, project, original, original_sha256, imported_at) "
            "VALUES ('empty', 'Hostile', '', ?, 'now')",
            (hashlib.sha256(b"").hexdigest(),),
        )
    writer = make_window(data_dir, first_task=False)
    assert writer.open_task("empty")
    writer.refresh_analysis()
    assert writer.original_text() == ""
    with writer.wait_for_comparison():
        writer.type("New words")
    assert writer.comparison.metrics.words_added == 2
    assert writer.diff_spans("rewrite") == ((0, 9),)
