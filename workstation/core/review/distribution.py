"""One figure's distribution over a set of items: count, mean, quartiles, extremes and fixed bins.

The charts draw box plots from the quartiles and histograms from the bins. Bins are fixed per
figure (not fitted to the data), so two groups, two batches or two weeks compare bar for bar.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

_EDGE_TOLERANCE = 1e-9
WHISKER_IQR_FACTOR = 1.5
"""Tukey's whisker reach: a box plot's whiskers end at the furthest values within 1.5 × IQR of
the box (Tukey 1977, *Exploratory Data Analysis*); values beyond are drawn as single points."""


@dataclass(frozen=True, slots=True)
class Bins:
    """``count`` bins of ``width`` from ``start`` (in the figure's unit). The last bin is open
    above: a value past the top is counted there, so no item drops out of a histogram; a value
    below ``start`` is counted in the first."""

    start: float
    width: float
    count: int

    def thresholds(self) -> tuple[float, ...]:
        """The lowest value of each bin after the first, nudged down a hair so that a value on
        an edge lands in the bin above it, as 0.6 / 0.1 = 5.999… would not."""
        return tuple(self.start + (index - _EDGE_TOLERANCE) * self.width for index in range(1, self.count))

    def index(self, value: float) -> int:
        return bisect.bisect_right(self.thresholds(), value)

    def counts(self, ordered: Sequence[float]) -> tuple[int, ...]:
        """How many of the sorted values ``ordered`` fall in each bin (a search per edge)."""
        cuts = [0, *(bisect.bisect_left(ordered, edge) for edge in self.thresholds()), len(ordered)]
        return tuple(high - low for low, high in itertools.pairwise(cuts))

    def edges(self, index: int) -> tuple[float, float | None]:
        """The bin's lower and upper edge; the upper is None for the last, open bin."""
        lower = self.start + index * self.width
        return lower, None if index == self.count - 1 else lower + self.width


@dataclass(frozen=True, slots=True)
class Metric:
    """A figure the batch view shows: its key (stable, used in JSON), title, unit and bins."""

    key: str
    title: str
    unit: str
    bins: Bins
    format: Callable[[float], str]

    def bin_label(self, index: int) -> str:
        lower, upper = self.bins.edges(index)
        if upper is None:
            return f"{self.format(lower)} and over"
        return f"{self.format(lower)}–{self.format(upper)}"


def _percent(value: float) -> str:
    return f"{value * 100:.0f}%"


def _seconds(value: float) -> str:
    return f"{value:.0f} s"


def _density(value: float) -> str:
    return f"{value:.0f}"


EDIT_RATE = Metric(
    "edit_rate", "Word edit rate", "share of the original's words", Bins(0.0, 0.1, 10), _percent
)
SECONDS_PER_100_WORDS = Metric(
    "seconds_per_100_words", "Active time per 100 words", "seconds", Bins(0.0, 30.0, 10), _seconds
)
DENSITY_BEFORE = Metric(
    "density_before", "Robotic patterns before", "findings per 1,000 words", Bins(0.0, 10.0, 10), _density
)
DENSITY_AFTER = Metric(
    "density_after", "Robotic patterns after", "findings per 1,000 words", Bins(0.0, 10.0, 10), _density
)
METRICS: tuple[Metric, ...] = (EDIT_RATE, SECONDS_PER_100_WORDS, DENSITY_BEFORE, DENSITY_AFTER)


@dataclass(frozen=True, slots=True)
class Distribution:
    """A figure over some items. ``count`` items had a value, ``missing`` had none (the time per
    100 words of an empty rewrite); the statistics are None when ``count`` is 0. Quartiles
    interpolate linearly between the sorted values (the "inclusive" method of
    :func:`statistics.quantiles`, numpy's default), so Q1 and Q3 of [0, 1] are 0.25 and 0.75.
    ``histogram`` has one count per bin of the metric.

    ``whisker_low`` and ``whisker_high`` are the lowest and highest values within
    :data:`WHISKER_IQR_FACTOR` × IQR of Q1 and Q3; ``outliers`` are the values beyond them, sorted
    (a box plot draws each as a dot)."""

    metric: str
    count: int
    missing: int
    mean: float | None
    median: float | None
    q1: float | None
    q3: float | None
    minimum: float | None
    maximum: float | None
    histogram: tuple[int, ...]
    whisker_low: float | None = None
    whisker_high: float | None = None
    outliers: tuple[float, ...] = ()

    @property
    def iqr(self) -> float | None:
        return None if self.q1 is None or self.q3 is None else self.q3 - self.q1


def distribution(metric: Metric, values: Sequence[float], missing: int = 0) -> Distribution:
    """The distribution of ``values`` (any order; NaN is not expected and not filtered)."""
    if not values:
        empty = (0,) * metric.bins.count
        return Distribution(metric.key, 0, missing, None, None, None, None, None, None, empty)
    ordered = sorted(values)
    q1, q3 = quantile(ordered, 0.25), quantile(ordered, 0.75)
    reach = WHISKER_IQR_FACTOR * (q3 - q1)
    # the values inside the fences are one run of the sorted list: find its ends by bisection
    inside_from = bisect.bisect_left(ordered, q1 - reach)
    inside_to = bisect.bisect_right(ordered, q3 + reach)
    return Distribution(
        metric=metric.key,
        count=len(ordered),
        missing=missing,
        mean=math.fsum(ordered) / len(ordered),
        median=quantile(ordered, 0.5),
        q1=q1,
        q3=q3,
        minimum=ordered[0],
        maximum=ordered[-1],
        histogram=metric.bins.counts(ordered),
        whisker_low=ordered[inside_from],
        whisker_high=ordered[inside_to - 1],
        outliers=(*ordered[:inside_from], *ordered[inside_to:]),
    )


def quantile(ordered: Sequence[float], fraction: float) -> float:
    """The ``fraction`` quantile of sorted, non-empty ``ordered``, interpolating linearly."""
    position = (len(ordered) - 1) * fraction
    below = math.floor(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)
