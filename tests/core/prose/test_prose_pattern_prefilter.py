"""The RE2 prefilter for fallback patterns: a superset that changes no result, only the speed."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workstation.core.prose.pattern_prefilter import candidate_starts, superset_pattern
from workstation.core.prose.patterns import EncodedText, compile_pattern
from workstation.core.prose.rule_pattern import single_pattern

# Shapes taken from published styles' look-around keys (rewritten, not copied).
LOOK_AROUND_PATTERNS = [
    r"(?m:\b(?:(?<!Red Hat )OpenShift|(?<!IdM |-)healthcheck|(?<!-)pm)\b)",
    r"(?m:\b(?:all of(?! a sudden| these)|it is(?!\.)|it's(?=\.))\b)",
    r"(?<!:[^ ]+?):\s[A-Z]",
    r"(?:^|\s)I(?=[\s,])",
    r"\b(\w+) \1\b",
    r"(?>ab|a)c",
    r"[(?=x)]y(?!z)",
]
_ALPHABET = "abcIhealtkmpOpnShif RdHt.,:-\n"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (r"foo(?!bar)", "foo"),
        (r"(?<!Red Hat )JBoss(?!\sEAP|\.org)", "JBoss"),
        (r"(?<=a(?:b|c))d", "d"),
        (r"[(?=]x", "[(?=]x"),  # inside a class it is not a look-ahead
        (r"[]a]b(?=c)", "[]a]b"),
        (r"\(?!x\)", r"\(?!x\)"),  # escaped parentheses are text
        (r"(\w+) \1", r"(\w+) (?s:.*?)"),
        (r"(?>a+)b", r"(?:a+)b"),
        (r"a++b", r"a+b"),
    ],
)
def test_superset_drops_what_re2_lacks(source: str, expected: str) -> None:
    assert superset_pattern(source) == expected


@pytest.mark.parametrize("source", [r"(?(1)a|b)", r"\k<name>", r"(?R)", r"x(?=unclosed"])
def test_no_superset_when_it_cannot_say(source: str) -> None:
    assert superset_pattern(source) is None


def test_candidates_are_starts_and_insides_of_superset_matches() -> None:
    assert candidate_starts([(2, 5), (9, 9), (12, 13)]) == [2, 3, 4, 9, 12]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(alphabet=_ALPHABET, max_size=80), index=st.integers(0, len(LOOK_AROUND_PATTERNS) - 1))
def test_prefiltered_scan_equals_a_full_fallback_scan(text: str, index: int) -> None:
    source = LOOK_AROUND_PATTERNS[index]
    pattern = single_pattern(source)
    (part,) = pattern.parts
    assert part.prefilter is not None
    full = compile_pattern(source).matches(EncodedText(text), budget_s=5)
    assert [m[:2] for m in pattern.matches(EncodedText(text), budget_s=5)] == [m[:2] for m in full]


def test_a_text_the_superset_misses_costs_no_fallback_time() -> None:
    pattern = single_pattern(r"(?m:\b(?:(?<!Red Hat )OpenShift|(?<!-)Cluster Manager)\b)")
    text = EncodedText("Nothing to see here. " * 20_000)  # ~400 KB
    started = time.perf_counter()
    assert pattern.matches(text, budget_s=0.05) == []
    assert time.perf_counter() - started < 0.05
