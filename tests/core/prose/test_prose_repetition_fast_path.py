"""The repetition rule's C-speed path (tokens split at white space and a class's characters)
finds exactly what Vale's token-by-token loop finds on the same tokens, whatever the text."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

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
