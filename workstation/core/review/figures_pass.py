"""The figures pass: compute the reviewer's figures of every inbox item that has none yet.

Receiving a bundle stores its items without figures, because the word diff and the lint of both
sides cost about 2–4 ms an item, several times what verifying costs; the pass runs after (the CLI
right after ``review import``, the app in the background while the reviewer starts auditing).
It works in batches, each read and then written in one short transaction, so it can be stopped
between batches (cancel, quit, SIGKILL) and taken up again where it stopped: an item has either
all its figures or none.
"""

from __future__ import annotations

from collections.abc import Callable

from workstation.core.prose.engine import Linter
from workstation.core.review.figures import audit_figures, review_linter
from workstation.core.store import Store

BATCH_ITEMS = 200
"""Items per batch: about half a second of work, so a cancel or another write waits no longer."""


def fill_figures(
    store: Store,
    *,
    linter: Linter | None = None,
    batch_items: int = BATCH_ITEMS,
    max_items: int | None = None,
    on_progress: Callable[[int, int], object] | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> int:
    """Compute and store figures for items without them, oldest first; returns how many were done.

    Stops after ``max_items`` (all when None), or when ``should_cancel()`` says so between
    batches. ``on_progress(done, total)`` follows each batch, ``total`` being the items that were
    waiting when the pass started.
    """
    linter = linter or review_linter()
    total = store.inbox.count_without_figures()
    if max_items is not None:
        total = min(total, max_items)
    done = 0
    while done < total:
        if should_cancel is not None and should_cancel():
            break
        texts = store.inbox.texts_without_figures(min(batch_items, total - done))
        if not texts:
            break
        computed = [
            (item_id, audit_figures(original, rewrite, linter)) for item_id, original, rewrite in texts
        ]
        with store.database.write() as conn:
            store.inbox.set_figures(conn, computed)
        done += len(computed)
        if on_progress is not None:
            on_progress(done, total)
    return done
