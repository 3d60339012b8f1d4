"""The batch at a glance: per model, writer or bundle, how much was rewritten, how fast, and judged how.

:func:`batch_summary` turns the inbox's items and every verdict into frozen figures the charts
paint and the report prints: for each group the distributions (:mod:`distribution`) of the
word edit rate, the active time per 100 words of the rewrite, the robotic-pattern density
before and after, the items by verdict state (:class:`ItemVerdict`) and the reviewers'
judgement counts; the same for the whole batch; and the reviewers'
agreement (:mod:`agreement`). Only each reviewer's latest verdict on an item counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from workstation.core.models import Verdict, VerdictKind
from workstation.core.review.agreement import Agreement, agreement_of_latest
from workstation.core.review.distribution import (
    DENSITY_AFTER,
    DENSITY_BEFORE,
    EDIT_RATE,
    SECONDS_PER_100_WORDS,
    Distribution,
    distribution,
)
from workstation.core.review.items import AuditItem
from workstation.core.review.latest_verdicts import LatestVerdicts, latest_verdicts

NO_MODEL_LABEL = "(no model named)"
"""The group of items whose task named no model."""
SHORT_BUNDLE_HEX = 12
"""Hex digits of a bundle id shown in a group label: enough to tell a writer's bundles apart."""


class GroupBy(StrEnum):
    MODEL = "model"
    WRITER = "writer"
    BUNDLE = "bundle"


class ItemVerdict(StrEnum):
    """Where one item stands with its reviewers, from each reviewer's latest verdict on it.

    One rule, in this order: no verdict yet is ``NOT_REVIEWED``; latest verdicts of more than one
    kind (say one accept and one reject) is ``DISAGREE``, whatever the kinds, so no reviewer's
    verdict outweighs another's; otherwise every latest verdict is the same kind and the item is
    ``ACCEPTED``, ``REVISE`` (revisions requested) or ``REJECTED``. Every item is in exactly one
    state, so a group's states sum to its items.
    """

    ACCEPTED = "accepted"
    REVISE = "revise"
    REJECTED = "rejected"
    DISAGREE = "disagree"
    NOT_REVIEWED = "not_reviewed"

    @property
    def label(self) -> str:
        return _ITEM_VERDICT_LABELS[self]


_ITEM_VERDICT_LABELS = {
    ItemVerdict.ACCEPTED: "accepted",
    ItemVerdict.REVISE: "revisions requested",
    ItemVerdict.REJECTED: "rejected",
    ItemVerdict.DISAGREE: "reviewers disagree",
    ItemVerdict.NOT_REVIEWED: "not reviewed",
}
_AGREED_STATE = {
    VerdictKind.ACCEPT: ItemVerdict.ACCEPTED,
    VerdictKind.REVISE: ItemVerdict.REVISE,
    VerdictKind.REJECT: ItemVerdict.REJECTED,
}


def item_verdict(latest_by_reviewer: Mapping[str, Verdict] | None) -> ItemVerdict:
    """The state of an item given each reviewer's latest verdict on it (see :class:`ItemVerdict`)."""
    if not latest_by_reviewer:
        return ItemVerdict.NOT_REVIEWED
    kinds = {verdict.verdict for verdict in latest_by_reviewer.values()}
    if len(kinds) > 1:
        return ItemVerdict.DISAGREE
    return _AGREED_STATE[kinds.pop()]


@dataclass(frozen=True, slots=True)
class ItemVerdictCounts:
    """A group's items by their :class:`ItemVerdict` state: the five counts sum to ``items``."""

    accepted: int = 0
    revise: int = 0
    rejected: int = 0
    disagree: int = 0
    not_reviewed: int = 0

    @property
    def items(self) -> int:
        return self.accepted + self.revise + self.rejected + self.disagree + self.not_reviewed

    def of(self, state: ItemVerdict) -> int:
        count: int = getattr(self, state.value)
        return count


@dataclass(frozen=True, slots=True)
class JudgementCounts:
    """Reviewer judgements on a group's items: each reviewer's latest verdict per item, so an item
    judged by two reviewers counts twice. For agreement work; per-item figures are in
    :class:`ItemVerdictCounts`."""

    accept: int = 0
    revise: int = 0
    reject: int = 0

    @property
    def total(self) -> int:
        return self.accept + self.revise + self.reject


@dataclass(frozen=True, slots=True)
class GroupSummary:
    """One model's, writer's or bundle's items.

    ``key`` identifies the group (the model name, "" for none; the writer's key fingerprint;
    the bundle id); ``label`` is what to show. ``unchanged`` items kept every word of the
    original in order (edit rate 0); ``accepted_unchanged`` of those were accepted by every
    reviewer who judged them, and judged by at least one.
    """

    key: str
    label: str
    items: int
    unchanged: int
    accepted_unchanged: int
    edit_rate: Distribution
    seconds_per_100_words: Distribution
    density_before: Distribution
    density_after: Distribution
    verdicts: ItemVerdictCounts
    judgements: JudgementCounts

    def distribution(self, metric_key: str) -> Distribution:
        """The distribution of the figure named ``metric_key`` (a :class:`Metric` key)."""
        found: Distribution = getattr(self, metric_key)
        return found


@dataclass(frozen=True, slots=True)
class BatchSummary:
    """Every group (ordered by label), the whole batch as one group, and the reviewers' agreement."""

    by: GroupBy
    overall: GroupSummary
    groups: tuple[GroupSummary, ...]
    agreement: Agreement


def batch_summary(
    items: Sequence[AuditItem], verdicts: Iterable[Verdict], by: GroupBy | str = GroupBy.MODEL
) -> BatchSummary:
    """Summarise ``items`` grouped ``by`` model, writer or bundle (ValueError for anything else).

    Verdicts on rewrites that are not among ``items`` are ignored, so the summary of a filtered
    queue describes just that queue.
    """
    group_by = GroupBy(by)
    item_ids = {item.item_id for item in items}
    latest = {
        item_id: by_reviewer
        for item_id, by_reviewer in latest_verdicts(verdicts).items()
        if item_id in item_ids
    }
    members: dict[str, list[AuditItem]] = {}
    labels: dict[str, str] = {}
    for item in items:
        key, label = group_key(item, group_by)
        members.setdefault(key, []).append(item)
        labels.setdefault(key, label)
    groups = tuple(
        sorted(
            (_group(key, labels[key], group_items, latest) for key, group_items in members.items()),
            key=lambda group: (group.label.casefold(), group.key),
        )
    )
    overall = _group("", "All items", items, latest)
    return BatchSummary(by=group_by, overall=overall, groups=groups, agreement=agreement_of_latest(latest))


def group_key(item: AuditItem, by: GroupBy) -> tuple[str, str]:
    """The key and the label of the group ``item`` falls in."""
    if by is GroupBy.MODEL:
        return (item.model or "", item.model or NO_MODEL_LABEL)
    if by is GroupBy.WRITER:
        return (item.writer_fingerprint, item.writer_name)
    short = item.bundle_id.removeprefix("sha256:")[:SHORT_BUNDLE_HEX]
    return (item.bundle_id, f"{item.writer_name} · {short}")


def _group(key: str, label: str, items: Sequence[AuditItem], latest: LatestVerdicts) -> GroupSummary:
    rates: list[float] = []
    times: list[float] = []
    before: list[float] = []
    after: list[float] = []
    judgements = {VerdictKind.ACCEPT: 0, VerdictKind.REVISE: 0, VerdictKind.REJECT: 0}
    states = dict.fromkeys(ItemVerdict, 0)
    unchanged = accepted_unchanged = 0
    for item in items:
        figures = item.figures
        if figures is not None:  # not computed yet: counted as missing in the distributions
            rates.append(figures.edit_rate)
            before.append(figures.density_before)
            after.append(figures.density_after)
        per_100 = item.seconds_per_100_words
        if per_100 is not None:
            times.append(per_100)
        item_verdicts = latest.get(item.item_id)
        state = item_verdict(item_verdicts)
        states[state] += 1
        for verdict in (item_verdicts or {}).values():
            judgements[verdict.verdict] += 1
        if figures is not None and figures.edit_rate == 0.0:
            unchanged += 1
            accepted_unchanged += state is ItemVerdict.ACCEPTED
    return GroupSummary(
        key=key,
        label=label,
        items=len(items),
        unchanged=unchanged,
        accepted_unchanged=accepted_unchanged,
        edit_rate=distribution(EDIT_RATE, rates, missing=len(items) - len(rates)),
        seconds_per_100_words=distribution(SECONDS_PER_100_WORDS, times, missing=len(items) - len(times)),
        density_before=distribution(DENSITY_BEFORE, before, missing=len(items) - len(before)),
        density_after=distribution(DENSITY_AFTER, after, missing=len(items) - len(after)),
        verdicts=ItemVerdictCounts(**{state.value: count for state, count in states.items()}),
        judgements=JudgementCounts(
            accept=judgements[VerdictKind.ACCEPT],
            revise=judgements[VerdictKind.REVISE],
            reject=judgements[VerdictKind.REJECT],
        ),
    )
