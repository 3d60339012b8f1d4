"""The "look at first" list: which items are on it and what the reasons say."""

from __future__ import annotations

import pytest

from tests.core.review.batch_factory import make_item
from workstation.core.review.triage import (
    MIN_SECONDS_PER_100_WORDS,
    OutlierReason,
    edit_rate_fence,
    triage,
)


def _batch(*extra: object) -> list:
    """Ten ordinary items (edit rates 20–38%, two minutes per 100 words, few lint hits) plus ``extra``."""
    ordinary = [
        make_item(
            f"ok{n}", edit_rate=0.2 + 0.02 * n, findings_before=2, findings_after=1, active_seconds=240.0
        )
        for n in range(10)
    ]
    return ordinary + list(extra)


def _reasons(entries: list, item_id: str) -> dict[OutlierReason, str]:
    found = {entry.item_id: entry for entry in entries}
    return {reason.kind: reason.text for reason in found[item_id].reasons} if item_id in found else {}


def test_ordinary_items_are_not_listed() -> None:
    assert triage(_batch()) == []


def test_an_unchanged_item_is_near_zero_edits_with_its_length() -> None:
    entries = triage(_batch(make_item("same", edit_rate=0.0, words_original=250, findings_before=0)))
    reasons = _reasons(entries, "same")
    assert reasons == {OutlierReason.NEAR_ZERO_EDITS: "Near-zero edits: no word changed in 250 words."}


def test_a_short_original_is_not_called_near_zero_edits() -> None:
    assert (
        _reasons(
            triage(_batch(make_item("tiny", edit_rate=0.0, words_original=5, findings_before=0))), "tiny"
        )
        == {}
    )


def test_an_edit_rate_far_above_the_batch_names_the_median_and_the_fence() -> None:
    entries = triage(_batch(make_item("wild", edit_rate=0.95, active_seconds=600.0)))
    text = _reasons(entries, "wild")[OutlierReason.EDIT_RATE_FAR_ABOVE]
    fence = edit_rate_fence(_batch(make_item("wild", edit_rate=0.95)))
    assert fence is not None and 0.38 < fence < 0.95
    assert text.startswith("Edit rate 95% is far above the batch: its median is 30%")
    assert "(Q3 + 3 × IQR)" in text


def test_a_small_batch_lists_no_edit_rate_outliers() -> None:
    items = [make_item(str(n), edit_rate=0.2) for n in range(5)] + [make_item("wild", edit_rate=1.5)]
    assert edit_rate_fence(items) is None
    assert OutlierReason.EDIT_RATE_FAR_ABOVE not in _reasons(triage(items), "wild")


def test_alike_rates_do_not_list_an_item_a_hair_above_them() -> None:
    items = [make_item(str(n), edit_rate=0.3) for n in range(20)] + [make_item("hair", edit_rate=0.36)]
    assert triage(items) == []


def test_too_little_time_for_the_length_says_how_long_reading_takes() -> None:
    fast = make_item("fast", words_original=300, words_rewrite=300, active_seconds=12.0)
    text = _reasons(triage(_batch(fast)), "fast")[OutlierReason.TOO_FAST]
    assert text == (
        "Too fast: 12 s of active time for 300 words (4.0 s per 100 words); "
        "reading them once at 300 words a minute takes 60 s."
    )


def test_the_time_floor_is_reading_once_at_300_words_a_minute() -> None:
    assert MIN_SECONDS_PER_100_WORDS == 20.0
    at_floor = make_item("floor", words_rewrite=100, active_seconds=20.0)
    empty = make_item("empty", words_rewrite=0, active_seconds=0.0, edit_rate=1.0, findings_before=0)
    entries = triage(_batch(at_floor, empty))
    assert OutlierReason.TOO_FAST not in _reasons(entries, "floor")
    assert OutlierReason.TOO_FAST not in _reasons(entries, "empty")


def test_lint_hits_gone_with_few_words_changed_is_cosmetic() -> None:
    slop = make_item("slop", edit_rate=0.06, findings_before=9, findings_after=1)
    text = _reasons(triage(_batch(slop)), "slop")[OutlierReason.COSMETIC_DESLOPPING]
    assert text == (
        "Cosmetic de-slopping: robotic-pattern findings fell from 9 to 1 "
        "while only 6.0% of the words changed."
    )


def test_a_real_rewrite_that_removed_lint_is_not_cosmetic() -> None:
    real = make_item("real", edit_rate=0.45, findings_before=9, findings_after=0)
    small_drop = make_item("small", edit_rate=0.05, findings_before=4, findings_after=2)
    entries = triage(_batch(real, small_drop))
    assert _reasons(entries, "real") == {} and _reasons(entries, "small") == {}


def test_items_with_more_reasons_come_first_and_kinds_filter() -> None:
    both = make_item("both", edit_rate=0.01, findings_before=8, findings_after=0, active_seconds=5.0)
    one = make_item("one", edit_rate=0.3, active_seconds=5.0)
    entries = triage(_batch(one, both))
    assert [entry.item_id for entry in entries] == ["both", "one"]
    assert entries[0].kinds == {
        OutlierReason.NEAR_ZERO_EDITS,
        OutlierReason.TOO_FAST,
        OutlierReason.COSMETIC_DESLOPPING,
    }
    assert [e.item_id for e in entries if OutlierReason.TOO_FAST in e.kinds] == ["both", "one"]
    assert OutlierReason("too-fast").label == "Too fast for the length"


def test_with_as_many_reasons_the_furthest_out_comes_first() -> None:
    # both too fast only; "crawl" is just under the 20 s reading time, "dash" far under it
    crawl = make_item("crawl", edit_rate=0.3, active_seconds=38.0)  # 19 s per 100 words
    dash = make_item("dash", edit_rate=0.3, active_seconds=4.0)  # 2 s per 100 words
    entries = triage(_batch(crawl, dash))
    assert [entry.item_id for entry in entries] == ["dash", "crawl"]
    assert entries[0].severity == pytest.approx(0.9) and entries[1].severity == pytest.approx(0.05)
    untouched = make_item("zero", edit_rate=0.0, findings_before=0)
    assert triage(_batch(untouched))[0].reasons[0].margin == 1.0


def test_a_mostly_pasted_rewrite_is_listed_for_a_look_never_for_rejection() -> None:
    entries = triage(_batch(make_item("pasted", pasted_share=0.8), make_item("half", pasted_share=0.5)))
    reasons = _reasons(entries, "pasted")
    assert list(reasons) == [OutlierReason.MOSTLY_PASTED]
    text = reasons[OutlierReason.MOSTLY_PASTED]
    assert "80%" in text and "never a reason to reject" in text
    assert _reasons(entries, "half") == {}  # the threshold is "over half", not "half"
    assert OutlierReason.MOSTLY_PASTED.label == "Mostly pasted (for a look)"


def test_signals_not_recorded_never_list_an_item_as_pasted() -> None:
    assert triage(_batch(make_item("unknown", pasted_share=None))) == []
