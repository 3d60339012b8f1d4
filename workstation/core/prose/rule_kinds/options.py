"""The settings of one rule of the six newer kinds, as its YAML file gives them, validated.

A :class:`~workstation.core.prose.vale_style.RuleSpec` carries the keys every kind shares
(message, level, scope, ``ignorecase``, ``nonword``, ``exceptions``, ``limit`` …) and one of
these objects in its ``options`` field for what only its kind has. Plain frozen data: the
patterns in them are compiled by the rule (:mod:`~workstation.core.prose.rule_kinds`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from workstation.core.prose.rule_kinds.formula import Condition, Node

CaseMatch = Literal["$title", "$sentence", "$lower", "$upper"]
TitleStyle = Literal["AP", "Chicago"]

READABILITY_METRICS = ("Gunning Fog", "Coleman-Liau", "Flesch-Kincaid", "SMOG", "Automated Readability")
"""The grade levels a ``readability`` rule may average, spelled as Vale spells them."""


@dataclass(frozen=True, slots=True)
class ConditionalOptions:
    """``first`` (the antecedent, e.g. an acronym) is fine only where ``second`` (its definition)
    captured the same text."""

    first: str
    second: str


@dataclass(frozen=True, slots=True)
class ConsistencyOptions:
    """``either``: pairs of spellings of which a text should use only one."""

    either: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class CapitalizationOptions:
    """``match`` is one of :data:`CaseMatch` or a pattern the text must match.

    ``threshold`` is the share of words (0 to 1) that must be cased as expected; ``indicators``
    are suffixes of a word after which the next word starts anew (``:``); ``prefix`` is a
    pattern for a lead-in left out of the conversion (``a. ``).
    """

    match: str
    style: TitleStyle = "AP"
    indicators: tuple[str, ...] = ()
    threshold: float = 0.8
    prefix: str = ""


@dataclass(frozen=True, slots=True)
class MetricOptions:
    """A parsed ``formula`` and ``condition`` (and their text, for messages and notices)."""

    formula_text: str
    condition_text: str
    formula: Node
    condition: Condition


@dataclass(frozen=True, slots=True)
class ReadabilityOptions:
    """``metrics`` (names from :data:`READABILITY_METRICS`) are averaged and compared with ``grade``."""

    metrics: tuple[str, ...]
    grade: float


@dataclass(frozen=True, slots=True)
class SpellingOptions:
    """Where a spelling rule's words come from and which words it leaves alone.

    ``dicpath`` is a folder, ``dictionaries`` are names of ``.aff``/``.dic`` pairs in it (or in
    the StylesPath's ``config/dictionaries``); ``append`` keeps the app's own dictionary next to
    them. ``aff``/``dic`` name one pair directly. ``ignore`` lists word files (one word a line);
    ``filters`` are patterns for words not to check, added to Vale's built-in ones unless
    ``custom`` is true.
    """

    dicpath: str = ""
    dictionaries: tuple[str, ...] = ()
    append: bool = False
    aff: str = ""
    dic: str = ""
    ignore: tuple[str, ...] = ()
    filters: tuple[str, ...] = ()
    custom: bool = False


type KindOptions = (
    ConditionalOptions
    | ConsistencyOptions
    | CapitalizationOptions
    | MetricOptions
    | ReadabilityOptions
    | SpellingOptions
)
