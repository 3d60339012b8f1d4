"""The items to look at first, each with the reasons in plain sentences that give the figures.

Four reasons are tests on the figures the reviewer's app computed (never the writer's claims):

- **near-zero edits**: a word edit rate of at most :data:`NEAR_ZERO_EDIT_RATE` (2%: about one
  word in fifty changed, or none), on an original of at least :data:`MIN_WORDS` words.
- **edit rate far above the batch**: above Tukey's "far out" fence ``Q3 + 3 × IQR`` of the edit
  rates of the items given (Tukey 1977, *Exploratory Data Analysis*; 3 × IQR rather than the
  usual 1.5 so that only the few clearly apart are listed). The IQR is taken as at least
  :data:`MIN_EDIT_RATE_IQR`, so a batch whose rates are nearly all alike does not list every
  item a hair above them; and a batch of fewer than :data:`MIN_BATCH_FOR_OUTLIERS` items has no
  quartiles worth the name, so none are listed for this reason there.
- **implausibly short active time**: less than :data:`MIN_SECONDS_PER_100_WORDS` of active time
  per 100 words of the rewrite, the time it takes to read them once at 300 words a minute.
  Adults read English non-fiction silently at 238 words a minute on average, and 300 is at
  the fast end of the normal range (Brysbaert 2019, "How many words do we read per minute? A
  review and meta-analysis of reading rate", Journal of Memory and Language 109, 104047). A
  writer who spent less than that could not have read the text they submitted.
- **cosmetic "de-slopping"**: the robotic-pattern findings fell by at least half and by at
  least :data:`MIN_FINDINGS_DROP` while at most :data:`COSMETIC_EDIT_RATE` (10%) of the words
  changed: the tell-tale phrases were swapped out and the rest left as it was.

A fifth reads the writer's sealed effort signals (counts their editor recorded, not figures
computed here):

- **mostly pasted**: pasted text makes up over ``PASTED_SHARE_FOR_A_LOOK`` (``effort.signals``,
  50%) of the final rewrite, the threshold peers publish. It is listed for a look, never a
  reason to reject by itself (writers paste their own drafts), and an item whose signals were
  not recorded is never listed for it. Dictation and input methods are external input, not paste.

The list is ordered by severity: most reasons first, then furthest out. How far out a reason is
(:attr:`TriageReason.margin`, 0 at its threshold, 1 at the extreme) is: for mostly pasted, how far
the pasted share is past its threshold (1 when all of it was pasted); for near-zero edits and
cosmetic de-slopping, how far the edit rate is below its threshold (1 when no word changed); for
too fast, how far the time per 100 words is below the reading time (1 for no time at all); for
the edit rate far above the batch, how far past the fence as a share of the fence (capped at 1).
An entry's :attr:`TriageEntry.severity` is the sum over its reasons.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from workstation.core.effort.signals import PASTED_SHARE_FOR_A_LOOK, for_a_look_sentence
from workstation.core.review.distribution import quantile
from workstation.core.review.items import AuditItem

NEAR_ZERO_EDIT_RATE = 0.02
MIN_WORDS = 20
"""Originals shorter than this (a yes/no answer, a title) are not called near-zero edits."""
OUTLIER_IQR_FACTOR = 3.0
MIN_EDIT_RATE_IQR = 0.05
MIN_BATCH_FOR_OUTLIERS = 8
READING_WORDS_PER_MINUTE = 300.0
MIN_SECONDS_PER_100_WORDS = 100 * 60 / READING_WORDS_PER_MINUTE  # 20 s
COSMETIC_EDIT_RATE = 0.10
MIN_FINDINGS_DROP = 3


class OutlierReason(StrEnum):
    """Why an item is on the list; the value is stable (filters, JSON), :attr:`label` is shown."""

    NEAR_ZERO_EDITS = "near-zero-edits"
    EDIT_RATE_FAR_ABOVE = "edit-rate-far-above"
    TOO_FAST = "too-fast"
    COSMETIC_DESLOPPING = "cosmetic-deslopping"
    MOSTLY_PASTED = "mostly-pasted"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    OutlierReason.NEAR_ZERO_EDITS: "Near-zero edits",
    OutlierReason.EDIT_RATE_FAR_ABOVE: "Edit rate far above the batch",
    OutlierReason.TOO_FAST: "Too fast for the length",
    OutlierReason.COSMETIC_DESLOPPING: "Cosmetic de-slopping",
    OutlierReason.MOSTLY_PASTED: "Mostly pasted (for a look)",
}


@dataclass(frozen=True, slots=True)
class TriageReason:
    """One reason an item is listed: its kind, for filtering, a sentence with the figures, and
    how far past the threshold it is (``margin``, 0..1, see the module)."""

    kind: OutlierReason
    text: str
    margin: float = 0.0


@dataclass(frozen=True, slots=True)
class TriageEntry:
    item_id: str
    reasons: tuple[TriageReason, ...]

    @property
    def kinds(self) -> frozenset[OutlierReason]:
        return frozenset(reason.kind for reason in self.reasons)

    @property
    def severity(self) -> float:
        """How far out the item is: the sum of its reasons' margins (the list's second sort key)."""
        return sum(reason.margin for reason in self.reasons)


def edit_rate_fence(items: Sequence[AuditItem]) -> float | None:
    """The edit rate above which an item is far above the batch, or None for a small batch."""
    if len(items) < MIN_BATCH_FOR_OUTLIERS:
        return None
    rates = sorted(_edit_rates(items))
    if len(rates) < MIN_BATCH_FOR_OUTLIERS:
        return None
    q1, q3 = quantile(rates, 0.25), quantile(rates, 0.75)
    return q3 + OUTLIER_IQR_FACTOR * max(q3 - q1, MIN_EDIT_RATE_IQR)


def triage(items: Sequence[AuditItem]) -> list[TriageEntry]:
    """The items of ``items`` with at least one reason, by severity: most reasons first, then the
    furthest out (:attr:`TriageEntry.severity`), then in the given order. Items whose figures are
    not computed yet are judged only by their sealed pasted share (and left out of the batch's
    edit-rate fence)."""
    fence = edit_rate_fence(items)
    median = quantile(sorted(_edit_rates(items)), 0.5) if fence is not None else 0.0
    entries = []
    for item in items:
        reasons = tuple(_reasons(item, fence, median))
        if reasons:
            entries.append(TriageEntry(item.item_id, reasons))
    entries.sort(key=lambda entry: (-len(entry.reasons), -entry.severity))
    return entries


def _edit_rates(items: Sequence[AuditItem]) -> Iterable[float]:
    """The edit rates of the items whose figures are computed."""
    return (item.figures.edit_rate for item in items if item.figures is not None)


def _reasons(item: AuditItem, fence: float | None, median: float) -> Iterable[TriageReason]:
    pasted = for_a_look_sentence(item.pasted_share)
    if pasted is not None and item.pasted_share is not None:
        past = (item.pasted_share - PASTED_SHARE_FOR_A_LOOK) / (1.0 - PASTED_SHARE_FOR_A_LOOK)
        yield TriageReason(OutlierReason.MOSTLY_PASTED, pasted, min(past, 1.0))
    figures = item.figures
    if figures is None:  # not computed yet: nothing to judge by
        return
    rate = figures.edit_rate
    if rate <= NEAR_ZERO_EDIT_RATE and figures.words_original >= MIN_WORDS:
        changed = "no word changed" if rate == 0 else f"only {_percent(rate)} of the words changed"
        yield TriageReason(
            OutlierReason.NEAR_ZERO_EDITS,
            f"Near-zero edits: {changed} in {figures.words_original} words.",
            _below(rate, NEAR_ZERO_EDIT_RATE),
        )
    if fence is not None and rate > fence:
        yield TriageReason(
            OutlierReason.EDIT_RATE_FAR_ABOVE,
            f"Edit rate {_percent(rate)} is far above the batch: its median is {_percent(median)} "
            f"and anything over {_percent(fence)} (Q3 + 3 × IQR) is listed.",
            min((rate - fence) / fence, 1.0) if fence > 0 else 1.0,
        )
    per_100 = item.seconds_per_100_words
    if per_100 is not None and per_100 < MIN_SECONDS_PER_100_WORDS:
        reading = figures.words_rewrite * 60 / READING_WORDS_PER_MINUTE
        yield TriageReason(
            OutlierReason.TOO_FAST,
            f"Too fast: {item.active_seconds:.0f} s of active time for {figures.words_rewrite} words "
            f"({per_100:.1f} s per 100 words); reading them once at {READING_WORDS_PER_MINUTE:.0f} words "
            f"a minute takes {reading:.0f} s.",
            _below(per_100, MIN_SECONDS_PER_100_WORDS),
        )
    before, after = figures.findings_before, figures.findings_after
    if rate <= COSMETIC_EDIT_RATE and before - after >= MIN_FINDINGS_DROP and after * 2 <= before:
        yield TriageReason(
            OutlierReason.COSMETIC_DESLOPPING,
            f"Cosmetic de-slopping: robotic-pattern findings fell from {before} to {after} while only "
            f"{_percent(rate)} of the words changed.",
            _below(rate, COSMETIC_EDIT_RATE),
        )


def _below(value: float, threshold: float) -> float:
    """How far ``value`` is below ``threshold`` as a share of it: 0 at the threshold, 1 at zero."""
    return min(max(1.0 - value / threshold, 0.0), 1.0)


def _percent(rate: float) -> str:
    """A rate as a percentage with a decimal below 10% (2.5%), whole above (47%)."""
    if 0 < rate < 0.001:
        return "under 0.1%"
    return f"{rate * 100:.1f}%" if rate < 0.1 else f"{rate * 100:.0f}%"
