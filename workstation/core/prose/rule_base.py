"""What every compiled rule shares: the base class, exception filtering and pattern building.

Patterns are built the way Vale builds them: ``(?i)`` first for ``ignorecase``, tokens joined as
alternatives, each wrapped in ``\\b`` unless the rule is ``nonword``. Findings are shaped the way
Vale reports alerts: a span never starts on white space (a match that begins with the
previous line's line break starts after it), and a message is one line (line breaks and runs of
spaces become one space), so the CLI's one-finding-per-line output stays one line.
"""

from __future__ import annotations

import re
from functools import lru_cache

from workstation.core.prose.findings import Finding
from workstation.core.prose.lint_context import LintContext
from workstation.core.prose.patterns import EncodedText, RawMatch
from workstation.core.prose.rule_pattern import RulePattern, alternation_pattern
from workstation.core.prose.vale_style import RuleSpec

_ANCHOR_RE = re.compile(r"(?<!\\)[\^$]|\\[AzZ]")
_CHARACTER_CLASS_RE = re.compile(r"(?<!\\)\[\^?\]?(?:\\.|[^\]\\])*\]")  # [^ ] has no anchor in it


def has_anchor(source: str) -> bool:
    """Whether a pattern uses ``^``, ``$``, ``\\A``, ``\\z`` or ``\\Z`` outside character classes."""
    return _ANCHOR_RE.search(_CHARACTER_CLASS_RE.sub("", source)) is not None


_SPACE_RUN_RE = re.compile(r" {2,}")


def one_line_message(message: str) -> str:
    """Vale's message clean-up: line breaks become spaces, runs of spaces one space."""
    if "\n" not in message and "\r" not in message and "  " not in message:
        return message
    flat = message.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    return _SPACE_RUN_RE.sub(" ", flat)


def trimmed_span(text: str, start: int, end: int, *, trailing: bool = False) -> tuple[int, int]:
    """``[start, end)`` without its leading white space, so a span never starts on a line break.

    A span that is all white space (a "two spaces" rule) is kept whole. Trailing white space is
    kept, as Vale keeps it in the span it reports, unless ``trailing`` (a span a quick fix will
    replace: "all of " → "all" must not eat the space before the next word).
    """
    inner = text[start:end]
    stripped = inner.strip() if trailing else inner.lstrip()
    if not stripped or len(stripped) == len(inner):
        return start, end
    first = start + len(inner) - len(inner.lstrip())
    return first, first + len(stripped)


class CompiledRule:
    """Base class: a validated spec plus its compiled pattern(s); ``run`` returns findings."""

    __slots__ = ("pattern", "spec")

    def __init__(self, spec: RuleSpec, pattern: RulePattern) -> None:
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
        """True when some of the pattern needs the time-limited fallback engine instead of RE2."""
        return self.pattern.engine != "re2"

    def run(self, context: LintContext) -> list[Finding]:
        """Findings of this rule in ``context.text`` (unsorted)."""
        raise NotImplementedError

    def _finding(
        self, start: int, end: int, text: str, message: str, suggestions: tuple[str, ...] = ()
    ) -> Finding:
        """A finding at ``[start, end)`` (callers pass spans already trimmed of white space)."""
        return Finding(
            start,
            end,
            self.spec.name,
            self.spec.category,
            self.spec.level,
            one_line_message(message),
            text[start:end],
            suggestions,
        )

    def _matches_in_scope(self, context: LintContext) -> list[RawMatch]:
        """Matches that lie inside one block of the rule's scope.

        Runs once over the whole text and drops matches that cross a block edge; only when the
        pattern uses anchors (``^``, ``$``) does it run per block, so anchors mean block edges.
        """
        scope = self.spec.scope or "text"
        guard = context.guard
        if scope == "text":
            return self.pattern.matches(context.encoded, guard=guard)
        if has_anchor(self.pattern.source):
            found: list[RawMatch] = []
            for block_start, block_end in context.blocks(scope):
                piece = EncodedText(context.text[block_start:block_end])
                for match in self.pattern.matches(piece, guard=guard):
                    found.append(RawMatch(match.start + block_start, match.end + block_start))
            return found
        matches = self.pattern.matches(context.encoded, guard=guard)
        return [match for match in matches if context.block_index(scope, match.start, match.end) is not None]


class ExceptionFilter:
    """Vale's exceptions: word-bounded, case-sensitive unless an entry starts with ``(?i)``.

    A rule's own ``exceptions`` plus, unless the rule says ``vocab: false``, the ``accept.txt``
    entries of the active vocabularies (``spec.accepted``), longest first as Vale orders them.
    """

    __slots__ = ("_pattern",)

    def __init__(self, spec: RuleSpec, allow_fallback: bool) -> None:
        exceptions = rule_exceptions(spec)
        self._pattern = _exception_pattern(exceptions, allow_fallback) if exceptions else None

    def excludes(self, observed: str, budget_s: float) -> bool:
        return self._pattern is not None and self._pattern.search(observed.strip(), budget_s=budget_s)


def rule_exceptions(spec: RuleSpec) -> tuple[str, ...]:
    """A rule's ``exceptions`` then, unless ``vocab: false``, its vocabularies' accepted words
    (``spec.accepted``), each once: what every rule kind treats as exceptions, as Vale does."""
    return tuple(dict.fromkeys(spec.exceptions + (spec.accepted if spec.vocab else ())))


@lru_cache(maxsize=64)
def _exception_pattern(exceptions: tuple[str, ...], allow_fallback: bool) -> RulePattern:
    """One pattern for a list of exceptions, shared by every rule with the same list.

    A vocabulary's ``accept.txt`` can hold thousands of entries and applies to every rule, so
    compiling it once per list instead of once per rule keeps loading fast.
    """
    ordered = sorted(exceptions, key=len, reverse=True)
    terms = [term if term.startswith("(?i)") else f"(?-i){term}" for term in ordered]
    return alternation_pattern(terms, opening=r"(?m)\b(?:", closing=r")\b", allow_fallback=allow_fallback)


def flag_prefix(ignorecase: bool, multiline: bool = False) -> str:
    """Inline flags that start a rule's pattern: ``(?i)`` for ignorecase, ``(?m)`` for multi-line."""
    return ("(?i)" if ignorecase else "") + ("(?m)" if multiline else "")


def alternation(tokens: tuple[str, ...], word_bounded: bool) -> str:
    """All tokens as one non-capturing alternation, each word-bounded unless ``nonword``."""
    return "(?:" + "|".join(bounded_token(token, word_bounded) for token in tokens) + ")"


def bounded_token(token: str, word_bounded: bool) -> str:
    """Wrap one token in ``\\b…\\b`` as Vale does.

    An edge that is a literal non-ASCII letter gets no ``\\b`` (RE2's ``\\b`` is ASCII-only and
    would never match there); :func:`word_bounds_hold` checks that edge after matching.
    """
    if not word_bounded:
        return f"(?:{token})"
    lead = "" if literal_non_ascii_letter_at(token, 0) else r"\b"
    tail = "" if literal_non_ascii_letter_at(token, len(token) - 1) else r"\b"
    return f"{lead}(?:{token}){tail}"


def literal_non_ascii_letter_at(token: str, index: int) -> bool:
    """Whether ``token[index]`` is an unescaped non-ASCII letter (``é`` in ``café``)."""
    if not token or not 0 <= index < len(token):
        return False
    char = token[index]
    escaped = index > 0 and token[index - 1] == "\\"
    return not char.isascii() and char.isalpha() and not escaped


def group_text(groups: tuple[str | None, ...], number: int) -> str:
    """Text of capture group ``number`` (1-based) for a ``$N`` reference; empty if it did not take part."""
    return (groups[number - 1] or "") if 0 < number <= len(groups) else ""


def is_literal(key: str) -> bool:
    """True when a swap key has no regular-expression syntax, so it matches only its own text."""
    return not any(char in key for char in "\\.^$*+?{}[]|()")


def non_capturing(pattern: str) -> str:
    """Turn capture groups into non-capturing ones so group numbers identify swap keys."""
    out: list[str] = []
    index = 0
    in_class = False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            out.append(pattern[index : index + 2])
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
