"""``workstation rewrite``, ``tasks`` and ``stats``: the writer's work from the command line."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from workstation.cli.common import CliError, open_store, print_json
from workstation.core.effort.session_clock import new_work_session
from workstation.core.files.inputs import TEXT_INPUT, read_input
from workstation.core.models import ALL_STATUSES, RewriteStatus, WorkSessionSource
from workstation.core.store import PAGE_SIZE, QueueFilter, RewriteSealed, new_rewrite
from workstation.core.text.safe_text import one_line

SNIPPET_WIDTH = 70
ID_COLUMN_WIDTH = 40
"""The widest the id column is padded to; a longer id is shown whole and pushes its row right."""


def register(subparsers: Any) -> None:
    rewrite = subparsers.add_parser("rewrite", help="set a task's rewrite from a file")
    rewrite.add_argument("task_id", metavar="TASK_ID")
    rewrite.add_argument("--text-file", required=True, metavar="PATH", help="UTF-8 text; - reads stdin")
    rewrite.add_argument("--submit", action="store_true", help="mark the rewrite submitted")
    rewrite.set_defaults(handler=run_rewrite)

    tasks = subparsers.add_parser("tasks", help="list tasks with their status")
    tasks.add_argument("--status", action="append", choices=ALL_STATUSES, help="repeatable")
    tasks.add_argument("--search", metavar="TEXT", help="full-text search in prompt, original and rewrite")
    tasks.add_argument("--project")
    size = tasks.add_mutually_exclusive_group()
    size.add_argument("--limit", type=int, metavar="N", help=f"show at most N tasks (default {PAGE_SIZE})")
    size.add_argument("--all", action="store_true", help="show every matching task")
    tasks.add_argument("--offset", type=int, default=0, metavar="N", help="skip the first N matching tasks")
    tasks.add_argument("--json", action="store_true", help="the page as JSON, with the total that match")
    tasks.set_defaults(handler=run_tasks)

    stats = subparsers.add_parser("stats", help="counts of tasks by status")
    stats.add_argument("--json", action="store_true")
    stats.set_defaults(handler=run_stats)


def _read_text(source: str) -> str:
    """The rewrite's text from a file or stdin (``-``): UTF-8, at most :data:`TEXT_INPUT`'s cap."""
    data = read_input(source, TEXT_INPUT)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CliError(f"{source}: not UTF-8 text (byte {exc.start})") from None
    return text.replace("\r\n", "\n")


def run_rewrite(args: argparse.Namespace) -> int:
    # Imported here: only this command lints, and loading the rules costs start-up time.
    from workstation.core.analysis.analyser import rewrite_metrics
    from workstation.core.prose.engine import Linter
    from workstation.core.prose.style_pack import default_style_pack

    text = _read_text(args.text_file)
    if args.submit and not text.strip():
        raise CliError("an empty rewrite cannot be submitted")
    with open_store(args, write=True) as store:
        task = store.tasks.get(args.task_id)
        if task is None:
            raise CliError(f"no task with id {one_line(repr(args.task_id))}")
        current = store.rewrites.get(task.id) or new_rewrite(task)
        status = RewriteStatus.SUBMITTED if args.submit else RewriteStatus.DRAFT
        # The metrics the app stores for the same texts: its default rules, every category on.
        metrics = rewrite_metrics(task.original, text, Linter(default_style_pack()))
        # The command line cannot see how long the writer worked, so its session holds no time;
        # it still records that the rewrite changed, and when.
        session = new_work_session(task, source=WorkSessionSource.CLI)
        changed = current.model_copy(update={"text": text, "status": status, "metrics": metrics})
        try:
            saved, _ = store.save_work(changed, session)
        except RewriteSealed as exc:
            raise CliError(str(exc)) from None
    print(f"{one_line(saved.task_id)}: {saved.status.value}")
    return 0


def run_tasks(args: argparse.Namespace) -> int:
    if args.limit is not None and args.limit < 1:
        raise CliError(f"--limit wants a number of tasks, 1 or more; got {args.limit}", 2)
    if args.offset < 0:
        raise CliError(f"--offset wants 0 or more; got {args.offset}", 2)
    limit = None if args.all else args.limit or PAGE_SIZE
    wanted = QueueFilter.of(args.status, args.search, args.project)
    with open_store(args, write=False) as store:
        page = store.tasks.page(wanted, limit=limit, offset=args.offset)
    rows = page.rows
    if args.json:
        listed = [{"id": r.id, "status": r.status, "original_start": r.snippet} for r in rows]
        print_json({"tasks": listed, "total": page.total, "offset": args.offset, "limit": limit})
        return 0
    ids = [one_line(row.id) for row in rows]  # shown whole: `workstation rewrite` needs it
    id_width = min(max((len(shown) for shown in ids), default=2), ID_COLUMN_WIDTH)
    for shown_id, row in zip(ids, rows, strict=True):
        print(f"{shown_id:<{id_width}}  {row.status:<9}  {one_line(row.snippet, SNIPPET_WIDTH)}")
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
