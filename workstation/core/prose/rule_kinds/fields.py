"""Read the YAML keys of ``conditional``, ``consistency``, ``capitalization``, ``metric``,
``readability`` and ``spelling`` rules, as Vale documents them, into :mod:`options`.

:func:`~workstation.core.prose.vale_style.parse_rule_text` reads the keys all kinds share and
calls :func:`kind_fields` for the rest; every problem is a
:class:`~workstation.core.prose.vale_style.RuleFileError` with one sentence for the style's
author. Where Vale reads a key loosely (a number written as a string, one ``ignore`` file given
as a string instead of a list) this reads it the same way.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from workstation.core.prose.rule_kinds.formula import FormulaError, parse_condition, parse_formula
from workstation.core.prose.rule_kinds.options import (
    READABILITY_METRICS,
    CapitalizationOptions,
    ConditionalOptions,
    ConsistencyOptions,
    MetricOptions,
    ReadabilityOptions,
    SpellingOptions,
    TitleStyle,
)
from workstation.core.prose.rule_yaml import RuleFileError, shown_value
from workstation.core.prose.vale_style import _bool, _scalar_text, _str_list

_CASE_NAMES = ("$title", "$sentence", "$lower", "$upper")
#: A flesch reading-ease score is not a grade; Vale's readability rules do not take it.
_READING_EASE_NAMES = {"flesch reading ease", "flesch-reading-ease", "reading ease", "flesch"}


def kind_fields(document: dict[str, Any]) -> dict[str, Any]:
    """The :class:`RuleSpec` fields of one rule of these kinds (``options`` and shared ones)."""
    return _PARSERS[str(document["extends"]).strip()](document)


def _conditional(document: dict[str, Any]) -> dict[str, Any]:
    options = ConditionalOptions(
        first=_text(document, "first", "the antecedent, e.g. an acronym"),
        second=_text(document, "second", "the consequent, e.g. its definition"),
    )
    return {"options": options, "exceptions": tuple(_str_list(document, "exceptions"))}


def _consistency(document: dict[str, Any]) -> dict[str, Any]:
    either = document.get("either")
    if not isinstance(either, dict) or not either:
        raise RuleFileError("consistency rule needs a non-empty 'either' mapping of spelling: other spelling")
    pairs: list[tuple[str, str]] = []
    for key, value in either.items():
        if not _is_scalar(key) or not _is_scalar(value) or not str(key) or not str(value):
            raise RuleFileError(
                f"'either' entry {shown_value(key)}: {shown_value(value)} must pair two spellings"
            )
        pairs.append((_scalar_text(key), _scalar_text(value)))
    return {"options": ConsistencyOptions(tuple(pairs)), "nonword": _bool(document, "nonword")}


def _capitalization(document: dict[str, Any]) -> dict[str, Any]:
    match = _text(document, "match", "$title, $sentence, $lower, $upper or a pattern")
    style = document.get("style", "AP")
    # Vale uses Chicago for "Chicago" and AP for anything else; this also takes "chicago".
    chosen: TitleStyle = "Chicago" if isinstance(style, str) and style.strip().lower() == "chicago" else "AP"
    threshold = _number(document, "threshold", 0.0)
    if not 0.0 <= threshold <= 1.0:
        raise RuleFileError(f"'threshold' must be a share between 0 and 1, not {shown_value(threshold)}")
    prefix = document.get("prefix", "")
    if not _is_scalar(prefix):
        raise RuleFileError(f"'prefix' must be a pattern (a string), not {shown_value(prefix)}")
    options = CapitalizationOptions(
        match=match,
        style=chosen,
        indicators=tuple(item for item in _str_list(document, "indicators") if item),
        threshold=threshold or 0.8,  # Vale: 0 (or none) means its default, 0.8
        prefix=_scalar_text(prefix) if prefix is not None else "",
    )
    return {"options": options, "exceptions": tuple(_str_list(document, "exceptions"))}


def _metric(document: dict[str, Any]) -> dict[str, Any]:
    formula_text = _text(document, "formula", "a formula of the text's figures")
    condition_text = _text(document, "condition", "a comparison such as '> 8.0'")
    try:
        formula = parse_formula(formula_text)
    except FormulaError as exc:
        raise RuleFileError(f"'formula' cannot be read: {exc}") from None
    try:
        condition = parse_condition(condition_text)
    except FormulaError as exc:
        raise RuleFileError(f"'condition' cannot be read: {exc}") from None
    options = MetricOptions(formula_text.strip(), condition_text.strip(), formula, condition)
    return {"options": options, "scope": "text"}  # Vale: metric rules are always summary-scoped


def _readability(document: dict[str, Any]) -> dict[str, Any]:
    metrics = _loose_str_list(document, "metrics")
    if not metrics:
        raise RuleFileError(f"readability rule needs 'metrics', some of: {', '.join(READABILITY_METRICS)}")
    for name in metrics:
        if name.strip().lower() in _READING_EASE_NAMES:
            raise RuleFileError(
                f"'{name}' is a reading-ease score, not a grade level, and Vale's readability rules "
                "do not take it; a metric rule can: formula "
                "206.835 - 1.015 * (words / sentences) - 84.6 * (syllables / words), condition '< 60.0'"
            )
        if name not in READABILITY_METRICS:
            raise RuleFileError(
                f"unknown metric {shown_value(name)} (known: {', '.join(READABILITY_METRICS)})"
            )
    if "grade" not in document:
        raise RuleFileError("readability rule needs 'grade', the highest grade level it accepts")
    options = ReadabilityOptions(tuple(dict.fromkeys(metrics)), _number(document, "grade", 0.0))
    return {"options": options, "scope": "text"}  # Vale: readability rules are always summary-scoped


def _spelling(document: dict[str, Any]) -> dict[str, Any]:
    options = SpellingOptions(
        dicpath=_optional_text(document, "dicpath"),
        dictionaries=tuple(name for name in _str_list(document, "dictionaries") if name.strip()),
        append=_bool(document, "append"),
        aff=_optional_text(document, "aff"),
        dic=_optional_text(document, "dic"),
        ignore=tuple(name for name in _loose_str_list(document, "ignore") if name.strip()),
        filters=tuple(_str_list(document, "filters")),
        custom=_bool(document, "custom"),
    )
    if bool(options.aff) != bool(options.dic):
        raise RuleFileError("'aff' and 'dic' name one dictionary together: give both or neither")
    return {"options": options, "exceptions": tuple(_str_list(document, "exceptions"))}


def _is_scalar(value: Any) -> bool:
    return value is not None and not isinstance(value, (dict, list))


def _text(document: dict[str, Any], key: str, what: str) -> str:
    value = document.get(key)
    if not _is_scalar(value) or not str(value).strip():
        raise RuleFileError(f"missing the required '{key}' key ({what})")
    return _scalar_text(value)


def _optional_text(document: dict[str, Any], key: str) -> str:
    value = document.get(key)
    if value is None:
        return ""
    if not _is_scalar(value):
        raise RuleFileError(f"'{key}' must be a string, not {shown_value(value)}")
    return _scalar_text(value).strip()


def _loose_str_list(document: dict[str, Any], key: str) -> list[str]:
    """A list of strings, or one string standing for a list of one (Vale accepts both)."""
    value = document.get(key)
    if isinstance(value, str):
        return [value]
    return _str_list(document, key)


def _number(document: dict[str, Any], key: str, default: float) -> float:
    value = document.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise RuleFileError(f"'{key}' must be a number, not {shown_value(value)}")
    try:
        number = float(value)
    except (ValueError, OverflowError):
        raise RuleFileError(f"'{key}' must be a number, not {shown_value(value)}") from None
    if not math.isfinite(number):
        raise RuleFileError(f"'{key}' must be a finite number, not {shown_value(value)}")
    return number


_PARSERS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "conditional": _conditional,
    "consistency": _consistency,
    "capitalization": _capitalization,
    "metric": _metric,
    "readability": _readability,
    "spelling": _spelling,
}
KINDS = tuple(_PARSERS)
"""The kinds this module reads, in the order Vale's documentation lists them."""
