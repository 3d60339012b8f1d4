"""``workstation review show ITEM`` and ``review verdict ITEM accept|revise|reject``.

``show`` prints one received rewrite: who wrote it, the figures, the writer's ratings, tags and
notes, the verdicts so far, and the word diff of the original against the rewrite, as track
changes. On a terminal deletions are red and struck through and insertions green and underlined;
anywhere else (a pipe, a file) they are marked ``[-deleted-]`` and ``{+inserted+}`` as
``git diff --word-diff`` does, with no escape codes. The texts came from a writer and a model:
every line of them goes through ``one_line`` first, so nothing in them can drive the terminal.

``verdict`` records the reviewer's own verdict, signed later by ``review seal``; the reviewer is
this data dir's signing identity (its name and key fingerprint; no passphrase is needed here).
"""

from __future__ import annotations

import argparse
import sys
import uuid
from typing import Any

from pydantic import ValidationError

from workstation.cli.common import MESSAGE_LIMIT_CHARS, CliError, open_store
from workstation.cli.review_lists import open_inbox, short_bundle_id
from workstation.core.clock import now_iso
from workstation.core.diff.inline import inline_segments
from workstation.core.files.datadir import resolve_data_dir
from workstation.core.models import Verdict, VerdictKind, sha256_text
from workstation.core.signing import short_fingerprint
from workstation.core.signing.identity import IdentityError, load_identity
from workstation.core.store import Store
from workstation.core.store.inbox import UnknownItem
from workstation.core.text.safe_text import one_line

_TEXT_LINE_LIMIT = 100_000
"""The longest line of a text ``show`` prints before cutting it with an ellipsis (code points)."""
_DELETED_ON = "\x1b[31;9m"  # red, struck through
_INSERTED_ON = "\x1b[32;4m"  # green, underlined
_COLOUR_OFF = "\x1b[0m"


def register(commands: Any) -> None:
    show = commands.add_parser("show")
    show.add_argument("item", metavar="ITEM", help="the item (rewrite) id, or a unique start of it")
    show.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the diff (auto: on a terminal)",
    )
    show.set_defaults(handler=run_show)

    verdict = commands.add_parser("verdict")
    verdict.add_argument("item", metavar="ITEM", help="the item (rewrite) id, or a unique start of it")
    verdict.add_argument("verdict", choices=[kind.value for kind in VerdictKind])
    verdict.add_argument("--reason", help="why (required unless accept)")
    verdict.add_argument("--comment", default="", help="a comment for the writer")
    verdict.set_defaults(handler=run_verdict)


def _resolve(store: Store, text: str) -> str:
    try:
        return store.inbox.resolve_item_id(text)
    except UnknownItem as exc:
        raise CliError(one_line(str(exc), MESSAGE_LIMIT_CHARS)) from None


def _safe_text(text: str) -> str:
    """A multi-line text made safe line by line; the spaces at each line's ends are kept (as one)."""
    lines = []
    for line in text.split("\n"):
        safe = one_line(line, _TEXT_LINE_LIMIT) if line.strip() else ""
        if safe and line[:1].isspace():
            safe = " " + safe
        if safe and line[-1:].isspace():
            safe += " "
        lines.append(safe)
    return "\n".join(lines)


def render_word_diff(original: str, rewrite: str, *, colour: bool) -> str:
    """The track-changes text of the pair (see the module docstring), safe to print."""
    pieces: list[str] = []
    for segment in inline_segments(original, rewrite):
        if segment.kind == "equal":
            pieces.append(_safe_text(segment.text))
            continue
        if not segment.text.strip():  # a whitespace-only edit: show the rewrite's layout
            if segment.kind == "inserted":
                pieces.append(segment.text if "\n" in segment.text else " ")
            continue
        text = _safe_text(segment.text)
        if colour:
            start = _DELETED_ON if segment.kind == "deleted" else _INSERTED_ON
            pieces.append(
                "\n".join(f"{start}{line}{_COLOUR_OFF}" if line else "" for line in text.split("\n"))
            )
        else:
            pieces.append(f"[-{text}-]" if segment.kind == "deleted" else f"{{+{text}+}}")
    return "".join(pieces)


def _wants_colour(choice: str) -> bool:
    if choice == "auto":
        return sys.stdout.isatty()
    return choice == "always"


def run_show(args: argparse.Namespace) -> int:
    with open_inbox(args) as store:
        if store is None:
            raise CliError("the inbox is empty; `workstation review import PATH|DIR|URL` adds bundles")
        item_id = _resolve(store, args.item)
        item = store.inbox.item(item_id)
        record = store.inbox.record(item_id)
        verdicts = store.verdicts.for_rewrite(item_id)
    assert item is not None
    figures = item.figures
    print(f"item         {one_line(item.item_id)}")
    print(f"writer       {one_line(item.writer_name)} (key {short_fingerprint(item.writer_fingerprint)})")
    print(f"bundle       {short_bundle_id(item.bundle_id)}")
    model = one_line(item.model or "-")
    print(f"task         {one_line(item.task_id)} in {one_line(item.project)}, model {model}")
    print(f"status       {one_line(item.status)}{' (flagged by the writer)' if item.flagged else ''}")
    if figures is None:
        print("figures      not computed yet (`workstation review figures` computes them)")
    else:
        print(
            f"figures      {figures.words_original} -> {figures.words_rewrite} words, "
            f"{figures.edit_rate:.0%} edited, robotic patterns {figures.density_before:.1f} -> "
            f"{figures.density_after:.1f} per 1,000 words"
        )
    print(f"active time  {item.active_seconds:.0f} s")
    ratings = record.get("ratings")
    if isinstance(ratings, dict) and ratings:
        print(
            "ratings      "
            + one_line(", ".join(f"{name} {value}" for name, value in sorted(ratings.items())))
        )
    tags = record.get("tags")
    if isinstance(tags, list) and tags:
        print("tags         " + one_line(", ".join(str(tag) for tag in tags)))
    for field in ("notes", "flag_reason"):
        if isinstance(record.get(field), str) and record[field].strip():
            print(f"{field.replace('_', ' '):<12} {one_line(record[field], MESSAGE_LIMIT_CHARS)}")
    for verdict in verdicts:
        reason = f": {one_line(verdict.reason)}" if verdict.reason else ""
        print(
            f"verdict      {verdict.verdict.value}{reason} by {one_line(verdict.reviewer_name)} "
            f"(key {short_fingerprint(verdict.reviewer_fingerprint)}) at {one_line(verdict.created_at)}"
        )
    if isinstance(record.get("prompt"), str) and record["prompt"].strip():
        print(f"\nprompt\n{_safe_text(record['prompt'])}")
    print("\ndiff (original -> rewrite)")
    print(render_word_diff(str(record["original"]), str(record["rewrite"]), colour=_wants_colour(args.color)))
    return 0


def run_verdict(args: argparse.Namespace) -> int:
    data_dir = resolve_data_dir(args.data_dir)
    try:
        identity = load_identity(data_dir)
    except IdentityError as exc:
        raise CliError(str(exc)) from None
    if identity is None:
        raise CliError(
            "verdicts are signed with your key and there is none yet; create it with `workstation keys init`"
        )
    with open_store(args, write=True) as store:
        item_id = _resolve(store, args.item)
        item = store.inbox.item(item_id)
        assert item is not None
        record = store.inbox.record(item_id)
        try:
            verdict = Verdict(
                verdict_id=f"vd-{uuid.uuid4()}",
                bundle_id=item.bundle_id,
                rewrite_id=item.item_id,
                task_id=item.task_id,
                rewrite_sha256=sha256_text(str(record["rewrite"])),
                verdict=VerdictKind(args.verdict),
                reason=args.reason,
                comment=args.comment or "",
                reviewer_name=identity.name,
                reviewer_fingerprint=identity.fingerprint,
                created_at=now_iso(),
            )
        except ValidationError as exc:
            message = exc.errors()[0]["msg"].removeprefix("Value error, ")
            raise CliError(f"{message}: give it with --reason TEXT", 2) from None
        store.verdicts.add(verdict)
    reason = f" ({one_line(verdict.reason)})" if verdict.reason else ""
    print(
        f"{verdict.verdict.value}{reason}: {one_line(item.item_id)} by {one_line(item.writer_name)}; "
        "`workstation review seal` signs your verdicts for the writer"
    )
    return 0
