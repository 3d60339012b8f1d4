"""The guidelines dock reads no file and no URL a project's Markdown names: every image is the
dock's own placeholder, whatever the name, the browser's search paths or the working folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QImage, QTextDocument

from workstation.gui.writer.guidelines_dock import PLACEHOLDER_SIZE, GuidelinesDock, SafeMarkdownBrowser

from .outside_text import WATCHED_NAME
from .read_watch import ReadWatch


def image_names(folder: Path) -> dict[str, str]:
    return {
        "relative": WATCHED_NAME,
        "absolute": str(folder / WATCHED_NAME),
        "file_url": (folder / WATCHED_NAME).as_uri(),
        "dot_dot": f"../{folder.name}/{WATCHED_NAME}",
        "data_url": "data:image/png;base64,iVBORw0KGgo=",
        "remote": "http://127.0.0.1:9/pixel.png",
    }


@pytest.mark.parametrize("kind", sorted(image_names(Path("/x"))))
def test_no_image_source_is_opened(qtbot, tmp_path: Path, watched: ReadWatch, kind: str) -> None:  # type: ignore[no-untyped-def]
    name = image_names(tmp_path)[kind]
    dock = GuidelinesDock()
    qtbot.addWidget(dock)
    dock.browser.setSearchPaths([str(tmp_path)])
    dock.resize(320, 400)
    dock.show()
    dock.show_guidelines(f"# Rules\n\n![diagram]({name})\n\nKeep it short.\n")
    dock.browser.viewport().repaint()
    dock.grab()
    assert not watched.opened, f"the guidelines read {name}"
    assert "Keep it short." in dock.browser.toPlainText()


def test_a_real_image_beside_the_guidelines_is_not_shown(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    picture = QImage(40, 30, QImage.Format.Format_RGB32)
    picture.fill(QColor("red"))
    assert picture.save(str(tmp_path / "photo.png"))
    browser = SafeMarkdownBrowser()
    qtbot.addWidget(browser)
    browser.setSearchPaths([str(tmp_path)])
    browser.show()
    for name in ("photo.png", str(tmp_path / "photo.png"), (tmp_path / "photo.png").as_uri()):
        browser.set_markdown(f"![p]({name})")
        browser.grab()
        shown = browser.document().resource(QTextDocument.ResourceType.ImageResource.value, QUrl(name))
        assert isinstance(shown, QImage)
        assert (shown.width(), shown.height()) == (PLACEHOLDER_SIZE, PLACEHOLDER_SIZE)


def test_style_sheets_and_other_resources_are_empty() -> None:
    browser = SafeMarkdownBrowser()
    for kind in (QTextDocument.ResourceType.StyleSheetResource, QTextDocument.ResourceType.HtmlResource):
        assert bytes(browser.loadResource(kind.value, QUrl("/etc/passwd")).data()) == b""
