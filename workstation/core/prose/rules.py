"""Compiled rules for Vale's extension points, and :func:`compile_rule`, which picks the class.

Semantics follow Vale (its documentation, and its source where the documentation is silent):

* ``existence`` — tokens become one alternation wrapped in word boundaries (``\\b``) unless
  ``nonword: true``; ``raw`` entries are joined as they are, before the tokens (after them with
  ``append: true``). As in Vale, ``^`` and ``$`` in the tokens (and in appended ``raw``) mean
  line edges, while in leading ``raw`` they mean the edges of the scope's text. ``%s`` in the
  message is the matched text.
* ``substitution`` — see :mod:`workstation.core.prose.substitution`.
* ``occurrence`` — counts ``token`` per scope block (text, paragraph or sentence); reports when
  the count is above ``max`` or below ``min`` (0 means no limit), at the first match that is
  not blank (or over the whole block when there is no match). ``%s``/``%d`` is the count.
* ``repetition`` — reports a token that follows itself (``the the``) with nothing but white
  space between and no line break inside. Vale's counter: every repeat since the last report
  counts, so ``max: 1`` lets one repeat pass and reports the next one, even if other words
  come between them.

``exceptions`` (and the vocabulary's accepted words) are case-sensitive patterns unless they
start with ``(?i)``; a match that contains one, word-bounded, is not reported. ``limit`` keeps
the first N findings of a rule. Patterns RE2 cannot run go to the fallback engine alternative
by alternative (:mod:`workstation.core.prose.rule_pattern`).
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from itertools import accumulate, compress

from workstation.core.prose.findings import Finding
from workstation.core.prose.lint_context import LintContext, format_message, word_bounds_hold
from workstation.core.prose.rule_base import (
    CompiledRule,
    ExceptionFilter,
    bounded_token,
    flag_prefix,
    trimmed_span,
)
from workstation.core.prose.rule_kinds import NEWER_KIND_RULES
from workstation.core.prose.rule_pattern import RulePattern, alternation_pattern, single_pattern
from workstation.core.prose.substitution import SubstitutionRule
from workstation.core.prose.vale_style import RuleSpec
from workstation.core.text.text_memo import TextMemo
from workstation.core.text.token_windows import WINDOW_CHARS, token_windows

_LINE_BREAKS = ("\n", "\r", "\u2028", "\u2029")
# A token that is one character class repeated ("[^\s.!?]+", "\w+"): stdlib re runs it in linear
# time, and much faster per match than RE2 through its Python binding.
_SIMPLE_TOKEN_RE = re.compile(r"(?:\\b)?(?:\[(?:[^\]\\]|\\.)+\]|\\[wWsSdD]|\.)[+*](?:\\b)?")
# The same, optionally in one group and between \b's: "\b(\w+)\b".
_SIMPLE_COUNTED_RE = re.compile(
    r"(?:\\b)?(\((?:\?:)?)?(?:\\b)?(?:\[(?:[^\]\\]|\\.)+\]|\\[wWsSdD]|\.)[+*](?:\\b)?(?(1)\))(?:\\b)?"
)
# "[^\s.!?]+" and the like: runs of anything but white space and a few literal characters,
# which str.replace + str.split find even faster than a regular expression.
_NOT_SPACE_OR_RE = re.compile(r"\[\^\\s([^\]\\^-]*)\]\+")
_SPACE_RUNS = re.compile(r"(\s+)")  # re's \s is str.isspace, what str.split() splits at


def existence_pattern(spec: RuleSpec, allow_fallback: bool) -> RulePattern:
    """Vale's existence pattern, split between RE2 and the fallback engine where it can be.

    Vale writes ``(?i)`` + raw + ``(?m)\\b(?:tokens)\\b`` (``append`` puts raw last), so the
    multi-line flag covers the tokens and appended raw only; ``(?m:…)`` scopes it the same way.
    """
    word_bounded = not spec.nonword and bool(spec.tokens)
    prefix = flag_prefix(spec.ignorecase)
    alternatives = [bounded_token(token, word_bounded) for token in spec.tokens]
    raw = "".join(spec.raw)
    if not raw:
        return alternation_pattern(alternatives, prefix=prefix, opening="(?m:", allow_fallback=allow_fallback)
    body = "(?:" + "|".join(alternatives) + ")" if alternatives else ""
    if spec.append:
        source = prefix + "(?m:" + body + raw + ")"
    else:
        source = prefix + raw + ("(?m:" + body + ")" if body else "")
    return single_pattern(source, allow_fallback=allow_fallback)


class ExistenceRule(CompiledRule):
    """Reports every match of its tokens."""

    __slots__ = ("_exceptions", "_word_bounded")

    def __init__(self, spec: RuleSpec, allow_fallback: bool) -> None:
        self._word_bounded = not spec.nonword and bool(spec.tokens)
        super().__init__(spec, existence_pattern(spec, allow_fallback))
        self._exceptions = ExceptionFilter(spec, allow_fallback)

    def run(self, context: LintContext) -> list[Finding]:
        text = context.text
        check_bounds = self._word_bounded and not context.encoded.is_ascii
        findings: list[Finding] = []
        for match in self._matches_in_scope(context):
            start, end = match.start, match.end
            if start == end or (check_bounds and not word_bounds_hold(text, start, end)):
                continue
            start, end = trimmed_span(text, start, end)
            observed = text[start:end]
            if self._exceptions.excludes(observed, context.budget_s):
                continue
            findings.append(self._finding(start, end, text, format_message(self.spec.message, observed)))
        return findings


class OccurrenceRule(CompiledRule):
    """Counts ``token`` per block and reports blocks above ``max`` or below ``min``.

    A token that is one character class repeated (``\\b(\\w+)\\b``, the usual "words per
    sentence" count) is counted with the standard library's engine, which runs such a pattern in
    linear time and some thirty times faster per match than RE2 through its binding.
    """

    __slots__ = ("_simple",)

    def __init__(self, spec: RuleSpec, allow_fallback: bool) -> None:
        source = flag_prefix(spec.ignorecase) + f"(?:{spec.token})"
        super().__init__(spec, single_pattern(source, allow_fallback=allow_fallback))
        self._simple: re.Pattern[str] | None = None
        if _SIMPLE_COUNTED_RE.fullmatch(spec.token):
            self._simple = re.compile(spec.token, re.IGNORECASE if spec.ignorecase else 0)

    def _counted(
        self, context: LintContext, blocks: tuple[tuple[int, int], ...]
    ) -> list[list[tuple[int, int]]]:
        """The token's matches in each block, as (start, end) code points.

        On the fast path only the blocks that break the limits get their matches listed (the
        others get an empty list and a count); see :meth:`run`.
        """
        scope = self.spec.scope or "text"
        per_block: list[list[tuple[int, int]]] = [[] for _ in blocks]
        for match in self._matches_in_scope(context):
            index = context.block_index(scope, match.start, match.end)
            if index is not None:
                per_block[index].append((match.start, match.end))
        return per_block

    def _breaks_limits(self, count: int) -> bool:
        return (self.spec.max > 0 and count > self.spec.max) or (self.spec.min > 0 and count < self.spec.min)

    def run(self, context: LintContext) -> list[Finding]:
        blocks = context.blocks(self.spec.scope or "text")
        text = context.text
        simple = self._simple
        if simple is not None:
            counts = [len(simple.findall(text, start, end)) for start, end in blocks]
            per_block = [
                [match.span() for match in simple.finditer(text, start, end)]
                if self._breaks_limits(count)
                else []
                for (start, end), count in zip(blocks, counts, strict=True)
            ]
        else:
            per_block = self._counted(context, blocks)
            counts = [len(matches) for matches in per_block]
        findings: list[Finding] = []
        for (block_start, block_end), matches, count in zip(blocks, per_block, counts, strict=True):
            if not self._breaks_limits(count):
                continue
            if matches:
                visible = [span for span in matches if text[span[0] : span[1]].strip()]
                if not visible:
                    continue  # only blank matches: nothing to point at (Vale reports nothing)
                start, end = trimmed_span(text, *visible[0])
            else:
                start, end = trimmed_span(text, block_start, block_end)
            findings.append(self._finding(start, end, text, format_message(self.spec.message, count)))
        return findings


LINE_REPEATS_CHARS = 2_000_000
"""How many characters of lines a repetition rule remembers the repeats of (2-8 MB, as Python
holds text): far more than the two panes of a 50,000-word task. Past it the rule forgets them all
and starts again; a line longer than an eighth of it is never kept."""


class RepetitionRule(CompiledRule):
    """Reports a token that follows itself (``the the``) on one line, counted Vale's way.

    Tokens that are each one character class repeated (``[^\\s]+``, the usual case) are
    matched with the standard library's engine, which runs them in linear time and far faster
    per match than RE2 through its binding; its ``\\s`` and ``\\w`` are Unicode-aware, as
    Vale's are.
    """

    __slots__ = ("_exceptions", "_lines", "_simple", "_splitter", "window_chars")

    def __init__(self, spec: RuleSpec, allow_fallback: bool) -> None:
        prefix = flag_prefix(spec.ignorecase)
        super().__init__(
            spec,
            alternation_pattern(list(spec.tokens), prefix=prefix, opening="(", allow_fallback=allow_fallback),
        )
        self._exceptions = ExceptionFilter(spec, allow_fallback)
        self._simple: re.Pattern[str] | None = None
        self._splitter: str | None = None
        self.window_chars = WINDOW_CHARS  # see _split_repeats
        self._lines: TextMemo[tuple[tuple[int, int, str], ...]] = TextMemo(LINE_REPEATS_CHARS)
        if len(spec.tokens) == 1 and (split_class := _NOT_SPACE_OR_RE.fullmatch(spec.tokens[0])):
            splitter = split_class.group(1)
            # With ignorecase a cased character in the class would exclude its other case too.
            if not spec.ignorecase or all(char.lower() == char.upper() for char in splitter):
                self._splitter = splitter
        # Tokens that are each one character class repeated ("[^\s.]+", "[^\s]+"), tried in order,
        # run in linear time on the standard library's engine too, and far faster per match.
        if all(_SIMPLE_TOKEN_RE.fullmatch(token) for token in spec.tokens) and spec.scope == "text":
            joined = "|".join(spec.tokens) if len(spec.tokens) == 1 else "(?:" + "|".join(spec.tokens) + ")"
            candidate = re.compile(joined, re.IGNORECASE if spec.ignorecase else 0)
            if not candidate.search(" \t\n"):
                self._simple = candidate

    def run(self, context: LintContext) -> list[Finding]:
        text = context.text
        if self._simple is not None and self._splitter is not None:
            return self._split_repeats(context)
        if self._simple is not None:
            folded = text.lower() if self.spec.ignorecase else text
            # Cheap C-level check first: most texts have no word twice in a row.
            if len(folded) == len(text) and not any(
                map(operator.eq, items := self._simple.findall(folded), items[1:])
            ):
                return []
            spans = [(*match.span(), 0) for match in self._simple.finditer(text)]
        else:
            scope = self.spec.scope or "text"
            spans = [
                (match.start, match.end, context.block_index(scope, match.start, match.end) or 0)
                for match in self._matches_in_scope(context)
            ]
        return self._repeats(context, spans)

    def _split_repeats(self, context: LintContext) -> list[Finding]:
        """:meth:`_repeats` for tokens that are runs of characters other than white space and the
        splitter's (see :meth:`_split_repeats_in`).

        With ``max: 0`` every repeat is reported on its own, and one across a line break never
        is, so a line's findings depend on that line alone: each line's are remembered (a
        :class:`~workstation.core.text.text_memo.TextMemo`), and a keystroke looks again only at
        the line it changed (in a 5,000-word text with 60 repeats, 0.3 ms instead of 2). A higher
        ``max`` counts repeats through the whole text, which is looked at whole.
        """
        text = context.text
        budget_s = context.budget_s
        if self.spec.max:
            found = self._split_repeats_in(text, budget_s)
            return [self._repeat_finding(text, start, end, token) for start, end, token in found]
        findings: list[Finding] = []
        remembered = self._lines
        line_start = 0
        for line in text.split("\n"):
            if line:
                repeats = remembered.get(line)
                if repeats is None:
                    repeats = remembered.keep(line, tuple(self._split_repeats_in(line, budget_s)))
                findings.extend(
                    self._repeat_finding(text, line_start + start, line_start + end, token)
                    for start, end, token in repeats
                )
            line_start += len(line) + 1
        return findings

    def _split_repeats_in(self, text: str, budget_s: float) -> list[tuple[int, int, str]]:
        """The reported repeats in ``text`` as ``(start, end, token)``, found in C-speed steps: the
        tokens are the text split at white space and the splitter's characters, and Vale's loop
        changes its state only at a repeat, so only the repeats are visited. A long text is split
        a window at a time (see :func:`token_windows`), never in one long call."""
        spaced = text
        for char in self._splitter or "":  # str.replace is C-fast even on non-ASCII text
            spaced = spaced.replace(char, " ")
        found: list[tuple[int, int, str]] = []
        repeats = 0
        last_key: str | None = None  # the previous window's last token, and where it starts
        last_start = 0
        for start, end in token_windows(spaced, self.window_chars):
            window = spaced[start:end]
            items = window.split()
            if not items:
                continue
            keys = list(map(str.casefold, items)) if self.spec.ignorecase else items
            repeated = [0] if keys[0] == last_key else []
            repeated.extend(compress(range(1, len(keys)), map(operator.eq, keys[1:], keys)))
            hits = [index for index in repeated if items[index].isalpha()] if self.spec.alpha else repeated
            if hits:
                pieces = _SPACE_RUNS.split(window)  # tokens at even places (the first and last may be "")
                offsets = list(accumulate(map(len, pieces), initial=start))
                starts = list(compress(offsets[::2], pieces[::2]))
            for index in hits:
                repeats += 1
                if repeats <= self.spec.max:
                    continue
                first = starts[index - 1] if index else last_start
                token_end = starts[index] + len(items[index])
                if self._reportable(budget_s, text[first:token_end]):
                    found.append((first, token_end, items[index]))
                    repeats = 0
            last_key = keys[-1]
            last_start = start + len(window.rstrip()) - len(items[-1])
        return found

    def _reportable(self, budget_s: float, covered: str) -> bool:
        """Vale reports a repeat with no line break inside it that no exception covers."""
        return not any(brk in covered for brk in _LINE_BREAKS) and not self._exceptions.excludes(
            covered, budget_s
        )

    def _repeat_finding(self, text: str, start: int, end: int, token: str) -> Finding:
        first, last = trimmed_span(text, start, end)
        return self._finding(first, last, text, format_message(self.spec.message, token))

    def _repeats(self, context: LintContext, spans: list[tuple[int, int, int]]) -> list[Finding]:
        """Vale's loop: ``spans`` are (start, end, block); the comparison restarts in each block."""
        text = context.text
        same: Callable[[str, str], bool] = (
            (lambda a, b: a.casefold() == b.casefold()) if self.spec.ignorecase else operator.eq
        )
        findings: list[Finding] = []
        previous_start, previous, block = 0, "", -1
        repeats = 0  # repeats seen since the last report (Vale never resets it on a non-repeat)
        for start, end, span_block in spans:
            if span_block != block:
                previous, block = "", span_block
            current = text[start:end].strip()
            hit = current != "" and same(current, previous) and (not self.spec.alpha or current.isalpha())
            if hit:
                repeats += 1
            if (
                hit
                and repeats > self.spec.max
                and self._reportable(context.budget_s, text[previous_start:end])
            ):
                findings.append(self._repeat_finding(text, previous_start, end, current))
                repeats = 0
            previous_start, previous = start, current
        return findings


def compile_rule(spec: RuleSpec, *, allow_fallback: bool = True) -> CompiledRule:
    """Compile a spec; raises :class:`~workstation.core.prose.patterns.PatternError` with a reason."""
    factory: dict[str, Callable[[RuleSpec, bool], CompiledRule]] = {
        "existence": ExistenceRule,
        "substitution": SubstitutionRule,
        "occurrence": OccurrenceRule,
        "repetition": RepetitionRule,
        **NEWER_KIND_RULES,
    }
    return factory[spec.kind](spec, allow_fallback)
