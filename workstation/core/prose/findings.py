"""Lint results as plain data: what a highlighter paints and a pipeline stores.

Spans are Python code points (``text[start:end]``); the GUI converts them to UTF-16 at its edge.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Level = Literal["suggestion", "warning", "error"]

#: Vale's three alert levels, mildest first; the index is the severity rank.
LEVELS: tuple[Level, ...] = ("suggestion", "warning", "error")


def level_rank(level: str) -> int:
    """Severity rank of ``level`` (0 = suggestion … 2 = error), for sorting and thresholds."""
    return LEVELS.index(level)


@dataclass(frozen=True, slots=True)
class Finding:
    """One place in a text where a rule fired.

    ``start``/``end`` are code-point offsets into the linted text, ``matched`` equals
    ``text[start:end]``. ``rule`` is the qualified Vale name (``Style.File``, e.g.
    ``Workstation.Delve``), ``category`` groups rules for the per-category toggles, and
    ``suggestions`` holds replacement texts for substitution rules (empty otherwise).
    """

    start: int
    end: int
    rule: str
    category: str
    level: Level
    message: str
    matched: str
    suggestions: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (lists instead of tuples)."""
        return {
            "start": self.start,
            "end": self.end,
            "rule": self.rule,
            "category": self.category,
            "level": self.level,
            "message": self.message,
            "matched": self.matched,
            "suggestions": list(self.suggestions),
        }


@dataclass(frozen=True, slots=True)
class StyleIssue:
    """A problem found while loading a style: which file, which rule, what is wrong.

    ``skipped`` is True when the rule could not be used at all; False for a notice about a
    rule that still loaded (an unknown key, a markup-only scope, a slower regex engine).
    ``line`` is 1-based when the YAML parser could say where the problem is.
    """

    path: str
    rule: str
    problem: str
    skipped: bool = True
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        verdict = "rule skipped" if self.skipped else "rule loaded"
        return f"{where}: {self.rule}: {self.problem} ({verdict})"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "path": self.path,
            "rule": self.rule,
            "problem": self.problem,
            "skipped": self.skipped,
            "line": self.line,
        }


@dataclass(frozen=True, slots=True)
class LintReport:
    """Findings plus the problems met while linting (e.g. a fallback regex that timed out)."""

    findings: tuple[Finding, ...]
    problems: tuple[str, ...] = field(default=())
