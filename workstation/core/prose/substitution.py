"""Vale's ``substitution`` rule: each ``swap`` key is a pattern, its value what to write instead.

As in Vale:

* keys are joined longest first into one word-bounded alternation (``nonword`` drops the
  bounds); a key's own groups do not capture, and ``$1`` in a value refers to them;
* a match is not reported when the observed text already is the replacement. A replacement of
  plain words (letters, digits, spaces, hyphens) must equal the observed text exactly; any
  other replacement is read as a pattern that must match the whole observed text, case
  sensitively, so ``log(?:s)? in`` leaves "logs in" alone;
* ``capitalize`` capitalises the replacement when the observed text starts with a capital;
* with ``action: {name: replace}`` the value's ``|`` alternatives are the offered fixes and the
  message lists them as ``'a' or 'b'``; without it the message shows the value as written.

Quick fixes (``Finding.suggestions``) are the replacement's alternatives that are plain text: a
replacement that is a pattern is never offered as text to type in.
"""

from __future__ import annotations

import re

from workstation.core.prose.findings import Finding
from workstation.core.prose.lint_context import (
    LintContext,
    cap_first,
    format_message,
    is_phrase,
    quoted_list,
    unquote_first_placeholder,
    word_bounds_hold,
)
from workstation.core.prose.patterns import PatternError, SafePattern, compile_pattern
from workstation.core.prose.rule_base import (
    CompiledRule,
    ExceptionFilter,
    bounded_token,
    flag_prefix,
    group_text,
    is_literal,
    non_capturing,
    trimmed_span,
)
from workstation.core.prose.rule_pattern import alternation_pattern
from workstation.core.prose.vale_style import RuleSpec

_GROUP_REFERENCE_RE = re.compile(r"\$(\d+)")
_PATTERN_SYNTAX = frozenset("()[]{}*+?^$")


class SubstitutionRule(CompiledRule):
    """Reports matches of ``swap`` keys with the replacement(s) as suggestions.

    The text is scanned with all keys in one alternation, without capture groups (tracking a
    group per key costs RE2 dearly on every match). Which key matched is then found per match:
    a key of plain text by looking the matched text up in a table, a key that is a pattern by
    running it alone at the match's start, in context, and checking it ends where the match
    ends. The first key, in Vale's longest-first order, that passes is the one the alternation
    chose.
    """

    __slots__ = (
        "_already_right",
        "_exceptions",
        "_keys",
        "_literal_index",
        "_pattern_keys",
        "_replacements",
        "_word_bounded",
    )

    def __init__(self, spec: RuleSpec, allow_fallback: bool) -> None:
        ordered = sorted(spec.swap, key=lambda pair: len(pair[0]), reverse=True)
        self._word_bounded = not spec.nonword
        prefix = flag_prefix(spec.ignorecase)
        scan_keys = [bounded_token(non_capturing(key), self._word_bounded) for key, _ in ordered]
        super().__init__(
            spec, alternation_pattern(scan_keys, prefix=prefix, opening="(?m:", allow_fallback=allow_fallback)
        )
        self._replacements = [value for _, value in ordered]
        fold = str.casefold if spec.ignorecase else str
        self._literal_index: dict[str, int] = {}
        for index, (key, _) in enumerate(ordered):
            if is_literal(key):
                self._literal_index.setdefault(fold(key), index)
        self._pattern_keys = [index for index, (key, _) in enumerate(ordered) if not is_literal(key)]
        # Each pattern key alone, with its own groups (for $1).
        self._keys: dict[int, SafePattern] = {
            index: compile_pattern(
                prefix + "(?m:" + bounded_token(ordered[index][0], self._word_bounded) + ")",
                allow_fallback=allow_fallback,
            )
            for index in self._pattern_keys
        }
        self._already_right: dict[str, SafePattern | None] = {}
        self._exceptions = ExceptionFilter(spec, allow_fallback)

    def run(self, context: LintContext) -> list[Finding]:
        text = context.text
        check_bounds = self._word_bounded and not context.encoded.is_ascii
        findings: list[Finding] = []
        for start, end in self._matches_in_scope(context):
            if start == end or (check_bounds and not word_bounds_hold(text, start, end)):
                continue
            found = self._key_at(context, start, end)
            if found is None:
                continue
            index, groups = found
            start, end = trimmed_span(text, start, end, trailing=True)
            observed = text[start:end]
            expected = self._expected(index, observed, groups)
            if self._is_already(expected, observed, context.budget_s):
                continue
            if self._exceptions.excludes(observed, context.budget_s):
                continue
            options = self._options(expected, observed)
            if self.spec.action == "replace":
                template = unquote_first_placeholder(self.spec.message)
                message = format_message(template, quoted_list(options or [expected]), observed)
            else:
                message = format_message(self.spec.message, expected, observed)
            suggestions = tuple(option for option in map(_as_plain_text, options) if option is not None)
            findings.append(self._finding(start, end, text, message, suggestions))
        return findings

    def _key_at(
        self, context: LintContext, start: int, end: int
    ) -> tuple[int, tuple[str | None, ...]] | None:
        """(index of the key that made the match [start, end), the key's groups), or None."""
        matched = context.text[start:end]
        literal = self._literal_index.get(matched.casefold() if self.spec.ignorecase else matched)
        for index in self._pattern_keys:
            if literal is not None and index > literal:
                break
            if (found := self._run_key(index, context, start)) is not None and found[0] == end:
                return index, found[1]
        return None if literal is None else (literal, ())

    def _run_key(
        self, index: int, context: LintContext, start: int
    ) -> tuple[int, tuple[str | None, ...]] | None:
        return self._keys[index].match_at(context.encoded, start, budget_s=context.budget_s)

    def _expected(self, index: int, observed: str, groups: tuple[str | None, ...]) -> str:
        """The replacement for this match: capitalised if asked, with ``$N`` filled in."""
        replacement = self._replacements[index]
        if self.spec.capitalize and observed == cap_first(observed):
            replacement = cap_first(replacement)
        if groups and _GROUP_REFERENCE_RE.search(replacement):
            replacement = _GROUP_REFERENCE_RE.sub(
                lambda ref: group_text(groups, int(ref.group(1))), replacement
            )
        return replacement

    def _is_already(self, expected: str, observed: str, budget_s: float) -> bool:
        """Vale's test that the observed text already is the replacement (see the module doc)."""
        if is_phrase(expected):
            return expected == observed
        if expected not in self._already_right:
            try:
                whole = compile_pattern(f"^(?:{expected})$")
            except PatternError:  # not a valid pattern: compare the text, as Vale does
                whole = None
            self._already_right[expected] = whole
        pattern = self._already_right[expected]
        return expected == observed if pattern is None else pattern.search(observed, budget_s=budget_s)

    def _options(self, expected: str, observed: str) -> list[str]:
        """The replacement's ``|`` alternatives, capitalised like the observed text if asked."""
        options = [option for option in _top_level_alternatives(expected) if option]
        if self.spec.capitalize and observed == cap_first(observed):
            options = [cap_first(option) for option in options]
        return options


def _top_level_alternatives(replacement: str) -> list[str]:
    """Split a replacement on ``|`` outside brackets and parentheses; ``\\|`` is a literal bar."""
    options: list[str] = []
    current: list[str] = []
    depth = 0
    index = 0
    while index < len(replacement):
        char = replacement[index]
        if char == "\\" and index + 1 < len(replacement):
            current.append(replacement[index : index + 2])
            index += 2
            continue
        if char in "([":
            depth += 1
        elif char in ")]" and depth:
            depth -= 1
        elif char == "|" and depth == 0:
            options.append("".join(current))
            current = []
            index += 1
            continue
        current.append(char)
        index += 1
    options.append("".join(current))
    return options


def _as_plain_text(option: str) -> str | None:
    """The text an option stands for, or None when it is a pattern rather than words to type.

    A backslash before punctuation is an escape (``Node\\.js`` is "Node.js"); a bare ``.`` is
    read as the full stop it nearly always is in a replacement.
    """
    plain: list[str] = []
    index = 0
    while index < len(option):
        char = option[index]
        if char == "\\":
            following = option[index + 1 : index + 2]
            if not following or following.isalnum():
                return None  # \d, \w, \b …: a pattern
            plain.append(following)
            index += 2
            continue
        if char in _PATTERN_SYNTAX:
            return None
        plain.append(char)
        index += 1
    return "".join(plain)
