"""File ▸ Import and Export run in the background, report per file, and can be cancelled."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.gui.task_files import write_tasks
from workstation.core.models import RewriteStatus
from workstation.gui.dialogs.transfer_dialogs import ExportDialog, ExportOptions, ImportDialog, ImportOptions


def test_import_adds_tasks_and_refreshes_the_queue(make_window, demo_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)
    good = write_tasks(tmp_path / "good.jsonl", 30)
    bad = write_tasks(tmp_path / "bad.jsonl", 10, bad_line=4)
    outcome = writer.transfers.import_files((good, bad), "Imported")
    assert [r.ok for r in outcome.results] == [True, False]
    assert "good.jsonl: 30 added" in outcome.summary()
    assert "bad.jsonl:4:" in outcome.details()
    assert writer.queue.size() == 48 + 30
    assert "bad.jsonl:4:" in writer.transfers.report_details()  # the writer is shown the problem
    writer.transfers.close_report()


def test_cancelled_import_adds_nothing(make_window, demo_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)
    big = write_tasks(tmp_path / "big.jsonl", 20_000)
    with writer.transfers.wait_for_import(timeout=30_000) as blocker:
        writer.transfers.start_import((big,), "Big")
        writer.transfers.cancel_import()
    outcome = blocker.args[0]
    assert outcome.cancelled
    assert writer.task_count() == 48


def test_typing_during_an_import_is_saved_after_it(
    qtbot, make_window, demo_dir: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)
    big = write_tasks(tmp_path / "big.jsonl", 5000)
    with writer.transfers.wait_for_import(timeout=30_000) as blocker:
        writer.transfers.start_import((big,), "Big")
        writer.type("typed while importing ")
        writer.save()  # queued behind the import, runs right after it
    assert blocker.args[0].results[0].added == 5000
    writer.transfers.close_report()
    qtbot.waitUntil(lambda: not writer.is_dirty, timeout=5000)
    assert writer.stored_rewrite("demo-001").text.startswith("typed while importing ")


def test_export_writes_submitted_rewrites(make_window, demo_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)
    writer.replace_rewrite("A human email.")
    writer.submit()
    out = tmp_path / "out.jsonl"
    count = writer.transfers.export(
        ExportOptions("trl-preference", (RewriteStatus.SUBMITTED.value,), None, out)
    )
    assert count == 1
    row = json.loads(out.read_text(encoding="utf-8"))
    assert row["chosen"] == "A human email."


def test_an_export_leaves_out_work_edited_after_submit_and_says_so(
    make_window, demo_dir: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)
    writer.replace_rewrite("A human email.")
    writer.submit()
    writer.open_task("demo-001")
    writer.type("Polished but not confirmed. ")
    writer.save(wait=True)
    assert writer.stored_rewrite("demo-001").edited_after_submit is not None
    out = tmp_path / "out.jsonl"
    result = writer.transfers.export_result(
        ExportOptions("trl-preference", (RewriteStatus.SUBMITTED.value,), None, out)
    )
    assert (result.written, result.unconfirmed) == (0, 1)
    assert "1 submitted rewrite was edited after submit and was left out" in writer.status_message()


def test_dialogs_return_typed_options(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = ImportDialog([tmp_path / "a.csv"], ["Alpha", "Beta"])
    qtbot.addWidget(dialog)
    dialog.project.setCurrentText("  New   project ")
    dialog.fmt.setCurrentIndex(dialog.fmt.findData("csv"))
    assert dialog.options() == ImportOptions((tmp_path / "a.csv",), "New project", "csv")
    export = ExportDialog(["Alpha"])
    qtbot.addWidget(export)
    ok = export.buttons.button(export.buttons.StandardButton.Ok)
    assert not ok.isEnabled()  # no output path yet
    export.out.setText(str(tmp_path / "x.jsonl"))
    export.status_boxes["draft"].setChecked(True)
    assert ok.isEnabled()
    options = export.options()
    assert options.statuses == ("submitted", "draft") and options.out == tmp_path / "x.jsonl"


def test_importing_a_fifo_is_refused_in_words_and_never_blocks(
    make_window, demo_dir: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)
    fifo = tmp_path / "tasks.jsonl"
    os.mkfifo(fifo)
    outcome = writer.transfers.import_files([fifo], "Pipe")
    assert outcome.failure is not None and outcome.failure[0] == fifo
    assert "FIFO" in outcome.failure[1] or "pipe" in outcome.failure[1].lower()
    assert writer.task_count() == 48
