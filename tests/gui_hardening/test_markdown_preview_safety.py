"""The Markdown preview of a rewrite renders no raw HTML, loads nothing and follows no link."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QTextDocument

from workstation.gui.writer.guidelines_dock import PLACEHOLDER_SIZE
from workstation.gui.writer.markdown_preview import MarkdownPreviewDock

from .outside_text import WATCHED_NAME
from .read_watch import ReadWatch


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A TCP port on 127.0.0.1 that records whether anything connected to it."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.setblocking(False)
    yield server
    server.close()


def connected(server: socket.socket) -> bool:
    try:
        client, _ = server.accept()
    except BlockingIOError:
        return False
    client.close()
    return True


def shown_preview(qtbot, text: str) -> MarkdownPreviewDock:  # type: ignore[no-untyped-def]
    preview = MarkdownPreviewDock(lambda: text)
    qtbot.addWidget(preview)
    preview.resize(420, 500)
    preview.show()
    preview.render_now()
    preview.browser.viewport().repaint()
    preview.grab()
    return preview


def test_raw_html_is_shown_as_typed_and_nothing_is_fetched(
    qtbot, listener: socket.socket, watched: ReadWatch
) -> None:  # type: ignore[no-untyped-def]
    port = listener.getsockname()[1]
    remote = f"http://127.0.0.1:{port}"
    text = (
        f'Intro <img src="{remote}/tag.png"> and <img src={WATCHED_NAME}>.\n\n'
        "<script>document.title = 'owned'</script>\n\n"
        f'<iframe src="{remote}/frame"></iframe>\n\n'
        f"![remote picture]({remote}/markdown.png) and ![local picture]({WATCHED_NAME})\n\n"
        "Closing words."
    )
    preview = shown_preview(qtbot, text)
    qtbot.wait(200)
    shown = preview.browser.toPlainText()
    assert "<script>document.title = 'owned'</script>" in shown  # the characters, not a script
    assert f'<img src="{remote}/tag.png">' in shown
    assert "Closing words." in shown
    assert not connected(listener), "the preview connected to a server the rewrite named"
    assert not watched.opened, "the preview read a file the rewrite named"
    for name in (f"{remote}/markdown.png", WATCHED_NAME):
        image = preview.browser.document().resource(
            QTextDocument.ResourceType.ImageResource.value, QUrl(name)
        )
        assert isinstance(image, QImage)
        assert (image.width(), image.height()) == (PLACEHOLDER_SIZE, PLACEHOLDER_SIZE)


@pytest.mark.parametrize("target", ["javascript:alert(1)", "file:///etc/passwd", "https://127.0.0.1:9/x"])
def test_clicking_a_link_does_nothing(qtbot, monkeypatch: pytest.MonkeyPatch, target: str) -> None:  # type: ignore[no-untyped-def]
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True))
    preview = shown_preview(qtbot, f"Before.\n\n[press here]({target})\n\nAfter.")
    browser = preview.browser
    before = browser.toPlainText()
    cursor = browser.document().find("press here")
    assert not cursor.isNull()
    cursor.setPosition(cursor.selectionStart() + 3)
    point = browser.cursorRect(cursor).center()
    clicked: list[QUrl] = []
    browser.anchorClicked.connect(clicked.append)

    qtbot.mouseMove(browser.viewport(), QPoint(1, 1))  # from off the link (the pointer may be there)
    qtbot.mouseMove(browser.viewport(), point)
    qtbot.waitUntil(lambda: target in browser.toolTip(), timeout=2000)
    assert "not opened" in browser.toolTip()
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=point)

    assert [url.toString() for url in clicked] == [target]  # the click landed on the link…
    assert opened == []  # …and nothing opened it
    assert browser.source().isEmpty()
    assert browser.toPlainText() == before


def test_hovering_off_a_link_clears_its_target(qtbot) -> None:  # type: ignore[no-untyped-def]
    preview = shown_preview(qtbot, "[a link](https://127.0.0.1:9/x)")
    preview.browser.highlighted.emit(QUrl("https://127.0.0.1:9/x"))
    assert "https://127.0.0.1:9/x" in preview.browser.toolTip()
    preview.browser.highlighted.emit(QUrl())
    assert preview.browser.toolTip() == ""
