"""The timesheet: local days, ISO weeks, projects, empty ranges, clock changes and crashes."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.timesheet_data import add_tasks, record, sitting
from workstation.core.effort.active_time import ActiveTimeTracker
from workstation.core.effort.session_clock import SessionClock
from workstation.core.models import WorkSession
from workstation.core.reports.signed_record import RecordAuthor
from workstation.core.reports.timesheet import BadRange, build_timesheet, iso_week, timesheet_from_store
from workstation.core.reports.timesheet_formats import CSV_COLUMNS, to_csv, to_html, to_json
from workstation.core.store import Store, new_rewrite

DATA = Path(__file__).parent / "data"
BERLIN = ZoneInfo("Europe/Berlin")
AUTHOR = RecordAuthor("Ada <Writer>", "ab" * 32)
MADE = datetime(2025, 3, 31, 12, 0, tzinfo=UTC)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def week_of_work() -> list[WorkSession]:
    """Three tasks over a week that crosses a Berlin midnight, a UTC midnight and an ISO week."""
    return [
        sitting("mail-000", at("2025-03-02T22:30:00Z"), 3600, 1800, project="Mail"),  # 23:30-00:30 Berlin
        sitting("mail-001", at("2025-03-03T08:00:00Z"), 1200, 900, project="Mail"),
        sitting("support-000", at("2025-03-03T09:00:00Z"), 600, 600, project="Support"),
        sitting("support-000", at("2025-03-07T15:00:00Z"), 7200, 5400.25, project="Support"),
    ]


def test_days_are_the_writers_local_days() -> None:
    sessions = week_of_work()[:1]
    local = build_timesheet(sessions, date(2025, 3, 2), date(2025, 3, 3), tz=BERLIN)
    utc = build_timesheet(sessions, date(2025, 3, 2), date(2025, 3, 3), tz=UTC)
    # 22:30-23:30 UTC is 23:30-00:30 in Berlin: split over two Berlin days, one UTC day.
    assert local.by_day() == {date(2025, 3, 2): 900.0, date(2025, 3, 3): 900.0}
    assert utc.by_day() == {date(2025, 3, 2): 1800.0}
    assert local.time_zone == "Europe/Berlin"


def test_a_range_keeps_only_its_own_local_days() -> None:
    sheet = build_timesheet(week_of_work(), date(2025, 3, 3), date(2025, 3, 3), tz=BERLIN)
    assert sheet.total_seconds == pytest.approx(900 + 900 + 600)
    assert [(e.task_id, e.seconds) for e in sheet.entries] == [
        ("mail-000", 900.0),
        ("mail-001", 900.0),
        ("support-000", 600.0),
    ]


def test_weeks_projects_and_tasks_add_up_to_the_total() -> None:
    sheet = build_timesheet(week_of_work(), date(2025, 3, 1), date(2025, 3, 9), tz=BERLIN)
    assert sheet.by_week() == {"2025-W09": 900.0, "2025-W10": pytest.approx(900 + 900 + 600 + 5400.25)}
    assert sheet.by_project() == {"Mail": 2700.0, "Support": 6000.25}
    assert sum(sheet.by_task().values()) == pytest.approx(sheet.total_seconds)
    assert iso_week(date(2024, 12, 30)) == "2025-W01"  # ISO weeks belong to the year of their Thursday


def test_project_filter_and_empty_ranges() -> None:
    sheet = build_timesheet(week_of_work(), date(2025, 3, 1), date(2025, 3, 9), tz=BERLIN, project="Mail")
    assert set(sheet.by_project()) == {"Mail"}
    empty = build_timesheet(week_of_work(), date(2025, 4, 1), date(2025, 4, 30), tz=BERLIN)
    assert empty.is_empty and empty.total_seconds == 0 and len(empty.days()) == 30
    assert b"No work was recorded" in to_html(empty, AUTHOR, MADE).encode()
    assert to_csv(empty).decode() == ",".join(CSV_COLUMNS) + "\r\n"


def test_a_range_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(BadRange, match="ends"):
        build_timesheet([], date(2025, 3, 2), date(2025, 3, 1), tz=UTC)
    with pytest.raises(BadRange, match="from 1900"):
        build_timesheet([], date(1, 1, 1), date(2025, 3, 1), tz=UTC)


def test_a_clock_set_back_mid_sitting_never_gives_negative_or_double_time() -> None:
    # The clock went back an hour mid-sitting: the end is clamped to the start (zero span), the
    # 40 measured minutes all count, once, on the day the sitting began.
    clamped = sitting("mail-000", at("2025-03-03T10:00:00Z"), 0, 2400, project="Mail")
    # A later sitting whose wall-clock span overlaps it (the clock set back): both count in full.
    overlapping = sitting("mail-000", at("2025-03-03T09:30:00Z"), 3600, 1800, project="Mail", n=1)
    other_task = sitting("mail-001", at("2025-03-03T09:45:00Z"), 600, 300, project="Mail")
    sheet = build_timesheet([clamped, overlapping, other_task], date(2025, 3, 3), date(2025, 3, 3), tz=UTC)
    assert sheet.total_seconds == 2400 + 1800 + 300
    assert all(entry.seconds >= 0 for entry in sheet.entries)
    assert [entry.sessions for entry in sheet.entries] == [2, 1]


def test_a_long_sitting_is_spread_without_losing_or_adding_a_second() -> None:
    long = sitting("mail-000", at("2025-03-29T20:00:00Z"), 3 * 86400, 10_000, project="Mail")  # over DST
    sheet = build_timesheet([long], date(2025, 3, 1), date(2025, 4, 30), tz=BERLIN)
    assert sheet.total_seconds == pytest.approx(10_000)
    assert len(sheet.by_day()) == 4


def test_golden_csv_and_json() -> None:
    sheet = build_timesheet(week_of_work(), date(2025, 3, 1), date(2025, 3, 9), tz=BERLIN)
    csv_text = to_csv(sheet).decode("utf-8")
    json_text = to_json(sheet, AUTHOR, MADE).decode("utf-8")
    assert csv_text == (DATA / "timesheet.csv").read_text(encoding="utf-8", newline=""), csv_text
    assert json_text == (DATA / "timesheet.json").read_text(encoding="utf-8"), json_text
    assert json.loads(json_text)["total"]["active_seconds"] == 8700.2


def test_csv_cells_that_a_spreadsheet_would_run_are_defused() -> None:
    hostile = sitting("=HYPERLINK(1)", at("2025-03-03T08:00:00Z"), 60, 60, project="@SUM")
    sheet = build_timesheet([hostile], date(2025, 3, 3), date(2025, 3, 3), tz=UTC)
    assert ",'@SUM,'=HYPERLINK(1)," in to_csv(sheet).decode()


def test_html_escapes_everything_and_loads_nothing() -> None:
    hostile = sitting(
        "<script>alert(1)</script>", at("2025-03-03T08:00:00Z"), 60, 60, project='"><img src=x>'
    )
    page = to_html(build_timesheet([hostile], date(2025, 3, 3), date(2025, 3, 3), tz=UTC), AUTHOR, MADE)
    assert "<script" not in page and "<img" not in page and "<link" not in page
    assert "&lt;script&gt;" in page and "Ada &lt;Writer&gt;" in page
    assert "http" not in page.lower()


@pytest.fixture
def store(data_dir: Path, tmp_path: Path) -> Store:
    opened = Store(data_dir)
    add_tasks(opened, tmp_path, count=4)
    return opened


def test_the_store_timesheet_reads_only_the_sittings_it_needs(store: Store) -> None:
    record(
        store,
        [
            sitting("mail-000", at("2025-03-03T08:00:00Z"), 600, 500),
            sitting("mail-001", at("2025-05-03T08:00:00Z"), 600, 500),
        ],
    )
    sheet = timesheet_from_store(store.work_sessions, date(2025, 3, 1), date(2025, 3, 31), tz=BERLIN)
    assert [(e.task_id, e.project, e.seconds) for e in sheet.entries] == [("mail-000", "Mail", 500.0)]
    store.close()


def test_a_crash_mid_sitting_keeps_the_sitting_up_to_its_last_save(data_dir: Path, store: Store) -> None:
    task = store.tasks.get("mail-000")
    assert task is not None
    now, wall = [0.0], ["2025-03-03T08:00:00Z"]
    tracker = ActiveTimeTracker()
    clock = SessionClock(tracker, monotonic=lambda: now[0], wall_clock=lambda: wall[0])
    rewrite = new_rewrite(task)
    clock.open(task, rewrite)
    tracker.action(0.0)  # the writer starts at once
    for seconds, stamp in ((30.0, "2025-03-03T08:00:30Z"), (50.0, "2025-03-03T08:00:50Z")):
        now[0], wall[0] = seconds, stamp
        tracker.action(seconds)
        rewrite, session = clock.stamp(rewrite)
        store.save_work(rewrite, session)
    now[0], wall[0] = 200.0, "2025-03-03T08:03:20Z"  # worked on, then the process died unsaved
    store.close()  # the sitting was never closed
    with Store(data_dir) as reopened:
        sheet = timesheet_from_store(reopened.work_sessions, date(2025, 3, 3), date(2025, 3, 3), tz=UTC)
        assert sheet.total_seconds == pytest.approx(50.0)
        assert reopened.work_sessions.for_task("mail-000")[0].ended_at == "2025-03-03T08:00:50.000Z"
