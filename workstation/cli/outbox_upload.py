"""``workstation outbox push`` and ``outbox target``: upload the outbox now, or choose where to.

``outbox push`` is a person asking to push now: every bundle not yet acked or rejected is tried at
once, and transient failures are retried with backoff until all are done or ``--max-time`` runs
out. It prints one line per bundle and exits 0 only when every bundle it tried was acked.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from workstation.cli.common import MESSAGE_LIMIT_CHARS, CliError, open_store
from workstation.cli.outbox import short_id
from workstation.core.store.outbox import PENDING
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


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0 <= value <= 7 * 24 * 3600:
        raise argparse.ArgumentTypeError("give between 0 and 604800 seconds")
    return value


def register(commands: Any) -> None:
    push = commands.add_parser("push")
    push.add_argument("--target", metavar="URL", help="file:///dir, https://host/path or s3://bucket/prefix")
    push.add_argument(
        "--max-time",
        type=_seconds,
        default=DEFAULT_MAX_TIME_S,
        metavar="SECONDS",
        help=f"stop retrying after this long (default {DEFAULT_MAX_TIME_S:g})",
    )
    push.set_defaults(handler=run_push)

    target = commands.add_parser("target")
    target.add_argument("url", nargs="?", metavar="URL")
    target.set_defaults(handler=run_target)


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
        line = f"{short_id(event.bundle_id)}: attempt {event.attempts} failed: {event.error}"
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
