"""``workstation bundle``: seal submitted work into a signed bundle, check bundles, list and export them.

``bundle verify`` trusts, in order: the key given with ``--pubkey``; else the writer keys this data
dir knows (its own identity and any it replaced), where another key in a known writer's name is
refused; else nobody, in which case it checks integrity only and says the signer is unverified.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from workstation.cli.common import MESSAGE_LIMIT_CHARS, CliError, open_store, print_json, say_each
from workstation.cli.keys import add_unlock_option, unlock_writer_key
from workstation.cli.outputs import is_stdout, report_stream, write_bytes_out
from workstation.core.bundles import DEFAULT_LIMITS, BundleInputError, BundleRejected, RejectReason
from workstation.core.bundles.seal_work import (
    NothingSealable,
    SealResult,
    count_unsealed,
    describe_bundle,
    seal_submitted,
    trust_for,
    verify_bytes,
)
from workstation.core.files.datadir import resolve_data_dir
from workstation.core.files.inputs import KEY_FILE, InputKind, InputTooLarge, check_input_file, read_input
from workstation.core.files.os_errors import describe_os_error
from workstation.core.signing import KeyFormatError, load_public_key
from workstation.core.signing.identity import known_writer_keys
from workstation.core.store.outbox import AmbiguousBundleId, UnknownBundle
from workstation.core.text.counts import counted
from workstation.core.text.safe_text import one_line

_EXPORT_FILE_MODE = 0o644
BUNDLE_FILE = InputKind("a rewrite bundle", DEFAULT_LIMITS.max_bundle_bytes, stdin_allowed=True)
"""A bundle to verify: at most the verifier's own limit (1 GiB), or ``-`` for standard input."""
_TRUST_WORDS = {
    "pinned": "verified against the key given with --pubkey",
    "known": "verified against this writer's known key",
    "none": "NOT verified against a known key (integrity only)",
}


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

    verify = commands.add_parser("verify", help="check a bundle file: signature, hashes, structure")
    verify.add_argument("path", type=Path, metavar="PATH", help="the bundle file; - reads stdin")
    verify.add_argument("--pubkey", type=Path, metavar="PATH", help="accept only this minisign public key")
    verify.add_argument("--json", action="store_true")
    verify.set_defaults(handler=run_verify)

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
            print("nothing to seal: no submitted rewrites are waiting", file=report)
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
        print("nothing to seal: no submitted rewrites are waiting", file=report)
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
        try:
            write_bytes_out(args.out, result.data, mode=_EXPORT_FILE_MODE)
        except CliError as exc:
            raise CliError(
                f"{exc}; the bundle is sealed and waits in the outbox, "
                "`workstation bundle export` writes it to a file"
            ) from None
        print(f"{_shown_out(args.out)}: bundle written", file=report)
    return 0


def _tell_what_was_not_sealed(result: SealResult, report: Any) -> None:
    """Name each rewrite left out (stderr) and say how many wait for the next seal (``report``)."""
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


def _shown_out(target: Path) -> str:
    return "standard output" if is_stdout(target) else one_line(str(target), MESSAGE_LIMIT_CHARS)


def _reject(args: argparse.Namespace, rejection: BundleRejected) -> int:
    code = rejection.reason_code.value
    if args.json:
        print_json({"ok": False, "path": str(args.path), "reason": code, "message": rejection.message})
    else:
        shown = one_line(str(args.path), MESSAGE_LIMIT_CHARS)
        print(
            f"{shown}: REJECTED ({code}): {one_line(rejection.message, MESSAGE_LIMIT_CHARS)}", file=sys.stderr
        )
    return 1


def _read_bundle(path: Path) -> bytes | BundleRejected:
    """The bundle's bytes (a file, or ``-`` for stdin), or the rejection of one over the size limit."""
    try:
        return read_input(path, BUNDLE_FILE)
    except InputTooLarge as exc:
        return BundleRejected(RejectReason.OVERSIZED, exc.message)


def run_verify(args: argparse.Namespace) -> int:
    pinned = []
    if args.pubkey:
        check_input_file(args.pubkey, KEY_FILE)
        try:
            pinned.append(load_public_key(args.pubkey))
        except OSError as exc:
            raise CliError(describe_os_error(exc, args.pubkey)) from None
        except KeyFormatError as exc:
            raise CliError(f"{args.pubkey}: {exc}") from None
    data_dir = resolve_data_dir(args.data_dir)
    known = None if pinned else known_writer_keys(data_dir)
    trust, trust_kind = trust_for(pinned=pinned, known_writers=known)
    data = _read_bundle(args.path)
    if isinstance(data, BundleRejected):
        return _reject(args, data)
    try:
        outcome = verify_bytes(data, trust)
    except RecursionError:
        raise CliError(f"{args.path}: the bundle is nested too deeply to read; it was not accepted") from None
    if isinstance(outcome, BundleRejected):
        return _reject(args, outcome)
    summary = describe_bundle(outcome)
    if trust_kind == "known" and not outcome.signer_known:
        trust_kind = "none"
    summary.update(ok=True, path=str(args.path), signer_check=trust_kind)
    if args.json:
        print_json(summary)
        return 0
    shown = {key: one_line(str(value), MESSAGE_LIMIT_CHARS) for key, value in summary.items()}
    print(f"{shown['path']}: OK")
    print(f"bundle id    {shown['bundle_id']}")
    print(f"signer       {shown['signer']}")
    print(f"fingerprint  {shown['fingerprint']}")
    print(f"key id       {shown['key_id']}")
    print(f"signer key   {_TRUST_WORDS[trust_kind]}")
    previous = f" (after {shown['prev_bundle_id']})" if summary["prev_bundle_id"] else " (first)"
    print(f"sequence     {shown['bundle_seq']}{previous}")
    print(f"created      {shown['created_at']}")
    print(f"rewrites     {shown['count']}")
    return 0


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
    write_bytes_out(args.out, data, mode=_EXPORT_FILE_MODE)
    print(f"{_shown_out(args.out)}: {bundle_id} ({len(data)} bytes)", file=report_stream(args.out))
    return 0
