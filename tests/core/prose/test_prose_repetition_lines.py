"""The repetition rule remembers each line's repeats: a keystroke looks again only at its own line,
and what it remembers never changes what it finds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workstation.core.prose import rules
from workstation.core.prose.fallback_budget import DEFAULT_BUDGET, TrippedPatterns
from workstation.core.prose.lint_context import LintContext
from workstation.core.prose.rules import RepetitionRule, compile_rule
from workstation.core.prose.vale_style import RuleSpec


def _rule(maximum: int = 0) -> RepetitionRule:
    spec = RuleSpec(
        name="Test.Repeat",
        category="repeat",
        kind="repetition",
        message="'%s' is repeated.",
        level="error",
        path="Repeat.yml",
        tokens=(r"[^\s]+",),
        ignorecase=True,
        alpha=True,
        max=maximum,
        exceptions=("(?i)had had",),
    )
    rule = compile_rule(spec)
    assert isinstance(rule, RepetitionRule)
    return rule


def _found(rule: RepetitionRule, text: str) -> list[tuple[int, int, str, str]]:
    context = LintContext(text, budget=DEFAULT_BUDGET, tripped=TrippedPatterns())
    return [(f.start, f.end, f.matched, f.message) for f in rule.run(context)]


def _counting_lines(rule: RepetitionRule, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    looked_at: list[str] = []
    real = RepetitionRule._split_repeats_in

    def counted(self: RepetitionRule, text: str, budget_s: float) -> list[tuple[int, int, str]]:
        looked_at.append(text)
        return real(self, text, budget_s)

    monkeypatch.setattr(RepetitionRule, "_split_repeats_in", counted)
    return looked_at


PARAGRAPHS = [
    "The the first paragraph has a slip.",
    "A second one is clean, and had had is good English.",
    "The third ends with with a slip.",
]


def test_a_keystroke_looks_again_only_at_its_line(monkeypatch: pytest.MonkeyPatch) -> None:
    rule = _rule()
    looked_at = _counting_lines(rule, monkeypatch)
    text = "\n\n".join(PARAGRAPHS)
    first = _found(rule, text)
    assert [matched for _, _, matched, _ in first] == ["The the", "with with"]
    assert looked_at == PARAGRAPHS

    looked_at.clear()
    edited = text.replace("second one", "second one one")
    found = _found(rule, edited)
    assert looked_at == ["A second one one is clean, and had had is good English."]
    assert [matched for _, _, matched, _ in found] == ["The the", "one one", "with with"]
    # The third paragraph's finding moved with the text typed before it.
    assert found[-1][0] == first[-1][0] + len(" one")
    assert edited[found[-1][0] : found[-1][1]] == "with with"


def test_a_repeat_across_a_line_break_is_still_not_reported() -> None:
    assert _found(_rule(), "It ends with the\nthe next line.") == []


def test_a_higher_max_still_counts_through_the_whole_text(monkeypatch: pytest.MonkeyPatch) -> None:
    # max 1 lets the first repeat pass and reports the next, even on another line (Vale's counter).
    rule = _rule(maximum=1)
    looked_at = _counting_lines(rule, monkeypatch)
    text = "the the one\nand and two"
    assert [matched for _, _, matched, _ in _found(rule, text)] == ["and and"]
    assert looked_at == [text]


def test_past_its_bound_the_rule_forgets_and_finds_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    long_line = "a long line line " * 2  # 34 characters: over an eighth of the bound, never kept
    text = "\n".join([*PARAGRAPHS, long_line])
    expected = _found(_rule(), text)
    monkeypatch.setattr(rules, "LINE_REPEATS_CHARS", 80)
    rule = _rule()
    looked_at = _counting_lines(rule, monkeypatch)
    assert _found(rule, text) == expected
    assert _found(rule, text) == expected
    assert looked_at.count(long_line) == 2
    assert rule._lines._chars <= 80


_LINES = st.sampled_from(["the the cat", "a dog", "", "  had had  ", "x x x", "Straße STRASSE", "end end."])


@settings(max_examples=200, deadline=None)
@given(first=st.lists(_LINES, max_size=8), second=st.lists(_LINES, max_size=8))
def test_what_it_remembers_never_changes_what_it_finds(first: list[str], second: list[str]) -> None:
    rule = _rule()
    _found(rule, "\n".join(first))
    text = "\n".join(second)
    assert _found(rule, text) == _found(_rule(), text)
