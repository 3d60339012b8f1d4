"""``workstation review report``: the batch's scoreboard by model, writer or bundle.

With no format option it prints an aligned table; ``--json``, ``--csv`` and ``--html`` write
the scoreboard for scripts, spreadsheets and a browser (see
:mod:`workstation.core.review.scoreboard_formats`). ``--out PATH`` writes a file in one piece
(``-``, the default, is standard output); the line saying what was written then goes to stdout.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from workstation.cli.common import MESSAGE_LIMIT_CHARS, json_text, open_store
from workstation.cli.outputs import STDOUT_NAME, is_stdout, write_bytes_out
from workstation.core.review.batch import GroupBy, batch_summary
from workstation.core.review.scoreboard import Scoreboard, scoreboard
from workstation.core.review.scoreboard_formats import (
    scoreboard_csv,
    scoreboard_dict,
    scoreboard_html,
    scoreboard_text,
)
from workstation.core.text.safe_text import one_line

REPORT_FILE_MODE = 0o644
"""A report is for sharing with the data team: readable by others, like an exported bundle."""


def register(commands: Any) -> None:
    report = commands.add_parser(
        "report",
        description=(
            "For each group: items, share unchanged, share accepted unchanged, mean edit rate, median "
            "active time per 100 words, robotic-pattern density before and after, and verdicts."
        ),
    )
    report.add_argument(
        "--by",
        choices=[choice.value for choice in GroupBy],
        default=GroupBy.MODEL.value,
        help="group by (default model)",
    )
    form = report.add_mutually_exclusive_group()
    form.add_argument("--json", dest="form", action="store_const", const="json", help="JSON with stable keys")
    form.add_argument("--csv", dest="form", action="store_const", const="csv", help="CSV, one line per group")
    form.add_argument("--html", dest="form", action="store_const", const="html", help="a self-contained page")
    report.add_argument(
        "--out",
        type=Path,
        default=Path(STDOUT_NAME),
        metavar="PATH",
        help="file to write; - for stdout (default)",
    )
    report.set_defaults(handler=run_report, form="text")


def render(board: Scoreboard, form: str) -> str:
    """The scoreboard in the form asked for (``text``, ``json``, ``csv`` or ``html``)."""
    if form == "json":
        return json_text(scoreboard_dict(board)) + "\n"
    if form == "csv":
        return scoreboard_csv(board)
    if form == "html":
        return scoreboard_html(board)
    return scoreboard_text(board)


def run_report(args: argparse.Namespace) -> int:
    with open_store(args, write=False) as store:
        items = store.inbox.items()
        verdicts = store.verdicts.all()
    board = scoreboard(batch_summary(items, verdicts, by=args.by))
    write_bytes_out(args.out, render(board, args.form).encode("utf-8"), mode=REPORT_FILE_MODE)
    if not is_stdout(args.out):
        groups = f"{len(board.rows)} group" + ("" if len(board.rows) == 1 else "s")
        shown = one_line(str(args.out), MESSAGE_LIMIT_CHARS)
        print(f"{shown}: {board.total.items} items in {groups} by {args.by}")
    return 0
