"""``workstation rewrite``: the writer's work from the command line (``queue_cmds`` reads it back)."""

from __future__ import annotations

import argparse
from typing import Any

from workstation.cli.common import CliError, open_store
from workstation.core.effort.session_clock import new_work_session
from workstation.core.files.inputs import TEXT_INPUT, read_input
from workstation.core.models import RewriteStatus, WorkSessionSource
from workstation.core.store import RewriteSealed, new_rewrite
from workstation.core.text.safe_text import one_line


def register(subparsers: Any) -> None:
    rewrite = subparsers.add_parser("rewrite")
    rewrite.add_argument("task_id", metavar="TASK_ID")
    rewrite.add_argument("--text-file", required=True, metavar="PATH", help="UTF-8 text; - reads stdin")
    rewrite.add_argument("--submit", action="store_true", help="mark the rewrite submitted")
    rewrite.set_defaults(handler=run_rewrite)


def _read_text(source: str) -> str:
    """The rewrite's text from a file or stdin (``-``): UTF-8, at most :data:`TEXT_INPUT`'s cap."""
    data = read_input(source, TEXT_INPUT)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CliError(f"{source}: not UTF-8 text (byte {exc.start})") from None
    return text.replace("\r\n", "\n")


def run_rewrite(args: argparse.Namespace) -> int:
    text = _read_text(args.text_file)
    if args.submit and not text.strip():
        raise CliError("an empty rewrite cannot be submitted")
    with open_store(args, write=True) as store:
        task = store.tasks.get(args.task_id)
        if task is None:
            raise CliError(f"no task with id {one_line(repr(args.task_id))}")
        current = store.rewrites.get(task.id) or new_rewrite(task)
        status = RewriteStatus.SUBMITTED if args.submit else RewriteStatus.DRAFT
        # The command line cannot see how long the writer worked, so its session holds no time;
        # it still records that the rewrite changed, and when.
        session = new_work_session(task, source=WorkSessionSource.CLI)
        try:
            saved, _ = store.save_work(current.model_copy(update={"text": text, "status": status}), session)
        except RewriteSealed as exc:
            raise CliError(str(exc)) from None
    print(f"{one_line(saved.task_id)}: {saved.status.value}")
    return 0
