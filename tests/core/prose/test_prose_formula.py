"""The metric formula language: what vale.sh documents (numbers, variables, + - * /, parentheses,
math.sqrt, math.abs, comparisons), read without running any code, and safe on hostile input."""

from __future__ import annotations

import math

import pytest

from workstation.core.prose.rule_kinds.formula import (
    MAX_FORMULA_CHARS,
    MAX_NESTING,
    FormulaError,
    UndefinedResult,
    evaluate,
    parse_condition,
    parse_formula,
)

FIGURES = {"words": 120.0, "sentences": 8.0, "syllables": 180.0, "heading_h2": 3.0}


def _value(source: str, variables: dict[str, float] = FIGURES) -> float:
    return evaluate(parse_formula(source), variables)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("1 + 2 * 3", 7.0),
        ("(1 + 2) * 3", 9.0),
        ("10 - 4 - 3", 3.0),
        ("2 / 4", 0.5),
        ("100 / 10 / 5", 2.0),
        ("-3 + 5", 2.0),
        ("- -3", 3.0),
        ("2 * -3", -6.0),
        ("+4", 4.0),
        ("1.5e2", 150.0),
        (".5", 0.5),
        ("math.sqrt(16) + math.abs(-2)", 6.0),
        ("words / sentences", 15.0),
        ("heading.h2 * 2", 6.0),
        ("heading_h2", 3.0),
        ("list + pre", 0.0),  # markup a plain text does not have counts 0
    ],
)
def test_formulas_evaluate_with_the_usual_precedence(source: str, expected: float) -> None:
    assert _value(source) == pytest.approx(expected)


def test_the_documented_flesch_kincaid_formula() -> None:
    source = "(0.39 * (words / sentences)) + (11.8 * (syllables / words)) - 15.59"
    assert _value(source) == pytest.approx(0.39 * 15 + 11.8 * 1.5 - 15.59)


@pytest.mark.parametrize(
    ("condition", "value", "holds"),
    [
        ("> 8.0", 8.5, True),
        ("> 8.0", 8.0, False),
        ("<= 8", 8.0, True),
        ("== 8.0", 8.0, True),
        ("!= 8", 8.0, False),
        ("< words / 10", 11.0, True),
        (">= -1", -1.0, True),
    ],
)
def test_conditions_compare_the_score(condition: str, value: float, holds: bool) -> None:
    assert parse_condition(condition).holds(value, FIGURES) is holds


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("", "empty"),
        ("words +", "ends where"),
        ("(words", "never closed"),
        ("words)", "unexpected ')'"),
        ("words ** 2", "unexpected '*'"),
        ("words; import os", "unexpected ';'"),
        ("__import__('os')", "unexpected '''"),
        ("os.system(1)", "unknown function 'os.system'"),
        ("math.pow(2, 3)", "unknown function 'math.pow'"),
        ("banana * 2", "unknown variable 'banana'"),
        ("1e999", "too large"),
        ("9" * 41, "longer than 40"),
        ("words @ 2", "unexpected '@' at column 7"),
        ("words ١", "unexpected '١'"),
    ],
)
def test_bad_formulas_are_refused_with_the_reason(source: str, problem: str) -> None:
    with pytest.raises(FormulaError, match=None) as caught:
        parse_formula(source)
    assert problem in str(caught.value)


def test_bad_conditions_are_refused_with_the_reason() -> None:
    for source, problem in [("8.0", "starts with one of"), ("=> 8", "unexpected '='"), (">", "ends")]:
        with pytest.raises(FormulaError) as caught:
            parse_condition(source)
        assert problem in str(caught.value)


def test_nesting_is_bounded_with_a_sentence_not_a_recursion_error() -> None:
    deep = "(" * (MAX_NESTING + 1) + "1" + ")" * (MAX_NESTING + 1)
    with pytest.raises(FormulaError, match="nests deeper than"):
        parse_formula(deep)
    with pytest.raises(FormulaError, match="nests deeper than"):
        parse_formula("-" * 500 + "1")
    with pytest.raises(FormulaError, match="nests deeper than"):
        parse_formula("math.sqrt(" * 40 + "1" + ")" * 40)
    assert _value("(" * (MAX_NESTING - 1) + "2" + ")" * (MAX_NESTING - 1)) == 2.0


def test_long_flat_formulas_evaluate_without_deep_recursion() -> None:
    source = "+".join(["1"] * 900)
    assert len(source) < MAX_FORMULA_CHARS
    assert _value(source) == 900.0
    with pytest.raises(FormulaError, match="longer than"):
        parse_formula("1+" * MAX_FORMULA_CHARS + "1")


def test_a_score_with_no_value_is_undefined_not_a_crash() -> None:
    with pytest.raises(UndefinedResult, match="divides by zero"):
        _value("words / heading_h1")
    with pytest.raises(UndefinedResult, match="negative"):
        _value("math.sqrt(0 - words)")
    with pytest.raises(UndefinedResult, match="too large"):
        _value("1e300 * 1e300 * words")
    assert math.isfinite(_value("words / (sentences - 7.5)"))
