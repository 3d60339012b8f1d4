"""``workstation bundle verify``: check bundles in a way a script can rely on.

A bundle is OK only when its signer is known: a key given with ``--pubkey`` (any number of them),
a writer this data dir knows (its own identity and the keys it replaced, and with ``--keyring``
the writers its reviewer keyring trusts), where another key in a known writer's name and a known
key under another name are refused. A valid signature by anybody else is reported as an unknown
signer and fails (exit 1) unless ``--allow-unknown`` says an integrity check is enough.

Several paths, a folder (every file in it, and in its ``sha256/`` subfolder) or a ``file://`` or
``s3://`` target check every bundle, then each signer's hash chain across them: a fork fails, a
gap (a bundle before the first one present, or between two) is reported. One file gives the
one-bundle report (``--json``: one object); anything more gives one line per bundle (``--json``:
``{"ok", "bundles", "chain_problems"}``). Keys are named by their short fingerprint everywhere.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from workstation.cli.common import MESSAGE_LIMIT_CHARS, CliError, print_json
from workstation.core.bundles import DEFAULT_LIMITS, BundleRejected, RejectReason, VerifiedBundle
from workstation.core.bundles.chain import ChainLink, check_chains
from workstation.core.bundles.seal_work import describe_bundle, trust_for, verify_bytes
from workstation.core.files.datadir import resolve_data_dir
from workstation.core.files.inputs import (
    KEY_FILE,
    InputKind,
    InputRefused,
    InputTooLarge,
    check_input_file,
    read_input,
)
from workstation.core.files.os_errors import describe_os_error
from workstation.core.review.sources import Candidate, SourceRefused, candidates_of
from workstation.core.signing import KeyFormatError, PublicKey, load_public_key, short_fingerprint
from workstation.core.signing.identity import known_writer_keys
from workstation.core.store import DB_FILE_NAME, Store
from workstation.core.sync.targets_base import UploadError
from workstation.core.text.safe_text import one_line

BUNDLE_FILE = InputKind("a rewrite bundle", DEFAULT_LIMITS.max_bundle_bytes, stdin_allowed=True)
"""A bundle to verify: at most the verifier's own limit, or ``-`` for standard input."""
Failure = BundleRejected | InputRefused | str
"""Why one bundle failed: a check's rejection, an input of the wrong kind, or a sentence."""
_TRUST_WORDS = {
    "pinned": "verified against a key given with --pubkey",
    "known": "verified against a known key of this writer",
    "none": "NOT verified against a known key (integrity only, --allow-unknown)",
}


def register(commands: Any) -> None:
    verify = commands.add_parser("verify")
    verify.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="bundle files, folders, file:///dir or s3:// targets; - reads stdin",
    )
    verify.add_argument(
        "--pubkey",
        type=Path,
        action="append",
        default=[],
        metavar="PATH",
        help="accept this minisign key (repeatable)",
    )
    verify.add_argument(
        "--keyring", action="store_true", help="also accept the writers this data dir's keyring trusts"
    )
    verify.add_argument(
        "--allow-unknown", action="store_true", help="a valid signature by an unknown key is enough"
    )
    verify.add_argument("--json", action="store_true")
    verify.set_defaults(handler=run_verify)


def _pinned_keys(paths: list[Path]) -> list[PublicKey]:
    keys = []
    for path in paths:
        check_input_file(path, KEY_FILE)
        try:
            keys.append(load_public_key(path))
        except OSError as exc:
            raise CliError(describe_os_error(exc, path)) from None
        except KeyFormatError as exc:
            raise CliError(f"{one_line(str(path))}: {exc}") from None
    return keys


def _known_writers(args: argparse.Namespace) -> dict[str, frozenset[str]]:
    data_dir = resolve_data_dir(args.data_dir)
    known = {name: set(keys) for name, keys in known_writer_keys(data_dir).items()}
    if args.keyring:
        if not (data_dir / DB_FILE_NAME).exists():
            raise CliError(f"--keyring: {data_dir} has no keyring yet; `workstation review trust` starts one")
        with Store(data_dir, readonly=True) as store:
            for writer in store.writers.trusted():
                known.setdefault(writer.name, set()).add(writer.fingerprint)
    return {name: frozenset(keys) for name, keys in known.items()}


def _candidates(paths: list[str]) -> tuple[list[Candidate], list[tuple[str, Failure]]]:
    found: list[Candidate] = []
    refused: list[tuple[str, Failure]] = []
    for path in paths:
        if path == "-":
            found.append(Candidate("-", lambda: read_input("-", BUNDLE_FILE)))
            continue
        try:
            found += candidates_of(path, kind=BUNDLE_FILE)
        except SourceRefused as exc:
            refused.append((path, str(exc)))
    return found, refused


def _check(candidate: Candidate, trust: Any, allow_unknown: bool) -> VerifiedBundle | Failure:
    try:
        data = candidate.read()
    except InputTooLarge as exc:
        return BundleRejected(RejectReason.OVERSIZED, exc.message)
    except InputRefused as exc:
        return exc
    except UploadError as exc:
        return exc.reason
    try:
        outcome = verify_bytes(data, trust, expected_bundle_id=candidate.expected_bundle_id)
    except RecursionError:
        return "the bundle is nested too deeply to read"
    if isinstance(outcome, VerifiedBundle) and not outcome.signer_known and not allow_unknown:
        signer = outcome.manifest.signer
        return BundleRejected(
            RejectReason.UNKNOWN_SIGNER,
            f"signed by writer {signer.name!r} with key {short_fingerprint(signer.fingerprint)}, which is "
            "not known; give --pubkey or --keyring to check the signer, or --allow-unknown",
        )
    return outcome


def _failure_json(source: str, failure: Failure) -> dict[str, Any]:
    if isinstance(failure, InputRefused):
        failure = failure.message
    if isinstance(failure, BundleRejected):
        return {"ok": False, "path": source, "reason": failure.reason_code.value, "message": failure.message}
    return {"ok": False, "path": source, "reason": "unreadable", "message": failure}


def _failure_line(source: str, failure: Failure) -> str:
    shown = one_line(source, MESSAGE_LIMIT_CHARS)
    if isinstance(failure, InputRefused):
        failure = failure.message
    if isinstance(failure, BundleRejected):
        code, message = failure.reason_code.value, failure.message
        return f"{shown}: REJECTED ({code}): {one_line(message, MESSAGE_LIMIT_CHARS)}"
    return f"{shown}: REJECTED: {one_line(failure, MESSAGE_LIMIT_CHARS)}"


def _summary(source: str, verified: VerifiedBundle, trust_kind: str) -> dict[str, Any]:
    summary = describe_bundle(verified)
    kind = "none" if trust_kind == "none" or not verified.signer_known else trust_kind
    summary.update(ok=True, path=source, signer_check=kind, key=short_fingerprint(summary["fingerprint"]))
    return summary


def _print_one(summary: dict[str, Any]) -> None:
    shown = {key: one_line(str(value), MESSAGE_LIMIT_CHARS) for key, value in summary.items()}
    print(f"{shown['path']}: OK")
    print(f"bundle id    {shown['bundle_id']}")
    print(f"signer       {shown['signer']} (key {shown['key']})")
    print(f"fingerprint  {shown['fingerprint']}")
    print(f"key id       {shown['key_id']}")
    print(f"signer key   {_TRUST_WORDS[summary['signer_check']]}")
    previous = f" (after {shown['prev_bundle_id']})" if summary["prev_bundle_id"] else " (first)"
    print(f"sequence     {shown['bundle_seq']}{previous}")
    print(f"created      {shown['created_at']}")
    print(f"rewrites     {shown['count']}")


def run_verify(args: argparse.Namespace) -> int:
    pinned = _pinned_keys(args.pubkey)
    trust, trust_kind = trust_for(pinned=pinned, known_writers=_known_writers(args))
    candidates, failures = _candidates(args.paths)
    single = (
        len(args.paths) == 1 and len(candidates) == 1 and not failures and not Path(args.paths[0]).is_dir()
    )
    verified: list[tuple[str, VerifiedBundle]] = []
    for candidate in candidates:
        outcome = _check(candidate, trust, args.allow_unknown)
        if isinstance(outcome, VerifiedBundle):
            verified.append((candidate.source, outcome))
        else:
            failures.append((candidate.source, outcome))
    if not candidates and not failures:
        raise CliError(f"{one_line(' '.join(args.paths), MESSAGE_LIMIT_CHARS)}: no bundles to verify there")
    if single:
        return _report_single(args, verified, failures, trust_kind)
    return _report_many(args, verified, failures, trust_kind)


def _report_single(
    args: argparse.Namespace,
    verified: list[tuple[str, VerifiedBundle]],
    failures: list[tuple[str, Failure]],
    trust_kind: str,
) -> int:
    if failures:
        source, failure = failures[0]
        if isinstance(failure, InputRefused) and not args.json:
            raise failure  # the wrong kind of file: one sentence, as every command says it
        if args.json:
            print_json(_failure_json(source, failure))
        else:
            print(_failure_line(source, failure), file=sys.stderr)
        return 1
    source, bundle = verified[0]
    summary = _summary(source, bundle, trust_kind)
    if args.json:
        print_json(summary)
    else:
        _print_one(summary)
    return 0


def _report_many(
    args: argparse.Namespace,
    verified: list[tuple[str, VerifiedBundle]],
    failures: list[tuple[str, Failure]],
    trust_kind: str,
) -> int:
    links = [
        ChainLink(
            bundle.bundle_id,
            bundle.manifest.signer.fingerprint,
            bundle.manifest.signer.name,
            bundle.manifest.bundle_seq,
            bundle.manifest.prev_bundle_id,
        )
        for _source, bundle in verified
    ]
    problems = check_chains(links)
    forked = any(problem.kind == "fork" for problem in problems)
    ok = not failures and not forked
    if args.json:
        print_json(
            {
                "ok": ok,
                "bundles": [_summary(s, b, trust_kind) for s, b in verified]
                + [_failure_json(*f) for f in failures],
                "chain_problems": [
                    {"bundle_id": p.bundle_id, "kind": p.kind, "writer": p.signer_name, "problem": p.sentence}
                    for p in problems
                ],
            }
        )
        return 0 if ok else 1
    for source, bundle in verified:
        summary = _summary(source, bundle, trust_kind)
        print(
            f"{one_line(source, MESSAGE_LIMIT_CHARS)}: OK, #{summary['bundle_seq']} of "
            f"{one_line(summary['signer'])} (key {summary['key']}), {summary['count']} rewrites"
            + ("" if summary["signer_check"] != "none" else ", signer NOT verified")
        )
    for source, failure in failures:
        print(_failure_line(source, failure), file=sys.stderr)
    for problem in problems:
        label = "FORK" if problem.kind == "fork" else "chain"
        print(
            f"{label}: {one_line(problem.sentence, MESSAGE_LIMIT_CHARS)}",
            file=sys.stderr if forked else sys.stdout,
        )
    print(
        f"{len(verified)} of {len(verified) + len(failures)} bundles OK"
        + (", the chain forked" if forked else "")
    )
    return 0 if ok else 1
