"""Reading one inbox item in full and writing a reviewer's verdict on it.

The review window and the command line judge items the same way: the item's texts come from its
sealed record (never from anything the writer's app computed), and a verdict names the bundle,
the rewrite and the SHA-256 of exactly the rewrite text that was shown.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from workstation.core.clock import now_iso
from workstation.core.models import ReviewComment, Verdict, VerdictKind, sha256_text
from workstation.core.records import work_from_record
from workstation.core.review.items import AuditItem, ItemDetail
from workstation.core.signing.identity import Identity
from workstation.core.store import Store
from workstation.core.store.inbox import UnknownItem

REVIEW_REASONS: tuple[str, ...] = (
    "Meaning changed from the original",
    "Still reads as machine-written",
    "Errors introduced",
    "Too little was rewritten",
    "Does not follow the guidelines",
)
"""Reasons offered for revisions or a rejection, after the project's own flag reasons."""


class UnreadableItem(ValueError):
    """The item's sealed record does not read back as a task and a rewrite (a field is missing
    or of the wrong kind); the sentence says which."""


def item_detail(store: Store, item_id: str) -> ItemDetail:
    """The item with its task, rewrite and every verdict on it, read from ``store``.

    Raises :class:`UnknownItem` for an id the inbox does not have and :class:`UnreadableItem`
    for a record that does not read back.
    """
    item = store.inbox.item(item_id)
    if item is None:
        raise UnknownItem(f"no item {item_id!r} in the inbox")
    record = store.inbox.record(item_id)
    try:
        task, rewrite = work_from_record(record, seq=item.seq, bundle_id=item.bundle_id)
    except KeyError as exc:
        raise UnreadableItem(
            f"the sealed record of {item_id} cannot be read: it has no field {exc.args[0]!r}"
        ) from exc
    except ValueError as exc:  # pydantic's ValidationError is a ValueError
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise UnreadableItem(f"the sealed record of {item_id} cannot be read: {first}") from exc
    return ItemDetail(
        item=item, task=task, rewrite=rewrite, record=record, verdicts=store.verdicts.for_rewrite(item_id)
    )


def new_verdict(
    item: AuditItem,
    rewrite_text: str,
    kind: VerdictKind,
    identity: Identity,
    *,
    reason: str | None = None,
    comment: str = "",
    comments: Sequence[ReviewComment] = (),
) -> Verdict:
    """A verdict by ``identity`` on ``item``, countersigning ``rewrite_text`` (the text judged).

    Raises pydantic's ValidationError (a ValueError) when ``kind`` needs a reason and has none.
    """
    return Verdict(
        verdict_id="vd-" + uuid.uuid4().hex,
        bundle_id=item.bundle_id,
        rewrite_id=item.item_id,
        task_id=item.task_id,
        rewrite_sha256=sha256_text(rewrite_text),
        verdict=kind,
        reason=reason,
        comment=comment.strip(),
        comments=tuple(comments),
        reviewer_name=identity.name,
        reviewer_fingerprint=identity.fingerprint,
        created_at=now_iso(),
    )
