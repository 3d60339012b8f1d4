"""View ▸ Preview Markdown: a toggle that shows the rewrite rendered, following the writer's typing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QFont, QPalette, QTextCursor
from PySide6.QtWidgets import QApplication

from workstation.gui.writer.markdown_preview import EMPTY_PREVIEW, MarkdownPreviewDock


def block_named(preview: MarkdownPreviewDock, words: str):  # type: ignore[no-untyped-def]
    block = preview.browser.document().begin()
    while block.isValid():
        if words in block.text():
            return block
        block = block.next()
    raise AssertionError(f"{words!r} is not in the preview: {preview.browser.toPlainText()!r}")


def test_the_preview_toggles_from_the_view_menu_and_follows_typing(
    make_window, demo_dir: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)
    preview = writer.window.preview
    assert not preview.isVisible()
    assert writer.shortcuts("toggle_preview") == ["Ctrl+Shift+M"]
    view_menu = next(a.menu() for a in writer.window.menuBar().actions() if a.text() == "&View")
    assert "Preview Markdown" in [action.text() for action in view_menu.actions()]

    writer.trigger("toggle_preview")
    qtbot.waitUntil(preview.isVisible, timeout=2000)
    assert writer.window.actions_by_name["toggle_preview"].isChecked()
    plain_word = next(word for word in writer.rewrite_text().split() if word.isalpha() and len(word) > 3)
    qtbot.waitUntil(lambda: plain_word in preview.browser.toPlainText(), timeout=2000)

    writer.type_over_everything("# Plan ahead")
    assert preview.is_stale  # debounced: nothing rendered while the writer is typing
    qtbot.waitUntil(lambda: not preview.is_stale, timeout=3000)
    heading = block_named(preview, "Plan ahead")
    assert heading.blockFormat().headingLevel() == 1
    assert "#" not in heading.text()

    writer.move_cursor_to_end()
    writer.type(" with **bold** words")
    qtbot.waitUntil(lambda: not preview.is_stale, timeout=3000)
    block = block_named(preview, "bold")
    cursor = QTextCursor(block)
    cursor.setPosition(block.position() + block.text().index("bold") + 1)
    assert cursor.charFormat().fontWeight() == QFont.Weight.Bold
    assert "**" not in preview.browser.toPlainText()

    writer.trigger("toggle_preview")
    qtbot.waitUntil(lambda: not preview.isVisible(), timeout=2000)
    assert not writer.window.actions_by_name["toggle_preview"].isChecked()


def test_a_hidden_preview_renders_nothing_and_catches_up_when_shown(
    make_window, demo_dir: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)
    preview = writer.window.preview
    writer.type_over_everything("Written while the preview was hidden")
    qtbot.wait(500)
    assert preview.is_stale
    assert "hidden" not in preview.browser.toPlainText()
    writer.trigger("toggle_preview")
    qtbot.waitUntil(lambda: "while the preview was hidden" in preview.browser.toPlainText(), timeout=2000)


def test_an_empty_rewrite_says_so(make_window, demo_dir: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)
    writer.trigger("toggle_preview")
    writer.type_over_everything(" ")
    qtbot.waitUntil(lambda: not writer.window.preview.is_stale, timeout=3000)
    assert writer.window.preview.browser.toPlainText().strip() == EMPTY_PREVIEW.strip("_")


def test_the_preview_keeps_its_reading_position_while_the_writer_types(qtbot) -> None:  # type: ignore[no-untyped-def]
    text = ["\n\n".join(f"Paragraph {n} of a long rewrite." for n in range(200))]
    preview = MarkdownPreviewDock(lambda: text[0])
    qtbot.addWidget(preview)
    preview.resize(300, 300)
    preview.show()
    preview.render_now()
    bar = preview.browser.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    middle = bar.value()
    text[0] += " One more word."
    preview.render_now()
    assert bar.value() == middle > 0


def test_a_new_theme_renders_the_links_in_its_colour(qtbot) -> None:  # type: ignore[no-untyped-def]
    preview = MarkdownPreviewDock(lambda: "See [the guide](https://127.0.0.1:9/guide).")
    qtbot.addWidget(preview)
    preview.show()
    preview.render_now()
    before = QApplication.palette()
    palette = QPalette(before)
    palette.setColor(QPalette.ColorRole.Link, QColor("#12ab34"))
    QApplication.setPalette(palette)  # what switching the theme does
    try:
        qtbot.waitUntil(lambda: "#12ab34" in preview.browser.toHtml(), timeout=2000)
    finally:
        QApplication.setPalette(before)
