"""Outside text — task ids, file names, lint messages, save errors, server replies — is shown
exactly as written wherever the window shows it: tooltips, labels, message boxes, titles. None of
it is taken for HTML, so no file it names is ever read."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QListView, QMessageBox, QToolTip

from workstation import APP_NAME
from workstation.core.models import Criterion, Rubric
from workstation.core.prose.findings import Finding
from workstation.core.prose.style_pack import CategoryInfo
from workstation.core.store import QueueRow, Store
from workstation.core.store.outbox import OutboxRow
from workstation.gui.common.plain_text import shown_line, shown_lines, tooltip
from workstation.gui.compare.text_pane import TextPane
from workstation.gui.dialogs.transfer_dialogs import ImportDialog, ImportOptions
from workstation.gui.operations import OperationFailed
from workstation.gui.writer.metrics_bar import MetricsBar, SaveState
from workstation.gui.writer.outbox_dock import OutboxDock
from workstation.gui.writer.prose_panels import CategoryList, FindingsPanel
from workstation.gui.writer.queue_model import QueueModel
from workstation.gui.writer.rubric_widget import RubricWidget

from .outside_text import WATCHED_NAME, assert_labels_plain, hostile_texts, rendered, shown_tooltip_label
from .read_watch import ReadWatch

SHOTS = Path(os.environ.get("HARDENING_SHOTS", "/tmp/gui-hardening-shots"))


def shoot(widget, name: str) -> None:  # type: ignore[no-untyped-def]
    """Keep a picture of what the writer would see (looked at by hand; never compared)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / f"{name}.png"))


def test_tooltips_render_exactly_the_safe_text() -> None:
    for text in hostile_texts(Path("/tmp/x")).values():
        tip = tooltip(text)
        assert QtGui.Qt.mightBeRichText(tip), "our own escaped HTML, so Qt never guesses"
        assert rendered(tip) == shown_line(text)
        assert rendered(tooltip(text, multiline=True)) == shown_lines(text, max_lines=12)
    assert rendered(tooltip("<b>bold</b>")) == "<b>bold</b>"
    assert shown_line("invoice\u202egnp.exe") == "invoice\ufffdgnp.exe"
    assert tooltip("") == "" and tooltip("\n \t") == ""
    assert len(rendered(tooltip("x" * 1_000_000))) == 300
    assert rendered(tooltip("a\n" * 1000, multiline=True)).count("\n") == 11


def test_queue_tooltips_and_rows_show_hostile_ids_as_written(qtbot, watched: ReadWatch) -> None:  # type: ignore[no-untyped-def]
    ids = list(hostile_texts(watched.path).values())
    model = QueueModel()
    model.set_rows([QueueRow(n, task_id, "open", "snippet") for n, task_id in enumerate(ids)])
    view = QListView()
    view.setModel(model)
    qtbot.addWidget(view)
    view.resize(300, 400)
    view.show()
    for row, task_id in enumerate(ids):
        index = model.index(row)
        assert model.data(index, Qt.ItemDataRole.DisplayRole).split("\n")[0] == shown_line(task_id)
        tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
        assert rendered(tip) == shown_line(f"{task_id} — To do")
        QToolTip.showText(view.viewport().mapToGlobal(view.visualRect(index).center()), tip, view)
        qtbot.waitUntil(lambda: shown_tooltip_label() is not None, timeout=2000)
        label = shown_tooltip_label()
        assert label is not None and rendered(label.text()) == shown_line(f"{task_id} — To do")
        label.repaint()
        if row == 0:
            shoot(label, "queue-tooltip")
    view.grab()  # the delegate paints every row's text
    assert not watched.opened, "a tooltip or a row made Qt read the file an id named"


def test_lint_tooltip_in_a_pane_shows_the_style_files_message(qtbot, watched: ReadWatch) -> None:  # type: ignore[no-untyped-def]
    message = "\n".join(hostile_texts(watched.path).values())
    pane = TextPane()
    qtbot.addWidget(pane)
    pane.set_text("Some words to point at.")
    pane.tooltip_provider = lambda _position: message
    pane.resize(400, 200)
    pane.show()
    at = QPoint(10, 10)
    QApplication.sendEvent(
        pane.viewport(), QHelpEvent(QEvent.Type.ToolTip, at, pane.viewport().mapToGlobal(at))
    )
    qtbot.waitUntil(lambda: shown_tooltip_label() is not None, timeout=2000)
    label = shown_tooltip_label()
    assert label is not None
    assert rendered(label.text()) == shown_lines(message, max_lines=12)
    assert "<b>bold</b> &amp; <i>it</i>" in rendered(label.text())
    label.repaint()
    shoot(label, "lint-tooltip")
    assert not watched.opened


def test_import_dialog_lists_hostile_file_names_as_written(qtbot, tmp_path: Path, watched: ReadWatch) -> None:  # type: ignore[no-untyped-def]
    paths = [tmp_path / f"<img src={WATCHED_NAME}>.jsonl", Path("/dev/zero"), tmp_path / "<b>x</b>.csv"]
    dialog = ImportDialog(paths, ["Default"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert_labels_plain(dialog)
    shoot(dialog, "import-dialog")
    assert not watched.opened


def test_import_summary_names_a_hostile_file_as_written(
    qtbot, open_app_window, demo_dir: Path, tmp_path: Path, watched: ReadWatch
) -> None:  # type: ignore[no-untyped-def]
    window = open_app_window(demo_dir)
    source = tmp_path / f"<img src={WATCHED_NAME}>.jsonl"
    source.write_text(json.dumps({"id": "one", "prompt": "p", "response": "r"}) + "\n{broken\n")
    with qtbot.waitSignal(window.transfers.import_finished, timeout=10_000):
        window.transfers.start_import(ImportOptions((source,), "Default", None))
    box = window.file_commands.last_message
    assert box is not None
    qtbot.waitExposed(box)
    assert_labels_plain(box)
    assert box.text().startswith(f"<img src={WATCHED_NAME}>.jsonl: not imported")
    shoot(box, "import-summary")
    box.close()
    window.file_commands.import_failed(
        OperationFailed(OSError(f"<img src={WATCHED_NAME}>: No space left on device"), "import")
    )
    warning = window.file_commands.last_message
    assert warning is not None and f"<img src={WATCHED_NAME}>: No space left" in warning.text()
    assert_labels_plain(warning)
    warning.close()
    assert not watched.opened


def test_outbox_messages_and_rows_show_server_words_as_written(
    qtbot, open_app_window, demo_dir: Path, tmp_path: Path, watched: ReadWatch, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    window = open_app_window(demo_dir)
    monkeypatch.setattr(window.context.store.outbox, "get_bytes", lambda _bundle_id: b"bundle bytes")
    hostile = hostile_texts(watched.path)
    window.outbox._seal_failed(hostile["img_absolute"] + " " + hostile["rtl"])
    box = window.outbox.last_message
    assert box is not None and box.icon() is QMessageBox.Icon.Warning
    qtbot.waitExposed(box)
    assert_labels_plain(box)
    assert box.text() == shown_lines(hostile["img_absolute"] + " " + hostile["rtl"], 1000)
    shoot(box, "sealing-failed")
    box.close()
    window.outbox.write_bundle("sha256:" + "0" * 64, tmp_path / f"<img src={WATCHED_NAME}>" / "b.zip")
    box = window.outbox.last_message
    assert box is not None and f"<img src={WATCHED_NAME}>" in box.text()
    assert_labels_plain(box)
    box.close()

    dock = OutboxDock()
    qtbot.addWidget(dock)
    rows = [
        OutboxRow(
            bundle_id=f"sha256:{n:064x}",
            bundle_seq=n,
            signer_fingerprint="f" * 64,
            size=1000,
            record_count=1,
            state="pending",
            attempts=1,
            last_error=error,
            next_attempt_at=None,
            target=None,
            receipt=None,
            created_at="2026-01-01T00:00:00Z",
            updated_at="2026-01-01T00:00:00Z",
            acked_at=None,
        )
        for n, error in enumerate(hostile.values())
    ]
    dock.show_rows(rows, target=hostile["markup"], unsealed=0)
    dock.resize(900, 300)
    dock.show()
    for number, error in enumerate(hostile.values()):
        item = dock.table.item(number, 6)
        assert item.text() == shown_line(error)
        assert rendered(item.toolTip()) == shown_line(error)
    assert_labels_plain(dock)
    assert hostile["markup"] in dock.summary.text()
    shoot(dock, "outbox-dock")
    assert not watched.opened


def test_save_line_findings_categories_and_rubric_show_outside_words(qtbot, watched: ReadWatch) -> None:  # type: ignore[no-untyped-def]
    hostile = hostile_texts(watched.path)
    bar = MetricsBar()
    qtbot.addWidget(bar)
    bar.set_save_state(SaveState.FAILED, hostile["img_absolute"] + " database or disk is full")
    assert_labels_plain(bar)
    assert bar.save_label.text().startswith("NOT SAVED — will retry: <img src=")
    assert rendered(bar.save_label.toolTip()) == shown_line(
        hostile["img_absolute"] + " database or disk is full"
    )
    bar.resize(900, 30)
    shoot(bar, "save-line")

    panel = FindingsPanel()
    qtbot.addWidget(panel)
    findings = tuple(
        Finding(0, 4, f"Style.{key}", "robotic", "warning", text, "word") for key, text in hostile.items()
    )
    panel.show_findings(findings, ())
    for number, (key, text) in enumerate(hostile.items()):
        item = panel.rewrite_group.child(number)
        assert item.text(0).endswith(shown_line(text))
        assert rendered(item.toolTip(0)) == shown_lines(f"warning: {text}\nStyle.{key}", max_lines=12)
    categories = CategoryList()
    qtbot.addWidget(categories)
    categories.set_categories([CategoryInfo("c", hostile["markup"], hostile["img_relative"])], set())
    assert rendered(categories.item(0).toolTip()) == shown_line(hostile["img_relative"])
    rubric = RubricWidget()
    qtbot.addWidget(rubric)
    rubric.set_rubric(
        Rubric(criteria=(Criterion(id="c", name=hostile["markup"], question=hostile["img_absolute"]),))
    )
    assert_labels_plain(rubric)
    for widget in (panel, categories, rubric):
        widget.show()
        widget.grab()
    assert not watched.opened


@pytest.mark.parametrize("key", ["img_relative", "rtl", "lines", "ansi"])
def test_window_title_and_status_line_show_a_hostile_id_on_one_safe_line(
    open_app_window, tmp_path: Path, watched: ReadWatch, key: str
) -> None:  # type: ignore[no-untyped-def]
    task_id = hostile_texts(watched.path)[key]
    source = tmp_path / "tasks.jsonl"
    source.write_text(json.dumps({"id": task_id, "prompt": "p", "response": "The original."}) + "\n")
    data_dir = tmp_path / "data"
    with Store(data_dir) as store:
        assert store.import_file(source, project="Default").ok
    window = open_app_window(data_dir)
    assert window.editor.open_task(task_id)
    assert window.windowTitle() == f"{shown_line(task_id, 80)} — {APP_NAME}"
    assert "\n" not in window.windowTitle() and "\u202e" not in window.windowTitle()
    window.context.show_message(f"Exported 3 rewrites to {task_id}")
    assert window.statusBar().currentMessage() == shown_line(f"Exported 3 rewrites to {task_id}")
    window.grab()
    assert not watched.opened
