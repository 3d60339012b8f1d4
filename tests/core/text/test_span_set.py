"""SpanSet: which span holds a position; merging and de-overlapping span lists."""

from __future__ import annotations

from workstation.core.text.span_set import SpanSet, merged, without_overlaps


def test_membership_is_half_open() -> None:
    spans = SpanSet([(2, 4), (6, 9)])
    assert [position for position in range(11) if position in spans] == [2, 3, 6, 7, 8]
    assert "3" not in spans
    assert 3 not in SpanSet([])


def test_index_holding_needs_the_whole_span_inside_one() -> None:
    spans = SpanSet([(2, 4), (6, 9)])
    assert spans.index_holding(6, 9) == 1
    assert spans.index_holding(3, 7) == -1
    assert spans.index_holding(0, 1) == -1
    assert spans.end_of(1) == 9


def test_merged_joins_overlaps_and_touching_and_drops_empty_spans() -> None:
    assert merged([(5, 9), (0, 2), (1, 3), (9, 9), (9, 12)]) == [(0, 3), (5, 12)]


def test_without_overlaps_keeps_the_first_of_overlapping_spans() -> None:
    assert without_overlaps([(5, 9), (0, 2), (1, 3), (4, 4), (9, 12)]) == [(0, 2), (5, 9), (9, 12)]
