"""A timesheet as CSV, JSON or HTML bytes; PDF is the HTML laid out by the GUI's renderer.

Columns and keys are fixed (golden-file tests hold them): renaming one breaks every script that
reads timesheets. Seconds are rounded to tenths and hours to hundredths, each figure on its own,
so the rounded rows may differ from the rounded total by a rounding step.

The HTML page is self-contained: inline style only, no script, no image, no link to anything, and
every string from the store (project names, task ids, the writer's name) goes through
``html.escape``. Spreadsheet programs run a CSV cell that starts with ``=``, ``+``, ``-`` or ``@``
as a formula, so such task ids and project names are written with a leading apostrophe.
"""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any

from workstation.core.clock import iso_utc
from workstation.core.reports.signed_record import RecordAuthor
from workstation.core.reports.timesheet import Timesheet, iso_week

FORMAT_NAME = "rewrite-workstation.timesheet"
FORMAT_VERSION = 1
FORMATS = ("csv", "json", "html", "pdf")
CSV_COLUMNS = ("date", "week", "project", "task_id", "active_seconds", "active_hours", "sessions")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

PdfRenderer = Callable[[str], bytes]
"""Lays out an HTML page as PDF bytes (the GUI's Qt renderer; the core has no Qt)."""


def seconds_figure(seconds: float) -> float:
    return round(seconds, 1)


def hours_figure(seconds: float) -> float:
    return round(seconds / 3600, 2)


def hours_and_minutes(seconds: float) -> str:
    """``3:25`` for 3 hours 25 minutes (rounded to the nearest minute), as timesheets show time."""
    minutes = round(seconds / 60)
    return f"{minutes // 60}:{minutes % 60:02d}"


def _cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def to_csv(timesheet: Timesheet) -> bytes:
    """One row per task per day, in date order (UTF-8, CRLF line ends as RFC 4180 has them)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for entry in timesheet.entries:
        writer.writerow(
            (
                entry.day.isoformat(),
                entry.week,
                _cell(entry.project),
                _cell(entry.task_id),
                f"{seconds_figure(entry.seconds):.1f}",
                f"{hours_figure(entry.seconds):.2f}",
                entry.sessions,
            )
        )
    return buffer.getvalue().encode("utf-8")


def _rows(pairs: Iterable[tuple[dict[str, Any], float]]) -> list[dict[str, Any]]:
    return [{**key, "active_seconds": seconds_figure(seconds)} for key, seconds in pairs]


def timesheet_document(timesheet: Timesheet, author: RecordAuthor, generated_at: datetime) -> dict[str, Any]:
    """The JSON object of a timesheet (see :func:`to_json`)."""
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "writer": {"name": author.name, "fingerprint": author.fingerprint},
        "generated_at": iso_utc(generated_at),
        "range": {
            "from": timesheet.first_day.isoformat(),
            "to": timesheet.last_day.isoformat(),
            "time_zone": timesheet.time_zone,
        },
        "project": timesheet.project,
        "total": {
            "active_seconds": seconds_figure(timesheet.total_seconds),
            "active_hours": hours_figure(timesheet.total_seconds),
        },
        "days": _rows(
            ({"date": day.isoformat(), "week": iso_week(day)}, s) for day, s in timesheet.by_day().items()
        ),
        "weeks": _rows(({"week": week}, s) for week, s in timesheet.by_week().items()),
        "projects": _rows(({"project": name}, s) for name, s in timesheet.by_project().items()),
        "tasks": _rows(
            ({"project": name, "task_id": task}, s) for (name, task), s in timesheet.by_task().items()
        ),
        "entries": [
            {
                "date": entry.day.isoformat(),
                "week": entry.week,
                "project": entry.project,
                "task_id": entry.task_id,
                "active_seconds": seconds_figure(entry.seconds),
                "sessions": entry.sessions,
            }
            for entry in timesheet.entries
        ],
    }


def to_json(timesheet: Timesheet, author: RecordAuthor, generated_at: datetime) -> bytes:
    """The timesheet as indented JSON with sorted keys, UTF-8, ending in a newline."""
    document = timesheet_document(timesheet, author, generated_at)
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


_STYLE = """
body { font-family: sans-serif; font-size: 10pt; color: #1b1b1b; background: #ffffff; }
h1 { font-size: 16pt; margin-bottom: 2pt; }
h2 { font-size: 12pt; margin-top: 14pt; }
p.meta { color: #555555; margin-top: 0; }
table { border-collapse: collapse; margin-bottom: 6pt; }
th, td { border: 1px solid #c8c8c4; padding: 3pt 8pt; text-align: left; }
th { background: #ececea; }
td.num { text-align: right; }
tr.total td { font-weight: bold; }
"""


def _table(headings: Sequence[str], rows: Iterable[Sequence[str]], numeric_from: int) -> str:
    """An HTML table; cells from index ``numeric_from`` on are right-aligned figures."""
    head = "".join(f"<th>{html.escape(text)}</th>" for text in headings)
    body = []
    for row in rows:
        cells = "".join(
            f'<td class="num">{html.escape(text)}</td>'
            if index >= numeric_from
            else f"<td>{html.escape(text)}</td>"
            for index, text in enumerate(row)
        )
        body.append(f"<tr>{cells}</tr>")
    return f"<table><tr>{head}</tr>{''.join(body)}</table>"


def _time_cells(seconds: float) -> tuple[str, str]:
    return hours_and_minutes(seconds), f"{hours_figure(seconds):.2f}"


def to_html(timesheet: Timesheet, author: RecordAuthor, generated_at: datetime) -> str:
    """The timesheet as one self-contained HTML page (what the PDF is laid out from)."""
    scope = f"project {timesheet.project}" if timesheet.project is not None else "all projects"
    meta = (
        f"{timesheet.first_day.isoformat()} to {timesheet.last_day.isoformat()} "
        f"({timesheet.time_zone}), {scope}. Writer {author.name}, key {author.fingerprint[:16]}…; "
        f"made {iso_utc(generated_at)}."
    )
    time_headings = ("Time (h:mm)", "Hours")
    parts = [
        f"<h1>Timesheet: {html.escape(hours_and_minutes(timesheet.total_seconds))} "
        f"({hours_figure(timesheet.total_seconds):.2f} h)</h1>",
        f'<p class="meta">{html.escape(meta)}</p>',
    ]
    if timesheet.is_empty:
        parts.append("<p>No work was recorded in this range.</p>")
    else:
        parts += [
            "<h2>Per day</h2>",
            _table(
                ("Date", "Week", *time_headings),
                ((d.isoformat(), iso_week(d), *_time_cells(s)) for d, s in timesheet.by_day().items()),
                2,
            ),
            "<h2>Per week</h2>",
            _table(
                ("Week", *time_headings), ((w, *_time_cells(s)) for w, s in timesheet.by_week().items()), 1
            ),
            "<h2>Per project</h2>",
            _table(
                ("Project", *time_headings),
                ((p, *_time_cells(s)) for p, s in timesheet.by_project().items()),
                1,
            ),
            "<h2>Per task</h2>",
            _table(
                ("Project", "Task", *time_headings),
                ((p, t, *_time_cells(s)) for (p, t), s in timesheet.by_task().items()),
                2,
            ),
        ]
    body = "\n".join(parts)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>Timesheet {html.escape(timesheet.first_day.isoformat())} to "
        f"{html.escape(timesheet.last_day.isoformat())}</title>"
        f"<style>{_STYLE}</style></head>\n<body>\n{body}\n</body></html>\n"
    )


def render_timesheet(
    timesheet: Timesheet,
    fmt: str,
    *,
    author: RecordAuthor,
    generated_at: datetime,
    pdf_renderer: PdfRenderer | None = None,
) -> bytes:
    """The bytes of ``timesheet`` in ``fmt`` (one of :data:`FORMATS`); PDF needs ``pdf_renderer``."""
    if fmt == "csv":
        return to_csv(timesheet)
    if fmt == "json":
        return to_json(timesheet, author, generated_at)
    if fmt == "html":
        return to_html(timesheet, author, generated_at).encode("utf-8")
    if fmt == "pdf":
        if pdf_renderer is None:
            raise ValueError("a PDF timesheet needs the PDF renderer")
        return pdf_renderer(to_html(timesheet, author, generated_at))
    raise ValueError(f"unknown timesheet format {fmt!r}; choose one of {', '.join(FORMATS)}")
