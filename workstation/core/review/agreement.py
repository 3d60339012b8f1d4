"""How often reviewers agree: the share of doubly-judged items with one verdict, and Cohen's kappa.

Only each reviewer's latest verdict on an item counts (:mod:`latest_verdicts`). An item judged
by two or more reviewers *agrees* when all their latest verdicts are the same kind (accept,
revise or reject); reasons and comments are not compared.

Cohen's kappa corrects the agreement of exactly two raters for the agreement they would reach
by chance given how often each uses each verdict (Cohen 1960, "A coefficient of agreement for
nominal scales", Educational and Psychological Measurement 20(1)):
``κ = (p_o − p_e) / (1 − p_e)`` over the items both reviewers judged, where ``p_o`` is the share
of those items with the same verdict and ``p_e = Σ_k p1(k)·p2(k)``. It is computed for every pair
of reviewers with an item in common; :attr:`Agreement.kappa` is the batch's kappa when exactly
two reviewers judged items in common (with three or more, each pair has its own and no single
figure is shown). When both reviewers gave one and the same verdict to every shared item,
``p_e = 1`` and kappa is 0/0: it is ``None`` and the note says why (agreement is then total,
and the share agreeing shows it).

Kappa over a handful of items swings wildly with one verdict (over 3 items it can only take a
few values), so a kappa is always shown with how many items it is over, and below
:data:`MIN_ITEMS_FOR_KAPPA` shared items it is called too few to trust. One changed verdict
moves the observed agreement by 1/n, and kappa by about ``1 / (n · (1 − p_e))``: with the
chance agreement near one half that is 0.1 or more for n under 20, a whole band of the usual
reading ("fair", "moderate", "substantial"). 20 is a floor, not a guarantee.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

from workstation.core.models import Verdict, VerdictKind
from workstation.core.review.latest_verdicts import LatestVerdicts, latest_verdicts

MIN_ITEMS_FOR_KAPPA = 20
"""Shared items below which a kappa is shown as too few to trust (see the module)."""


@dataclass(frozen=True, slots=True)
class Reviewer:
    """A reviewer as the verdicts name them: the key's fingerprint is who; the name is a label."""

    name: str
    fingerprint: str


@dataclass(frozen=True, slots=True)
class PairAgreement:
    """Two reviewers over the items both judged. ``kappa`` is None when it is undefined (see module)."""

    first: Reviewer
    second: Reviewer
    items: int
    agreeing: int
    expected_agreement: float
    kappa: float | None

    @property
    def observed_agreement(self) -> float:
        return self.agreeing / self.items

    @property
    def trusted(self) -> bool:
        """Whether the pair shares enough items (:data:`MIN_ITEMS_FOR_KAPPA`) for its kappa to mean much."""
        return self.items >= MIN_ITEMS_FOR_KAPPA

    @property
    def note(self) -> str:
        """The pair's kappa as a sentence a reviewer can read, with the items it is over."""
        who = f"{self.first.name} and {self.second.name}"
        items = _items(self.items)
        if self.kappa is None:
            return (
                f"Cohen's kappa for {who} is undefined: both gave every one of their {items} the same "
                "verdict, so chance alone would agree as often (they agree on all of them)."
            )
        text = f"Cohen's kappa for {who}: {self.kappa:.2f} over {items} both judged"
        if not self.trusted:
            return f"{text}, too few items to trust (it needs at least {MIN_ITEMS_FOR_KAPPA})."
        return f"{text}."


@dataclass(frozen=True, slots=True)
class Agreement:
    """Agreement over a batch: ``share_agreeing`` is None when no item has two reviewers."""

    items_judged_by_several: int
    items_agreeing: int
    pairs: tuple[PairAgreement, ...]

    @property
    def share_agreeing(self) -> float | None:
        if not self.items_judged_by_several:
            return None
        return self.items_agreeing / self.items_judged_by_several

    @property
    def kappa(self) -> float | None:
        """The kappa of the one pair when exactly two reviewers share items, else None."""
        return self.pairs[0].kappa if len(self.pairs) == 1 else None

    @property
    def kappa_items(self) -> int:
        """The items :attr:`kappa` is over: the one pair's shared items, else 0."""
        return self.pairs[0].items if len(self.pairs) == 1 else 0

    @property
    def kappa_trusted(self) -> bool:
        """Whether :attr:`kappa` exists and is over at least :data:`MIN_ITEMS_FOR_KAPPA` items."""
        return self.kappa is not None and self.pairs[0].trusted

    @property
    def summary(self) -> str:
        """One or two plain sentences for the batch view and the report."""
        share = self.share_agreeing
        if share is None:
            return "No item has been judged by two reviewers yet."
        text = (
            f"{self.items_agreeing} of {_items(self.items_judged_by_several)} judged by two or more "
            f"reviewers got the same verdict from each ({share:.0%})."
        )
        if len(self.pairs) == 1:
            return f"{text} {self.pairs[0].note}"
        return f"{text} {len(self.pairs)} pairs of reviewers share items; each pair has its own kappa."


def agreement(verdicts: Iterable[Verdict]) -> Agreement:
    """The agreement of every reviewer's latest verdicts in ``verdicts`` (see the module)."""
    return agreement_of_latest(latest_verdicts(verdicts))


def agreement_of_latest(latest: LatestVerdicts) -> Agreement:
    """:func:`agreement` over verdicts already reduced to each reviewer's latest per item."""
    several = agreeing = 0
    shared: dict[tuple[str, str], list[tuple[VerdictKind, VerdictKind]]] = {}
    names: dict[str, str] = {}
    for by_reviewer in latest.values():
        for fingerprint, verdict in by_reviewer.items():
            names[fingerprint] = verdict.reviewer_name
        if len(by_reviewer) < 2:
            continue
        several += 1
        kinds = {verdict.verdict for verdict in by_reviewer.values()}
        agreeing += len(kinds) == 1
        for first, second in combinations(sorted(by_reviewer), 2):
            shared.setdefault((first, second), []).append(
                (by_reviewer[first].verdict, by_reviewer[second].verdict)
            )
    pairs = tuple(
        _pair(Reviewer(names[first], first), Reviewer(names[second], second), labels)
        for (first, second), labels in sorted(shared.items())
    )
    return Agreement(items_judged_by_several=several, items_agreeing=agreeing, pairs=pairs)


def cohens_kappa(labels: Iterable[tuple[object, object]]) -> tuple[float | None, float]:
    """Cohen's kappa and the chance agreement ``p_e`` of two raters' labels, one pair per item.

    Computed in integers until the last division, so it is exactly symmetric in the two raters.
    Kappa is None when ``p_e`` is 1 (one label used by both for everything) or there are no items.
    """
    pairs = list(labels)
    n = len(pairs)
    if not n:
        return None, 1.0
    agreeing = sum(1 for a, b in pairs if a == b)
    first = Counter(a for a, _ in pairs)
    second = Counter(b for _, b in pairs)
    chance = sum(count * second[label] for label, count in first.items())  # n² · p_e
    if chance == n * n:
        return None, 1.0
    return (n * agreeing - chance) / (n * n - chance), chance / (n * n)


def _pair(first: Reviewer, second: Reviewer, labels: list[tuple[VerdictKind, VerdictKind]]) -> PairAgreement:
    kappa, expected = cohens_kappa(labels)
    agreeing = sum(1 for a, b in labels if a == b)
    return PairAgreement(first, second, len(labels), agreeing, expected, kappa)


def _items(count: int) -> str:
    return f"{count} item" if count == 1 else f"{count} items"
