"""``workstation outbox``: sealed bundles waiting to upload; push them, choose the target, retry.

``outbox push`` is a person asking to push now: every bundle not yet acked or rejected is tried at
once, and transient failures are retried with backoff until all are done or ``--max-time`` runs
out. It prints one line per bundle and exits 0 only when every bundle it tried was acked.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import asdict
from typing import Any

from workstation.cli.bundle import resolve_bundle_id
from workstation.cli.common import MESSAGE_LIMIT_CHARS, CliError, open_store, print_json
from workstation.core.store.outbox import ACKED, PENDING, REJECTED, UPLOADING
from workstation.core.sync.outbox_push import (
    OutboxEvent,
    check_target_url,
    get_default_target,
    push_outbox,
    set_default_target,
    target_label,
)
from workstation.core.sync.pusher import UploadState
from workstation.core.sync.target_url import target_from_url
from workstation.core.sync.targets_base import TargetUnavailable, UploadTarget
from workstation.core.text.safe_text import one_line

DEFAULT_MAX_TIME_S = 60.0
_ERROR_WIDTH = 60


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0 <= value <= 7 * 24 * 3600:
        raise argparse.ArgumentTypeError("give between 0 and 604800 seconds")
    return value


def register(subparsers: Any) -> None:
    outbox = subparsers.add_parser(
        "outbox",
        help="sealed bundles waiting to upload (push, target, retry)",
        description="With no ACTION, list the outbox: each bundle's state, attempts, size and last error.",
    )
    outbox.add_argument("--json", action="store_true")
    outbox.set_defaults(handler=run_list)
    commands = outbox.add_subparsers(dest="outbox_command", metavar="ACTION")

    push = commands.add_parser("push", help="upload every bundle not yet acked or rejected, now")
    push.add_argument("--target", metavar="URL", help="file:///dir, https://host/path or s3://bucket/prefix")
    push.add_argument(
        "--max-time",
        type=_seconds,
        default=DEFAULT_MAX_TIME_S,
        metavar="SECONDS",
        help=f"stop retrying after this long (default {DEFAULT_MAX_TIME_S:g})",
    )
    push.set_defaults(handler=run_push)

    target = commands.add_parser("target", help="show or save the default upload target")
    target.add_argument("url", nargs="?", metavar="URL")
    target.set_defaults(handler=run_target)

    retry = commands.add_parser("retry", help="put a rejected bundle back in the queue")
    retry.add_argument("bundle_id", metavar="BUNDLE_ID", help="the id, or a unique start of it")
    retry.set_defaults(handler=run_retry)


def _short(bundle_id: str) -> str:
    return bundle_id[: len("sha256:") + 16]


def run_list(args: argparse.Namespace) -> int:
    with open_store(args, write=False) as store:
        rows = store.outbox.rows()
    if args.json:
        print_json([asdict(row) for row in rows])
        return 0
    if not rows:
        print("the outbox is empty: seal submitted work with `workstation bundle seal`")
        return 0
    print(f"{'state':<9}  {'tries':>5}  {'size':>9}  {'created':<24}  {'bundle':<23}  last error")
    for row in rows:
        error = (
            one_line(row.last_error or "", _ERROR_WIDTH)
            if row.state in (PENDING, UPLOADING, REJECTED)
            else ""
        )
        print(
            f"{row.state:<9}  {row.attempts:>5}  {row.size:>9}  {one_line(row.created_at):<24}  "
            f"{one_line(_short(row.bundle_id)):<23}  {error}"
        )
    return 0


def _target_for(url: str) -> UploadTarget:
    try:
        return target_from_url(url)
    except ValueError as exc:
        raise CliError(str(exc), 2) from None
    except TargetUnavailable as exc:
        raise CliError(exc.reason) from None


def _report_retry(event: OutboxEvent) -> None:
    """Retries go to stderr as they happen, so a long push is not silent."""
    if event.state == UploadState.PENDING and event.error:
        line = f"{_short(event.bundle_id)}: attempt {event.attempts} failed: {event.error}"
        print(one_line(line, MESSAGE_LIMIT_CHARS), file=sys.stderr)


def run_push(args: argparse.Namespace) -> int:
    with open_store(args, write=True) as store:
        url = args.target or get_default_target(store)
        if not url:
            raise CliError(
                "no upload target: give --target URL, or save one with `workstation outbox target URL`"
            )
        target = _target_for(url)
        store.outbox.reset_uploading()  # we hold the data dir lock: nothing else is uploading
        if not store.outbox.rows(states=(PENDING,)):
            print("nothing to push: every bundle is acked or rejected")
            return 0
        print(f"pushing to {one_line(target_label(target) or url, MESSAGE_LIMIT_CHARS)}")
        started = time.monotonic()
        result = push_outbox(store, target, deadline_s=args.max_time, on_progress=_report_retry)
        rows = {row.bundle_id: row for row in store.outbox.rows()}
    for outcome in result.outcomes:
        row = rows.get(outcome.bundle_id)
        said: str | None
        tries = f"{outcome.attempts} attempt{'s' if outcome.attempts != 1 else ''}"
        if outcome.state == UploadState.ACKED and outcome.receipt is not None:
            state, said = (
                "acked",
                "already there" if outcome.receipt.already_present else outcome.receipt.location,
            )
        elif outcome.state == UploadState.REJECTED:
            state, said = "rejected", outcome.error
        else:
            state, said = "pending", outcome.error or (row.last_error if row else None) or "not tried"
        # The server chose the location and the error words: one safe line each.
        print(
            f"{state:<9} {one_line(outcome.bundle_id)}  ({tries}) {one_line(said or '', MESSAGE_LIMIT_CHARS)}"
        )
    acked = len(result.ids_in(UploadState.ACKED))
    rejected = len(result.ids_in(UploadState.REJECTED))
    waiting = len(result.outcomes) - acked - rejected
    elapsed_s = time.monotonic() - started
    summary = f"{acked} acked, {rejected} rejected, {waiting} still pending ({elapsed_s:.1f} s)"
    if result.stopped_reason and waiting:
        summary += f"; stopped: {result.stopped_reason}"
    print(one_line(summary, MESSAGE_LIMIT_CHARS))
    return 0 if acked == len(result.outcomes) else 1


def run_target(args: argparse.Namespace) -> int:
    if args.url is None:
        with open_store(args, write=False) as store:
            url = get_default_target(store)
        if url is None:
            print("no default upload target; save one with `workstation outbox target URL`")
            return 1
        print(one_line(_display_url(url), MESSAGE_LIMIT_CHARS))
        return 0
    try:
        cleaned = check_target_url(args.url)
    except ValueError as exc:
        raise CliError(str(exc), 2) from None
    with open_store(args, write=True) as store:
        set_default_target(store, cleaned)
    print(f"default upload target: {one_line(_display_url(cleaned), MESSAGE_LIMIT_CHARS)}")
    return 0


def _display_url(url: str) -> str:
    """The URL as a target names itself, which leaves out any password in it."""
    try:
        return target_label(target_from_url(url)) or url
    except (ValueError, TargetUnavailable):
        return url


def run_retry(args: argparse.Namespace) -> int:
    with open_store(args, write=True) as store:
        bundle_id = resolve_bundle_id(store, args.bundle_id)
        row = store.outbox.get(bundle_id)
        if row is not None and row.state == ACKED:
            raise CliError(f"{bundle_id} is already acked; there is nothing to retry")
        store.outbox.reset_uploading()
        store.outbox.retry(bundle_id)
    print(f"{one_line(bundle_id)} is pending again; `workstation outbox push` uploads it")
    return 0
