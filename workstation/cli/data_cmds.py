"""``workstation import`` and ``workstation export``: task files in, training data out."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from workstation.cli.common import (
    MESSAGE_LIMIT_CHARS,
    CliError,
    open_store,
    parse_field_map,
    say_each,
)
from workstation.cli.outputs import is_stdout, output_failed, report_stream, shown_target
from workstation.core.files.inputs import TASK_FILE, check_input_file
from workstation.core.files.os_errors import describe_os_error
from workstation.core.formats import IMPORT_FORMATS
from workstation.core.formats.export import EXPORT_FORMATS, NothingExported, write_export
from workstation.core.models import ALL_STATUSES, Rewrite, RewriteStatus, Task, VerdictKind
from workstation.core.submission import left_out_sentence
from workstation.core.text.counts import counted
from workstation.core.text.safe_text import one_line
from workstation.core.verdicts.export_filter import ACCEPTED_STATUS, judged_pairs

DEFAULT_PROJECT = "Default"


def register(subparsers: Any) -> None:
    importer = subparsers.add_parser(
        "import",
        description="Import task files. A file with any bad record is rolled back whole and "
        "every problem is listed as file:line: what is wrong.",
    )
    importer.add_argument("paths", nargs="+", metavar="PATH", type=Path)
    importer.add_argument("--format", choices=IMPORT_FORMATS, help="skip auto-detection")
    importer.add_argument("--project", default=DEFAULT_PROJECT, help="project to file the tasks under")
    importer.add_argument(
        "--field",
        action="append",
        metavar="K=V",
        help="read field K (response, prompt, id, model, messages) from column or key V",
    )
    importer.set_defaults(handler=run_import)

    exporter = subparsers.add_parser("export")
    exporter.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    exporter.add_argument(
        "--out", required=True, type=Path, metavar="PATH", help="file, device or FIFO to write; - for stdout"
    )
    exporter.add_argument(
        "--status",
        action="append",
        choices=[*(s for s in ALL_STATUSES if s != RewriteStatus.OPEN), ACCEPTED_STATUS],
        help="statuses to export (repeatable; default: submitted); accepted = submitted and "
        "accepted by every reviewer's latest verdict; a rewrite edited after submit is left out "
        "until it is submitted again",
    )
    exporter.add_argument(
        "--verdict",
        choices=[kind.value for kind in VerdictKind],
        help="only rewrites every reviewer's latest verdict judged so (reviewers who disagree: none)",
    )
    exporter.add_argument("--project", help="only this project")
    exporter.set_defaults(handler=run_export)


def run_import(args: argparse.Namespace) -> int:
    field_map = parse_field_map(args.field)
    for path in args.paths:
        check_input_file(path, TASK_FILE)  # a folder, device or FIFO is named before the store opens
    failed = 0
    with open_store(args, write=True) as store:
        for path in args.paths:
            shown = one_line(str(path), MESSAGE_LIMIT_CHARS)
            try:
                result = store.import_file(path, project=args.project, fmt=args.format, field_map=field_map)
            except ValueError as exc:  # unknown format, bad field map
                raise CliError(f"{path}: {exc}", 2) from None
            except OSError as exc:
                raise CliError(f"{describe_os_error(exc, path)}; nothing from this file was added") from None
            except RecursionError:
                raise CliError(
                    f"{path}: a record is nested too deeply to read; nothing from this file was added"
                ) from None
            if result.ok:
                print(f"{shown}: {result.added} added, {result.already_present} already present")
                continue
            failed += 1
            say_each(result.errors)
            hidden = result.error_count - len(result.errors)
            if hidden:
                print(f"{shown}: ... and {hidden} more problems", file=sys.stderr)
            print(
                f"{shown}: not imported ({result.error_count} problem"
                f"{'s' if result.error_count != 1 else ''}); nothing from this file was added",
                file=sys.stderr,
            )
    return 1 if failed else 0


def _export_selection(status: list[str] | None, verdict: str | None) -> tuple[list[str], VerdictKind | None]:
    """The rewrite statuses to read and the verdict they must have (``accepted`` is both)."""
    statuses = list(status or [RewriteStatus.SUBMITTED.value])
    wanted = VerdictKind(verdict) if verdict else None
    if ACCEPTED_STATUS in statuses:
        if wanted not in (None, VerdictKind.ACCEPT):
            raise CliError(f"--status accepted and --verdict {verdict} contradict each other", 2)
        wanted = VerdictKind.ACCEPT
        statuses = sorted({s for s in statuses if s != ACCEPTED_STATUS} | {RewriteStatus.SUBMITTED.value})
    return statuses, wanted


def run_export(args: argparse.Namespace) -> int:
    """Export; a rewrite whose row cannot be written is named on stderr and the rest is written.

    Exits 0 when anything was written (or there was nothing to write), 1 when every row was
    refused, and then the file is left as it was.
    """
    statuses, wanted = _export_selection(args.status, args.verdict)
    where = shown_target(args.out)
    with open_store(args, write=False) as store:
        pairs: Iterable[tuple[Task, Rewrite]] = store.rewrites.pairs(statuses=statuses, project=args.project)
        unconfirmed = store.rewrites.count_unconfirmed(statuses=statuses, project=args.project)
        if wanted is not None:
            pairs = judged_pairs(pairs, store.verdicts.all(), wanted)
        try:
            result = write_export(pairs, args.format, sys.stdout if is_stdout(args.out) else args.out)
        except NothingExported as refusal:
            say_each(refusal.refused)
            kept = "nothing was written" if is_stdout(args.out) else f"{where} was left as it was"
            raise CliError(
                f"nothing was exported: {counted(len(refusal.refused), 'rewrite')} could not be "
                f"written as JSON (listed above); {kept}"
            ) from None
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise output_failed(exc, args.out) from None
    print(f"{where}: {result.written} rewrites written as {args.format}", file=report_stream(args.out))
    if unconfirmed:
        print(left_out_sentence(unconfirmed), file=report_stream(args.out))
    if result.refused:
        say_each(result.refused)
        print(
            f"left out of the export: {counted(len(result.refused), 'rewrite')} (listed above) "
            "holding a number JSON cannot hold",
            file=sys.stderr,
        )
    return 0
