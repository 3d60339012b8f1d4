"""``workstation review import | figures | trust``: filling the reviewer's inbox and keyring.

``import`` takes bundle files, folders of them, ``file:///dir`` and ``s3://bucket/prefix``
targets. Its exit status is 0 when every bundle is in the inbox (added now or before), 1 when
something was refused or waits for its writer's key to be confirmed with ``review trust``.
Every name, id, path and reason that came from outside is shown through ``one_line``. Reading
the inbox back (``review writers``, ``review list``) is ``review_lists``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from workstation.cli.common import CliError, open_store, print_json
from workstation.cli.review_lists import shown_text
from workstation.core.files.inputs import KEY_FILE, check_input_file
from workstation.core.files.os_errors import describe_os_error
from workstation.core.review.figures_pass import fill_figures
from workstation.core.review.receive import ReceiveReport, UnknownSigner, receive
from workstation.core.signing import KeyFormatError, PublicKey, load_public_key
from workstation.core.store import Store
from workstation.core.store.writers import UnknownWriterKey, WriterConflict
from workstation.core.text.counts import counted

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
            print(f"chain: {shown_text(problem.sentence)}")
    _print_waiting(report.needs_confirmation)
    for refusal in report.refused:
        code = f" ({refusal.code})" if refusal.code else ""
        where = "" if refusal.source in refusal.reason else f"{shown_text(refusal.source)}: "
        print(f"refused{code}: {where}{shown_text(refusal.reason)}")


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
            f"new writer {shown_text(signer.name)}: key {short} (fingerprint {signer.fingerprint}); "
            f"{count} bundle{'s wait' if count != 1 else ' waits'}. Compare the fingerprint with "
            f"the writer's `workstation keys show`, then run `workstation review trust {short}` "
            "and import again"
        )


# -- trust ----------------------------------------------------------------------------------


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
            raise CliError(f"{shown_text(path)}: {exc}") from None
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
        f"trusted writer {shown_text(trusted.name)} with key {trusted.short_fingerprint} "
        f"(fingerprint {trusted.fingerprint}); import their bundles with `workstation review import`"
    )
    return 0
