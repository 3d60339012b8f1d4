"""Backoff: the waits a writer's laptop takes between upload retries."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workstation.core.sync.backoff import BackoffPolicy


def test_ceiling_doubles_from_base_until_the_cap() -> None:
    policy = BackoffPolicy(base_s=1.0, cap_s=10.0, min_s=0.0)
    assert [policy.ceiling_s(n) for n in range(0, 7)] == [0.0, 1.0, 2.0, 4.0, 8.0, 10.0, 10.0]


def test_full_jitter_spans_min_to_ceiling_with_injected_rng() -> None:
    policy = BackoffPolicy(base_s=1.0, cap_s=60.0, min_s=0.1)
    assert policy.delay_s(4, rng=lambda: 0.0) == pytest.approx(0.1)
    assert policy.delay_s(4, rng=lambda: 0.5) == pytest.approx(0.1 + 0.5 * 7.9)
    assert policy.delay_s(4, rng=lambda: 0.999999) == pytest.approx(8.0, abs=1e-4)


def test_same_rng_sequence_gives_same_schedule() -> None:
    policy = BackoffPolicy()
    values = iter([0.3, 0.7, 0.1, 0.9] * 2)
    first = [policy.delay_s(n, rng=lambda: next(values)) for n in range(1, 5)]
    second = [policy.delay_s(n, rng=lambda: next(values)) for n in range(1, 5)]
    assert first == second


def test_retry_after_is_a_floor_not_a_ceiling() -> None:
    policy = BackoffPolicy(base_s=1.0, cap_s=60.0, min_s=0.0)
    assert policy.delay_s(1, retry_after_s=5.0, rng=lambda: 0.0) == 5.0
    # A longer jittered wait is kept even when the server asked for less.
    assert policy.delay_s(6, retry_after_s=5.0, rng=lambda: 0.5) == pytest.approx(16.0)


def test_absurd_retry_after_is_clipped_and_negative_ignored() -> None:
    policy = BackoffPolicy(min_s=0.0, max_retry_after_s=120.0)
    assert policy.delay_s(1, retry_after_s=86_400.0, rng=lambda: 0.0) == 120.0
    assert policy.delay_s(1, retry_after_s=-30.0, rng=lambda: 0.0) == 0.0


def test_next_attempt_at_uses_the_injected_clock() -> None:
    policy = BackoffPolicy(base_s=2.0, min_s=0.0)
    assert policy.next_attempt_at(1, clock=lambda: 500.0, rng=lambda: 0.5) == 501.0


def test_misbehaving_rng_cannot_escape_the_bounds() -> None:
    policy = BackoffPolicy(base_s=1.0, cap_s=4.0, min_s=0.0)
    assert policy.delay_s(3, rng=lambda: 7.0) == 4.0
    assert policy.delay_s(3, rng=lambda: -2.0) == 0.0


def test_no_failures_means_no_wait_and_huge_counts_do_not_overflow() -> None:
    policy = BackoffPolicy()
    assert policy.delay_s(0) == 0.0
    assert policy.ceiling_s(10_000) == policy.cap_s


@pytest.mark.parametrize(
    "settings",
    [{"base_s": -1.0}, {"base_s": 10.0, "cap_s": 1.0}, {"multiplier": 0.5}, {"min_s": 5.0, "base_s": 1.0}],
)
def test_nonsense_policies_are_refused(settings: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        BackoffPolicy(**settings)


@given(
    failures=st.integers(min_value=1, max_value=200),
    draw=st.floats(min_value=0.0, max_value=1.0, exclude_max=True),
    retry_after=st.none() | st.floats(min_value=0.0, max_value=1e6),
)
def test_delay_always_within_min_and_max_of_ceiling_and_retry_after(
    failures: int, draw: float, retry_after: float | None
) -> None:
    policy = BackoffPolicy(base_s=0.5, cap_s=30.0, min_s=0.05, max_retry_after_s=600.0)
    delay = policy.delay_s(failures, retry_after_s=retry_after, rng=lambda: draw)
    floor = min(retry_after, 600.0) if retry_after is not None else 0.0
    assert max(policy.min_s, floor) <= delay <= max(policy.ceiling_s(failures), floor)
