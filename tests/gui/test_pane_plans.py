"""The original pane's diff layer is cut again only when what the original loses moved: whatever
the writer types, the plan made that way is the plan made from scratch."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from workstation.core.analysis.comparison import compare
from workstation.core.text.line_spans import TextLines
from workstation.gui.compare.pane_plans import OriginalPlans, plan_diff

ORIGINAL = (
    "The committee met on Tuesday to discuss the budget.\n\n"
    "It is worth noting that the results were, in many ways, quite remarkable — and surprising.\n\n"
    "Café owners said the new rules would change everything for the small shops on the square."
)
REWRITE = (
    "The committee met on Tuesday about the budget.\n\n"
    "The results surprised everyone.\n\n"
    "Café owners said the rules would change everything for the shops on the square."
)


def _planned(plans: OriginalPlans, original: TextLines, rewrite: str):  # type: ignore[no-untyped-def]
    return plans.diff(compare(original.text, rewrite), original, TextLines(rewrite))


def test_a_keystroke_that_moves_nothing_the_original_lost_keeps_its_layer() -> None:
    plans, original = OriginalPlans(), TextLines(ORIGINAL)
    first = _planned(plans, original, REWRITE)
    typed = REWRITE.replace("everyone.", "everyone here.")
    second = _planned(plans, original, typed)
    assert second.deleted is first.deleted
    fresh = plan_diff(compare(ORIGINAL, typed), original, TextLines(typed))
    assert second.deleted == fresh.deleted and second.inserted == fresh.inserted


def test_restoring_a_deleted_word_cuts_the_original_layer_again() -> None:
    plans, original = OriginalPlans(), TextLines(ORIGINAL)
    first = _planned(plans, original, REWRITE)
    restored = REWRITE.replace("the shops", "the small shops")
    second = _planned(plans, original, restored)
    assert second.deleted != first.deleted
    assert second.deleted == plan_diff(compare(ORIGINAL, restored), original, TextLines(restored)).deleted


def test_another_task_with_the_same_spans_is_cut_for_its_own_lines() -> None:
    plans = OriginalPlans()
    first = _planned(plans, TextLines(ORIGINAL), REWRITE)
    other = TextLines(ORIGINAL, soft_breaks=(ORIGINAL.index("\n"),))  # the same text, other blocks
    second = _planned(plans, other, REWRITE)
    assert second.deleted == plan_diff(compare(ORIGINAL, REWRITE), other, TextLines(REWRITE)).deleted
    assert second.deleted != first.deleted


_EDITS = st.lists(
    st.tuples(
        st.floats(0, 1),
        st.sampled_from(["", "x", " ", "small ", "quite ", "\n", "—", "é"]),
        st.integers(0, 6),
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(_EDITS)
def test_any_run_of_edits_plans_as_from_scratch(edits: list[tuple[float, str, int]]) -> None:
    plans, original = OriginalPlans(), TextLines(ORIGINAL)
    rewrite = REWRITE
    for where, inserted, removed in edits:
        at = int(where * len(rewrite))
        rewrite = rewrite[:at] + inserted + rewrite[at + removed :]
        planned = _planned(plans, original, rewrite)
        fresh = plan_diff(compare(ORIGINAL, rewrite), original, TextLines(rewrite))
        assert (planned.deleted, planned.inserted) == (fresh.deleted, fresh.inserted)
