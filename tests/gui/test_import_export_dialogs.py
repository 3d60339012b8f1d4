"""File ▸ Import and Export run in the background, report per file, and can be cancelled."""

from __future__ import annotations

import json
from pathlib import Path

from workstation.core.models import RewriteStatus
from workstation.gui.dialogs.transfer_dialogs import ExportDialog, ExportOptions, ImportDialog, ImportOptions


def write_tasks(path: Path, count: int, *, bad_line: int | None = None) -> Path:
    lines = []
    for i in range(count):
        if bad_line is not None and i + 1 == bad_line:
            lines.append("{broken")
        else:
            lines.append(
                json.dumps({"id": f"imp-{i}", "prompt": f"Prompt {i}", "response": f"Response number {i}."})
            )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_import_adds_tasks_and_refreshes_the_queue(
    qtbot, make_window, demo_dir: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_dir)
    good = write_tasks(tmp_path / "good.jsonl", 30)
    bad = write_tasks(tmp_path / "bad.jsonl", 10, bad_line=4)
    with qtbot.waitSignal(window.transfers.import_finished, timeout=10_000) as blocker:
        window.transfers.start_import(ImportOptions((good, bad), "Imported", None))
    outcome = blocker.args[0]
    window.file_commands.import_finished(outcome)
    assert [r.ok for r in outcome.results] == [True, False]
    assert "good.jsonl: 30 added" in outcome.summary()
    assert "bad.jsonl:4:" in outcome.details()
    assert window.queue_model.rowCount() == 48 + 30
    assert window.file_commands.last_message.detailedText()
    window.file_commands.last_message.close()


def test_cancelled_import_adds_nothing(qtbot, make_window, demo_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_dir)
    big = write_tasks(tmp_path / "big.jsonl", 20_000)
    with qtbot.waitSignal(window.transfers.import_finished, timeout=30_000) as blocker:
        window.transfers.start_import(ImportOptions((big,), "Big", None))
        window.transfers.cancel_import()
    outcome = blocker.args[0]
    assert outcome.cancelled
    assert window.context.store.tasks.count() == 48


def test_typing_during_an_import_is_saved_after_it(
    qtbot, make_window, demo_dir: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_dir)
    big = write_tasks(tmp_path / "big.jsonl", 5000)
    with qtbot.waitSignal(window.transfers.import_finished, timeout=30_000) as blocker:
        window.transfers.start_import(ImportOptions((big,), "Big", None))
        qtbot.keyClicks(window.diff_view.rewrite_pane, "typed while importing ")
        window.save_work()  # queued behind the import, runs right after it
    assert blocker.args[0].results[0].added == 5000
    window.file_commands.last_message.close()
    qtbot.waitUntil(lambda: not window.session.dirty, timeout=5000)
    assert window.context.store.rewrites.get("demo-001").text.startswith("typed while importing ")


def test_export_writes_submitted_rewrites(qtbot, make_window, demo_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_dir)
    window.diff_view.rewrite_pane.setPlainText("A human email.")
    window.task_commands.submit()
    out = tmp_path / "out.jsonl"
    with qtbot.waitSignal(window.transfers.export_finished, timeout=10_000) as blocker:
        window.transfers.start_export(
            ExportOptions("trl-preference", (RewriteStatus.SUBMITTED.value,), None, out)
        )
    assert blocker.args[1] == 1
    row = json.loads(out.read_text(encoding="utf-8"))
    assert row["chosen"] == "A human email."


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
