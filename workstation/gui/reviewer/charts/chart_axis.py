"""A value axis chosen from the data: round ticks (1, 2 or 5 × a power of ten) from 0 up to just
past the largest value, as many as the width has room for.

Pure arithmetic (no Qt), so the box plots' axis is tested without painting.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

_STEP_MULTIPLES = (1.0, 2.0, 5.0)
MIN_TICKS = 2


def nice_ticks(values: Iterable[float | None], max_ticks: int, least_top: float) -> tuple[float, ...]:
    """Evenly spaced round tick values covering every value and 0, ending at the first tick at or
    above the largest value (at least ``least_top``), with at most ``max_ticks`` ticks.

    ``least_top`` keeps an axis of tiny values (all zero, say) at a readable scale: for a figure
    shown in whole units it is one of its bins. Negative values extend the axis below 0.
    """
    present = [value for value in values if value is not None and math.isfinite(value)]
    low = min(0.0, *present) if present else 0.0
    high = max(least_top, *present) if present else least_top
    ticks = max(max_ticks, MIN_TICKS)
    span = high - low
    exponent = math.floor(math.log10(span / (ticks - 1)))
    while True:
        for multiple in _STEP_MULTIPLES:
            step = multiple * 10.0**exponent
            first, last = math.floor(low / step + 1e-9), math.ceil(high / step - 1e-9)
            if last - first + 1 <= ticks:
                return tuple(round(index * step, 12) for index in range(first, last + 1))
        exponent += 1
