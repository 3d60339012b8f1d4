"""``workstation bundle seal``: every submitted, unsealed rewrite into one signed bundle in the outbox."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from workstation.cli.common import CliError, open_store, say_each
from workstation.cli.keys import add_unlock_option, unlock_writer_key
from workstation.cli.outputs import report_stream, write_sealed_copy
from workstation.core.bundles import BundleInputError
from workstation.core.bundles.seal_work import (
    NothingSealable,
    SealResult,
    count_unconfirmed,
    count_unsealed,
    seal_submitted,
    unconfirmed_sentence,
)
from workstation.core.text.counts import counted
from workstation.core.text.safe_text import one_line


def register(commands: Any) -> None:
    seal = commands.add_parser("seal")
    seal.add_argument("--project", help="only rewrites of this project")
    seal.add_argument(
        "--out", type=Path, metavar="PATH", help="also write the bundle to this file (- for stdout)"
    )
    add_unlock_option(seal)
    seal.set_defaults(handler=run_seal)


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
