"""Task ▸ Timesheet…: hours per day as a chart, a table per task, project, day or week, and export.

The figures come from the same core code as ``workstation timesheet`` (so the window and the
command line never disagree), read on the GUI thread from the read-only connection: a year of
work (5,000 sittings) builds in well under 100 ms (tests/benchmarks/bench_timesheet.py). Export
writes the chosen format with its signature beside it; unlocking the key (scrypt) runs on the
background runner, the small file writes on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workstation.core.reports.signed_record import RecordAuthor, RecordKind, write_signed_record
from workstation.core.reports.timesheet import Timesheet, iso_week, timesheet_from_store
from workstation.core.reports.timesheet_formats import (
    FORMATS,
    hours_and_minutes,
    hours_figure,
    render_timesheet,
)
from workstation.core.reports.zones import local_zone
from workstation.core.signing import SecretKey
from workstation.core.signing import identity as ident
from workstation.gui.common import sizes
from workstation.gui.common.key_unlock import unlock_signing_key
from workstation.gui.common.pdf_render import html_to_pdf
from workstation.gui.common.plain_text import plain_label, show_message, shown_line
from workstation.gui.context import AppContext
from workstation.gui.writer.timesheet_chart import HoursChart

PRESETS = ("This week", "Last week", "This month", "Last month", "Last 30 days", "Custom")
GROUPS = ("Per task", "Per project", "Per day", "Per week")
ALL_PROJECTS = "All projects"
_FILTERS = {"csv": "CSV (*.csv)", "json": "JSON (*.json)", "html": "Web page (*.html)", "pdf": "PDF (*.pdf)"}


def preset_range(preset: str, today: date) -> tuple[date, date]:
    """The days a preset names, relative to ``today`` (weeks start on Monday, as ISO weeks do)."""
    monday = today - timedelta(days=today.weekday())
    first_of_month = today.replace(day=1)
    if preset == "This week":
        return monday, monday + timedelta(days=6)
    if preset == "Last week":
        return monday - timedelta(days=7), monday - timedelta(days=1)
    if preset == "Last month":
        last = first_of_month - timedelta(days=1)
        return last.replace(day=1), last
    if preset == "Last 30 days":
        return today - timedelta(days=29), today
    next_month = (first_of_month + timedelta(days=32)).replace(day=1)
    return first_of_month, next_month - timedelta(days=1)  # "This month" (and Custom's start)


def _to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


Rows = list[tuple[str, ...]]


def _rows_for(timesheet: Timesheet, group: str) -> tuple[tuple[str, ...], Rows]:
    """Table headings and rows (text) for one grouping; the last two columns are times."""
    times = ("Time (h:mm)", "Hours")
    rows: Rows

    def cells(seconds: float) -> tuple[str, str]:
        return hours_and_minutes(seconds), f"{hours_figure(seconds):.2f}"

    if group == "Per project":
        rows = [(name, *cells(s)) for name, s in timesheet.by_project().items()]
        return ("Project", *times), rows
    if group == "Per day":
        rows = [(day.isoformat(), iso_week(day), *cells(s)) for day, s in timesheet.by_day().items()]
        return ("Date", "Week", *times), rows
    if group == "Per week":
        rows = [(week, *cells(s)) for week, s in timesheet.by_week().items()]
        return ("Week", *times), rows
    rows = [(name, task, *cells(s)) for (name, task), s in timesheet.by_task().items()]
    return ("Project", "Task", *times), rows


class TimesheetDialog(QDialog):
    """The writer's hours; ``exported`` carries the path once a signed file is written."""

    exported = Signal(Path)

    def __init__(
        self,
        context: AppContext,
        parent: QWidget | None = None,
        *,
        tz: tzinfo | None = None,
        today: Callable[[], date] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("timesheetDialog")
        self.setWindowTitle("Timesheet")
        self._context = context
        self._tz = tz if tz is not None else local_zone()
        self._today = today or (lambda: datetime.now(self._tz).date())
        self.timesheet: Timesheet | None = None
        self.last_message: QMessageBox | None = None
        self._setting_range = False

        self.preset = QComboBox()
        self.preset.addItems(PRESETS)
        self.first = QDateEdit()
        self.last = QDateEdit()
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.project = QComboBox()
        self.total = plain_label()
        self.total.setObjectName("timesheetTotal")
        self.chart = HoursChart()
        self.group = QComboBox()
        self.group.addItems(GROUPS)
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.export_button = QPushButton("Export…")
        close = QPushButton("Close")

        controls = QHBoxLayout()
        for label, widget in (("Range", self.preset), ("From", self.first), ("To", self.last)):
            controls.addWidget(plain_label(label))
            controls.addWidget(widget)
        controls.addWidget(plain_label("Project"))
        controls.addWidget(self.project, 1)
        table_bar = QHBoxLayout()
        table_bar.addWidget(self.total, 1)
        table_bar.addWidget(self.group)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addLayout(table_bar)
        lower_layout.addWidget(self.table)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.chart)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(sizes.MARGIN, sizes.MARGIN, sizes.MARGIN, sizes.MARGIN)
        layout.setSpacing(sizes.SPACING)
        layout.addLayout(controls)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.resize(900, 640)

        self._fill_projects()
        self.choose_preset("This month")
        self.preset.currentTextChanged.connect(self.choose_preset)
        self.first.dateChanged.connect(self._dates_edited)
        self.last.dateChanged.connect(self._dates_edited)
        self.project.currentTextChanged.connect(lambda _name: self.refresh())
        self.group.currentTextChanged.connect(lambda _name: self._fill_table())
        self.export_button.clicked.connect(self.ask_export)
        close.clicked.connect(self.close)
        context.events.store_changed.connect(lambda _changes: self.refresh() if self.isVisible() else None)

    # ----- range and figures
    def _fill_projects(self) -> None:
        self.project.addItem(ALL_PROJECTS)
        self.project.addItems(self._context.store.projects.names())

    def choose_preset(self, preset: str) -> None:
        """Show the range a preset names (Custom keeps the dates as they are)."""
        self._show_preset(preset)
        if preset != "Custom":
            self.set_range(*preset_range(preset, self._today()), preset=preset)

    def set_range(self, first: date, last: date, *, preset: str = "Custom") -> None:
        """Show ``first``..``last`` (both included) and refresh the figures."""
        self._setting_range = True
        try:
            self.first.setDate(_to_qdate(first))
            self.last.setDate(_to_qdate(last))
        finally:
            self._setting_range = False
        self._show_preset(preset)
        self.refresh()

    def _show_preset(self, preset: str) -> None:
        self.preset.blockSignals(True)
        self.preset.setCurrentText(preset)
        self.preset.blockSignals(False)

    def _dates_edited(self) -> None:
        if not self._setting_range:
            self._show_preset("Custom")
            self.refresh()

    def selected_project(self) -> str | None:
        name = self.project.currentText()
        return None if name == ALL_PROJECTS or not name else name

    def refresh(self) -> None:
        first, last = _to_date(self.first.date()), _to_date(self.last.date())
        if last < first:
            first, last = last, first
        self.timesheet = timesheet_from_store(
            self._context.store.work_sessions, first, last, tz=self._tz, project=self.selected_project()
        )
        self.chart.set_days(self.timesheet.days())
        total = self.timesheet.total_seconds
        worked = len(self.timesheet.by_day())
        self.total.setText(
            f"{hours_and_minutes(total)} active ({hours_figure(total):.2f} h) on {worked} "
            f"day{'s' if worked != 1 else ''}, {self.timesheet.time_zone}"
            if total
            else f"No work recorded in this range ({self.timesheet.time_zone})."
        )
        self._fill_table()

    def _fill_table(self) -> None:
        if self.timesheet is None:
            return
        headings, rows = _rows_for(self.timesheet, self.group.currentText())
        self.table.clear()
        self.table.setColumnCount(len(headings))
        self.table.setHorizontalHeaderLabels(list(headings))
        self.table.setRowCount(len(rows))
        for row_index, row in enumerate(rows):
            for column, text in enumerate(row):
                item = QTableWidgetItem(shown_line(text))
                if column >= len(headings) - 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row_index, column, item)
        header = self.table.horizontalHeader()
        widest = len(headings) - 3  # the last text column (task, project, week) takes the room
        for column in range(len(headings)):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if column == widest
                else QHeaderView.ResizeMode.ResizeToContents
            )
            header.setSectionResizeMode(column, mode)

    # ----- export
    def ask_export(self) -> None:
        assert self.timesheet is not None
        name = f"timesheet-{self.timesheet.first_day}-to-{self.timesheet.last_day}.pdf"
        path, chosen = QFileDialog.getSaveFileName(
            self, "Export timesheet", str(Path.home() / name), ";;".join(_FILTERS.values())
        )
        if path:
            fmt = next((f for f, label in _FILTERS.items() if label == chosen), None)
            suffix = Path(path).suffix.lstrip(".").lower()
            self.export(Path(path), suffix if suffix in FORMATS else fmt or "pdf")

    def export(self, path: Path, fmt: str) -> None:
        """Write the timesheet shown as ``fmt`` to ``path``, signed; asks for the passphrase."""
        identity = self._context.identity()
        if identity is None:
            self._tell(
                QMessageBox.Icon.Information,
                "No signing key",
                "Exported timesheets are signed with your key. "
                "Create one in Preferences ▸ Identity & upload.",
            )
            self._context.events.preferences_requested.emit("identity")
            return
        timesheet = self.timesheet
        assert timesheet is not None
        self.export_button.setEnabled(False)
        started = unlock_signing_key(
            self._context,
            self,
            identity,
            "to sign the timesheet",
            on_key=lambda key: self._write(key, identity, timesheet, path, fmt),
            on_failed=self._unlock_failed,
            wrong_passphrase="Wrong passphrase; nothing was written.",
            cancelled="No passphrase given; nothing was written.",
        )
        if not started:
            self.export_button.setEnabled(True)

    def _write(
        self, key: SecretKey, identity: ident.Identity, timesheet: Timesheet, path: Path, fmt: str
    ) -> None:
        self.export_button.setEnabled(True)
        author = RecordAuthor(identity.name, identity.fingerprint)
        data = render_timesheet(
            timesheet, fmt, author=author, generated_at=datetime.now(UTC), pdf_renderer=html_to_pdf
        )
        try:
            signature = write_signed_record(
                path, data, key, kind=RecordKind.TIMESHEET, signer_name=identity.name
            )
        except OSError as exc:
            self._tell(QMessageBox.Icon.Warning, "Timesheet not written", f"Could not write {path}: {exc}")
            return
        self._context.show_message(f"Timesheet written to {path}, signed in {signature.name}", 10_000)
        self.exported.emit(path)

    def _unlock_failed(self, message: str | None) -> None:
        self.export_button.setEnabled(True)
        if message is not None:
            self._tell(QMessageBox.Icon.Warning, "Timesheet not signed", message)

    def _tell(self, icon: QMessageBox.Icon, title: str, text: str) -> None:
        self.last_message = show_message(self, icon, title, text)


def show_timesheet(context: AppContext, parent: QWidget) -> TimesheetDialog:
    """Open the timesheet over ``parent`` (or raise the one already open) and return it."""
    dialog = parent.findChild(TimesheetDialog)
    if dialog is None:
        dialog = TimesheetDialog(context, parent)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
