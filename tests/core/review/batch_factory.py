"""AuditItems and Verdicts built directly, for the batch, triage, agreement and scoreboard tests."""

from __future__ import annotations

import hashlib
from itertools import count

from workstation.core.models import Verdict, VerdictKind
from workstation.core.review.items import AuditFigures, AuditItem

_seq = count(1)


def fingerprint(name: str) -> str:
    return hashlib.sha256(name.encode()).hexdigest()


def bundle_id(name: str) -> str:
    return "sha256:" + hashlib.sha256(("bundle " + name).encode()).hexdigest()


def make_item(
    item_id: str,
    *,
    model: str | None = "model-a",
    writer: str = "alice",
    bundle: str = "b1",
    words_original: int = 200,
    words_rewrite: int | None = None,
    edit_rate: float = 0.3,
    density_before: float = 20.0,
    density_after: float = 5.0,
    findings_before: int = 4,
    findings_after: int = 1,
    active_seconds: float = 300.0,
    pasted_share: float | None = None,
) -> AuditItem:
    rewrite_words = words_original if words_rewrite is None else words_rewrite
    return AuditItem(
        seq=next(_seq),
        item_id=item_id,
        bundle_id=bundle_id(bundle),
        writer_name=writer,
        writer_fingerprint=fingerprint(writer),
        task_id="task-" + item_id,
        project="demo",
        model=model,
        status="submitted",
        figures=AuditFigures(
            words_original=words_original,
            words_rewrite=rewrite_words,
            edit_rate=edit_rate,
            density_before=density_before,
            density_after=density_after,
            findings_before=findings_before,
            findings_after=findings_after,
        ),
        active_seconds=active_seconds,
        flagged=False,
        revision_of=None,
        pasted_share=pasted_share,
    )


def make_verdict(
    item: AuditItem | str,
    kind: VerdictKind | str,
    *,
    reviewer: str = "rita",
    at: str = "2025-03-01T10:00:00.000Z",
    verdict_id: str | None = None,
) -> Verdict:
    item_id = item if isinstance(item, str) else item.item_id
    kind = VerdictKind(kind)
    return Verdict(
        verdict_id=verdict_id or f"vd-{item_id}-{reviewer}-{at}",
        bundle_id=bundle_id("b1") if isinstance(item, str) else item.bundle_id,
        rewrite_id=item_id,
        task_id="task-" + item_id,
        rewrite_sha256=hashlib.sha256(item_id.encode()).hexdigest(),
        verdict=kind,
        reason=None if kind is VerdictKind.ACCEPT else "needs work",
        reviewer_name=reviewer,
        reviewer_fingerprint=fingerprint(reviewer),
        created_at=at,
    )


def sample_batch() -> tuple[list[AuditItem], list[Verdict]]:
    """A small, fixed batch: three models (one with a hostile name), two writers, two reviewers."""
    hostile = '<script>alert("x")</script> =HYPERLINK("http://x")'
    rows = [
        # item, model, writer, bundle, edit rate, density before/after, findings, seconds
        ("rw-01", "gpt-4o", "alice", "a1", 0.0, 18.0, 18.0, (4, 4), 95.0),
        ("rw-02", "gpt-4o", "alice", "a1", 0.32, 25.0, 4.0, (5, 1), 310.0),
        ("rw-03", "gpt-4o", "bob", "b1", 0.41, 30.0, 2.0, (6, 0), 420.0),
        ("rw-04", "llama-3", "bob", "b1", 0.0, 10.0, 10.0, (2, 2), 80.0),
        ("rw-05", "llama-3", "bob", "b1", 0.55, 40.0, 5.0, (8, 1), 505.0),
        ("rw-06", "llama-3", "alice", "a2", 0.05, 35.0, 5.0, (7, 1), 15.0),
        ("rw-07", hostile, "alice", "a2", 0.9, 50.0, 0.0, (10, 0), 640.0),
        ("rw-08", None, "bob", "b2", 0.22, 12.0, 3.0, (3, 1), 200.0),
    ]
    items = [
        make_item(
            item_id,
            model=model,
            writer=writer,
            bundle=bundle,
            edit_rate=rate,
            density_before=before,
            density_after=after,
            findings_before=findings[0],
            findings_after=findings[1],
            active_seconds=seconds,
        )
        for item_id, model, writer, bundle, rate, before, after, findings, seconds in rows
    ]
    by_id = {item.item_id: item for item in items}
    judged = [
        ("rw-01", "accept", "rita"),
        ("rw-01", "accept", "sam"),
        ("rw-02", "accept", "rita"),
        ("rw-02", "revise", "sam"),
        ("rw-03", "accept", "rita"),
        ("rw-04", "revise", "sam"),  # unchanged but not accepted: unchanged ≠ accepted unchanged
        ("rw-05", "reject", "rita"),
        ("rw-05", "reject", "sam"),
        ("rw-07", "revise", "rita"),
    ]
    verdicts = [make_verdict(by_id[item_id], kind, reviewer=who) for item_id, kind, who in judged]
    return items, verdicts
