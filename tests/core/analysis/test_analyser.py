"""The editor's one-pass analysis: diff, lint, metrics and spelling agree with their parts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.spelling_dictionaries import checker_for
from workstation.core.analysis.analyser import Analyser, ParagraphSpellCache, analyse, rewrite_metrics
from workstation.core.prose.engine import Linter
from workstation.core.prose.spelling import SpellChecker
from workstation.core.prose.style_pack import default_style_pack

ORIGINAL = "Certainly! Let's delve into the tapestry of tea.\n\nIt's important to note that tea is grate."
REWRITE = "Tea is dried leaves in hot water.\n\nIt's important to note that tea is grate and teh best."


@pytest.fixture(scope="module")
def checker() -> SpellChecker:
    return checker_for("en-US")


def test_analysis_combines_diff_lint_metrics_and_spelling(checker: SpellChecker) -> None:
    linter = Linter(default_style_pack())
    result = analyse(ORIGINAL, REWRITE, linter, spelling=checker)
    assert result.comparison.metrics.words_added > 0
    assert any(f.matched.lower() == "delve" for f in result.original.findings)
    assert result.rewrite.metrics.findings == len(result.rewrite.findings)
    assert [m.word for m in result.misspelled] == ["teh"]
    record = result.metrics_record()
    assert set(record) == {"edit", "original", "rewrite", "sentences"}
    assert 0 < record["sentences"]["touched_share"] <= 1


def test_analyser_reuses_the_original_report_while_the_rewrite_changes(checker: SpellChecker) -> None:
    analyser = Analyser(Linter(default_style_pack()), checker)
    first = analyser.analyse(ORIGINAL, REWRITE)
    second = analyser.analyse(ORIGINAL, REWRITE + " More.")
    assert second.original is first.original
    assert analyser.analyse(ORIGINAL + "!", REWRITE).original is not first.original


words = st.sampled_from(["tea", "teh", "kettle", "Zorblax", "brew", "naïve", "don't", "—", "3.14", "x"])
lines = st.lists(words, max_size=8).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(st.lists(lines, max_size=6).map("\n".join))
def test_paragraph_cache_matches_checking_the_whole_text(text: str) -> None:
    checker = _CHECKER
    cache = ParagraphSpellCache(checker)
    assert cache.misspelled_spans(text) == checker.misspelled_spans(text)
    assert cache.misspelled_spans(text) == checker.misspelled_spans(text)  # from the cache


_CHECKER = checker_for("en-US")


def test_metrics_are_those_of_the_text_as_the_editor_holds_it() -> None:
    linter = Linter(default_style_pack())
    windows = "First line.\r\nSecond line.\r\n\r\nA new paragraph\u2028with a break."
    editor = "First line.\nSecond line.\n\nA new paragraph\nwith a break."
    assert rewrite_metrics(windows, windows, linter) == rewrite_metrics(editor, editor, linter)
    assert rewrite_metrics(windows, editor, linter)["edit"]["word_edit_rate"] == 0.0


@settings(max_examples=80, deadline=None)
@given(st.lists(lines, max_size=6).map("\n".join), st.data())
def test_paragraph_cache_matches_the_whole_text_with_task_words_and_skipped_spans(
    text: str, data: st.DataObject
) -> None:
    """Skipped spans may cross line breaks (a Markdown code block); each line sees its part."""
    bounds = st.integers(min_value=0, max_value=len(text))
    spans = data.draw(st.lists(st.tuples(bounds, bounds).map(sorted).map(tuple), max_size=4))
    options = {"accepted": frozenset({"zorblax"}), "task_words": frozenset({"teh", "brew"})}
    cache = ParagraphSpellCache(_CHECKER, options["accepted"], options["task_words"])
    expected = _CHECKER.misspelled_spans(text, skipped=spans, **options)
    assert cache.misspelled_spans(text, skipped=spans) == expected
    assert cache.misspelled_spans(text, skipped=spans) == expected  # from the cache


def test_the_analyser_checks_with_the_task_words_and_skips_markdown_code(checker: SpellChecker) -> None:
    analyser = Analyser(Linter(default_style_pack()), checker)
    rewrite = "Zorblax said teh `kubectl fixx` is Quorvane, see [docs](https://exmple.test/fixx)."
    assert [m.word for m in analyser.analyse(ORIGINAL, rewrite).misspelled] == ["Zorblax", "teh", "Quorvane"]
    analyser.set_task_words(frozenset({"zorblax", "teh"}), ignored=frozenset({"quorvane"}))
    assert [m.word for m in analyser.analyse(ORIGINAL, rewrite).misspelled] == ["teh"]


def test_a_plain_text_linter_spells_code_too_and_the_hook_can_be_replaced(checker: SpellChecker) -> None:
    analyser = Analyser(Linter(default_style_pack(), markdown=False), checker)
    rewrite = "Zorblax said `kubectl fixx`."
    assert [m.word for m in analyser.analyse(ORIGINAL, rewrite).misspelled] == ["Zorblax", "kubectl", "fixx"]
    analyser.spelling_skips = lambda text: [(0, len("Zorblax"))]
    assert [m.word for m in analyser.analyse(ORIGINAL, rewrite).misspelled] == ["kubectl", "fixx"]


def test_marks_ahead_of_the_metrics_are_the_findings_of_the_whole_analysis(checker: SpellChecker) -> None:
    analyser = Analyser(Linter(default_style_pack()), checker)
    marks = analyser.marks(ORIGINAL, REWRITE)
    whole = analyser.analyse(ORIGINAL, REWRITE, marks=marks)
    fresh = Analyser(Linter(default_style_pack()), checker).analyse(ORIGINAL, REWRITE)
    assert (marks.original, marks.rewrite, marks.misspelled) == (
        fresh.original.findings,
        fresh.rewrite.findings,
        fresh.misspelled,
    )
    assert whole.rewrite.metrics == fresh.rewrite.metrics
    assert whole.metrics_record() == fresh.metrics_record()


def test_a_linter_switched_meanwhile_never_gets_the_old_ones_findings_of_the_original() -> None:
    analyser = Analyser(Linter(default_style_pack()))
    assert analyser.marks(ORIGINAL, REWRITE).original  # "delve", "tapestry"…
    everything_off = Linter(default_style_pack(), {c.name for c in default_style_pack().categories})
    analyser.set_linter(everything_off)
    # As a worker that began with the old linter leaves it once the new one is set:
    analyser._original_findings = (Linter(default_style_pack()), ORIGINAL, ("stale",))  # type: ignore[assignment]
    assert analyser.marks(ORIGINAL, REWRITE).original == ()
    assert analyser.analyse(ORIGINAL, REWRITE).original.findings == ()
