"""``workstation rewrite``, ``tasks`` and ``stats``: the writer's work from the command line.

``rewrite`` follows the app's submission rules (:mod:`workstation.core.submission`): ``--submit``
with rubric questions unanswered is refused when the project blocks it (nothing is stored) and
goes ahead with a warning on stderr when it only warns; new text for a submitted rewrite without
``--submit`` keeps it submitted but marks it edited after submit, so no seal takes it until it is
submitted again.
"""

from __future__ import annotations

import argparse
from typing import Any

from workstation.cli.common import CliError, open_store, print_json, say_error
from workstation.core.effort.session_clock import new_work_session
from workstation.core.files.inputs import TEXT_INPUT, read_input
from workstation.core.models import ALL_STATUSES, RewriteStatus, WorkSessionSource
from workstation.core.store import QUEUE_STATES, RewriteSealed, Store, new_rewrite
from workstation.core.submission import BLOCK_REASON, check_rubric, note_edit, submitted_again
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
    tasks.add_argument(
        "--status", action="append", choices=QUEUE_STATES, help="repeatable; submitted = not sealed yet"
    )
    tasks.add_argument("--search", metavar="TEXT", help="full-text search in prompt, original and rewrite")
    tasks.add_argument("--project")
    tasks.add_argument("--limit", type=int)
    tasks.add_argument("--json", action="store_true")
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
        # The metrics the app stores for the same texts: its default rules, every category on.
        metrics = rewrite_metrics(task.original, text, Linter(default_style_pack()))
        if args.submit:
            _check_rubric_before_submit(store, task.project, current.ratings)
            edited = submitted_again(note_edit(current, current.model_copy(update={"text": text})))
        elif current.status is RewriteStatus.SUBMITTED:
            edited = note_edit(current, current.model_copy(update={"text": text}))
        else:
            edited = current.model_copy(update={"text": text, "status": RewriteStatus.DRAFT})
        # The command line cannot see how long the writer worked, so its session holds no time;
        # it still records that the rewrite changed, and when.
        session = new_work_session(task, source=WorkSessionSource.CLI)
        try:
            saved, _ = store.save_work(edited.model_copy(update={"metrics": metrics}), session)
        except RewriteSealed as exc:
            raise CliError(str(exc)) from None
    mark = ", edited after submit (submit it again to seal it)" if saved.edited_after_submit else ""
    print(f"{one_line(saved.task_id)}: {saved.status.value}{mark}")
    return 0


def _check_rubric_before_submit(store: Store, project_name: str, ratings: dict[str, int]) -> None:
    """Refuse a submit the project's rubric rule blocks; warn on stderr about one it allows."""
    check = check_rubric(store.projects.get(project_name), ratings)
    if check.blocks:
        raise CliError(f"not submitted: {check.sentence()} {BLOCK_REASON} Rate them in the app.")
    if not check.complete:
        say_error(f"warning: {check.sentence()} Submitted anyway: this project allows it.")


def run_tasks(args: argparse.Namespace) -> int:
    with open_store(args, write=False) as store:
        rows = store.tasks.queue(
            statuses=args.status, search=args.search, project=args.project, limit=args.limit
        )
    if args.json:
        print_json(
            [
                {
                    "id": r.id,
                    "status": r.state,
                    "edited_after_submit": r.edited_after_submit,
                    "original_start": r.snippet,
                }
                for r in rows
            ]
        )
        return 0
    ids = [one_line(row.id) for row in rows]  # shown whole: `workstation rewrite` needs it
    id_width = min(max((len(shown) for shown in ids), default=2), ID_COLUMN_WIDTH)
    for shown_id, row in zip(ids, rows, strict=True):
        state = row.state + ("*" if row.edited_after_submit else "")
        print(f"{shown_id:<{id_width}}  {state:<10}  {one_line(row.snippet, SNIPPET_WIDTH)}")
    if any(row.edited_after_submit for row in rows):
        print("* edited after submit: submit it again to seal it")
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
