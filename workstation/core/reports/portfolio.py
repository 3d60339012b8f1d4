"""The writer's portfolio: their own sealed rewrites, read from the exact bytes they sealed.

Every rewrite comes from a bundle in this store's outbox, verified again before it is believed,
so the text shown is byte for byte the text sealed (and the text any verdict countersigned).
With each one go its original, its sealed effort signals and the reviewers' verdicts on exactly
that text (a verdict names the rewrite's SHA-256; one on other text is not shown). ``accepted``
keeps only the rewrites every reviewer's latest verdict accepted, the rule of ``export --status
accepted`` (``verdicts.export_filter``).

Rewrites are listed by bundle (in chain order) and, inside a bundle, in the bundle's own order
(by rewrite id). ``portfolio_html`` renders them; ``portfolio_site`` writes and signs the site.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from workstation.core.effort.signals import EffortSignals
from workstation.core.models import Rewrite, Task, Verdict, VerdictKind
from workstation.core.records import effort_of_record, work_from_record
from workstation.core.reports.sealed_bundles import reopen_sealed
from workstation.core.review.latest_verdicts import latest_verdicts
from workstation.core.store import Store
from workstation.core.verdicts.export_filter import judged_pairs

REWRITE_KIND = "rewrites"


class PortfolioError(ValueError):
    """A portfolio cannot be made; the message says why in one sentence."""


@dataclass(frozen=True)
class PortfolioEntry:
    """One sealed rewrite as the portfolio shows it.

    ``rewrite_sha256`` is the hex SHA-256 of the sealed rewrite text (UTF-8); ``verdicts`` are
    each reviewer's latest verdict on exactly that text, oldest first.
    """

    bundle_id: str
    bundle_seq: int
    sealed_at: str
    task: Task
    rewrite: Rewrite
    rewrite_sha256: str
    effort: EffortSignals
    verdicts: tuple[Verdict, ...]


def _text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _entries_of_bundle(
    store: Store, bundle_id: str, seq: int, verdicts: Sequence[Verdict]
) -> list[PortfolioEntry]:
    bundle = reopen_sealed(store, bundle_id, error=PortfolioError, made="portfolio")
    mine = [v for v in verdicts if v.bundle_id == bundle_id]
    entries = []
    for record in bundle.records:
        task, rewrite = work_from_record(record, bundle_id=bundle_id)
        text_sha = _text_sha256(rewrite.text)
        judged = [v for v in mine if v.rewrite_id == rewrite.rewrite_id and v.rewrite_sha256 == text_sha]
        latest = latest_verdicts(judged).get(rewrite.rewrite_id, {})
        entries.append(
            PortfolioEntry(
                bundle_id=bundle_id,
                bundle_seq=seq,
                sealed_at=bundle.manifest.created_at,
                task=task,
                rewrite=rewrite,
                rewrite_sha256=text_sha,
                effort=effort_of_record(record),
                verdicts=tuple(sorted(latest.values(), key=lambda v: (v.created_at, v.verdict_id))),
            )
        )
    return entries


def portfolio_entries(store: Store, *, accepted: bool = False) -> list[PortfolioEntry]:
    """Every sealed rewrite in ``store``'s outbox (``accepted``: only those every reviewer's latest
    verdict accepted). Raises PortfolioError when an outbox bundle does not verify."""
    verdicts = store.verdicts.all()
    rows = sorted(
        (row for row in store.outbox.rows() if row.kind == REWRITE_KIND),
        key=lambda row: (row.signer_fingerprint, row.bundle_seq),
    )
    entries = [
        entry for row in rows for entry in _entries_of_bundle(store, row.bundle_id, row.bundle_seq, verdicts)
    ]
    if not accepted:
        return entries
    judged_texts = [v for entry in entries for v in entry.verdicts]
    kept = judged_pairs(((e.task, e.rewrite) for e in entries), judged_texts, VerdictKind.ACCEPT)
    chosen = {rewrite.rewrite_id for _task, rewrite in kept}
    return [entry for entry in entries if entry.rewrite.rewrite_id in chosen]
