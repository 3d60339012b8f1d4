"""``workstation outbox``: sealed bundles waiting to upload; with no action, the list of them.

Listing and ``outbox retry`` are here and read or change the store only; ``outbox push`` and
``outbox target`` (the upload targets, HTTP and S3 among them) are in ``outbox_upload``,
imported only when one of them runs.
"""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import Any

from workstation.cli.bundle import resolve_bundle_id
from workstation.cli.command_table import OUTBOX_ACTIONS
from workstation.cli.common import CliError, open_store, print_json
from workstation.cli.lazy_commands import add_command_group
from workstation.core.store.outbox import ACKED, PENDING, REJECTED, UPLOADING
from workstation.core.text.safe_text import one_line

_ERROR_WIDTH = 60


def register(subparsers: Any) -> None:
    outbox = subparsers.add_parser(
        "outbox",
        description="With no ACTION, list the outbox: each bundle's state, attempts, size and last error.",
    )
    outbox.add_argument("--json", action="store_true")
    outbox.set_defaults(handler=run_list)
    add_command_group(outbox, OUTBOX_ACTIONS, dest="outbox_command", metavar="ACTION")


def register_actions(commands: Any) -> None:
    """``outbox retry``: the one action that needs no upload target."""
    retry = commands.add_parser("retry")
    retry.add_argument("bundle_id", metavar="BUNDLE_ID", help="the id, or a unique start of it")
    retry.set_defaults(handler=run_retry)


def short_id(bundle_id: str) -> str:
    """A bundle id as the outbox shows it: ``sha256:`` and the first 16 hex digits."""
    return bundle_id[: len("sha256:") + 16]


def run_list(args: argparse.Namespace) -> int:
    with open_store(args, write=False) as store:
        rows = store.outbox.rows()
    if args.json:
        print_json([asdict(row) for row in rows])
        return 0
    if not rows:
        print("the outbox is empty: seal submitted work with `workstation bundle seal`")
        return 0
    print(f"{'state':<9}  {'tries':>5}  {'size':>9}  {'created':<24}  {'bundle':<23}  last error")
    for row in rows:
        error = (
            one_line(row.last_error or "", _ERROR_WIDTH)
            if row.state in (PENDING, UPLOADING, REJECTED)
            else ""
        )
        print(
            f"{row.state:<9}  {row.attempts:>5}  {row.size:>9}  {one_line(row.created_at):<24}  "
            f"{one_line(short_id(row.bundle_id)):<23}  {error}"
        )
    return 0


def run_retry(args: argparse.Namespace) -> int:
    with open_store(args, write=True) as store:
        bundle_id = resolve_bundle_id(store, args.bundle_id)
        row = store.outbox.get(bundle_id)
        if row is not None and row.state == ACKED:
            raise CliError(f"{bundle_id} is already acked; there is nothing to retry")
        store.outbox.reset_uploading()
        store.outbox.retry(bundle_id)
    print(f"{one_line(bundle_id)} is pending again; `workstation outbox push` uploads it")
    return 0
