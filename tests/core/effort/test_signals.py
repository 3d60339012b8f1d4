"""A task's effort signals: shares of the final rewrite, what was recorded, and the for-a-look rule."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.timesheet_data import sitting
from workstation.core.effort.recorder import EFFORT_FIELDS
from workstation.core.effort.signals import (
    EXTERNAL_INPUT,
    PASTED_SHARE_FOR_A_LOOK,
    RecordingStatus,
    shares_of,
    summarise_effort,
)
from workstation.core.models import WorkSession

START = datetime(2025, 4, 1, 9, tzinfo=UTC)
counts = st.integers(min_value=0, max_value=10**7)


def recorded(n: int = 0, **changes: Any) -> WorkSession:
    zeros: dict[str, Any] = {**dict.fromkeys(EFFORT_FIELDS, 0), "longest_idle_seconds": 0.0}
    return sitting("t", START, 600, 300, n=n).model_copy(update={**zeros, **changes})


@given(final=counts, typed=counts, pasted=counts, external=counts)
def test_shares_are_fractions_that_never_add_up_past_the_whole(
    final: int, typed: int, pasted: int, external: int
) -> None:
    shares = shares_of(final, typed, pasted, external)
    for share in (shares.typed, shares.pasted, shares.external, shares.kept):
        assert 0.0 <= share <= 1.0
    assert shares.typed + shares.pasted + shares.external <= 1.0 + 1e-12
    assert shares.typed + shares.pasted + shares.external + shares.kept == pytest.approx(1.0)
    if typed + pasted + external <= final and final:
        assert shares.pasted == pasted / final  # nothing deleted again: a share of the final text


@given(final=counts, typed=counts, pasted=counts, more=st.integers(min_value=1, max_value=10**6))
def test_pasting_more_never_lowers_the_pasted_share(final: int, typed: int, pasted: int, more: int) -> None:
    assert shares_of(final, typed, pasted + more, 0).pasted >= shares_of(final, typed, pasted, 0).pasted


@given(final=counts, typed=counts, pasted=counts, external=counts, factor=st.integers(1, 50))
def test_shares_do_not_depend_on_the_unit(
    final: int, typed: int, pasted: int, external: int, factor: int
) -> None:
    once = shares_of(final, typed, pasted, external)
    scaled = shares_of(final * factor, typed * factor, pasted * factor, external * factor)
    assert scaled.pasted == pytest.approx(once.pasted) and scaled.typed == pytest.approx(once.typed)


def test_negative_counts_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        shares_of(10, -1, 0, 0)


def test_an_empty_rewrite_with_nothing_entered_has_no_share() -> None:
    shares = shares_of(0, 0, 0, 0)
    assert (shares.typed, shares.pasted, shares.external) == (0.0, 0.0, 0.0)


def test_a_typed_rewrite_is_not_flagged_and_a_pasted_one_is_flagged_for_a_look() -> None:
    final = "x" * 400
    typed = summarise_effort([recorded(typed_chars=380, keystrokes=420), recorded(1, typed_chars=30)], final)
    assert typed.status is RecordingStatus.RECORDED and typed.shares is not None
    assert typed.shares.typed >= 0.9 and not typed.needs_a_look and typed.flag_sentence() is None
    assert typed.keystrokes == 420 and typed.sessions == 2
    pasted = summarise_effort(
        [recorded(pasted_chars=380, paste_events=2, largest_paste_chars=300, typed_chars=20)], final
    )
    assert pasted.shares is not None and pasted.shares.pasted == 0.95
    assert pasted.needs_a_look and pasted.largest_paste_chars == 300
    sentence = pasted.flag_sentence()
    assert sentence is not None and "95%" in sentence and "never a reason to reject" in sentence


def test_exactly_half_pasted_is_not_flagged() -> None:
    half = summarise_effort([recorded(pasted_chars=50, typed_chars=50)], "x" * 100)
    assert half.shares is not None and half.shares.pasted == PASTED_SHARE_FOR_A_LOOK
    assert not half.needs_a_look


def test_dictation_is_external_input_not_typing() -> None:
    signals = summarise_effort([recorded(external_chars=90, typed_chars=10)], "y" * 100)
    assert signals.shares is not None
    assert (signals.shares.external, signals.shares.typed) == (0.9, 0.1) and not signals.needs_a_look
    assert EXTERNAL_INPUT == "external input"


def test_largest_paste_and_longest_gap_are_the_largest_of_any_sitting() -> None:
    signals = summarise_effort(
        [
            recorded(largest_paste_chars=40, longest_idle_seconds=12.0, undo_count=2),
            recorded(1, largest_paste_chars=25, longest_idle_seconds=80.5, undo_count=3),
        ],
        "z",
    )
    assert (signals.largest_paste_chars, signals.longest_idle_seconds, signals.undo_count) == (40, 80.5, 5)


def test_a_sitting_without_counts_makes_the_whole_partly_recorded() -> None:
    unrecorded = sitting("t", START, 60, 30, n=9)
    signals = summarise_effort([recorded(typed_chars=10), unrecorded], "x" * 10)
    assert signals.status is RecordingStatus.PARTLY_RECORDED and signals.status == "partly recorded"
    assert (signals.recorded_sessions, signals.sessions) == (1, 2)
    assert signals.typed_chars is None and signals.shares is None and not signals.needs_a_look
    nothing = summarise_effort([unrecorded], "x")
    assert nothing.status == "not recorded" and nothing.keystrokes is None
    assert summarise_effort([], "x").status is RecordingStatus.NOT_RECORDED


def test_the_record_form_says_not_recorded_with_nulls_never_zeros() -> None:
    signals = summarise_effort([recorded(typed_chars=2, pasted_chars=1)], "abc")
    record = signals.as_record()
    assert record["status"] == "recorded" and record["typed_share"] == 0.667
    assert record["pasted_share"] == 0.333 and record["for_a_look"] is False
    assert set(EFFORT_FIELDS) <= set(record)
    unrecorded = summarise_effort([sitting("t", START, 60, 30)], "abc").as_record()
    assert unrecorded["status"] == "not recorded" and unrecorded["pasted_share"] is None
    assert all(unrecorded[name] is None for name in EFFORT_FIELDS)
