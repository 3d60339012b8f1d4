"""``workstation review writers`` and ``review list``: what the reviewer's inbox holds, read only.

Both read the store without the data dir lock, and an inbox that was never filled lists as
empty. Kept apart from ``review_inbox`` (which verifies and receives bundles) so listing does
not import the verifier, the prose rules or the upload targets. Every name, id and reason that
came from outside is shown through ``one_line``.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from workstation.cli.common import MESSAGE_LIMIT_CHARS, open_store, print_json
from workstation.core.files.datadir import resolve_data_dir
from workstation.core.store import DB_FILE_NAME, Store
from workstation.core.text.safe_text import one_line

if TYPE_CHECKING:
    from workstation.core.store.writers import Writer


def register(commands: Any) -> None:
    writers = commands.add_parser("writers")
    writers.add_argument("--json", action="store_true")
    writers.set_defaults(handler=run_writers)

    listing = commands.add_parser("list")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=run_list)


def shown_text(text: object) -> str:
    """Outside text (a name, an id, a reason) as one safe line."""
    return one_line(str(text), MESSAGE_LIMIT_CHARS)


@contextmanager
def open_inbox(args: argparse.Namespace) -> Iterator[Store | None]:
    """The store for reading, or None when this data dir has none yet (an empty inbox)."""
    if not (resolve_data_dir(args.data_dir) / DB_FILE_NAME).exists():
        yield None
        return
    with open_store(args, write=False) as store:
        yield store


# -- writers ----------------------------------------------------------------------------------


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
        added = shown_text(writer.added_at)
        print(f"{writer.state:<8}  {writer.short_fingerprint:<16}  {added:<24}  {shown_text(writer.name)}")
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
            f"{shown_text(item.item_id):<40}  {one_line(item.writer_name, 20):<20}  "
            f"{one_line(item.model or '-', 16):<16}  {edits:>6}  {shown_verdict:<8}  "
            f"{short_bundle_id(item.bundle_id)}"
        )
    return 0


def short_bundle_id(bundle_id: str) -> str:
    """A bundle id as lists show it: the first 12 hex digits (``bundle export`` takes a start too)."""
    return one_line(bundle_id.removeprefix("sha256:")[:12])
