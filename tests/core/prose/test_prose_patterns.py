"""Safety of rule patterns: RE2 first, a time-limited fallback, refusal with a reason, no hangs."""

from __future__ import annotations

import time

import pytest

from workstation.core.prose import patterns
from workstation.core.prose.engine import Linter
from workstation.core.prose.fallback_budget import FallbackBudget
from workstation.core.prose.patterns import EncodedText, PatternError, PatternTimeout, compile_pattern

LOOKAHEAD_RULE = """
    extends: existence
    message: "'%s' before bar"
    nonword: true
    tokens: ['foo(?=bar)']
"""
BACKREFERENCE_RULE = """
    extends: existence
    message: "doubled '%s'"
    tokens: ['(\\w+) \\1']
"""
# Exponential for a backtracking engine: each extra "a" doubles the work.
PATHOLOGICAL_FALLBACK_RULE = """
    extends: existence
    message: "'%s'"
    nonword: true
    tokens: ['(?=(a|aa)+b)a']
"""


def test_plain_patterns_run_on_re2() -> None:
    assert compile_pattern(r"\bdelve\b").engine == "re2"


def test_re2_runs_catastrophic_backtracking_shapes_in_linear_time() -> None:
    pattern = compile_pattern(r"(a+)+$|(x+x+)+y|(\w+\s?)*!")
    text = EncodedText("a" * 50_000 + "b " + "x" * 50_000 + " " + "word " * 10_000)
    started = time.perf_counter()
    pattern.matches(text)
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize("rule", [LOOKAHEAD_RULE, BACKREFERENCE_RULE])
def test_re2_incompatible_pattern_falls_back_with_a_notice(make_style, rule: str) -> None:
    pack = make_style(Rule=rule)
    (notice,) = pack.errors
    assert not notice.skipped
    assert "RE2 cannot run" in notice.problem and "time limit" in notice.problem
    assert pack.rules[0].uses_fallback


def test_fallback_rules_still_find_matches(make_style) -> None:
    pack = make_style(Look=LOOKAHEAD_RULE, Back=BACKREFERENCE_RULE)
    findings = Linter(pack).lint("foobar and food; the the end")
    assert [(f.rule, f.matched) for f in findings] == [("Test.Look", "foo"), ("Test.Back", "the the")]


def test_fallback_can_be_refused(make_style) -> None:
    pack = make_style(Rule=LOOKAHEAD_RULE, allow_fallback=False)
    (issue,) = pack.errors
    assert issue.skipped
    assert "RE2 cannot run this pattern" in issue.problem and "turned off" in issue.problem
    assert pack.rules == ()


def test_without_the_fallback_engine_the_rule_is_refused_with_a_reason(make_style, monkeypatch) -> None:
    monkeypatch.setattr(patterns, "_fallback_regex", None)
    assert not patterns.fallback_available()
    pack = make_style(Rule=BACKREFERENCE_RULE)
    (issue,) = pack.errors
    assert issue.skipped
    assert "no fallback engine installed" in issue.problem


def test_invalid_for_both_engines_is_refused() -> None:
    with pytest.raises(PatternError, match="invalid regular expression"):
        compile_pattern("(?<=a+)b[")


def test_pathological_fallback_pattern_is_stopped_and_switched_off(make_style) -> None:
    pack = make_style(
        Slow=PATHOLOGICAL_FALLBACK_RULE,
        Good="""
        extends: existence
        message: "'%s'"
        tokens: [delve]
    """,
    )
    linter = Linter(pack, budget=FallbackBudget.fixed(0.05))
    text = "We delve. " + "a" * 60
    started = time.perf_counter()
    report = linter.lint_report(text)
    assert time.perf_counter() - started < 2.0
    assert [f.rule for f in report.findings] == ["Test.Good"]  # the other rules still ran
    assert report.problems == ("Test.Slow: this rule was switched off on this text (pattern too slow)",)
    assert linter.problems == report.problems
    # Next keystroke: the pattern is not tried again on this text, so there is no second wait,
    # and the writer is still told that the rule is off.
    started = time.perf_counter()
    again = linter.lint_report(text)
    assert time.perf_counter() - started < 0.05
    assert again.problems == report.problems
    # A shorter text tries it again, under its own budget.
    assert linter.lint_report("We delve. aab").problems == ()


def test_fallback_timeout_surfaces_as_pattern_timeout() -> None:
    pattern = compile_pattern("(?=(a|aa)+b)a")
    with pytest.raises(PatternTimeout, match="ran longer than"):
        pattern.matches(EncodedText("a" * 60), budget_s=0.02)


def test_encoded_text_converts_byte_offsets_to_code_points() -> None:
    text = "a😀bé中c"
    encoded = EncodedText(text)
    assert not encoded.is_ascii
    for index in range(len(text) + 1):
        byte_offset = len(text[:index].encode("utf-8"))
        assert encoded.char_offset(byte_offset) == index
        assert encoded.to_bytes(index) == byte_offset


def test_ascii_text_converts_by_identity() -> None:
    encoded = EncodedText("plain text")
    assert encoded.is_ascii
    assert encoded.char_offset(5) == 5


def test_patterns_that_match_empty_never_split_a_character(lint_with) -> None:
    # RE2's binding steps one byte past an empty match, into the middle of an emoji's bytes.
    assert compile_pattern("x*").matches(EncodedText("a😀b")) == [(0, 0), (1, 1), (2, 2), (3, 3)]
    assert [(m.start, m.end) for m in compile_pattern(r"\C").matches(EncodedText("a😀b"))] == [(0, 1), (2, 3)]
    rule = "extends: occurrence\nmessage: '%d'\ntoken: 'x*'\nmax: 1\nscope: sentence\n"
    assert lint_with(rule, "a😀b é c") == []  # it raised UnicodeDecodeError, stopping the whole lint
