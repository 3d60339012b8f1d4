"""``workstation timesheet``, ``receipt``, ``portfolio`` and ``verify-record``: the writer's own
signed records.

A timesheet or receipt is written with its signature beside it (``FILE.minisig``), by default
into the data folder's ``records/`` folder. Signing needs the writer key's passphrase, read the
way ``bundle seal`` reads it (``--passphrase-file``, ``$WORKSTATION_PASSPHRASE`` or a prompt).
Reading the store needs no lock, so a timesheet can be made while the app is open.
"""

from __future__ import annotations

import argparse
import os
from dataclasses import asdict
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from typing import Any

from workstation.cli.bundle import resolve_bundle_id
from workstation.cli.common import MESSAGE_LIMIT_CHARS, CliError, open_store, print_json, say_error
from workstation.cli.keys import add_unlock_option, unlock_writer_key
from workstation.cli.outputs import is_stdout, output_failed
from workstation.core.files.datadir import resolve_data_dir
from workstation.core.files.inputs import KEY_FILE, InputKind, check_input_file, read_input
from workstation.core.files.os_errors import describe_os_error
from workstation.core.reports.portfolio import PortfolioError, portfolio_entries
from workstation.core.reports.portfolio_check import bundles_in, check_portfolio
from workstation.core.reports.portfolio_site import write_portfolio
from workstation.core.reports.receipt import ReceiptError, build_receipt, receipt_bytes
from workstation.core.reports.signed_record import (
    RecordAuthor,
    RecordKind,
    RecordRejected,
    check_record_file,
    records_dir,
    signature_path,
    write_signed_record,
)
from workstation.core.reports.timesheet import BadRange, Timesheet, timesheet_from_store
from workstation.core.reports.timesheet_formats import FORMATS, hours_and_minutes, render_timesheet
from workstation.core.reports.zones import UnknownTimeZone, local_zone, named_zone
from workstation.core.signing import KeyFormatError, PublicKey, SecretKey, load_public_key
from workstation.core.signing.identity import known_identities
from workstation.core.text.safe_text import one_line

RECORD_FILE = InputKind("a signed record", 256 * 1024 * 1024, stdin_allowed=False)
"""A timesheet or receipt to check: a year's PDF timesheet is well under a megabyte."""
SIGNATURE_FILE = InputKind("a minisign signature", 64 * 1024, stdin_allowed=False)


def register(subparsers: Any) -> None:
    sheet = subparsers.add_parser("timesheet")
    sheet.add_argument("--from", dest="first_day", type=_day, metavar="DATE", help="first day, YYYY-MM-DD")
    sheet.add_argument("--to", dest="last_day", type=_day, metavar="DATE", help="last day (default: today)")
    sheet.add_argument("--project", help="only this project")
    sheet.add_argument("--format", choices=FORMATS, default="csv")
    sheet.add_argument("--out", type=Path, metavar="PATH", help="file to write (default: in records/)")
    sheet.add_argument(
        "--tz", metavar="ZONE", help="time zone of the days, like Europe/Berlin (default: yours)"
    )
    add_unlock_option(sheet)
    sheet.set_defaults(handler=run_timesheet)

    receipt = subparsers.add_parser("receipt")
    receipt.add_argument("bundle_id", metavar="BUNDLE_ID", help="the id, or a unique start of it")
    receipt.add_argument("--out", type=Path, metavar="PATH", help="file to write (default: in records/)")
    add_unlock_option(receipt)
    receipt.set_defaults(handler=run_receipt)

    folio = subparsers.add_parser("portfolio")
    folio.add_argument("--out", type=Path, metavar="DIR", required=True, help="an empty folder to write")
    folio.add_argument(
        "--accepted", action="store_true", help="only rewrites every reviewer's latest verdict accepted"
    )
    folio.add_argument("--no-pdf", action="store_true", help="leave out portfolio.pdf")
    add_unlock_option(folio)
    folio.set_defaults(handler=run_portfolio)

    verify = subparsers.add_parser("verify-record")
    verify.add_argument(
        "path", type=Path, metavar="FILE", help="the record; its FILE.minisig must be beside it"
    )
    trust = verify.add_mutually_exclusive_group()
    trust.add_argument("--pubkey", type=Path, metavar="KEY", help="accept only this minisign public key")
    trust.add_argument(
        "--keyring", action="store_true", help="accept the keys this data folder knows (the default)"
    )
    verify.add_argument(
        "--bundles",
        type=Path,
        metavar="DIR",
        help="for a portfolio: check its rewrites against the bundles in this folder",
    )
    verify.add_argument("--json", action="store_true")
    verify.set_defaults(handler=run_verify_record)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2025-03-31") from None


def _zone(name: str | None) -> tzinfo | None:
    if name is None:
        return local_zone()
    try:
        return named_zone(name)
    except UnknownTimeZone as exc:
        raise CliError(str(exc), 2) from None


def default_range(first_day: date | None, last_day: date | None, today: date) -> tuple[date, date]:
    """The range asked for: up to today by default, from the first of the last day's month."""
    last = last_day or today
    return first_day or last.replace(day=1), last


def _target(out: Path | None, default_name: str, data_dir: Path) -> Path:
    if out is None:
        folder = records_dir(data_dir)
        folder.mkdir(parents=True, exist_ok=True)
        return folder / default_name
    if is_stdout(out):
        raise CliError("a signed record needs a file (its signature is written beside it), not -", 2)
    return out


def _write(target: Path, data: bytes, key: SecretKey, kind: RecordKind, signer_name: str) -> Path:
    try:
        return write_signed_record(target, data, key, kind=kind, signer_name=signer_name)
    except OSError as exc:
        raise output_failed(exc, target) from None


def _shown(path: Path) -> str:
    return one_line(str(path), MESSAGE_LIMIT_CHARS)


def _summary(timesheet: Timesheet) -> str:
    days = len(timesheet.by_day())
    scope = f" of project {one_line(timesheet.project)}" if timesheet.project is not None else ""
    return (
        f"timesheet{scope} {timesheet.first_day} to {timesheet.last_day} ({timesheet.time_zone}): "
        f"{hours_and_minutes(timesheet.total_seconds)} active on {days} day{'s' if days != 1 else ''}"
    )


def run_timesheet(args: argparse.Namespace) -> int:
    tz = _zone(args.tz)
    first_day, last_day = default_range(args.first_day, args.last_day, datetime.now(tz).date())
    with open_store(args, write=False) as store:
        if args.project is not None and args.project not in store.projects.names():
            raise CliError(f"there is no project {one_line(repr(args.project))} in this data folder")
        try:
            timesheet = timesheet_from_store(
                store.work_sessions, first_day, last_day, tz=tz, project=args.project
            )
        except BadRange as exc:
            raise CliError(str(exc), 2) from None
        data_dir = store.data_dir
    identity, key = unlock_writer_key(args, data_dir)
    pdf_renderer = None
    if args.format == "pdf":
        from workstation.gui.common.pdf_render import html_to_pdf

        pdf_renderer = html_to_pdf
    author = RecordAuthor(identity.name, identity.fingerprint)
    data = render_timesheet(
        timesheet, args.format, author=author, generated_at=datetime.now(UTC), pdf_renderer=pdf_renderer
    )
    target = _target(args.out, f"timesheet-{first_day}-to-{last_day}.{args.format}", data_dir)
    signature = _write(target, data, key, RecordKind.TIMESHEET, identity.name)
    print(f"{_shown(target)}: {_summary(timesheet)}")
    print(f"{_shown(signature)}: signed by {one_line(identity.name)} (key {identity.key_id})")
    return 0


def run_receipt(args: argparse.Namespace) -> int:
    with open_store(args, write=False) as store:
        bundle_id = resolve_bundle_id(store, args.bundle_id)
        identity, key = unlock_writer_key(args, store.data_dir)
        author = RecordAuthor(identity.name, identity.fingerprint)
        try:
            receipt = build_receipt(store, bundle_id, author=author, generated_at=datetime.now(UTC))
        except ReceiptError as exc:
            raise CliError(str(exc)) from None
        data_dir = store.data_dir
    name = f"receipt-{bundle_id.removeprefix('sha256:')[:16]}.json"
    target = _target(args.out, name, data_dir)
    signature = _write(target, receipt_bytes(receipt), key, RecordKind.WORK_RECEIPT, identity.name)
    counts = receipt["counts"]
    print(
        f"{_shown(target)}: work receipt of bundle {bundle_id[:19]}…, {counts['rewrites']} rewrite"
        f"{'s' if counts['rewrites'] != 1 else ''}, "
        f"{hours_and_minutes(receipt['active_seconds'])} active, effort {receipt['effort']['status']}"
    )
    print(f"{_shown(signature)}: signed by {one_line(identity.name)} (key {identity.key_id})")
    return 0


def run_portfolio(args: argparse.Namespace) -> int:
    if is_stdout(args.out):
        raise CliError("a portfolio is a folder of files, not -", 2)
    with open_store(args, write=False) as store:
        try:
            entries = portfolio_entries(store, accepted=args.accepted)
        except PortfolioError as exc:
            raise CliError(str(exc)) from None
        identity, key = unlock_writer_key(args, store.data_dir)
    pdf_renderer = None
    if not args.no_pdf:
        from workstation.gui.common.pdf_render import html_to_pdf

        pdf_renderer = html_to_pdf
    author = RecordAuthor(identity.name, identity.fingerprint)
    try:
        written = write_portfolio(
            args.out,
            entries,
            key,
            author=author,
            generated_at=datetime.now(UTC),
            accepted=args.accepted,
            pdf_renderer=pdf_renderer,
        )
    except PortfolioError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise output_failed(exc, args.out) from None
    count = written.rewrites
    print(f"{_shown(args.out)}: portfolio of {count} rewrite{'s' if count != 1 else ''} (index.html)")
    print(f"{_shown(written.signature)}: signed by {one_line(identity.name)} (key {identity.key_id})")
    return 0


def _portfolio_problems(args: argparse.Namespace, data: bytes) -> list[str]:
    bundles = None
    if args.bundles is not None:
        try:
            bundles = bundles_in(args.bundles)
        except OSError as exc:
            raise CliError(describe_os_error(exc, args.bundles)) from None
    return check_portfolio(args.path.parent, data, bundles)


def _trusted_keys(args: argparse.Namespace) -> tuple[list[PublicKey], str]:
    if args.pubkey:
        check_input_file(args.pubkey, KEY_FILE)
        try:
            return [load_public_key(args.pubkey)], "the key given with --pubkey"
        except OSError as exc:
            raise CliError(describe_os_error(exc, args.pubkey)) from None
        except KeyFormatError as exc:
            raise CliError(f"{args.pubkey}: {exc}") from None
    keys = [identity.public_key for identity in known_identities(resolve_data_dir(args.data_dir))]
    if not keys:
        raise CliError("this data folder knows no writer key; give the writer's public key with --pubkey KEY")
    return keys, "a writer key this data folder knows"


def run_verify_record(args: argparse.Namespace) -> int:
    keys, trusted = _trusted_keys(args)
    data = read_input(args.path, RECORD_FILE)
    sig_path = signature_path(args.path)
    signature = read_input(sig_path, SIGNATURE_FILE) if os.path.lexists(sig_path) else None
    try:
        check = check_record_file(args.path, keys, data=data, signature=signature)
    except RecordRejected as rejection:
        if args.json:
            print_json(
                {
                    "ok": False,
                    "path": str(args.path),
                    "reason": rejection.code.value,
                    "message": rejection.message,
                }
            )
        else:
            say_error(f"{args.path}: REJECTED ({rejection.code.value}): {rejection.message}")
        return 1
    problems = _portfolio_problems(args, data) if check.kind == RecordKind.PORTFOLIO.value else []
    if args.json:
        print_json({"ok": not problems, "path": str(args.path), **asdict(check), "problems": problems})
        return 1 if problems else 0
    for problem in problems:
        say_error(f"{args.path}: {one_line(problem, MESSAGE_LIMIT_CHARS)}")
    if problems:
        say_error(f"{args.path}: REJECTED: the signature holds but the portfolio does not match it")
        return 1
    print(f"{_shown(args.path)}: OK")
    print(f"record       {one_line(check.kind)}")
    print(f"signed by    {one_line(check.signer_name)}")
    print(f"signed at    {one_line(check.signed_at)}")
    print(f"fingerprint  {check.fingerprint}")
    print(f"key id       {check.key_id}")
    print(f"sha256       {check.sha256}")
    print(f"signer key   verified against {trusted}")
    if check.kind == RecordKind.PORTFOLIO.value:
        against = (
            "and every rewrite against its bundle" if args.bundles is not None else "(no --bundles given)"
        )
        print(f"portfolio    every listed file matches {against}")
    return 0
