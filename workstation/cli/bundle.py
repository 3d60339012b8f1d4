"""``workstation bundle``: seal submitted work into a signed bundle, check bundles, list and export them.

``bundle verify`` lives in ``bundle_verify`` (which signers it accepts is described there).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from workstation.cli.bundle_verify import add_verify_parser
from workstation.cli.common import CliError, open_store, print_json, say_each
from workstation.cli.keys import add_unlock_option, unlock_writer_key
from workstation.cli.outputs import (
    BUNDLE_FILE_MODE,
    report_stream,
    shown_target,
    write_bytes_out,
    write_sealed_copy,
)
from workstation.core.bundles import BundleInputError
from workstation.core.bundles.seal_work import (
    NothingSealable,
    SealResult,
    count_unconfirmed,
    count_unsealed,
    seal_submitted,
    unconfirmed_sentence,
)
from workstation.core.store.outbox import AmbiguousBundleId, UnknownBundle
from workstation.core.text.counts import counted
from workstation.core.text.safe_text import one_line


def register(subparsers: Any) -> None:
    bundle = subparsers.add_parser("bundle", help="seal, verify, list and export rewrite bundles")
    commands = bundle.add_subparsers(dest="bundle_command", metavar="ACTION", required=True)

    seal = commands.add_parser("seal", help="seal every submitted, unsealed rewrite into one signed bundle")
    seal.add_argument("--project", help="only rewrites of this project")
    seal.add_argument(
        "--out", type=Path, metavar="PATH", help="also write the bundle to this file (- for stdout)"
    )
    add_unlock_option(seal)
    seal.set_defaults(handler=run_seal)

    add_verify_parser(commands)

    listing = commands.add_parser("list", help="bundles sealed in this data dir")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=run_list)

    export = commands.add_parser("export", help="write a sealed bundle to a file")
    export.add_argument("bundle_id", metavar="BUNDLE_ID", help="the id, or a unique start of it")
    export.add_argument("--out", required=True, type=Path, metavar="PATH", help="file to write; - for stdout")
    export.set_defaults(handler=run_export)


def run_seal(args: argparse.Namespace) -> int:
    report = report_stream(args.out) if args.out else sys.stdout
    with open_store(args, write=True) as store:
        if count_unsealed(store, args.project) == 0:
            _say_nothing_to_seal(count_unconfirmed(store, args.project), report)
            return 0
        identity, key = unlock_writer_key(args, store.data_dir)
        try:
            result = seal_submitted(store, key, identity.name, project=args.project)
        except NothingSealable as refusal:
            say_each(refusal.left_out)
            raise CliError(
                f"cannot seal: {counted(len(refusal.left_out), 'submitted rewrite')} could not be put "
                "into a bundle (listed above); nothing was sealed"
            ) from None
        except BundleInputError as exc:
            raise CliError(f"cannot seal: {exc}; nothing was sealed") from None
    if result is None:  # another process sealed them between the count and the transaction
        _say_nothing_to_seal(0, report)
        return 0
    print(result.bundle_id, file=report)
    print(
        f"sealed {result.record_count} rewrite{'s' if result.record_count != 1 else ''} "
        f"as bundle #{result.bundle_seq} of {one_line(result.signer_name)} ({result.size} bytes); "
        "it waits in the outbox",
        file=report,
    )
    _tell_what_was_not_sealed(result, report)
    if args.out:
        write_sealed_copy(
            args.out,
            result.data,
            report,
            what="bundle",
            still_sealed="the bundle is sealed and waits in the outbox, "
            "`workstation bundle export` writes it to a file",
        )
    return 0


def _say_nothing_to_seal(unconfirmed: int, report: Any) -> None:
    """No confirmed submission waits; say so, and name the edited ones that could be."""
    if unconfirmed:
        print(f"nothing to seal: {unconfirmed_sentence(unconfirmed)}", file=report)
    else:
        print("nothing to seal: no submitted rewrites are waiting", file=report)


def _tell_what_was_not_sealed(result: SealResult, report: Any) -> None:
    """Name each rewrite left out (stderr) and say how many wait for the next seal or for a new
    submit (``report``)."""
    if result.unconfirmed:
        print(unconfirmed_sentence(result.unconfirmed), file=report)
    if result.waiting:
        print(
            f"{counted(result.waiting, 'more submitted rewrite')} did not fit into this bundle; "
            "run `workstation bundle seal` again to seal them",
            file=report,
        )
    if result.left_out:
        say_each(result.left_out)
        print(
            f"left out of the bundle: {counted(len(result.left_out), 'submitted rewrite')} "
            "(listed above), still submitted and unsealed",
            file=sys.stderr,
        )


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
