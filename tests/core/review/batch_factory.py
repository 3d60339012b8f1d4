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
