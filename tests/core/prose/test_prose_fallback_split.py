"""Only the alternatives RE2 refuses run on the fallback engine, under budgets that grow with the text.

Published styles put one look-ahead key among a hundred plain ones; the whole rule used to go to
the slow engine and, past its fixed 100 ms, lose every finding on a long text.
"""

from __future__ import annotations

import time

import pytest

from workstation.core.prose.engine import Linter
from workstation.core.prose.fallback_budget import DEFAULT_BUDGET, FallbackBudget
from workstation.core.prose.patterns import EncodedText, PatternError
from workstation.core.prose.rule_pattern import alternation_pattern

# Thirty plain keys and one with a look-ahead, like Microsoft.Wordiness's 119 and its one.
_PLAIN_KEYS = [f"wordy{index}" for index in range(30)]
WORDY_RULE = (
    "extends: substitution\n"
    "message: \"Use '%s' instead of '%s'.\"\n"
    "action:\n  name: replace\n"
    "ignorecase: true\n"
    "swap:\n"
    + "".join(f"  {key}: short{index}\n" for index, key in enumerate(_PLAIN_KEYS))
    + "  'all of (?!a sudden)': all\n"
)
# Exponential for a backtracking engine on a run of "a": each extra letter doubles the work.
SLOW_KEY_RULE = """
    extends: existence
    message: "'%s'"
    nonword: true
    tokens:
      - delve
      - '(?=(a|aa)+b)a'
"""


def _long_text(words: int) -> str:
    sentence = "The crew logged every reading by hand and checked the valves twice. "
    text = sentence * (words // 12)
    return "We wordy3 the plan. " + text + "All of them said wordy7, and all of a sudden it was over."


def test_only_the_look_around_key_runs_on_the_fallback(make_style) -> None:
    pack = make_style(Wordy=WORDY_RULE)
    (rule,) = pack.rules
    assert rule.pattern.engine == "mixed"
    assert [part.pattern.engine for part in rule.pattern.parts] == ["re2", "fallback"]
    assert rule.pattern.fallback_alternatives == 1
    (notice,) = pack.errors
    assert not notice.skipped
    assert "1 of its 31 alternatives run on the slower fallback engine" in notice.problem


def test_findings_of_both_engines_come_back_in_text_order(make_style) -> None:
    pack = make_style(Wordy=WORDY_RULE)
    findings = Linter(pack).lint("All of them wordy12. All of a sudden, wordy0.")
    assert [(f.matched, f.suggestions) for f in findings] == [
        ("All of", ("all",)),  # the key's trailing space is not part of what a fix replaces
        ("wordy12", ("short12",)),
        ("wordy0", ("short0",)),
    ]


def test_a_long_text_keeps_the_whole_rule(make_style) -> None:
    pack = make_style(Wordy=WORDY_RULE)
    text = _long_text(8000)
    report = Linter(pack).lint_report(text)
    assert report.problems == ()
    assert [f.matched for f in report.findings] == ["wordy3", "All of", "wordy7"]


def test_a_slow_key_loses_only_its_own_findings_and_says_so(make_style) -> None:
    pack = make_style(Slow=SLOW_KEY_RULE)
    text = "We delve. " + "a" * 40 + " and delve again. " + "Plain words here. " * 300
    linter = Linter(pack, budget=FallbackBudget.fixed(0.05))
    started = time.perf_counter()
    report = linter.lint_report(text)
    assert time.perf_counter() - started < 2.0
    assert [f.matched for f in report.findings] == ["delve", "delve"]  # the RE2 part still ran
    assert report.problems == (
        "Test.Slow: part of this rule was switched off on this text (pattern too slow)",
    )
    # The next pass over this text does not wait for the slow key again, and still says so.
    started = time.perf_counter()
    again = linter.lint_report(text)
    assert time.perf_counter() - started < 0.05
    assert again.problems == report.problems
    assert [f.matched for f in again.findings] == ["delve", "delve"]


def test_a_shorter_text_tries_the_switched_off_key_again(make_style) -> None:
    pack = make_style(Slow=SLOW_KEY_RULE)
    linter = Linter(pack, budget=FallbackBudget.fixed(0.05))
    assert linter.lint_report("delve " + "a" * 40).problems != ()
    short = linter.lint_report("aab delve")
    assert short.problems == ()
    assert [f.matched for f in short.findings] == ["a", "a", "delve"]


def test_the_pass_cap_stops_the_fallback_for_the_rest_of_the_pass(make_style) -> None:
    rules = {f"Slow{index}": SLOW_KEY_RULE for index in range(6)}
    pack = make_style(**rules)
    budget = FallbackBudget(0.05, 0.0, 0.05, 0.12, 0.0, 0.12)  # 50 ms each, 120 ms per pass
    started = time.perf_counter()
    report = Linter(pack, budget=budget).lint_report("delve " + "a" * 40)
    assert time.perf_counter() - started < 1.0
    too_slow = [p for p in report.problems if p.endswith("(pattern too slow)")]
    out_of_time = [p for p in report.problems if p.endswith("(the time for slow patterns ran out)")]
    assert len(report.problems) == 6 and too_slow and out_of_time
    assert len([f for f in report.findings if f.matched == "delve"]) == 6


def test_budgets_grow_with_the_text_up_to_their_caps() -> None:
    assert DEFAULT_BUDGET.part_s(0) == pytest.approx(0.05)
    assert DEFAULT_BUDGET.part_s(30 * 1024) == pytest.approx(0.35)
    assert DEFAULT_BUDGET.part_s(10_000_000) == pytest.approx(0.4)
    assert DEFAULT_BUDGET.pass_s(1024) == pytest.approx(0.12)
    assert DEFAULT_BUDGET.pass_s(10_000_000) == pytest.approx(0.6)


def test_split_matches_equal_one_fallback_alternation() -> None:
    alternatives = [r"\bin order to\b", r"\ball of(?! a sudden)\b", r"\ba lot\b", r"\blot(?=s)", r"\bof\b"]
    split = alternation_pattern(alternatives)
    assert split.engine == "mixed"
    whole = alternation_pattern(alternatives, prefix="(?=)")  # (?=) forces one fallback piece
    assert whole.engine == "fallback"
    text = EncodedText("In order to see all of them, a lot of lots of people, all of a sudden, of course.")
    assert [m[:2] for m in split.matches(text)] == [m[:2] for m in whole.matches(text)]


def test_an_alternative_the_syntax_guess_misses_still_goes_to_the_fallback() -> None:
    # RE2 has no \Z; nothing in the guess looks for it, so each alternative is tried alone.
    pattern = alternation_pattern([r"\bdone\Z", r"\bdelve\b"])
    assert [part.pattern.engine for part in pattern.parts] == ["re2", "fallback"]
    assert [m[:2] for m in pattern.matches(EncodedText("delve, then done"))] == [(0, 5), (12, 16)]


def test_an_alternative_invalid_for_both_engines_refuses_the_rule(make_style) -> None:
    with pytest.raises(PatternError, match="invalid regular expression"):
        alternation_pattern([r"\bfine\b", r"(?<=a)b["])
    pack = make_style(Bad="extends: existence\nmessage: x\ntokens: [fine, '(?<=a)b[']\n")
    (issue,) = pack.errors
    assert issue.skipped and "invalid regular expression" in issue.problem


def test_without_the_fallback_the_split_rule_is_refused(make_style) -> None:
    pack = make_style(Wordy=WORDY_RULE, allow_fallback=False)
    (issue,) = pack.errors
    assert issue.skipped and "turned off" in issue.problem
