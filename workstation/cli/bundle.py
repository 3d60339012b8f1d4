"""``workstation bundle``: seal submitted work into a signed bundle, check bundles, list and export them.

``bundle list`` and ``bundle export`` live here; ``bundle seal`` in ``bundle_seal`` and ``bundle
verify`` in ``bundle_verify`` (which signers it accepts is described there), each imported only
when it runs: listing needs neither the signing code nor the verifier.
"""

from __future__ import annotations

import argparse
from dataclasses import asdict
from pathlib import Path
from typing import Any

from workstation.cli.command_table import BUNDLE_ACTIONS
from workstation.cli.common import CliError, open_store, print_json
from workstation.cli.lazy_commands import add_command_group
from workstation.cli.outputs import BUNDLE_FILE_MODE, report_stream, shown_target, write_bytes_out
from workstation.core.store.outbox import AmbiguousBundleId, UnknownBundle
from workstation.core.text.safe_text import one_line


def register(subparsers: Any) -> None:
    bundle = subparsers.add_parser("bundle")
    add_command_group(bundle, BUNDLE_ACTIONS, dest="bundle_command", metavar="ACTION", required=True)


def register_actions(commands: Any) -> None:
    """``bundle list`` and ``bundle export``: reading what this data dir sealed."""
    listing = commands.add_parser("list")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=run_list)

    export = commands.add_parser("export")
    export.add_argument("bundle_id", metavar="BUNDLE_ID", help="the id, or a unique start of it")
    export.add_argument("--out", required=True, type=Path, metavar="PATH", help="file to write; - for stdout")
    export.set_defaults(handler=run_export)


def run_list(args: argparse.Namespace) -> int:
    with open_store(args, write=False) as store:
        rows = store.outbox.rows()
    if args.json:
        print_json([{key: value for key, value in asdict(row).items() if key != "receipt"} for row in rows])
        return 0
    if not rows:
        print("no bundles sealed yet")
        return 0
    print(f"{'seq':>4}  {'rewrites':>8}  {'size':>9}  {'state':<9}  {'created':<24}  bundle id")
    for row in rows:
        print(
            f"{row.bundle_seq:>4}  {row.record_count:>8}  {row.size:>9}  {row.state:<9}  "
            f"{one_line(row.created_at):<24}  {one_line(row.bundle_id)}"
        )
    return 0


def resolve_bundle_id(store: Any, text: str) -> str:
    """The full bundle id for ``text`` (an id or a unique start of one), or a CliError."""
    try:
        return str(store.outbox.resolve_id(text))
    except (UnknownBundle, AmbiguousBundleId) as exc:
        raise CliError(str(exc)) from None


def run_export(args: argparse.Namespace) -> int:
    with open_store(args, write=False) as store:
        bundle_id = resolve_bundle_id(store, args.bundle_id)
        data = store.outbox.get_bytes(bundle_id)
    write_bytes_out(args.out, data, mode=BUNDLE_FILE_MODE)
    print(f"{shown_target(args.out)}: {bundle_id} ({len(data)} bytes)", file=report_stream(args.out))
    return 0
