"""The batch summary: what each group's charts and figures say about its items."""

from __future__ import annotations

import pytest

from tests.core.review.batch_factory import make_item, make_verdict, sample_batch
from workstation.core.review.batch import NO_MODEL_LABEL, GroupBy, ItemVerdict, batch_summary
from workstation.core.review.distribution import EDIT_RATE, SECONDS_PER_100_WORDS, distribution


def test_groups_by_model_with_their_own_distributions() -> None:
    items = [
        make_item("a1", model="model-a", edit_rate=0.1),
        make_item("a2", model="model-a", edit_rate=0.2),
        make_item("a3", model="model-a", edit_rate=0.6),
        make_item("b1", model="model-b", edit_rate=0.0),
        make_item("n1", model=None, edit_rate=0.95),
    ]
    summary = batch_summary(items, [], by="model")
    assert [group.label for group in summary.groups] == [NO_MODEL_LABEL, "model-a", "model-b"]
    model_a = summary.groups[1]
    assert model_a.items == 3
    rate = model_a.edit_rate
    assert (rate.count, rate.minimum, rate.median, rate.maximum) == (3, 0.1, 0.2, 0.6)
    assert rate.mean == pytest.approx(0.3)
    assert rate.q1 == pytest.approx(0.15) and rate.q3 == pytest.approx(0.4)
    assert rate.histogram == (0, 1, 1, 0, 0, 0, 1, 0, 0, 0)
    assert summary.overall.items == 5 and sum(summary.overall.edit_rate.histogram) == 5
    assert summary.groups[0].key == "" and summary.groups[2].unchanged == 1


def test_groups_by_writer_and_by_bundle() -> None:
    items = [
        make_item("1", writer="alice", bundle="x"),
        make_item("2", writer="alice", bundle="y"),
        make_item("3", writer="bob", bundle="z"),
    ]
    by_writer = batch_summary(items, [], by=GroupBy.WRITER)
    assert [(group.label, group.items) for group in by_writer.groups] == [("alice", 2), ("bob", 1)]
    by_bundle = batch_summary(items, [], by="bundle")
    assert [group.items for group in by_bundle.groups] == [1, 1, 1]
    assert all(group.label.startswith(("alice · ", "bob · ")) for group in by_bundle.groups)
    assert len({group.key for group in by_bundle.groups}) == 3


def test_unknown_grouping_is_refused() -> None:
    with pytest.raises(ValueError):
        batch_summary([make_item("1")], [], by="colour")


def test_time_per_100_words_leaves_out_empty_rewrites_and_says_how_many() -> None:
    items = [
        make_item("1", words_rewrite=200, active_seconds=100.0),
        make_item("2", words_rewrite=0, active_seconds=50.0),
    ]
    time = batch_summary(items, []).overall.seconds_per_100_words
    assert (time.count, time.missing, time.median) == (1, 1, 50.0)


def test_an_empty_batch_has_no_statistics_but_all_bins() -> None:
    summary = batch_summary([], [])
    assert summary.groups == ()
    assert summary.overall.edit_rate.mean is None and summary.overall.edit_rate.histogram == (0,) * 10
    assert summary.agreement.share_agreeing is None


def test_histogram_bins_are_fixed_and_the_last_is_open() -> None:
    rates = distribution(EDIT_RATE, [0.0, 0.05, 0.1, 0.99, 1.0, 3.5])
    assert rates.histogram == (2, 1, 0, 0, 0, 0, 0, 0, 0, 3)
    assert EDIT_RATE.bin_label(0) == "0%–10%" and EDIT_RATE.bin_label(9) == "90% and over"
    assert SECONDS_PER_100_WORDS.bin_label(9) == "270 s and over"


def test_only_each_reviewers_latest_verdict_counts() -> None:
    item, other = make_item("1"), make_item("2")
    verdicts = [
        make_verdict(item, "reject", reviewer="rita", at="2025-03-01T10:00:00.000Z"),
        make_verdict(item, "accept", reviewer="rita", at="2025-03-01T11:00:00.000Z"),
        make_verdict(item, "revise", reviewer="sam", at="2025-03-01T09:00:00.000Z"),
        make_verdict("not-in-batch", "reject", reviewer="sam"),
    ]
    overall = batch_summary([item, other], verdicts).overall
    judgements = overall.judgements
    assert (judgements.accept, judgements.revise, judgements.reject, judgements.total) == (1, 1, 0, 2)
    # rita's latest (accept) and sam's (revise) differ: one item whose reviewers disagree
    counts = overall.verdicts
    assert (counts.accepted, counts.revise, counts.rejected, counts.disagree, counts.not_reviewed) == (
        0,
        0,
        0,
        1,
        1,
    )
    assert counts.items == overall.items == 2


def test_items_are_counted_by_verdict_state_and_sum_to_the_items() -> None:
    items = [make_item(name) for name in ("acc", "rev", "rej", "split", "none", "both-reject")]
    verdicts = [
        make_verdict("acc", "accept", reviewer="rita"),
        make_verdict("acc", "accept", reviewer="sam"),
        make_verdict("rev", "revise", reviewer="rita"),
        make_verdict("rej", "reject", reviewer="sam"),
        make_verdict("split", "accept", reviewer="rita"),
        make_verdict("split", "reject", reviewer="sam"),
        make_verdict("both-reject", "reject", reviewer="rita"),
        make_verdict("both-reject", "reject", reviewer="sam"),
    ]
    overall = batch_summary(items, verdicts).overall
    counts = overall.verdicts
    assert {state: counts.of(state) for state in ItemVerdict} == {
        ItemVerdict.ACCEPTED: 1,
        ItemVerdict.REVISE: 1,
        ItemVerdict.REJECTED: 2,
        ItemVerdict.DISAGREE: 1,  # one reject does not outweigh an accept
        ItemVerdict.NOT_REVIEWED: 1,
    }
    assert counts.items == 6
    # eight judgements on six items: the per-item counts are not the judgement counts
    assert overall.judgements.total == 8 and overall.judgements.reject == 4


def test_accepted_unchanged_needs_no_edits_and_every_reviewer_accepting() -> None:
    kept_accepted = make_item("1", edit_rate=0.0)
    kept_split = make_item("2", edit_rate=0.0)
    kept_unjudged = make_item("3", edit_rate=0.0)
    edited_accepted = make_item("4", edit_rate=0.2)
    verdicts = [
        make_verdict(kept_accepted, "accept"),
        make_verdict(kept_split, "accept", reviewer="rita"),
        make_verdict(kept_split, "reject", reviewer="sam"),
        make_verdict(edited_accepted, "accept"),
    ]
    overall = batch_summary([kept_accepted, kept_split, kept_unjudged, edited_accepted], verdicts).overall
    assert (overall.unchanged, overall.accepted_unchanged) == (3, 1)


def test_the_sample_batch_tells_unchanged_from_accepted_unchanged() -> None:
    items, verdicts = sample_batch()
    groups = {group.label: group for group in batch_summary(items, verdicts).groups}
    # llama-3's unchanged item was sent back for revision, gpt-4o's was accepted by both
    assert (groups["llama-3"].unchanged, groups["llama-3"].accepted_unchanged) == (1, 0)
    assert (groups["gpt-4o"].unchanged, groups["gpt-4o"].accepted_unchanged) == (1, 1)


def test_whiskers_reach_one_and_a_half_iqr_and_the_rest_are_outliers() -> None:
    # Q1 = 2, Q3 = 4 (inclusive quartiles of 1..5 with extremes added below), IQR 2: fences -1 and 7
    values = [-5.0, 1.0, 2.0, 2.0, 3.0, 4.0, 4.0, 6.5, 40.0]
    shown = distribution(SECONDS_PER_100_WORDS, values)
    assert (shown.q1, shown.q3) == (2.0, 4.0)
    assert (shown.whisker_low, shown.whisker_high) == (1.0, 6.5)
    assert shown.outliers == (-5.0, 40.0)
    assert (shown.minimum, shown.maximum) == (-5.0, 40.0)


def test_whiskers_of_alike_values_have_no_outliers() -> None:
    shown = distribution(EDIT_RATE, [0.3, 0.3, 0.3])
    assert (shown.whisker_low, shown.whisker_high, shown.outliers) == (0.3, 0.3, ())
    single = distribution(EDIT_RATE, [0.7])
    assert (single.whisker_low, single.whisker_high, single.outliers) == (0.7, 0.7, ())
