"""Render the review window's screenshots offscreen, light and dark, on the walk's real bundles.

The inbox is the one ``tests/gui/reviewer/test_review_walk.py`` walks through (Ada's and Ben's
sealed bundles, Ben's chain with a gap, Ada's changed key pending); shots: the window with an item
and its diff, a span comment being written, the Batch tab, and Preferences ▸ Writers.

Run: QT_QPA_PLATFORM=offscreen PYTHONPATH=. .venv/bin/python scripts/review_screenshots.py [OUT_DIR]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint, QSettings
from PySide6.QtGui import QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication, QWidget

from tests.core.review.review_testkit import ADA_KEY, ADA_NEW_KEY, BEN_KEY
from tests.gui.reviewer.bundle_files import Deliveries, write_deliveries
from workstation.core.files.datadir import DataDirLock
from workstation.core.models import VerdictKind
from workstation.core.review.receive import ReceiveTrust, receive
from workstation.core.signing import identity as ident
from workstation.core.store import Store
from workstation.gui.app import REVIEW_MODE, ensure_application, open_mode_window
from workstation.gui.common.settings import AppSettings
from workstation.gui.common.theme import ThemeChoice, apply_theme
from workstation.gui.dialogs.preferences.dialog import PreferencesDialog
from workstation.gui.dialogs.preferences.writers_page import WritersPage
from workstation.gui.reviewer.comment_dialog import CommentDialog
from workstation.gui.reviewer.window import BATCH_TAB, ReviewWindow

SIZE = (1280, 720)
COMMENTED = "matter to the whole community"


def settle(app: QApplication, rounds: int = 30) -> None:
    for _ in range(rounds):
        app.processEvents()


def fill(data_dir: Path, usb: Path) -> Deliveries:
    """Both writers' first delivery received with their keys confirmed; Ada's changed key, seen
    first in a later bundle that came early, waits in the keyring (a writer's new laptop)."""
    deliveries = write_deliveries(usb)
    ident.init_identity(data_dir, "Rita Reviewer", None, unencrypted=True)
    with Store(data_dir) as store:
        receive(store, [str(deliveries.changed_key)])  # a key never seen: kept as pending
        keys = frozenset({ADA_KEY.public_key.fingerprint, BEN_KEY.public_key.fingerprint})
        receive(store, [str(deliveries.first)], trust=ReceiveTrust(confirmed_fingerprints=keys))
    return deliveries


def over(window: QWidget, dialog: QWidget) -> QPixmap:
    """The window's grab with ``dialog`` (framed, as a window manager would) over its lower middle
    (the text it is about stays in view)."""
    shot = window.grab()
    inner = dialog.grab()
    corner = QPoint((shot.width() - inner.width()) // 2, (shot.height() - inner.height()) * 2 // 3)
    painter = QPainter(shot)
    painter.drawPixmap(corner, inner)
    painter.setPen(dialog.palette().color(QPalette.ColorRole.Shadow))
    painter.drawRect(corner.x() - 1, corner.y() - 1, inner.width() + 1, inner.height() + 1)
    painter.end()
    return shot


def shoot(app: QApplication, window: ReviewWindow, deliveries: Deliveries, out_dir: Path, theme: str) -> None:
    window.open_item(deliveries.ada_items[0])
    window.context.analysis_runner.wait_for_idle(5000)
    settle(app)
    window.verdicts.give(VerdictKind.ACCEPT)  # one verdict given: the queue shows it, on to item 2
    window.context.ops.drain(5)
    window.open_item(deliveries.ada_items[0])
    window.context.analysis_runner.wait_for_idle(5000)
    settle(app)
    window.diff_view.show_change_number(1)
    settle(app)
    window.grab().save(str(out_dir / f"review_window_{theme}.png"))

    pane = window.diff_view.rewrite_pane
    start = pane.text().index(COMMENTED)
    cursor = pane.textCursor()
    index = pane.utf16_index()
    cursor.setPosition(index.to_utf16(start))
    cursor.setPosition(index.to_utf16(start + len(COMMENTED)), cursor.MoveMode.KeepAnchor)
    pane.setTextCursor(cursor)
    pane.setFocus()
    settle(app)
    dialog = CommentDialog("On the rewrite:", COMMENTED, window)
    dialog.text.setPlainText("Good: it says who the hours matter to.")
    dialog.show()
    settle(app)
    over(window, dialog).save(str(out_dir / f"span_comment_{theme}.png"))
    dialog.close()
    dialog.deleteLater()

    window.tabs.setCurrentIndex(BATCH_TAB)
    settle(app)
    window.grab().save(str(out_dir / f"review_batch_{theme}.png"))
    window.tabs.setCurrentIndex(0)

    page = WritersPage(window.context)
    prefs = PreferencesDialog(window.context.settings, None, window, writers_page=page)
    prefs.resize(760, 440)
    prefs.show_page("writers")
    page.select_fingerprint(ADA_NEW_KEY.public_key.fingerprint)
    prefs.show()
    settle(app)
    over(window, prefs).save(str(out_dir / f"writers_page_{theme}.png"))
    prefs.close()
    prefs.deleteLater()
    settle(app)


def main() -> None:
    out_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/shots")
    out_dir.mkdir(parents=True, exist_ok=True)
    app = ensure_application()
    with tempfile.TemporaryDirectory() as temp:
        for theme in (ThemeChoice.LIGHT, ThemeChoice.DARK):
            data_dir = Path(temp) / f"review-{theme.value}"
            data_dir.mkdir()
            deliveries = fill(data_dir, Path(temp) / f"usb-{theme.value}")
            apply_theme(app, theme)
            settings = AppSettings(QSettings(str(Path(temp) / f"{theme}.ini"), QSettings.Format.IniFormat))
            settings.set_theme(theme)
            lock = DataDirLock(data_dir)
            lock.acquire()
            window = open_mode_window(data_dir, REVIEW_MODE, settings=settings)
            assert isinstance(window, ReviewWindow)
            window.resize(*SIZE)
            window.show()
            settle(app)
            shoot(app, window, deliveries, out_dir, theme.value)
            window.close()
            window.context.close()
            lock.release()
            settle(app)
    print(out_dir)


if __name__ == "__main__":
    main()
