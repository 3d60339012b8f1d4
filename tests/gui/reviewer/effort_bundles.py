"""A reviewer's inbox of really sealed work with effort signals: pasted whole, typed, and a v1 bundle.

A writer's store imports three tasks, records one sitting each (a rewrite pasted in one go, one
typed by hand, one dictated) and seals them the way the app does (``seal_submitted``, format
version 2); the reviewer receives that bundle and a golden version 1 bundle the app sealed before
effort signals existed. Used by the effort panel's tests and its screenshots.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from tests.core.review.review_testkit import ADA as V1_WRITER
from tests.core.review.review_testkit import ADA_KEY as V1_KEY
from tests.timesheet_data import add_tasks, record, sitting
from workstation.core.bundles.seal_work import seal_submitted
from workstation.core.effort.recorder import EFFORT_FIELDS
from workstation.core.models import RewriteStatus, WorkSession
from workstation.core.review.receive import receive
from workstation.core.signing import SecretKey
from workstation.core.store import Store, new_rewrite

GOLDEN_V1 = Path(__file__).resolve().parents[2] / "core" / "bundles" / "golden" / "app_bundle_v1.zip"
"""Two full records as the app sealed them in version 1, by Ada (``tests/core/review/review_testkit``)."""
WRITER = "Ben Writer"
WRITER_KEY = SecretKey(key_id=bytes(range(31, 39)), seed=bytes(range(100, 132)))
START = datetime(2026, 2, 2, 9, tzinfo=UTC)

REWRITES = {
    "mail-000": ("pasted", "The results are good, and here is why they hold up across the data."),
    "mail-001": ("typed", "The team did the work. Each step was checked by hand before release."),
    "support-000": ("dictated", "Thanks for writing in. Your refund went out this morning."),
}
"""Task id → (how the rewrite was entered, its text)."""


def _sitting(task_id: str, how: str, text: str, n: int) -> WorkSession:
    counts: dict[str, int | float] = {name: 0 for name in EFFORT_FIELDS}
    key = {"pasted": "pasted_chars", "typed": "typed_chars", "dictated": "external_chars"}[how]
    counts[key] = len(text)
    counts["keystrokes"] = len(text) if how == "typed" else 2
    if how == "pasted":
        counts.update(paste_events=1, largest_paste_chars=len(text))
    counts.update(revisions=3, longest_idle_seconds=40.0)
    return sitting(task_id, START, 900, 700, n=n).model_copy(update=counts)


def seal_writer_bundle(writer_dir: Path) -> Path:
    """Seal the three rewrites in a writer's store at ``writer_dir``; returns the bundle file."""
    with Store(writer_dir) as store:
        add_tasks(store, writer_dir, count=4)
        for n, (task_id, (how, text)) in enumerate(REWRITES.items()):
            task = store.tasks.get(task_id)
            assert task is not None
            update = {"text": text, "status": RewriteStatus.SUBMITTED, "active_seconds": 700.0}
            store.rewrites.save(new_rewrite(task).model_copy(update=update))
            record(store, [_sitting(task_id, how, text, n)])
        sealed = seal_submitted(store, WRITER_KEY, WRITER)
        assert sealed is not None
    path = writer_dir / "bundle.zip"
    path.write_bytes(sealed.data)
    return path


def receive_effort_inbox(review_dir: Path, writer_dir: Path) -> dict[str, str]:
    """Receive the writer's sealed bundle and the golden v1 bundle; item id by how it was entered
    (``pasted``, ``typed``, ``dictated``, ``v1``)."""
    bundle = seal_writer_bundle(writer_dir)
    with Store(review_dir) as store:
        store.writers.trust(WRITER, WRITER_KEY.public_key)
        store.writers.trust(V1_WRITER, V1_KEY.public_key)
        report = receive(store, [str(bundle), str(GOLDEN_V1)])
        assert len(report.added) == 2, report
        items = store.inbox.items()
    by_task = {item.task_id: item.item_id for item in items}
    found = {how: by_task[task_id] for task_id, (how, _text) in REWRITES.items()}
    found["v1"] = by_task["task-ada-00000"]
    return found
