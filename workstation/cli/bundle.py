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

from workstation.cli.common import CliError, open_store, print_json
from workstation.cli.keys import add_unlock_option, unlock_writer_key
from workstation.core.bundles import DEFAULT_LIMITS, BundleInputError, BundleRejected, RejectReason
from workstation.core.bundles.seal_work import (
    count_unsealed,
    describe_bundle,
    seal_submitted,
    trust_for,
    verify_bytes,
)
from workstation.core.files.datadir import resolve_data_dir
from workstation.core.signing import KeyFormatError, load_public_key, write_file_atomically
from workstation.core.signing.identity import known_writer_keys
from workstation.core.store.outbox import AmbiguousBundleId, UnknownBundle

_EXPORT_FILE_MODE = 0o644
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
    seal.add_argument("--out", type=Path, metavar="PATH", help="also write the bundle to this file")
    add_unlock_option(seal)
    seal.set_defaults(handler=run_seal)

    verify = commands.add_parser("verify", help="check a bundle file: signature, hashes, structure")
    verify.add_argument("path", type=Path, metavar="PATH")
    verify.add_argument("--pubkey", type=Path, metavar="PATH", help="accept only this minisign public key")
    verify.add_argument("--json", action="store_true")
    verify.set_defaults(handler=run_verify)

    listing = commands.add_parser("list", help="bundles sealed in this data dir")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=run_list)

    export = commands.add_parser("export", help="write a sealed bundle to a file")
    export.add_argument("bundle_id", metavar="BUNDLE_ID", help="the id, or a unique start of it")
    export.add_argument("--out", required=True, type=Path, metavar="PATH")
    export.set_defaults(handler=run_export)


def _write_bundle_file(path: Path, data: bytes) -> None:
    try:
        write_file_atomically(path, data, mode=_EXPORT_FILE_MODE)
    except OSError as exc:
        raise CliError(f"{path}: {exc.strerror or exc}") from None


def run_seal(args: argparse.Namespace) -> int:
    with open_store(args, write=True) as store:
        if count_unsealed(store, args.project) == 0:
            print("nothing to seal: no submitted rewrites are waiting")
            return 0
        identity, key = unlock_writer_key(args, store.data_dir)
        try:
            result = seal_submitted(store, key, identity.name, project=args.project)
        except BundleInputError as exc:
            raise CliError(f"cannot seal: {exc}; nothing was sealed") from None
    if result is None:  # another process sealed them between the count and the transaction
        print("nothing to seal: no submitted rewrites are waiting")
        return 0
    print(result.bundle_id)
    print(
        f"sealed {result.record_count} rewrite{'s' if result.record_count != 1 else ''} "
        f"as bundle #{result.bundle_seq} of {result.signer_name} ({result.size} bytes); "
        "it waits in the outbox"
    )
    if args.out:
        _write_bundle_file(args.out, result.data)
        print(f"{args.out}: bundle written")
    return 0


def _read_bundle_file(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > DEFAULT_LIMITS.max_bundle_bytes:
            limit = DEFAULT_LIMITS.max_bundle_bytes
            raise BundleRejected(RejectReason.OVERSIZED, f"the file is {size} bytes; the limit is {limit}")
        return path.read_bytes()
    except OSError as exc:
        raise CliError(f"{path}: {exc.strerror or exc}") from None


def _reject(args: argparse.Namespace, rejection: BundleRejected) -> int:
    code = rejection.reason_code.value
    if args.json:
        print_json({"ok": False, "path": str(args.path), "reason": code, "message": rejection.message})
    else:
        print(f"{args.path}: REJECTED ({code}): {rejection.message}", file=sys.stderr)
    return 1


def run_verify(args: argparse.Namespace) -> int:
    pinned = []
    if args.pubkey:
        try:
            pinned.append(load_public_key(args.pubkey))
        except (OSError, KeyFormatError) as exc:
            raise CliError(f"{args.pubkey}: {getattr(exc, 'strerror', None) or exc}") from None
    data_dir = resolve_data_dir(args.data_dir)
    known = None if pinned else known_writer_keys(data_dir)
    trust, trust_kind = trust_for(pinned=pinned, known_writers=known)
    try:
        data = _read_bundle_file(args.path)
    except BundleRejected as rejection:
        return _reject(args, rejection)
    outcome = verify_bytes(data, trust)
    if isinstance(outcome, BundleRejected):
        return _reject(args, outcome)
    summary = describe_bundle(outcome)
    if trust_kind == "known" and not outcome.signer_known:
        trust_kind = "none"
    summary.update(ok=True, path=str(args.path), signer_check=trust_kind)
    if args.json:
        print_json(summary)
        return 0
    print(f"{args.path}: OK")
    print(f"bundle id    {summary['bundle_id']}")
    print(f"signer       {summary['signer']}")
    print(f"fingerprint  {summary['fingerprint']}")
    print(f"key id       {summary['key_id']}")
    print(f"signer key   {_TRUST_WORDS[trust_kind]}")
    previous = f" (after {summary['prev_bundle_id']})" if summary["prev_bundle_id"] else " (first)"
    print(f"sequence     {summary['bundle_seq']}{previous}")
    print(f"created      {summary['created_at']}")
    print(f"rewrites     {summary['count']}")
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
            f"{row.created_at:<24}  {row.bundle_id}"
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
    _write_bundle_file(args.out, data)
    print(f"{args.out}: {bundle_id} ({len(data)} bytes)")
    return 0
