"""``workstation import`` and ``workstation export``: task files in, training data out."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from workstation.cli.common import CliError, open_store, parse_field_map
from workstation.core.formats import IMPORT_FORMATS
from workstation.core.formats.export import EXPORT_FORMATS, write_export
from workstation.core.models import ALL_STATUSES, RewriteStatus

DEFAULT_PROJECT = "Default"


def register(subparsers: Any) -> None:
    importer = subparsers.add_parser(
        "import",
        help="import task files (JSONL, OpenAI chat, TRL, Label Studio, CSV/TSV)",
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

    exporter = subparsers.add_parser("export", help="write rewrites out as training data")
    exporter.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    exporter.add_argument("--out", required=True, type=Path, metavar="PATH")
    exporter.add_argument(
        "--status",
        action="append",
        choices=[s for s in ALL_STATUSES if s != RewriteStatus.OPEN],
        help="statuses to export (repeatable; default: submitted)",
    )
    exporter.add_argument("--project", help="only this project")
    exporter.set_defaults(handler=run_export)


def run_import(args: argparse.Namespace) -> int:
    field_map = parse_field_map(args.field)
    for path in args.paths:
        if not path.is_file():
            raise CliError(f"{path}: no such file")
    failed = 0
    with open_store(args, write=True) as store:
        for path in args.paths:
            try:
                result = store.import_file(path, project=args.project, fmt=args.format, field_map=field_map)
            except ValueError as exc:  # unknown format, bad field map
                raise CliError(f"{path}: {exc}", 2) from None
            except OSError as exc:
                raise CliError(f"{path}: {exc.strerror or exc}") from None
            if result.ok:
                print(f"{path}: {result.added} added, {result.already_present} already present")
                continue
            failed += 1
            for message in result.errors:
                print(message, file=sys.stderr)
            hidden = result.error_count - len(result.errors)
            if hidden:
                print(f"{path}: ... and {hidden} more problems", file=sys.stderr)
            print(
                f"{path}: not imported ({result.error_count} problem"
                f"{'s' if result.error_count != 1 else ''}); nothing from this file was added",
                file=sys.stderr,
            )
    return 1 if failed else 0


def run_export(args: argparse.Namespace) -> int:
    statuses = args.status or [RewriteStatus.SUBMITTED.value]
    with open_store(args, write=False) as store:
        pairs = store.rewrites.pairs(statuses=statuses, project=args.project)
        try:
            count = write_export(pairs, args.format, args.out)
        except OSError as exc:
            raise CliError(f"{args.out}: {exc.strerror or exc}") from None
    print(f"{args.out}: {count} rewrites written as {args.format}")
    return 0
