"""The Timesheet view: opened from the Task menu, a range switched, the figures and an export."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from tests.gui.conftest import PASSPHRASE, DriverFactory
from tests.timesheet_data import record, sitting
from workstation.core.reports.signed_record import check_record, signature_path
from workstation.core.signing import INTERACTIVE_KDF
from workstation.core.signing import identity as ident
from workstation.core.store import Store
from workstation.gui.common.settings import AppSettings
from workstation.gui.context import AppContext, open_context
from workstation.gui.writer.timesheet_view import TimesheetDialog, preset_range

TODAY = date(2025, 3, 20)


def work(data_dir: Path) -> None:
    with Store(data_dir) as store:
        task_ids = [row.id for row in store.tasks.queue()]
        record(
            store,
            [
                sitting(task_ids[0], datetime(2025, 3, 3, 9, tzinfo=UTC), 3600, 3600),
                sitting(task_ids[1], datetime(2025, 3, 4, 9, tzinfo=UTC), 1800, 1800),
                sitting(task_ids[0], datetime(2025, 2, 10, 9, tzinfo=UTC), 600, 600, n=1),
            ],
        )


@pytest.fixture
def context(demo_dir: Path, settings_path: Path) -> AppContext:
    work(demo_dir)
    ident.init_identity(demo_dir, "Ada Writer", PASSPHRASE, kdf=INTERACTIVE_KDF)
    opened = open_context(demo_dir, AppSettings(QSettings(str(settings_path), QSettings.Format.IniFormat)))
    yield opened
    opened.close()


@pytest.fixture
def dialog(qtbot: QtBot, context: AppContext, monkeypatch: pytest.MonkeyPatch) -> TimesheetDialog:
    monkeypatch.setattr("workstation.gui.common.key_unlock.ask_passphrase", lambda *a, **k: PASSPHRASE)
    view = TimesheetDialog(context, None, tz=UTC, today=lambda: TODAY)
    qtbot.addWidget(view)
    view.show()
    return view


def test_presets_name_the_days_a_writer_expects() -> None:
    assert preset_range("This week", TODAY) == (date(2025, 3, 17), date(2025, 3, 23))
    assert preset_range("Last week", TODAY) == (date(2025, 3, 10), date(2025, 3, 16))
    assert preset_range("This month", TODAY) == (date(2025, 3, 1), date(2025, 3, 31))
    assert preset_range("Last month", date(2025, 1, 5)) == (date(2024, 12, 1), date(2024, 12, 31))


def test_the_month_shows_its_hours_per_day_and_per_task(dialog: TimesheetDialog) -> None:
    assert dialog.first.date().toString("yyyy-MM-dd") == "2025-03-01"
    days = dict(dialog.chart.days)
    assert len(days) == 31 and days[date(2025, 3, 3)] == 3600 and days[date(2025, 3, 4)] == 1800
    assert dialog.total.text().startswith("1:30 active (1.50 h) on 2 days")
    assert dialog.table.rowCount() == 2
    dialog.group.setCurrentText("Per day")
    assert [dialog.table.item(row, 0).text() for row in range(2)] == ["2025-03-03", "2025-03-04"]


def test_switching_the_range_refreshes_chart_table_and_total(dialog: TimesheetDialog) -> None:
    dialog.preset.setCurrentText("Last month")
    assert len(dialog.chart.days) == 28
    assert dialog.total.text().startswith("0:10 active")
    dialog.set_range(date(2025, 4, 1), date(2025, 4, 7))
    assert dialog.preset.currentText() == "Custom"
    assert dialog.table.rowCount() == 0 and dialog.total.text().startswith("No work recorded")
    dialog.last.setDate(dialog.last.date().addDays(-30))  # dates typed the wrong way round
    assert dialog.timesheet is not None and dialog.timesheet.first_day <= dialog.timesheet.last_day


@pytest.mark.parametrize("fmt", ["csv", "json", "html", "pdf"])
def test_export_writes_a_signed_file(qtbot: QtBot, dialog: TimesheetDialog, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"march.{fmt}"
    with qtbot.waitSignal(dialog.exported, timeout=10_000):
        dialog.export(target, fmt)
    identity = ident.load_identity(dialog._context.data_dir)
    assert identity is not None
    check = check_record(target.read_bytes(), signature_path(target).read_text(), [identity.public_key])
    assert check.kind == "timesheet" and check.signer_name == "Ada Writer"
    if fmt == "csv":
        assert target.read_text(encoding="utf-8").count("\n") == 3


def test_a_wrong_passphrase_writes_nothing(
    qtbot: QtBot, dialog: TimesheetDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("workstation.gui.common.key_unlock.ask_passphrase", lambda *a, **k: "wrong words")
    monkeypatch.delenv("WORKSTATION_PASSPHRASE", raising=False)
    dialog.export(tmp_path / "x.csv", "csv")
    qtbot.waitUntil(lambda: dialog.last_message is not None, timeout=10_000)
    assert "Wrong passphrase" in dialog.last_message.text()
    assert not (tmp_path / "x.csv").exists()


def test_task_menu_opens_the_timesheet(make_window: DriverFactory, demo_dir: Path) -> None:
    work(demo_dir)
    driver = make_window(demo_dir)
    window = driver.window
    window.actions_by_name["timesheet"].trigger()
    opened = window.findChild(TimesheetDialog)
    assert opened is not None and opened.isVisible()
    window.actions_by_name["timesheet"].trigger()
    assert len(window.findChildren(TimesheetDialog)) == 1  # raised again, not opened twice
    opened.close()
