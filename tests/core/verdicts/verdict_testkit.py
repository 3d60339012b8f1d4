"""Shared pieces of the verdict tests: a writer's store with one sealed bundle, and verdicts on it."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.core.bundles.seal_testkit import DATA, KEY, WRITER, submit, task_ids
from workstation.core.bundles import ManifestHeader, SignerTrust, open_bundle
from workstation.core.bundles.seal_work import seal_submitted
from workstation.core.models import Anchor, ReviewComment, Verdict, VerdictKind, sha256_text
from workstation.core.signing import SecretKey
from workstation.core.store import Store
from workstation.core.verdicts import seal_verdict_bundle

REVIEWER = "Rui Reviewer"
REVIEWER_KEY = SecretKey(key_id=bytes(range(51, 59)), seed=bytes(range(180, 212)))
SEALED_AT = datetime(2025, 6, 1, 9, 0, 0, tzinfo=UTC)


@dataclass
class WriterDesk:
    """A writer's store after sealing three submitted rewrites into bundle ``bundle_id``."""

    store: Store
    bundle_id: str
    records: dict[str, dict[str, Any]]  # by task id

    def verdict(self, task_id: str, kind: str = "accept", **changes: Any) -> Verdict:
        record = self.records[task_id]
        fields: dict[str, Any] = {
            "verdict_id": "vd-" + uuid.uuid4().hex,
            "bundle_id": self.bundle_id,
            "rewrite_id": record["rewrite_id"],
            "task_id": task_id,
            "rewrite_sha256": sha256_text(record["rewrite"]),
            "verdict": VerdictKind(kind),
            "reason": None if kind == "accept" else f"{kind}: the second sentence is still stiff",
            "reviewer_name": REVIEWER,
            "reviewer_fingerprint": REVIEWER_KEY.public_key.fingerprint,
            "created_at": "2025-06-01T08:00:00Z",
        }
        fields.update(changes)
        return Verdict(**fields)

    def anchored_revise(self, task_id: str) -> Verdict:
        text = self.records[task_id]["rewrite"]
        start = text.index("rewrite")
        anchor = Anchor(side="rewrite", start=start, end=start + 7, quote="rewrite")
        return self.verdict(
            task_id,
            "revise",
            comment="Close, but not yet.",
            comments=(ReviewComment(text="Say what changed here.", anchor=anchor),),
        )


def seal_for(
    verdicts: list[Verdict],
    *,
    key: SecretKey = REVIEWER_KEY,
    name: str = REVIEWER,
    seq: int = 1,
    prev: str | None = None,
) -> bytes:
    return seal_verdict_bundle(verdicts, ManifestHeader(key, name, seq, prev, SEALED_AT)).data


@pytest.fixture
def desk(data_dir: Path) -> Iterator[WriterDesk]:
    with Store(data_dir) as store:
        store.import_file(DATA / "native_tasks.jsonl", project="Mail")
        ids = task_ids(store)[:3]
        for task_id in ids:
            submit(store, task_id, f"A plain rewrite of {task_id}, with ✨ kept.")
        result = seal_submitted(store, KEY, WRITER)
        assert result is not None
        opened = open_bundle(result.data, trust=SignerTrust.accept_any())
        yield WriterDesk(store, result.bundle_id, {r["task_id"]: r for r in opened.records})
