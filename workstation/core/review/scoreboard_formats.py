"""The scoreboard written out: a JSON-ready mapping, CSV, an aligned text table and a static HTML page.

Every string in a scoreboard came from someone else's bundle (model names, writer names), so:

- the text table shows each through :func:`~workstation.core.text.safe_text.one_line`;
- the HTML page escapes each with :func:`html.escape` and is self-contained: an inline style
  sheet, no script, no image, no link to anything, and a Content-Security-Policy that forbids
  loading anything at all, so a browser opening it fetches nothing;
- a CSV cell that a spreadsheet would take for a formula (starting ``=``, ``+``, ``-``, ``@``,
  tab or carriage return) is written with a leading apostrophe, which spreadsheets show as text.

Numbers in the JSON and CSV are rounded to :data:`DECIMALS` places so the output is stable.
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Callable
from dataclasses import asdict, fields
from typing import Any

from workstation.core.review.scoreboard import Scoreboard, ScoreboardRow
from workstation.core.text.safe_text import one_line

REPORT_FORMAT = "rewrite-workstation.review-report"
REPORT_FORMAT_VERSION = 2
"""2: verdict columns count items by state (see :class:`~batch.ItemVerdict`); judgements are
``judgements_*``; the agreement gives ``kappa_items`` and ``kappa_trusted``."""
DECIMALS = 4
LABEL_WIDTH = 40
"""Characters of a group label in the text table; longer ones end in "…"."""
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_DASH = "–"
_TITLES = {"model": "Model scoreboard", "writer": "Writer scoreboard", "bundle": "Bundle scoreboard"}


def _share(value: float | None) -> str:
    return _DASH if value is None else f"{value * 100:.0f}%"


def _seconds(value: float | None) -> str:
    return _DASH if value is None else f"{value:.0f} s"


def _decimal(value: float | None) -> str:
    return _DASH if value is None else f"{value:.1f}"


# (heading, how to show the row's value) for the text table and the HTML page, after the label.
_SHOWN: tuple[tuple[str, Callable[[ScoreboardRow], str]], ...] = (
    ("items", lambda row: str(row.items)),
    ("unchanged", lambda row: _share(row.share_unchanged)),
    ("accepted unchanged", lambda row: _share(row.share_accepted_unchanged)),
    ("edit rate", lambda row: _share(row.mean_edit_rate)),
    ("s/100 words", lambda row: _seconds(row.median_seconds_per_100_words)),
    ("robotic before", lambda row: _decimal(row.mean_density_before)),
    ("robotic after", lambda row: _decimal(row.mean_density_after)),
    ("accepted", lambda row: str(row.accepted)),
    ("to revise", lambda row: str(row.revise)),
    ("rejected", lambda row: str(row.rejected)),
    ("disagree", lambda row: str(row.disagree)),
    ("not reviewed", lambda row: str(row.not_reviewed)),
)


def shown_columns(row: ScoreboardRow) -> tuple[list[str], list[str]]:
    """The headings and the row's values as the text table shows them (the label not included)."""
    return [heading for heading, _ in _SHOWN], [show(row) for _, show in _SHOWN]


def _rounded(row: ScoreboardRow) -> dict[str, Any]:
    return {
        key: round(value, DECIMALS) if isinstance(value, float) else value
        for key, value in asdict(row).items()
    }


def scoreboard_dict(board: Scoreboard) -> dict[str, Any]:
    """The scoreboard as JSON-ready data with stable keys (``format_version`` grows with them)."""
    return {
        "format": REPORT_FORMAT,
        "format_version": REPORT_FORMAT_VERSION,
        "by": board.by.value,
        "groups": [_rounded(row) for row in board.rows],
        "total": _rounded(board.total),
        "agreement": {
            "share_agreeing": None if board.share_agreeing is None else round(board.share_agreeing, DECIMALS),
            "kappa": None if board.kappa is None else round(board.kappa, DECIMALS),
            "kappa_items": board.kappa_items,
            "kappa_trusted": board.kappa_trusted,
            "summary": board.agreement_summary,
        },
    }


def _csv_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return "" if value is None else value


def scoreboard_csv(board: Scoreboard) -> str:
    """One line per group (no total line, so the file sums and averages as it is), "\\n" endings."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    names = [field.name for field in fields(ScoreboardRow)]
    writer.writerow(names)
    for row in board.rows:
        values = _rounded(row)
        writer.writerow([_csv_cell(values[name]) for name in names])
    return out.getvalue()


def _text_cells(row: ScoreboardRow) -> list[str]:
    return [one_line(row.label, LABEL_WIDTH) if row.label else _DASH] + [show(row) for _, show in _SHOWN]


def scoreboard_text(board: Scoreboard) -> str:
    """An aligned table for a terminal: a header, a line per group, the total, the agreement."""
    headings = [board.by.value] + [heading for heading, _ in _SHOWN]
    lines = [_text_cells(row) for row in board.rows]
    total = _text_cells(board.total)
    widths = [max(len(cells[i]) for cells in [headings, *lines, total]) for i in range(len(headings))]

    def line(cells: list[str]) -> str:
        label = cells[0].ljust(widths[0])
        return "  ".join(
            [label, *(cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True))]
        )

    rule = "-" * len(line(headings))
    body = [line(cells) for cells in lines] or ["(no items in the inbox)"]
    agreement = one_line(board.agreement_summary, 1000)
    return "\n".join([line(headings), rule, *body, rule, line(total), "", _LEGEND, agreement]) + "\n"


_LEGEND = (
    "edit rate: mean share of the original's words changed; s/100 words: median active time per 100 words; "
    "robotic: mean findings per 1,000 words\n"
    "accepted ... not reviewed: items by where they stand, which sum to the items; reviewers disagree "
    "when their latest verdicts differ"
)

_STYLE = """
body { font: 14px/1.4 system-ui, sans-serif; margin: 2em; color: #1f1f1f; background: #ffffff; }
table { border-collapse: collapse; }
th, td { padding: 0.3em 0.7em; border-bottom: 1px solid #c8c8c4; }
th { text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
tfoot td { font-weight: bold; border-top: 2px solid #a0a09c; }
p.note { color: #555555; max-width: 60em; }
@media (prefers-color-scheme: dark) {
  body { color: #e8e8e8; background: #1e1f21; }
  th, td { border-color: #44484c; }
  p.note { color: #b0b4b8; }
}
""".strip()


def _html_row(row: ScoreboardRow, cell: str = "td") -> str:
    label = html.escape(row.label or _DASH)
    values = "".join(f'<td class="n">{html.escape(show(row))}</td>' for _, show in _SHOWN)
    return f"<tr><{cell}>{label}</{cell}>{values}</tr>"


def scoreboard_html(board: Scoreboard) -> str:
    """A static page with the table and what its columns mean; opens offline, fetches nothing."""
    title = _TITLES[board.by.value]
    headings = "".join(
        f"<th>{html.escape(heading)}</th>" for heading in [board.by.value, *[h for h, _ in _SHOWN]]
    )
    rows = "\n".join(_html_row(row) for row in board.rows)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{html.escape(title)}</title>
<style>
{_STYLE}
</style>
</head>
<body>
<h1>{html.escape(title)}</h1>
<table>
<thead><tr>{headings}</tr></thead>
<tbody>
{rows}
</tbody>
<tfoot>{_html_row(board.total)}</tfoot>
</table>
<p class="note">{html.escape(board.agreement_summary)}</p>
<p class="note">Edit rate: the mean share of the original's words changed. s/100 words: the
median active time per 100 words of the rewrite. Unchanged: the writer kept every word of the
original in order (edit rate 0). Accepted unchanged: unchanged and accepted by every reviewer who
judged it, at least one. Robotic before and after: mean robotic-pattern findings per 1,000 words
of the original and of the rewrite. Accepted, to revise, rejected: items whose reviewers' latest
verdicts all say so; disagree: their latest verdicts differ; not reviewed: no verdict yet. These
count items and sum to the items column.</p>
</body>
</html>
"""
