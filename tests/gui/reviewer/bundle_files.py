"""Real sealed bundles from two writers, written to folders as they would arrive on a USB stick.

Built with the receiving side's kit (``tests/core/review/review_testkit.py``: fixed writer keys,
full records, ``seal_bundle``), so the review window verifies real signatures and real chains:

- Ada's bundle 1 is signed with her key; her bundle 2 with a *changed* key (refused once her
  first key is trusted);
- Ben's bundles 1 and 3 arrive, bundle 2 never does (a gap in his chain).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.core.review.review_testkit import ADA, ADA_KEY, ADA_NEW_KEY, BEN, BEN_KEY, record, seal, write

TEXTS = (
    (
        "Certainly! It is important to note that the new library hours play a pivotal role in "
        "a rich tapestry of community services. Furthermore, we must delve into the details.",
        "The new library hours matter to the whole community. Here are the details.",
    ),
    (
        "In today's fast-paced world, the garden club stands as a testament to neighbourly "
        "spirit. Moreover, it fosters a vibrant ecosystem of shared knowledge.",
        "The garden club shows what neighbours can do together, and its members teach each other.",
    ),
    (
        "Overall, the bus timetable changes are a game-changer for commuters, and it is worth "
        "noting that they seamlessly integrate with the train schedule going forward.",
        "Overall, the bus timetable changes are a game-changer for commuters, and it is worth "
        "noting that they seamlessly integrate with the train schedule going forward.",
    ),
)
"""(original, rewrite) pairs; the third is left unchanged, so the triage lists it (as it does
Ada's second item, done in 1.5 s)."""


def work_record(writer: str, index: int, **overrides: Any) -> dict[str, Any]:
    original, rewrite = TEXTS[index % len(TEXTS)]
    fields: dict[str, Any] = {
        "original": original,
        "original_sha256": hashlib.sha256(original.encode("utf-8")).hexdigest(),
        "rewrite": rewrite,
        "prompt": f"Write a short notice about item {index}.",
    }
    fields.update(overrides)
    return record(writer, index, **fields)


@dataclass(frozen=True)
class Deliveries:
    """Where each delivery's files are, and the rewrite ids each bundle carries."""

    first: Path  # Ada 1, Ben 1, Ben 3
    changed_key: Path  # Ada 2, signed with another key
    ada_items: tuple[str, ...]
    ben_items: tuple[str, ...]
    ben_gap_items: tuple[str, ...]  # the items of Ben's bundle 3
    ada_changed_bundle: str


def write_deliveries(folder: Path) -> Deliveries:
    ada_records = [work_record(ADA, i, active_seconds=1.5 if i == 1 else 80.0) for i in range(3)]
    ada_1 = seal(ADA_KEY, ADA, 1, None, ada_records)
    ada_2 = seal(ADA_NEW_KEY, ADA, 2, ada_1.bundle_id, [work_record(ADA, 3)])
    ben_records = [[work_record(BEN, i, active_seconds=95.0)] for i in range(3, 6)]
    ben_1 = seal(BEN_KEY, BEN, 1, None, ben_records[0])
    ben_2 = seal(BEN_KEY, BEN, 2, ben_1.bundle_id, ben_records[1])
    ben_3 = seal(BEN_KEY, BEN, 3, ben_2.bundle_id, ben_records[2])
    first = folder / "delivery-1"
    write(first, "ada-1.zip", ada_1)
    write(first, "ben-1.zip", ben_1)
    write(first, "ben-3.zip", ben_3)
    changed = folder / "delivery-2"
    write(changed, "ada-2.zip", ada_2)
    return Deliveries(
        first=first,
        changed_key=changed,
        ada_items=tuple(r["rewrite_id"] for r in ada_records),
        ben_items=(ben_records[0][0]["rewrite_id"], ben_records[2][0]["rewrite_id"]),
        ben_gap_items=(ben_records[2][0]["rewrite_id"],),
        ada_changed_bundle=ada_2.bundle_id,
    )
