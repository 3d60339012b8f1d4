"""The repetition rule's C-speed path (tokens split at white space and a class's characters)
finds exactly what Vale's token-by-token loop finds on the same tokens, whatever the text, and
what it remembers of each line never changes that."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from workstation.core.prose import rules
from workstation.core.prose.fallback_budget import DEFAULT_BUDGET, TrippedPatterns
from workstation.core.prose.lint_context import LintContext
from workstation.core.prose.rules import RepetitionRule, compile_rule
from workstation.core.prose.vale_style import RuleSpec

# Words that repeat, differ only in case or fold alike (ß/SS), numbers, punctuation glued on,
# and every kind of space and line break the loop must treat as Vale does.
_PIECES = st.sampled_from(
    ["the", "The", "THE", "is", "straße", "STRASSE", "12", "that.", "That", "a!", "had", "Tiny"]
)
_GAPS = st.sampled_from([" ", "  ", "\t", "\n", "\u00a0", "\u2028", "\r\n", " . ", "! ", "\u3000"])


@st.composite
def texts(draw: st.DrawFn) -> str:
    words = draw(st.lists(_PIECES, max_size=40))
    gaps = draw(st.lists(_GAPS, min_size=len(words) + 1, max_size=len(words) + 1))
    return gaps[0].lstrip() + "".join(word + gap for word, gap in zip(words, gaps[1:], strict=True))


def _rule(
    token: str, ignorecase: bool, alpha: bool, maximum: int, exceptions: tuple[str, ...]
) -> RepetitionRule:
    spec = RuleSpec(
        name="Test.Repeat",
        category="repeat",
        kind="repetition",
        message="'%s' is repeated.",
        level="error",
        path="Repeat.yml",
        tokens=(token,),
        ignorecase=ignorecase,
        alpha=alpha,
        max=maximum,
        exceptions=exceptions,
    )
    rule = compile_rule(spec)
    assert isinstance(rule, RepetitionRule)
    return rule


def _token_by_token(rule: RepetitionRule, context: LintContext) -> list[tuple[int, int, str]]:
    assert rule._simple is not None
    spans = [(*match.span(), 0) for match in rule._simple.finditer(context.text)]
    return [(f.start, f.end, f.message) for f in rule._repeats(context, spans)]


@settings(max_examples=300, deadline=None)
@given(
    text=texts(),
    token=st.sampled_from([r"[^\s]+", r"[^\s.!?]+", r"[^\s.]+"]),
    ignorecase=st.booleans(),
    alpha=st.booleans(),
    maximum=st.integers(0, 2),
    exceptions=st.sampled_from([(), ("(?i)had had", "(?i)that that"), ("Tiny Tiny",)]),
    window=st.sampled_from([1, 3, 8, 10**6]),
)
@example(
    text="straße STRASSE",
    token=r"[^\s]+",
    ignorecase=True,
    alpha=True,
    maximum=0,
    exceptions=(),
    window=10**6,
)
@example(
    text="the the the the", token=r"[^\s]+", ignorecase=False, alpha=True, maximum=1, exceptions=(), window=1
)
def test_the_fast_path_finds_what_the_loop_finds(
    text: str,
    token: str,
    ignorecase: bool,
    alpha: bool,
    maximum: int,
    exceptions: tuple[str, ...],
    window: int,
) -> None:
    rule = _rule(token, ignorecase, alpha, maximum, exceptions)
    rule.window_chars = window  # a long text is split a window at a time: small ones here
    context = LintContext(text, budget=DEFAULT_BUDGET, tripped=TrippedPatterns())
    fast = [(f.start, f.end, f.message) for f in rule.run(context)]
    assert fast == _token_by_token(rule, context)


def test_a_cased_letter_in_the_class_keeps_the_loop_under_ignorecase() -> None:
    # "[^\sx]+" with ignorecase excludes "X" as well: splitting at "x" alone would be wrong.
    rule = _rule(r"[^\sx]+", ignorecase=True, alpha=False, maximum=0, exceptions=())
    context = LintContext("aXb aXb axb", budget=DEFAULT_BUDGET, tripped=TrippedPatterns())
    assert rule._splitter is None
    assert [(f.start, f.end, f.message) for f in rule.run(context)] == _token_by_token(rule, context)


# Each line's repeats are remembered: a keystroke looks again only at its own line, and what the
# rule remembers never changes what it finds.


def _line_rule(maximum: int = 0) -> RepetitionRule:
    return _rule(r"[^\s]+", ignorecase=True, alpha=True, maximum=maximum, exceptions=("(?i)had had",))


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
    rule = _line_rule()
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
    assert _found(_line_rule(), "It ends with the\nthe next line.") == []


def test_a_higher_max_still_counts_through_the_whole_text(monkeypatch: pytest.MonkeyPatch) -> None:
    # max 1 lets the first repeat pass and reports the next, even on another line (Vale's counter).
    rule = _line_rule(maximum=1)
    looked_at = _counting_lines(rule, monkeypatch)
    text = "the the one\nand and two"
    assert [matched for _, _, matched, _ in _found(rule, text)] == ["and and"]
    assert looked_at == [text]


def test_past_its_bound_the_rule_forgets_and_finds_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    long_line = "a long line line " * 2  # 34 characters: over an eighth of the bound, never kept
    text = "\n".join([*PARAGRAPHS, long_line])
    expected = _found(_line_rule(), text)
    monkeypatch.setattr(rules, "LINE_REPEATS_CHARS", 80)
    rule = _line_rule()
    looked_at = _counting_lines(rule, monkeypatch)
    assert _found(rule, text) == expected
    assert _found(rule, text) == expected
    assert looked_at.count(long_line) == 2
    assert rule._lines.chars <= 80


_LINES = st.sampled_from(["the the cat", "a dog", "", "  had had  ", "x x x", "Straße STRASSE", "end end."])


@settings(max_examples=200, deadline=None)
@given(first=st.lists(_LINES, max_size=8), second=st.lists(_LINES, max_size=8))
def test_what_it_remembers_never_changes_what_it_finds(first: list[str], second: list[str]) -> None:
    rule = _line_rule()
    _found(rule, "\n".join(first))
    text = "\n".join(second)
    assert _found(rule, text) == _found(_line_rule(), text)
