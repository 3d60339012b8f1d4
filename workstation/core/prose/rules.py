"""Compiled rules: one safe pattern per rule, and the four Vale extension points that run it.

Semantics follow Vale's documentation for each extension point:

* ``existence`` — tokens become one alternation wrapped in word boundaries (``\\b``) unless
  ``nonword: true``; ``raw`` entries are joined as they are, before the tokens (after them with
  ``append: true``). ``%s`` in the message is the matched text.
* ``substitution`` — each ``swap`` key is a pattern, its value the replacement; ``a|b`` in a value
  offers two suggestions and ``$1`` refers to a group of the key. A match that already equals a
  suggestion is not reported. The first ``%s`` is the suggestion, the second the matched text.
* ``occurrence`` — counts ``token`` per scope block (text, paragraph or sentence); reports when
  the count is above ``max`` or below ``min`` (0 means no limit), at the first match (or over
  the whole block when there is none). ``%s``/``%d`` is the count.
* ``repetition`` — reports a token repeated back to back within one sentence (``the the``);
  ``max`` is how many repeats in a row are allowed, ``alpha`` limits it to alphabetic tokens.

``exceptions`` are case-sensitive patterns (unless they start with ``(?i)``); a match that
contains one, word-bounded, is not reported. ``limit`` keeps the first N findings of a rule.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable

from workstation.core.prose.findings import Finding
from workstation.core.prose.lint_context import (
    LintContext,
    format_message,
    join_alternatives,
    word_bounds_hold,
)
from workstation.core.prose.patterns import EncodedText, RawMatch, SafePattern, compile_pattern
from workstation.core.prose.vale_style import RuleSpec

_ANCHOR_RE = re.compile(r"(?<!\\)[\^$]|\\[AzZ]")
_SENTENCE_GAP_RE = re.compile(r"[.!?\u2026\u3002\uff01\uff1f\r\n\u2028\u2029]")
# A token that is one character class repeated ("[^\s.!?]+", "\w+"): stdlib re runs it in linear
# time, and much faster per match than RE2 through its Python binding.
_SIMPLE_TOKEN_RE = re.compile(r"(?:\\b)?(?:\[(?:[^\]\\]|\\.)+\]|\\[wWsSdD]|\.)[+*](?:\\b)?")
# "[^\s.!?]+" and the like: runs of anything but white space and a few literal characters,
# which str.replace + str.split find even faster than a regular expression.
_NOT_SPACE_OR_RE = re.compile(r"\[\^\\s([^\]\\^-]*)\]\+")


class CompiledRule:
    """Base class: a validated spec plus its compiled pattern(s); ``run`` returns findings."""

    __slots__ = ("pattern", "spec")

    def __init__(self, spec: RuleSpec, pattern: SafePattern) -> None:
        self.spec = spec
        self.pattern = pattern

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def category(self) -> str:
        return self.spec.category

    @property
    def uses_fallback(self) -> bool:
        """True when a pattern needs the time-limited fallback engine instead of RE2."""
        return self.pattern.engine == "fallback"

    def run(self, context: LintContext) -> list[Finding]:
        """Findings of this rule in ``context.text`` (unsorted)."""
        raise NotImplementedError

    def _finding(self, start: int, end: int, text: str, message: str,
                 suggestions: tuple[str, ...] = ()) -> Finding:
        return Finding(start, end, self.spec.name, self.spec.category, self.spec.level, message,
                       text[start:end], suggestions)

    def _matches_in_scope(self, context: LintContext, want_groups: bool = False) -> list[RawMatch]:
        """Matches that lie inside one block of the rule's scope.

        Runs once over the whole text and drops matches that cross a block edge; only when the
        pattern uses anchors (``^``, ``$``) does it run per block, so anchors mean block edges.
        """
        scope = self.spec.scope or "text"
        budget = context.budget_s
        if scope == "text":
            return self.pattern.matches(context.encoded, want_groups=want_groups, budget_s=budget)
        if _ANCHOR_RE.search(self.pattern.source):
            found: list[RawMatch] = []
            for block_start, block_end in context.blocks(scope):
                piece = EncodedText(context.text[block_start:block_end])
                for match in self.pattern.matches(piece, want_groups=want_groups, budget_s=budget):
                    found.append(RawMatch(match.start + block_start, match.end + block_start, match.group))
            return found
        matches = self.pattern.matches(context.encoded, want_groups=want_groups, budget_s=budget)
        return [match for match in matches if context.block_index(scope, match.start, match.end) is not None]


class _ExceptionFilter:
    """Vale's exceptions: word-bounded, case-sensitive unless an entry starts with ``(?i)``."""

    __slots__ = ("_pattern",)

    def __init__(self, exceptions: tuple[str, ...], allow_fallback: bool) -> None:
        self._pattern: SafePattern | None = None
        if exceptions:
            ordered = sorted(exceptions, key=len, reverse=True)
            terms = [term if term.startswith("(?i)") else f"(?-i){term}" for term in ordered]
            self._pattern = compile_pattern(rf"(?m)\b(?:{'|'.join(terms)})\b", allow_fallback=allow_fallback)

    def excludes(self, observed: str, budget_s: float) -> bool:
        return self._pattern is not None and self._pattern.search(observed.strip(), budget_s=budget_s)


class ExistenceRule(CompiledRule):
    """Reports every match of its tokens."""

    __slots__ = ("_exceptions", "_word_bounded")

    def __init__(self, spec: RuleSpec, allow_fallback: bool) -> None:
        self._word_bounded = not spec.nonword and bool(spec.tokens)
        body = _alternation(spec.tokens, self._word_bounded) if spec.tokens else ""
        raw = "".join(spec.raw)
        source = _flags(spec.ignorecase, multiline=True) + (body + raw if spec.append else raw + body)
        super().__init__(spec, compile_pattern(source, allow_fallback=allow_fallback))
        self._exceptions = _ExceptionFilter(spec.exceptions, allow_fallback)

    def run(self, context: LintContext) -> list[Finding]:
        text = context.text
        check_bounds = self._word_bounded and not context.encoded.is_ascii
        findings: list[Finding] = []
        for match in self._matches_in_scope(context):
            start, end = match.start, match.end
            if start == end or (check_bounds and not word_bounds_hold(text, start, end)):
                continue
            observed = text[start:end]
            if self._exceptions.excludes(observed, context.budget_s):
                continue
            findings.append(self._finding(start, end, text, format_message(self.spec.message, observed)))
        return findings


class SubstitutionRule(CompiledRule):
    """Reports matches of ``swap`` keys with the replacement(s) as suggestions.

    Which key matched is read from the capture group that took part. When every key is plain
    text (the usual case) the scan uses a pattern without groups and looks the matched text up
    in a table instead, which saves RE2 the work of tracking dozens of groups per match.
    """

    __slots__ = (
        "_capturing", "_exceptions", "_key_patterns", "_literal_index", "_replacements", "_word_bounded",
    )

    def __init__(self, spec: RuleSpec, allow_fallback: bool) -> None:
        ordered = sorted(spec.swap, key=lambda pair: len(pair[0]), reverse=True)
        self._word_bounded = not spec.nonword
        prefix = _flags(spec.ignorecase, multiline=True)
        groups = [f"({_wrap(_non_capturing(key), self._word_bounded)})" for key, _ in ordered]
        self._capturing = compile_pattern(
            prefix + "(?:" + "|".join(groups) + ")", allow_fallback=allow_fallback
        )
        self._replacements = [value for _, value in ordered]
        self._literal_index: dict[str, int] | None = None
        scan = self._capturing
        if all(_is_literal(key) for key, _ in ordered):
            fold = str.casefold if spec.ignorecase else str
            self._literal_index = {}
            for index, (key, _) in enumerate(ordered):
                self._literal_index.setdefault(fold(key), index)
            plain = "|".join(_wrap(key, self._word_bounded) for key, _ in ordered)
            scan = compile_pattern(prefix + "(?:" + plain + ")", allow_fallback=allow_fallback)
        super().__init__(spec, scan)
        # Keys whose replacement refers to their groups ($1) are compiled on their own too.
        self._key_patterns: dict[int, SafePattern] = {
            index: compile_pattern(_flags(spec.ignorecase) + key, allow_fallback=allow_fallback)
            for index, (key, value) in enumerate(ordered)
            if re.search(r"\$\d", value)
        }
        self._exceptions = _ExceptionFilter(spec.exceptions, allow_fallback)

    def run(self, context: LintContext) -> list[Finding]:
        text = context.text
        check_bounds = self._word_bounded and not context.encoded.is_ascii
        want_groups = self._literal_index is None
        findings: list[Finding] = []
        for start, end, group in self._matches_in_scope(context, want_groups=want_groups):
            if start == end or (check_bounds and not word_bounds_hold(text, start, end)):
                continue
            observed = text[start:end]
            index = self._key_index(observed, group, context.budget_s)
            if index is None:
                continue
            options = self._options(index, observed, context.budget_s)
            if observed in options or self._exceptions.excludes(observed, context.budget_s):
                continue
            shown = join_alternatives(self.spec.message, options)
            message = format_message(self.spec.message, shown, observed)
            findings.append(self._finding(start, end, text, message, tuple(options)))
        return findings

    def _key_index(self, observed: str, group: int, budget_s: float) -> int | None:
        """Index (into the length-sorted keys) of the swap key that produced this match."""
        if self._literal_index is None:
            return group - 1 if group > 0 else None
        found = self._literal_index.get(observed.casefold() if self.spec.ignorecase else observed)
        if found is not None:
            return found
        groups = self._capturing.groups_of(observed, budget_s=budget_s) or ()
        return next((position for position, value in enumerate(groups) if value is not None), None)

    def _options(self, index: int, observed: str, budget_s: float) -> list[str]:
        replacement = self._replacements[index]
        key_pattern = self._key_patterns.get(index)
        if key_pattern is not None:
            groups = key_pattern.groups_of(observed, budget_s=budget_s) or ()
            replacement = re.sub(r"\$(\d)", lambda ref: _group_text(groups, int(ref.group(1))), replacement)
        options = [option.replace("\x00", "|") for option in replacement.replace(r"\|", "\x00").split("|")]
        options = [option for option in options if option]
        if self.spec.capitalize and observed[:1].isupper():
            options = [option[:1].upper() + option[1:] for option in options]
        return options


class OccurrenceRule(CompiledRule):
    """Counts ``token`` per block and reports blocks above ``max`` or below ``min``."""

    __slots__ = ()

    def __init__(self, spec: RuleSpec, allow_fallback: bool) -> None:
        source = _flags(spec.ignorecase) + f"(?:{spec.token})"
        super().__init__(spec, compile_pattern(source, allow_fallback=allow_fallback))

    def run(self, context: LintContext) -> list[Finding]:
        scope = self.spec.scope or "text"
        blocks = context.blocks(scope)
        per_block: list[list[RawMatch]] = [[] for _ in blocks]
        for match in self._matches_in_scope(context):
            if match.end > match.start or self.spec.min:
                index = context.block_index(scope, match.start, match.end)
                if index is not None:
                    per_block[index].append(match)
        text = context.text
        findings: list[Finding] = []
        for (block_start, block_end), matches in zip(blocks, per_block, strict=True):
            count = len(matches)
            too_many = self.spec.max > 0 and count > self.spec.max
            too_few = self.spec.min > 0 and count < self.spec.min
            if not (too_many or too_few):
                continue
            visible = [match for match in matches if text[match.start:match.end].strip()]
            start, end = (visible[0].start, visible[0].end) if visible else (block_start, block_end)
            findings.append(self._finding(start, end, text, format_message(self.spec.message, count)))
        return findings


class RepetitionRule(CompiledRule):
    """Reports a token repeated back to back (``the the``) inside one sentence."""

    __slots__ = ("_exceptions", "_simple", "_splitter")

    def __init__(self, spec: RuleSpec, allow_fallback: bool) -> None:
        source = _flags(spec.ignorecase) + "(" + "|".join(spec.tokens) + ")"
        super().__init__(spec, compile_pattern(source, allow_fallback=allow_fallback))
        self._exceptions = _ExceptionFilter(spec.exceptions, allow_fallback)
        self._simple: re.Pattern[str] | None = None
        self._splitter: str | None = None
        if len(spec.tokens) == 1 and (split_class := _NOT_SPACE_OR_RE.fullmatch(spec.tokens[0])):
            self._splitter = split_class.group(1)
        if len(spec.tokens) == 1 and _SIMPLE_TOKEN_RE.fullmatch(spec.tokens[0]):
            candidate = re.compile(spec.tokens[0], re.IGNORECASE if spec.ignorecase else 0)
            if not candidate.search(" \t\n"):
                self._simple = candidate

    def run(self, context: LintContext) -> list[Finding]:
        text = context.text
        if self._simple is not None:
            folded = text.lower() if self.spec.ignorecase else text
            if len(folded) == len(text):
                # Cheap C-level check first: most texts have no word twice in a row.
                if self._splitter is not None:
                    for char in self._splitter:  # str.replace is C-fast even on non-ASCII text
                        folded = folded.replace(char, " ")
                    items = folded.split()
                else:
                    items = self._simple.findall(folded)
                if not any(map(operator.eq, items, items[1:])):
                    return []
            spans = [match.span() for match in self._simple.finditer(text)]
        else:
            spans = [(match.start, match.end) for match in self._matches_in_scope(context)]
        return self._repeats(context, spans)

    def _repeats(self, context: LintContext, spans: list[tuple[int, int]]) -> list[Finding]:
        text = context.text
        same: Callable[[str, str], bool] = (
            (lambda a, b: a.casefold() == b.casefold()) if self.spec.ignorecase else operator.eq
        )
        findings: list[Finding] = []
        previous: tuple[int, int, str] | None = None
        run_length = 0
        for start, end in spans:
            current = text[start:end].strip()
            hit = (
                previous is not None
                and current != ""
                and same(current, previous[2])
                and (not self.spec.alpha or current.isalpha())
                and not _SENTENCE_GAP_RE.search(text, previous[1], start)
            )
            run_length = run_length + 1 if hit else 0
            if hit and run_length > self.spec.max and previous is not None:
                covered = text[previous[0]:end]
                if not self._exceptions.excludes(covered, context.budget_s):
                    findings.append(
                        self._finding(previous[0], end, text, format_message(self.spec.message, current))
                    )
                    run_length = 0
            previous = (start, end, current)
        return findings


def compile_rule(spec: RuleSpec, *, allow_fallback: bool = True) -> CompiledRule:
    """Compile a spec; raises :class:`~workstation.core.prose.patterns.PatternError` with a reason."""
    factory: dict[str, Callable[[RuleSpec, bool], CompiledRule]] = {
        "existence": ExistenceRule,
        "substitution": SubstitutionRule,
        "occurrence": OccurrenceRule,
        "repetition": RepetitionRule,
    }
    return factory[spec.kind](spec, allow_fallback)


def _flags(ignorecase: bool, multiline: bool = False) -> str:
    return ("(?i)" if ignorecase else "") + ("(?m)" if multiline else "")


def _alternation(tokens: tuple[str, ...], word_bounded: bool) -> str:
    return "(?:" + "|".join(_wrap(token, word_bounded) for token in tokens) + ")"


def _wrap(token: str, word_bounded: bool) -> str:
    """Wrap one token in ``\\b…\\b`` as Vale does.

    An edge that is a literal non-ASCII letter gets no ``\\b`` (RE2's ``\\b`` is ASCII-only and
    would never match there); :func:`word_bounds_hold` checks that edge after matching.
    """
    if not word_bounded:
        return f"(?:{token})"
    lead = "" if _literal_non_ascii_letter(token, 0) else r"\b"
    tail = "" if _literal_non_ascii_letter(token, len(token) - 1) else r"\b"
    return f"{lead}(?:{token}){tail}"


def _literal_non_ascii_letter(token: str, index: int) -> bool:
    if not token or not 0 <= index < len(token):
        return False
    char = token[index]
    escaped = index > 0 and token[index - 1] == "\\"
    return not char.isascii() and char.isalpha() and not escaped


def _group_text(groups: tuple[str | None, ...], number: int) -> str:
    """Text of capture group ``number`` (1-based) for a ``$N`` reference; empty if it did not take part."""
    return (groups[number - 1] or "") if 0 < number <= len(groups) else ""


def _is_literal(key: str) -> bool:
    """True when a swap key has no regular-expression syntax, so it matches only its own text."""
    return not any(char in key for char in "\\.^$*+?{}[]|()")


def _non_capturing(pattern: str) -> str:
    """Turn capture groups into non-capturing ones so group numbers identify swap keys."""
    out: list[str] = []
    index = 0
    in_class = False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            out.append(pattern[index:index + 2])
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(" and not pattern.startswith("(?", index):
            out.append("(?:")
            index += 1
            continue
        elif pattern.startswith(("(?P<", "(?<"), index) and not pattern.startswith(("(?<=", "(?<!"), index):
            close = pattern.find(">", index)
            if close != -1:  # a named group: keep the group, drop the name and the capture
                out.append("(?:")
                index = close + 1
                continue
        out.append(char)
        index += 1
    return "".join(out)
