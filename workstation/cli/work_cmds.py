"""``workstation rewrite``: the writer's work from the command line (``queue_cmds`` reads it back).

``rewrite`` follows the app's submission rules (:mod:`workstation.core.submission`): ``--submit``
with rubric questions unanswered is refused when the project blocks it (nothing is stored) and
goes ahead with a warning on stderr when it only warns; new text for a submitted rewrite without
``--submit`` keeps it submitted but marks it edited after submit, so no seal takes it until it is
submitted again.
"""

from __future__ import annotations

import argparse
from typing import Any

from workstation.cli.common import CliError, open_store, say_error
from workstation.core.effort.session_clock import new_work_session
from workstation.core.files.inputs import TEXT_INPUT, read_input
from workstation.core.models import RewriteStatus, WorkSessionSource
from workstation.core.store import RewriteSealed, Store, new_rewrite
from workstation.core.submission import BLOCK_REASON, check_rubric, note_edit, submitted_again
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
