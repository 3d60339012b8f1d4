"""Render the review window's screenshots offscreen, light and dark, on the walk's real bundles.

The inbox is the one ``tests/gui/reviewer/test_review_walk.py`` walks through (Ada's and Ben's
sealed bundles, Ben's chain with a gap, Ada's changed key pending); shots: the window with an item
and its diff, a span comment being written, the Batch tab, and Preferences ▸ Writers.

Run: QT_QPA_PLATFORM=offscreen PYTHONPATH=. .venv/bin/python scripts/review_screenshots.py [OUT_DIR]
"""

from __future__ import annotations

import os
import random
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from offscreen_shots import output_folder, review_window, settle, themed_settings
from PySide6.QtCore import QPoint
from PySide6.QtGui import QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication, QWidget

from tests.benchmarks.bench_review_import import make_records
from tests.benchmarks.synthetic import _TextMaker
from tests.core.review.review_testkit import ADA_KEY, ADA_NEW_KEY, BEN_KEY
from tests.gui.reviewer.bundle_files import Deliveries, write_deliveries
from workstation.core.bundles import seal_bundle
from workstation.core.models import Verdict, VerdictKind, sha256_text
from workstation.core.review.figures_pass import fill_figures
from workstation.core.review.receive import ReceiveTrust, receive
from workstation.core.signing import SecretKey
from workstation.core.signing import identity as ident
from workstation.core.store import Store
from workstation.gui.app import ensure_application
from workstation.gui.common.theme import ThemeChoice, apply_theme
from workstation.gui.dialogs.preferences.dialog import PreferencesDialog
from workstation.gui.dialogs.preferences.writers_page import WritersPage
from workstation.gui.reviewer.comment_dialog import CommentDialog
from workstation.gui.reviewer.window import BATCH_TAB, ReviewWindow

SIZE = (1280, 720)
COMMENTED = "matter to the whole community"


CLEO = "Cleo Writer"
CLEO_KEY = SecretKey(key_id=bytes(range(31, 39)), seed=bytes(range(200, 232)))
MODELS = ("model-a", "model-b", "model-c")
BATCH_ITEMS = 90


def fill(data_dir: Path, usb: Path) -> Deliveries:
    """Both writers' first delivery received with their keys confirmed; Ada's changed key, seen
    first in a later bundle that came early, waits in the keyring (a writer's new laptop). A third
    writer's batch of realistic answers from three models, judged by two reviewers, gives the
    Batch tab something to draw; the figures pass runs as the window would run it."""
    deliveries = write_deliveries(usb)
    batch = usb / "delivery-3"
    batch.mkdir()
    rng = random.Random(11)
    records = make_records(BATCH_ITEMS, 100, _TextMaker(11), rng)
    for index, record in enumerate(records):
        record["model"] = MODELS[index % len(MODELS)]
        if index % 7 == 0:
            record["rewrite"] = record["original"]  # left as the model wrote it
    sealed = seal_bundle(
        records,
        signer=CLEO_KEY,
        signer_name=CLEO,
        bundle_seq=1,
        prev_bundle_id=None,
        created_at=datetime(2025, 6, 2, 9, tzinfo=UTC),
    )
    (batch / "cleo-1.zip").write_bytes(sealed.data)
    ident.init_identity(data_dir, "Rita Reviewer", None, unencrypted=True)
    with Store(data_dir) as store:
        receive(store, [str(deliveries.changed_key)])  # a key never seen: kept as pending
        keys = frozenset(key.public_key.fingerprint for key in (ADA_KEY, BEN_KEY, CLEO_KEY))
        receive(store, [str(deliveries.first), str(batch)], trust=ReceiveTrust(confirmed_fingerprints=keys))
        fill_figures(store)
        judge_batch(store, sealed.bundle_id, records, rng)
    return deliveries


def judge_batch(store: Store, bundle_id: str, records: list[dict[str, Any]], rng: random.Random) -> None:
    """Two reviewers' verdicts on most of the batch, mostly agreeing (received, as from a verdict
    bundle): the agreement line and the verdict bars have something to say."""
    kinds = (VerdictKind.ACCEPT, VerdictKind.REVISE, VerdictKind.REJECT)
    first = [rng.choices(kinds, weights=(7, 2, 1))[0] for _ in records]
    for reviewer, fingerprint, share in (("Rita Reviewer", "a" * 64, 0.8), ("Sam Reviewer", "b" * 64, 0.6)):
        verdicts = []
        for index, record in enumerate(records[: int(len(records) * share)]):
            kind = first[index]
            if reviewer.startswith("Sam") and rng.random() < 0.15:  # the second reviewer differs now and then
                kind = rng.choice([other for other in kinds if other is not kind])
            verdicts.append(
                Verdict(
                    verdict_id=f"vd-{reviewer[:3]}-{record['rewrite_id']}",
                    bundle_id=bundle_id,
                    rewrite_id=record["rewrite_id"],
                    task_id=record["task_id"],
                    rewrite_sha256=sha256_text(record["rewrite"]),
                    verdict=kind,
                    reason=None if kind is VerdictKind.ACCEPT else "still reads like the model",
                    reviewer_name=reviewer,
                    reviewer_fingerprint=fingerprint,
                    created_at="2025-06-02T10:00:00Z",
                )
            )
        with store.database.write() as conn:
            store.verdicts.add_received(conn, verdicts, "sha256:" + fingerprint)


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
    table = window.batch_tab.charts.scoreboard_table
    table.resize(table.horizontalHeader().length() + 4, table.rows_height() + 4)
    settle(app)
    table.grab().save(str(out_dir / f"scoreboard_{theme}.png"))
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
    out_dir = output_folder("/tmp/shots")
    app = ensure_application()
    with tempfile.TemporaryDirectory() as temp:
        for theme in (ThemeChoice.LIGHT, ThemeChoice.DARK):
            data_dir = Path(temp) / f"review-{theme.value}"
            data_dir.mkdir()
            deliveries = fill(data_dir, Path(temp) / f"usb-{theme.value}")
            apply_theme(app, theme)
            with review_window(app, data_dir, themed_settings(Path(temp), theme), SIZE) as window:
                shoot(app, window, deliveries, out_dir, theme.value)
    print(out_dir)


if __name__ == "__main__":
    main()
