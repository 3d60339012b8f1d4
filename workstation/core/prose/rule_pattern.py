"""A rule's pattern as RE2 where RE2 can, and the fallback engine only for the alternatives it cannot.

Vale joins a rule's tokens (or swap keys) into one alternation. When one of 119 keys has a
look-ahead, sending the whole alternation to the backtracking engine makes the rule a hundred
times slower; here the alternation is split instead: every alternative RE2 accepts stays in one
RE2 pattern, the rest form one fallback pattern, and their matches are merged the way one
leftmost-first alternation reports them: earliest start first, then on past its end. Where both
pieces match at the same place the longer match is kept (one alternation would keep the
alternative written first; Vale's published styles sort keys longest first, so the two agree).

The fallback part is tried only where an RE2 superset of it matches
(:mod:`~workstation.core.prose.pattern_prefilter`), and runs under a
:class:`~workstation.core.prose.fallback_budget.FallbackGuard`; when it is stopped, the RE2
part's matches are still returned and the guard records the event.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import partial
from typing import NamedTuple

from workstation.core.prose.fallback_budget import FallbackGuard
from workstation.core.prose.pattern_prefilter import candidate_starts, superset_pattern
from workstation.core.prose.patterns import (
    DEFAULT_FALLBACK_BUDGET_S,
    EncodedText,
    Engine,
    PatternError,
    RawMatch,
    SafePattern,
    compile_pattern,
)


class PatternPart(NamedTuple):
    """One compiled piece of a rule pattern.

    ``alternatives`` holds the 1-based numbers, in the whole rule, of the alternatives this piece
    runs, in order.
    """

    pattern: SafePattern
    alternatives: tuple[int, ...] = ()
    prefilter: SafePattern | None = None


def _part(pattern: SafePattern, alternatives: tuple[int, ...]) -> PatternPart:
    """A piece; a fallback piece gets its RE2 prefilter when one can be made."""
    if pattern.engine != "fallback":
        return PatternPart(pattern, alternatives)
    superset = superset_pattern(pattern.source)
    prefilter = None
    if superset is not None:
        try:
            prefilter = compile_pattern(superset, allow_fallback=False)
        except PatternError:
            prefilter = None
    return PatternPart(pattern, alternatives, prefilter)


class RulePattern:
    """The pattern of a rule: one RE2 or fallback piece, or an RE2 piece plus a fallback piece."""

    __slots__ = ("parts", "source")

    def __init__(self, source: str, parts: Sequence[PatternPart]) -> None:
        self.source = source
        self.parts = tuple(parts)

    def __repr__(self) -> str:
        return f"RulePattern({self.source!r}, engine={self.engine!r})"

    @property
    def engine(self) -> Engine | str:
        """``re2``, ``fallback``, or ``mixed`` (some alternatives on each engine)."""
        engines = {part.pattern.engine for part in self.parts}
        return engines.pop() if len(engines) == 1 else "mixed"

    @property
    def re2_error(self) -> str:
        """Why RE2 refused (the first refused piece), or an empty string."""
        return next((part.pattern.re2_error for part in self.parts if part.pattern.engine == "fallback"), "")

    @property
    def fallback_alternatives(self) -> int:
        """How many alternatives run on the fallback engine."""
        return sum(len(part.alternatives) for part in self.parts if part.pattern.engine == "fallback")

    @property
    def alternative_count(self) -> int:
        """How many alternatives the pattern has (1 for a pattern that is not an alternation)."""
        return sum(len(part.alternatives) for part in self.parts)

    def matches(
        self,
        encoded: EncodedText,
        *,
        guard: FallbackGuard | None = None,
        budget_s: float = DEFAULT_FALLBACK_BUDGET_S,
    ) -> list[RawMatch]:
        """Non-overlapping matches, leftmost first, in code points.

        A fallback piece runs under ``guard`` when given (a stopped piece adds nothing), else
        under ``budget_s`` and may raise ``PatternTimeout``.
        """
        found: list[list[RawMatch]] = []
        for part in self.parts:
            pattern = part.pattern
            if pattern.engine == "re2":
                found.append(pattern.matches(encoded))
                continue
            scan = partial(_scan, pattern, encoded)
            if part.prefilter is not None:
                spans = [(match.start, match.end) for match in part.prefilter.matches(encoded)]
                if not spans:
                    found.append([])  # the superset matches nowhere: neither does the pattern
                    continue
                scan = partial(pattern.matches_at, encoded.text, candidate_starts(spans))
            found.append((guard.run(pattern, scan) if guard is not None else scan(budget_s)) or [])
        return found[0] if len(found) == 1 else _merged(found)

    def search(self, text: str, *, budget_s: float = DEFAULT_FALLBACK_BUDGET_S) -> bool:
        """Whether any piece matches anywhere in a short ``text``."""
        return any(part.pattern.search(text, budget_s=budget_s) for part in self.parts)


def _scan(pattern: SafePattern, encoded: EncodedText, budget_s: float) -> list[RawMatch]:
    return pattern.matches(encoded, budget_s=budget_s)


def _merged(found: list[list[RawMatch]]) -> list[RawMatch]:
    """Matches of several pieces as one leftmost-first alternation would report them."""
    candidates = sorted(
        (match for matches in found for match in matches),
        key=lambda match: (match.start, -match.end),
    )
    merged: list[RawMatch] = []
    reach = -1
    for match in candidates:
        if match.start < reach or (merged and match.start == merged[-1].start):
            continue
        merged.append(match)
        reach = match.end
    return merged


def single_pattern(source: str, *, allow_fallback: bool = True) -> RulePattern:
    """A rule pattern of one piece (a pattern that cannot be split into alternatives)."""
    return pattern_of(compile_pattern(source, allow_fallback=allow_fallback))


def pattern_of(compiled: SafePattern) -> RulePattern:
    """An already compiled pattern as a rule pattern of one piece (it scans under the guard).

    For a rule that also reads capture groups: it keeps ``compiled`` and asks
    :meth:`SafePattern.match_at` for a match's groups, the one way rules read groups, and scans
    through the rule pattern, without compiling the source twice.
    """
    return RulePattern(compiled.source, [_part(compiled, (1,))])


def alternation_pattern(
    alternatives: Sequence[str],
    *,
    prefix: str = "",
    opening: str = "(?:",
    closing: str = ")",
    allow_fallback: bool = True,
) -> RulePattern:
    """``prefix + opening + a1|a2|… + closing``, split between RE2 and the fallback engine if needed.

    Raises :class:`PatternError` when an
    alternative is invalid for both engines, or needs the fallback and it is off.
    """
    wrapped = list(alternatives)
    numbers = tuple(range(1, len(wrapped) + 1))

    def build(items: Sequence[str]) -> str:
        return prefix + opening + "|".join(items) + closing

    source = build(wrapped)
    try:
        whole = compile_pattern(source, allow_fallback=False)
    except PatternError:
        pass
    else:
        return RulePattern(source, [PatternPart(whole, numbers)])
    if len(wrapped) < 2:
        return RulePattern(source, [_part(compile_pattern(source, allow_fallback=allow_fallback), numbers)])
    # Guess from the syntax which alternatives RE2 refuses (one compile per engine); check each
    # alternative on its own only when the guess was wrong.
    slow = [index for index, item in enumerate(wrapped) if _FALLBACK_SYNTAX_RE.search(item)]
    parts = _split(build, wrapped, slow, allow_fallback)
    if parts is None:
        slow = [index for index, item in enumerate(wrapped) if not _runs_on_re2(build([item]))]
        parts = _split(build, wrapped, slow, allow_fallback)
    if parts is None:  # RE2 refused the accepted ones together (memory): one fallback piece
        parts = [_part(compile_pattern(source, allow_fallback=allow_fallback), numbers)]
    return RulePattern(source, parts)


# Syntax RE2 does not have: look-around, back-references, atomic groups, possessive quantifiers,
# conditionals. Only a first guess; _split checks it by compiling.
_FALLBACK_SYNTAX_RE = re.compile(r"\(\?<?[=!]|\(\?>|\(\?\(|\(\?P=|\\[1-9]|\\[gk][<{'0-9]|[*+?}]\+")


def _runs_on_re2(source: str) -> bool:
    try:
        return compile_pattern(source, allow_fallback=False).engine == "re2"
    except PatternError:
        return False


def _split(
    build: Callable[[Sequence[str]], str], wrapped: list[str], slow: list[int], allow_fallback: bool
) -> list[PatternPart] | None:
    """An RE2 piece plus a fallback piece for the ``slow`` alternatives.

    None when the split cannot be right: nothing is slow (yet RE2 refused the whole), or RE2
    refuses the rest too.
    """
    if not slow:
        return None
    slow_set = set(slow)
    fast = [index for index in range(len(wrapped)) if index not in slow_set]
    if not fast:
        every = tuple(range(1, len(wrapped) + 1))
        return [_part(compile_pattern(build(wrapped), allow_fallback=allow_fallback), every)]
    try:
        on_re2 = compile_pattern(build([wrapped[index] for index in fast]), allow_fallback=False)
    except PatternError:
        return None
    on_fallback = compile_pattern(build([wrapped[index] for index in slow]), allow_fallback=allow_fallback)
    return [
        PatternPart(on_re2, tuple(index + 1 for index in fast)),
        _part(on_fallback, tuple(index + 1 for index in slow)),
    ]
