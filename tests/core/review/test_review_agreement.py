"""Reviewer agreement: the share of doubly-judged items agreeing and Cohen's kappa."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.core.review.batch_factory import make_item, make_verdict
from workstation.core.models import VerdictKind
from workstation.core.review.agreement import agreement, cohens_kappa

_KINDS = st.sampled_from(list(VerdictKind))
_LABEL_PAIRS = st.lists(st.tuples(_KINDS, _KINDS), min_size=1, max_size=60)


@given(_LABEL_PAIRS)
def test_kappa_is_between_minus_one_and_one(pairs: list[tuple[VerdictKind, VerdictKind]]) -> None:
    kappa, expected = cohens_kappa(pairs)
    assert 0.0 <= expected <= 1.0
    assert kappa is None or -1.0 <= kappa <= 1.0


@given(_LABEL_PAIRS)
def test_kappa_does_not_depend_on_which_reviewer_is_first(
    pairs: list[tuple[VerdictKind, VerdictKind]],
) -> None:
    assert cohens_kappa(pairs) == cohens_kappa([(b, a) for a, b in pairs])


@given(st.lists(_KINDS, min_size=2, max_size=60).filter(lambda labels: len(set(labels)) > 1))
def test_identical_labels_with_variety_give_kappa_one(labels: list[VerdictKind]) -> None:
    assert cohens_kappa([(label, label) for label in labels])[0] == 1.0


def test_a_known_example() -> None:
    # 50 items: both accept 20, both reject 15, A accepts/B rejects 5, A rejects/B accepts 10.
    pairs = [("a", "a")] * 20 + [("r", "r")] * 15 + [("a", "r")] * 5 + [("r", "a")] * 10
    kappa, expected = cohens_kappa(pairs)
    assert expected == pytest.approx((25 * 30 + 25 * 20) / 2500)
    assert kappa == pytest.approx((0.7 - 0.5) / 0.5)


def test_one_verdict_for_everything_leaves_kappa_undefined_and_says_so() -> None:
    items = [make_item(str(n)) for n in range(4)]
    verdicts = [make_verdict(item, "accept", reviewer=who) for item in items for who in ("rita", "sam")]
    result = agreement(verdicts)
    assert (result.items_judged_by_several, result.items_agreeing, result.share_agreeing) == (4, 4, 1.0)
    assert result.kappa is None
    assert "undefined" in result.pairs[0].note and "agree on all of them" in result.pairs[0].note


def test_two_reviewers_share_and_kappa_use_latest_verdicts_only() -> None:
    one, two, three, alone = (make_item(name) for name in ("1", "2", "3", "alone"))
    verdicts = [
        make_verdict(one, "accept", reviewer="rita"),
        make_verdict(one, "accept", reviewer="sam"),
        make_verdict(two, "reject", reviewer="rita", at="2025-03-01T09:00:00.000Z"),
        make_verdict(two, "accept", reviewer="rita", at="2025-03-02T09:00:00.000Z"),  # changed her mind
        make_verdict(two, "accept", reviewer="sam"),
        make_verdict(three, "reject", reviewer="rita"),
        make_verdict(three, "accept", reviewer="sam"),
        make_verdict(alone, "revise", reviewer="rita"),
    ]
    result = agreement(verdicts)
    assert (result.items_judged_by_several, result.items_agreeing) == (3, 2)
    assert result.share_agreeing == pytest.approx(2 / 3)
    # rita: accept, accept, reject; sam: accept ×3 → p_o 2/3, p_e 2/3 … every sam label is accept.
    assert result.kappa == pytest.approx(0.0)
    assert result.summary.startswith("2 of 3 items judged by two or more reviewers got the same verdict")
    assert "rita and sam: 0.00 over 3 items" in result.summary


def test_three_reviewers_give_a_kappa_per_pair_and_none_overall() -> None:
    items = [make_item(str(n)) for n in range(3)]
    kinds = {
        "rita": ["accept", "reject", "accept"],
        "sam": ["accept", "reject", "reject"],
        "tom": ["reject"] * 3,
    }
    verdicts = [
        make_verdict(item, kinds[who][n], reviewer=who) for who in kinds for n, item in enumerate(items)
    ]
    result = agreement(verdicts)
    assert len(result.pairs) == 3 and result.kappa is None
    assert {(pair.first.name, pair.second.name) for pair in result.pairs} | {
        (pair.second.name, pair.first.name) for pair in result.pairs
    } >= {("rita", "sam"), ("sam", "tom"), ("rita", "tom")}
    assert result.items_agreeing == 1 and "each pair has its own kappa" in result.summary


def test_no_shared_items_means_nothing_to_compare() -> None:
    result = agreement(
        [make_verdict("1", "accept", reviewer="rita"), make_verdict("2", "reject", reviewer="sam")]
    )
    assert result.share_agreeing is None and result.pairs == () and result.kappa is None
    assert result.summary == "No item has been judged by two reviewers yet."


def test_kappa_is_trusted_from_the_minimum_of_shared_items() -> None:
    from workstation.core.review.agreement import MIN_ITEMS_FOR_KAPPA

    def judged(n: int) -> list:
        kinds = ["accept", "reject", "accept", "revise"]
        return [
            verdict
            for index in range(n)
            for verdict in (
                make_verdict(f"i{index}", kinds[index % 4], reviewer="rita"),
                make_verdict(f"i{index}", kinds[(index + index // 4) % 4], reviewer="sam"),
            )
        ]

    few = agreement(judged(MIN_ITEMS_FOR_KAPPA - 1))
    enough = agreement(judged(MIN_ITEMS_FOR_KAPPA))
    assert few.kappa is not None and not few.kappa_trusted and few.kappa_items == MIN_ITEMS_FOR_KAPPA - 1
    assert "too few items to trust" in few.summary
    assert enough.kappa is not None and enough.kappa_trusted and enough.kappa_items == MIN_ITEMS_FOR_KAPPA
    assert "too few" not in enough.summary and f"over {MIN_ITEMS_FOR_KAPPA} items" in enough.summary
