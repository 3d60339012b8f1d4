"""``workstation review seal [--out PATH]``: sign the reviewer's verdicts into a verdict bundle.

The bundle goes into the outbox (kind ``verdicts``) like a rewrite bundle, so ``outbox push``
takes it to the same targets; ``--out`` also writes its bytes to a file (or ``-`` for stdout).
The signing identity and its passphrase are the writer's (``bundle seal``): one key per person.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from workstation.cli.common import CliError, open_store
from workstation.cli.keys import add_unlock_option, unlock_writer_key
from workstation.cli.outputs import report_stream, write_sealed_copy
from workstation.core.bundles import BundleInputError
from workstation.core.signing.identity import IdentityError, load_identity
from workstation.core.text.counts import counted
from workstation.core.text.safe_text import one_line
from workstation.core.verdicts import count_unsealed_verdicts, seal_verdicts

_NOTHING = "nothing to seal: you have no verdicts waiting to go out"


def register(commands: Any) -> None:
    seal = commands.add_parser("seal")
    seal.add_argument(
        "--out", type=Path, metavar="PATH", help="also write the verdict bundle to this file (- for stdout)"
    )
    add_unlock_option(seal)
    seal.set_defaults(handler=run_seal)


def run_seal(args: argparse.Namespace) -> int:
    report = report_stream(args.out) if args.out else sys.stdout
    with open_store(args, write=True) as store:
        try:
            identity = load_identity(store.data_dir)
        except IdentityError:
            identity = None  # unlock_writer_key says what is wrong with it
        if identity is not None and count_unsealed_verdicts(store, identity.fingerprint) == 0:
            print(_NOTHING, file=report)
            return 0
        identity, key = unlock_writer_key(args, store.data_dir)
        try:
            result = seal_verdicts(store, key, identity.name)
        except BundleInputError as exc:
            raise CliError(f"cannot seal: {exc}; nothing was sealed") from None
    if result is None:  # sealed by another process between the count and the transaction
        print(_NOTHING, file=report)
        return 0
    print(result.bundle_id, file=report)
    print(
        f"sealed {counted(result.record_count, 'verdict')} "
        f"on {counted(len(result.reviewed_bundles), 'bundle')} "
        f"as verdict bundle #{result.bundle_seq} of {one_line(result.signer_name)} ({result.size} bytes); "
        "it waits in the outbox",
        file=report,
    )
    if result.waiting:
        print(f"{counted(result.waiting, 'verdict')} did not fit and wait for the next seal", file=report)
    if args.out:
        write_sealed_copy(
            args.out,
            result.data,
            report,
            what="verdict bundle",
            still_sealed="the verdicts are sealed and wait in the outbox, "
            "`workstation bundle export` writes the bundle to a file",
        )
    return 0
