"""``workstation review import | trust | writers | list``: the reviewer's inbox and keyring.

``import`` takes bundle files, folders of them, ``file:///dir`` and ``s3://bucket/prefix``
targets. Its exit status is 0 when every bundle is in the inbox (added now or before), 1 when
something was refused or waits for its writer's key to be confirmed with ``review trust``.
Every name, id, path and reason that came from outside is shown through ``one_line``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

from workstation.cli.common import MESSAGE_LIMIT_CHARS, CliError, open_store, print_json
from workstation.core.files.datadir import resolve_data_dir
from workstation.core.files.inputs import KEY_FILE, check_input_file
from workstation.core.files.os_errors import describe_os_error
from workstation.core.review.figures_pass import fill_figures
from workstation.core.review.receive import ReceiveReport, UnknownSigner, receive
from workstation.core.signing import KeyFormatError, PublicKey, load_public_key
from workstation.core.store import DB_FILE_NAME, Store
from workstation.core.store.writers import UnknownWriterKey, Writer, WriterConflict
from workstation.core.text.counts import counted
from workstation.core.text.safe_text import one_line

FIGURES_SAID_FROM = 1_000
"""From this many items waiting, `review import` says on stderr that it is computing figures."""


def register(commands: Any) -> None:
    importer = commands.add_parser("import")
    importer.add_argument(
        "sources",
        nargs="+",
        metavar="PATH|DIR|URL",
        help="bundle files, folders, file:///dir or s3://bucket/prefix",
    )
    importer.add_argument("--json", action="store_true", help="print the report as JSON")
    importer.add_argument(
        "--no-figures",
        action="store_true",
        help="leave the items' figures (edit rate, lint densities) for later: `review figures`, "
        "or the review window in the background",
    )
    importer.set_defaults(handler=run_import)

    figures = commands.add_parser("figures")
    figures.set_defaults(handler=run_figures)

    trust = commands.add_parser("trust")
    trust.add_argument(
        "key", metavar="PUBKEY|FINGERPRINT", help="a minisign .pub file, its base64 line, or a fingerprint"
    )
    trust.add_argument("--name", help="the writer's name as their bundles give it")
    trust.add_argument(
        "--another-key", action="store_true", help="add a second key for a writer already trusted"
    )
    trust.set_defaults(handler=run_trust)

    writers = commands.add_parser("writers")
    writers.add_argument("--json", action="store_true")
    writers.set_defaults(handler=run_writers)

    listing = commands.add_parser("list")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=run_list)


def _safe(text: object) -> str:
    return one_line(str(text), MESSAGE_LIMIT_CHARS)


@contextmanager
def open_inbox(args: argparse.Namespace) -> Iterator[Store | None]:
    """The store for reading, or None when this data dir has none yet (an empty inbox)."""
    if not (resolve_data_dir(args.data_dir) / DB_FILE_NAME).exists():
        yield None
        return
    with open_store(args, write=False) as store:
        yield store


# -- import -----------------------------------------------------------------------------------


def run_import(args: argparse.Namespace) -> int:
    with open_store(args, write=True) as store:
        report = receive(store, args.sources)
        if not args.no_figures:
            fill_figures_saying_so(store, quiet=args.json)
    if args.json:
        print_json(_report_json(report))
    else:
        _print_report(report)
    return 1 if report.refused or report.needs_confirmation else 0


def run_figures(args: argparse.Namespace) -> int:
    with open_store(args, write=True) as store:
        computed = fill_figures_saying_so(store)
    print(f"computed the figures of {counted(computed, 'rewrite')}")
    return 0


def fill_figures_saying_so(store: Store, *, quiet: bool = False) -> int:
    """Run the figures pass over items still without figures, saying so on stderr when it is long.

    Figures take a few milliseconds an item, so a big import says how many it computes before it
    starts (and prints nothing for a handful).
    """
    waiting = store.inbox.count_without_figures()
    if waiting >= FIGURES_SAID_FROM and not quiet:
        print(f"computing edit rates and lint densities of {waiting} rewrites…", file=sys.stderr)
    return fill_figures(store)


def _report_json(report: ReceiveReport) -> dict[str, Any]:
    return {
        "added": [
            {
                "bundle_id": bundle.bundle_id,
                "writer": bundle.signer_name,
                "fingerprint": bundle.signer_fingerprint,
                "bundle_seq": bundle.bundle_seq,
                "rewrites": bundle.record_count,
                "source": bundle.source,
                "chain_problem": bundle.chain_problem,
            }
            for bundle in report.added
        ],
        "already_there": report.already_there,
        "own_bundles": report.own_bundles,
        "refused": [{"source": r.source, "reason": r.reason, "code": r.code} for r in report.refused],
        "needs_confirmation": [
            {"writer": u.name, "fingerprint": u.fingerprint, "public_key": u.public_key, "source": u.source}
            for u in report.needs_confirmation
        ],
        "chain_problems": [
            {"bundle_id": p.bundle_id, "writer": p.signer_name, "kind": p.kind, "problem": p.sentence}
            for p in report.chain_problems
        ],
        "cancelled": report.cancelled,
    }


def _print_report(report: ReceiveReport) -> None:
    rewrites = report.items_added
    print(
        f"added {len(report.added)} bundle{'s' if len(report.added) != 1 else ''} "
        f"({rewrites} rewrite{'s' if rewrites != 1 else ''}) to the inbox"
    )
    if report.already_there:
        count = len(report.already_there)
        print(f"{count} bundle{' was' if count == 1 else 's were'} already in the inbox (not added twice)")
    if report.own_bundles:
        print(f"skipped {counted(len(report.own_bundles), 'bundle')} sealed in this data folder (your own)")
    for problem in report.chain_problems:
        if not problem.refuses:
            print(f"chain: {_safe(problem.sentence)}")
    _print_waiting(report.needs_confirmation)
    for refusal in report.refused:
        code = f" ({refusal.code})" if refusal.code else ""
        where = "" if refusal.source in refusal.reason else f"{_safe(refusal.source)}: "
        print(f"refused{code}: {where}{_safe(refusal.reason)}")


def _print_waiting(waiting: list[UnknownSigner]) -> None:
    bundles = Counter(signer.fingerprint for signer in waiting)
    shown: set[str] = set()
    for signer in waiting:
        if signer.fingerprint in shown:
            continue
        shown.add(signer.fingerprint)
        count = bundles[signer.fingerprint]
        short = signer.short_fingerprint
        print(
            f"new writer {_safe(signer.name)}: key {short} (fingerprint {signer.fingerprint}); "
            f"{count} bundle{'s wait' if count != 1 else ' waits'}. Compare the fingerprint with "
            f"the writer's `workstation keys show`, then run `workstation review trust {short}` "
            "and import again"
        )


# -- trust and writers ------------------------------------------------------------------------


def _key_from_argument(text: str) -> PublicKey | None:
    """The key a .pub file or a base64 line gives, or None when ``text`` is neither (a fingerprint)."""
    if os.path.exists(text):
        path = Path(text)
        check_input_file(path, KEY_FILE)
        try:
            return load_public_key(path)
        except OSError as exc:
            raise CliError(describe_os_error(exc, path)) from None
        except KeyFormatError as exc:
            raise CliError(f"{_safe(path)}: {exc}") from None
    try:
        return PublicKey.from_base64(text.strip())
    except KeyFormatError:
        return None


def run_trust(args: argparse.Namespace) -> int:
    with open_store(args, write=True) as store:
        key = _key_from_argument(args.key)
        if key is None:
            try:
                writer = store.writers.resolve(args.key)
            except UnknownWriterKey as exc:
                raise CliError(str(exc)) from None
            key = writer.parsed_public_key()
        known = store.writers.by_fingerprint(key.fingerprint)
        name = args.name or (known.name if known else None)
        if not name:
            raise CliError("this key has not signed a bundle here yet; give the writer's name with --name", 2)
        try:
            trusted = store.writers.trust(name, key, another_key=args.another_key)
        except WriterConflict as exc:
            raise CliError(str(exc)) from None
    print(
        f"trusted writer {_safe(trusted.name)} with key {trusted.short_fingerprint} "
        f"(fingerprint {trusted.fingerprint}); import their bundles with `workstation review import`"
    )
    return 0


def _writer_json(writer: Writer) -> dict[str, Any]:
    return {
        "name": writer.name,
        "state": writer.state,
        "fingerprint": writer.fingerprint,
        "short_fingerprint": writer.short_fingerprint,
        "key_id": writer.key_id,
        "public_key": writer.public_key,
        "added_at": writer.added_at,
        "confirmed_at": writer.confirmed_at,
    }


def run_writers(args: argparse.Namespace) -> int:
    with open_inbox(args) as store:
        writers = store.writers.all() if store is not None else []
    if args.json:
        print_json([_writer_json(writer) for writer in writers])
        return 0
    if not writers:
        print(
            "no writer keys yet; `workstation review import` records each new writer's key for you to confirm"
        )
        return 0
    print(f"{'state':<8}  {'key':<16}  {'added':<24}  writer")
    for writer in writers:
        added = _safe(writer.added_at)
        print(f"{writer.state:<8}  {writer.short_fingerprint:<16}  {added:<24}  {_safe(writer.name)}")
    return 0


# -- list -------------------------------------------------------------------------------------


def run_list(args: argparse.Namespace) -> int:
    with open_inbox(args) as store:
        items = store.inbox.items() if store is not None else []
        verdicts = store.verdicts.all() if store is not None else []
    by_item: dict[str, list[Any]] = {}
    for verdict in verdicts:
        by_item.setdefault(verdict.rewrite_id, []).append(verdict)
    if args.json:
        print_json(
            [
                {
                    "item_id": item.item_id,
                    "bundle_id": item.bundle_id,
                    "writer": item.writer_name,
                    "writer_fingerprint": item.writer_fingerprint,
                    "task_id": item.task_id,
                    "project": item.project,
                    "model": item.model,
                    "status": item.status,
                    "flagged": item.flagged,
                    "active_seconds": item.active_seconds,
                    "figures": None if item.figures is None else asdict(item.figures),
                    "verdicts": [
                        {
                            "verdict": v.verdict.value,
                            "reason": v.reason,
                            "reviewer": v.reviewer_name,
                            "reviewer_fingerprint": v.reviewer_fingerprint,
                            "created_at": v.created_at,
                        }
                        for v in by_item.get(item.item_id, [])
                    ],
                }
                for item in items
            ]
        )
        return 0
    if not items:
        print("the inbox is empty; `workstation review import PATH|DIR|URL` adds bundles")
        return 0
    print(f"{'item':<40}  {'writer':<20}  {'model':<16}  {'edits':>6}  {'verdict':<8}  bundle")
    for item in items:
        latest = by_item.get(item.item_id)
        shown_verdict = latest[-1].verdict.value if latest else "-"
        edits = "-" if item.figures is None else f"{item.figures.edit_rate:.0%}"
        print(
            f"{_safe(item.item_id):<40}  {one_line(item.writer_name, 20):<20}  "
            f"{one_line(item.model or '-', 16):<16}  {edits:>6}  {shown_verdict:<8}  "
            f"{short_bundle_id(item.bundle_id)}"
        )
    return 0


def short_bundle_id(bundle_id: str) -> str:
    """A bundle id as lists show it: the first 12 hex digits (``bundle export`` takes a start too)."""
    return one_line(bundle_id.removeprefix("sha256:")[:12])
