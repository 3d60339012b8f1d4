"""``workstation tasks`` and ``stats``: the queue and its counts, read without the data dir lock.

Both only read, and are what a script polls: this module imports nothing beyond the store's
connection, its task and project queries and the status words (no pydantic model is built).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from workstation.cli.common import CliError, open_store, print_json
from workstation.core.model_enums import ALL_STATUSES
from workstation.core.store.queue_filter import QUEUE_STATES
from workstation.core.store.tasks import PAGE_SIZE
from workstation.core.text.safe_text import one_line

SNIPPET_WIDTH = 70
ID_COLUMN_WIDTH = 40
"""The widest the id column is padded to; a longer id is shown whole and pushes its row right."""


def register(subparsers: Any) -> None:
    tasks = subparsers.add_parser("tasks")
    tasks.add_argument(
        "--status", action="append", choices=QUEUE_STATES, help="repeatable; submitted = not sealed yet"
    )
    tasks.add_argument("--search", metavar="TEXT", help="full-text search in prompt, original and rewrite")
    tasks.add_argument("--project")
    size = tasks.add_mutually_exclusive_group()
    size.add_argument("--limit", type=int, metavar="N", help=f"show at most N tasks (default {PAGE_SIZE})")
    size.add_argument("--all", action="store_true", help="show every matching task")
    tasks.add_argument("--offset", type=int, default=0, metavar="N", help="skip the first N matching tasks")
    tasks.add_argument("--json", action="store_true", help="the page as JSON, with the total that match")
    tasks.set_defaults(handler=run_tasks)

    stats = subparsers.add_parser("stats")
    stats.add_argument("--json", action="store_true")
    stats.set_defaults(handler=run_stats)


def run_tasks(args: argparse.Namespace) -> int:
    if args.limit is not None and args.limit < 1:
        raise CliError(f"--limit wants a number of tasks, 1 or more; got {args.limit}", 2)
    if args.offset < 0:
        raise CliError(f"--offset wants 0 or more; got {args.offset}", 2)
    limit = None if args.all else args.limit or PAGE_SIZE
    with open_store(args, write=False) as store:
        page = store.tasks.page(
            statuses=args.status, search=args.search, project=args.project, limit=limit, offset=args.offset
        )
    rows = page.rows
    if args.json:
        listed = [
            {
                "id": r.id,
                "status": r.state,
                "edited_after_submit": r.edited_after_submit,
                "original_start": r.snippet,
            }
            for r in rows
        ]
        print_json({"tasks": listed, "total": page.total, "offset": args.offset, "limit": limit})
        return 0
    ids = [one_line(row.id) for row in rows]  # shown whole: `workstation rewrite` needs it
    id_width = min(max((len(shown) for shown in ids), default=2), ID_COLUMN_WIDTH)
    for shown_id, row in zip(ids, rows, strict=True):
        state = row.state + ("*" if row.edited_after_submit else "")
        print(f"{shown_id:<{id_width}}  {state:<10}  {one_line(row.snippet, SNIPPET_WIDTH)}")
    if any(row.edited_after_submit for row in rows):
        print("* edited after submit: submit it again to seal it")
    if not page.total:
        print("no task matches", file=sys.stderr)
    elif args.offset or len(rows) < page.total:
        after = f" after the first {args.offset:,}" if args.offset else ""
        more = "--limit/--offset for more, --all for every one"
        print(f"{len(rows):,} of {page.total:,} tasks match{after}; {more}", file=sys.stderr)
    return 0


def run_stats(args: argparse.Namespace) -> int:
    with open_store(args, write=False) as store:
        stats = store.stats()
    if args.json:
        print_json(stats)
        return 0
    print(f"tasks      {stats['tasks']}")
    for status in ALL_STATUSES:
        print(f"{status:<10} {stats[status]}")
    print(f"sealed     {stats['sealed']}")
    hours = stats["active_seconds"] / 3600
    print(f"active     {hours:.1f} h")
    return 0
