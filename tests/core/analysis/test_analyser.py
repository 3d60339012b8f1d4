"""The editor's one-pass analysis: diff, lint, metrics and spelling agree with their parts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workstation.core.analysis.analyser import Analyser, ParagraphSpellCache, analyse, rewrite_metrics
from workstation.core.prose.engine import Linter
from workstation.core.prose.spelling import SpellChecker
from workstation.core.prose.style_pack import default_style_pack

ORIGINAL = "Certainly! Let's delve into the tapestry of tea.\n\nIt's important to note that tea is grate."
REWRITE = "Tea is dried leaves in hot water.\n\nIt's important to note that tea is grate and teh best."


@pytest.fixture(scope="module")
def checker() -> SpellChecker:
    return SpellChecker()


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


_CHECKER = SpellChecker()


def test_metrics_are_those_of_the_text_as_the_editor_holds_it() -> None:
    linter = Linter(default_style_pack())
    windows = "First line.\r\nSecond line.\r\n\r\nA new paragraph\u2028with a break."
    editor = "First line.\nSecond line.\n\nA new paragraph\nwith a break."
    assert rewrite_metrics(windows, windows, linter) == rewrite_metrics(editor, editor, linter)
    assert rewrite_metrics(windows, editor, linter)["edit"]["word_edit_rate"] == 0.0
