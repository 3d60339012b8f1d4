"""The model scoreboard: for each model (or writer, or bundle), how much human rewriting its outputs took.

What the data team compares models on, one row per group of :func:`~batch.batch_summary`:

- ``share_unchanged``: outputs the writer left exactly as they were (word edit rate 0);
- ``share_accepted_unchanged``: outputs left unchanged **and** accepted by every reviewer who
  judged them (at least one). This is "accepted unchanged": the model's output went through
  human review as it was. An unchanged output not yet judged is not counted, so the share can
  only grow as reviews come in; compare it with ``share_unchanged`` to see how much is pending;
- the mean and median word edit rate (the rewriting effort), the median active time per 100
  words, the mean robotic-pattern density before and after (findings per 1,000 words);
- the items by verdict state (``accepted``, ``revise`` for revisions requested, ``rejected``,
  ``disagree`` when reviewers' latest verdicts differ, ``not_reviewed``; see
  :class:`~batch.ItemVerdict`), which sum to ``items``; and, kept apart and named as such, the
  reviewers' judgements (``judgements_*``: each reviewer's latest per item, so an item judged
  twice counts twice).

Renderers for the CLI and files are in :mod:`scoreboard_formats`.
"""

from __future__ import annotations

from dataclasses import dataclass

from workstation.core.review.batch import BatchSummary, GroupBy, GroupSummary


@dataclass(frozen=True, slots=True)
class ScoreboardRow:
    """One group's line. Shares are of ``items`` (0..1); a mean or median is None with no value."""

    key: str
    label: str
    items: int
    unchanged: int
    accepted_unchanged: int
    share_unchanged: float
    share_accepted_unchanged: float
    mean_edit_rate: float | None
    median_edit_rate: float | None
    median_seconds_per_100_words: float | None
    mean_density_before: float | None
    mean_density_after: float | None
    accepted: int
    revise: int
    rejected: int
    disagree: int
    not_reviewed: int
    judgements_accept: int
    judgements_revise: int
    judgements_reject: int


@dataclass(frozen=True, slots=True)
class Scoreboard:
    """Rows ordered by label, the whole batch as ``total``, and the reviewers' agreement.

    ``kappa_items`` is how many items the kappa is computed over (0 when there is no single
    kappa); ``kappa_trusted`` is False below :data:`~agreement.MIN_ITEMS_FOR_KAPPA` of them."""

    by: GroupBy
    rows: tuple[ScoreboardRow, ...]
    total: ScoreboardRow
    share_agreeing: float | None
    kappa: float | None
    kappa_items: int
    kappa_trusted: bool
    agreement_summary: str


def scoreboard(summary: BatchSummary) -> Scoreboard:
    """The scoreboard of a batch summary (grouped however the summary was)."""
    return Scoreboard(
        by=summary.by,
        rows=tuple(_row(group) for group in summary.groups),
        total=_row(summary.overall),
        share_agreeing=summary.agreement.share_agreeing,
        kappa=summary.agreement.kappa,
        kappa_items=summary.agreement.kappa_items,
        kappa_trusted=summary.agreement.kappa_trusted,
        agreement_summary=summary.agreement.summary,
    )


def _row(group: GroupSummary) -> ScoreboardRow:
    items = group.items
    return ScoreboardRow(
        key=group.key,
        label=group.label,
        items=items,
        unchanged=group.unchanged,
        accepted_unchanged=group.accepted_unchanged,
        share_unchanged=group.unchanged / items if items else 0.0,
        share_accepted_unchanged=group.accepted_unchanged / items if items else 0.0,
        mean_edit_rate=group.edit_rate.mean,
        median_edit_rate=group.edit_rate.median,
        median_seconds_per_100_words=group.seconds_per_100_words.median,
        mean_density_before=group.density_before.mean,
        mean_density_after=group.density_after.mean,
        accepted=group.verdicts.accepted,
        revise=group.verdicts.revise,
        rejected=group.verdicts.rejected,
        disagree=group.verdicts.disagree,
        not_reviewed=group.verdicts.not_reviewed,
        judgements_accept=group.judgements.accept,
        judgements_revise=group.judgements.revise,
        judgements_reject=group.judgements.reject,
    )
