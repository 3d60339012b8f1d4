"""``spelling`` rules: every word no dictionary of the rule knows is reported (``%s`` is the word).

Words are found as Vale finds them: runs of non-space characters, typographic quotes read as
plain ones, with leading ``$ ( " [ '`` and trailing ``, ) " ] ! ; . ? : '`` taken off; a run
without a letter is no word. A word is left alone when a filter pattern matches anywhere in it:
the rule's ``filters`` plus, unless ``custom: true``, Vale's three built-in ones (mixed case
like "MongoDB", a word ending in capitals like "NASA", and anything but ASCII letters, ``_`` and
``'``, which skips numbers, "e.g." and hyphenated words). It is known when any of the rule's
checkers knows it (see :mod:`spelling_sources`), its ignore files list it (any case), or one of
its ``exceptions`` or of the words the active vocabularies accept (unless ``vocab: false``), read
as case-blind patterns, matches in it. Each finding is where the word is (Vale
puts every repeat of a word at its first place in the block).

The checkers come from the app: a loaded pack's spelling rules do nothing until
:func:`attach_spelling` gives them a :class:`~spelling_sources.SpellingBackend`, and then they
open their Hunspell pairs on first use (off the GUI thread, as linting runs) and keep them.
Until then, and when a dictionary cannot be opened, each lint report says why in its problems.
"""

from __future__ import annotations

import copy
import dataclasses
import re
import threading
from typing import TYPE_CHECKING

from workstation.core.prose.findings import Finding
from workstation.core.prose.lint_context import LintContext, format_message
from workstation.core.prose.patterns import SafePattern, compile_pattern
from workstation.core.prose.rule_base import rule_exceptions
from workstation.core.prose.rule_kinds.kind_rule import KindRule, options_of
from workstation.core.prose.rule_kinds.options import SpellingOptions
from workstation.core.prose.rule_kinds.spelling_sources import (
    SpellingBackend,
    SpellingSources,
    WordChecker,
    resolve_sources,
)
from workstation.core.prose.vale_style import RuleSpec

if TYPE_CHECKING:
    from workstation.core.prose.style_pack import StylePack

BUILT_IN_FILTERS = (r"[A-Z]{1}[a-z]+[A-Z]+\w+", r"[A-Z]+$", r"[^a-zA-Z_']")
"""Vale's default filters, as its documentation lists them."""

_RUN_RE = re.compile(r"\S+")
_TYPOGRAPHIC_QUOTES = (("\u201c", '"'), ("\u201d", '"'), ("\u2018", "'"), ("\u2019", "'"))
_LEADING = "$(\"['"
_TRAILING = ",)\"]!;.?:'"
#: Distinct words whose filter verdict one rule remembers (about 10 MB at most).
_MAX_REMEMBERED = 100_000


class SpellingRule(KindRule[SpellingOptions]):
    """Reports words its dictionaries do not know (see the module docstring)."""

    __slots__ = (
        "_backend",
        "_checkers",
        "_exceptions",
        "_filtered",
        "_filters",
        "_lock",
        "_problem",
        "sources",
    )

    def __init__(self, spec: RuleSpec, allow_fallback: bool) -> None:
        options = options_of(spec, SpellingOptions)
        sources = resolve_sources(options, spec.path)
        filters = options.filters + (() if options.custom else BUILT_IN_FILTERS)
        patterns: list[SafePattern] = []
        self._filters = None
        if filters:
            joined = "|".join(f"(?:{item})" for item in filters)
            self._filters = compile_pattern(joined, allow_fallback=allow_fallback)
            patterns.append(self._filters)
        self._exceptions = None
        exceptions = rule_exceptions(spec)
        if exceptions:
            joined = "|".join(f"(?:{item})" for item in exceptions)
            self._exceptions = compile_pattern("(?i)" + joined, allow_fallback=allow_fallback)
            patterns.append(self._exceptions)
        super().__init__(spec, options, tuple(patterns))
        self.sources: SpellingSources = sources
        self._filtered: dict[str, bool] = {}
        self._backend: SpellingBackend | None = None
        self._checkers: tuple[WordChecker, ...] | None = None
        self._problem = ""
        self._lock = threading.Lock()

    def bound(self, backend: SpellingBackend) -> SpellingRule:
        """This rule with ``backend`` to check words against (a copy; the patterns are shared)."""
        rule = copy.copy(self)
        rule._backend = backend
        rule._checkers = None
        rule._problem = ""
        rule._filtered = {}
        rule._lock = threading.Lock()
        return rule

    def run(self, context: LintContext) -> list[Finding]:
        checkers = self._ready_checkers()
        if self._problem:
            context.note(f"{self.spec.name}: {self._problem}")
        if not checkers:
            return []
        text = context.text
        plain = _plain_quotes(text)
        # Texts repeat their words: judge each distinct run of non-space characters once, and
        # look for where they are only when one is misspelled.
        misspelled = {run for run in set(plain.split()) if self._misspelled(run, checkers, context.budget_s)}
        if not misspelled:
            return []
        findings: list[Finding] = []
        for run in _RUN_RE.finditer(plain):
            if run.group() in misspelled:
                start, end = _word_span(run.group())
                start += run.start()
                end += run.start()
                message = format_message(self.spec.message, text[start:end])
                findings.append(self._finding(start, end, text, message))
        return findings

    def _misspelled(self, run: str, checkers: tuple[WordChecker, ...], budget_s: float) -> bool:
        start, end = _word_span(run)
        word = run[start:end]
        if not any(char.isalpha() for char in word) or self._is_filtered(word, budget_s):
            return False
        if word.casefold() in self.sources.accepted or any(checker.is_known(word) for checker in checkers):
            return False
        return self._exceptions is None or not self._exceptions.search(word, budget_s=budget_s)

    def _is_filtered(self, word: str, budget_s: float) -> bool:
        if self._filters is None:
            return False
        verdict = self._filtered.get(word)
        if verdict is None:
            verdict = self._filters.search(word, budget_s=budget_s)
            if len(self._filtered) >= _MAX_REMEMBERED:
                self._filtered = {}
            self._filtered[word] = verdict
        return verdict

    def _ready_checkers(self) -> tuple[WordChecker, ...]:
        """The checkers of this rule, opened on first use; sets ``_problem`` when some are missing."""
        if self._checkers is not None:
            return self._checkers
        with self._lock:
            if self._checkers is None:
                self._checkers, self._problem = _open_checkers(self.sources, self._backend)
            return self._checkers


def _plain_quotes(text: str) -> str:
    """``text`` with typographic quotes as plain ones (the same length: offsets stay valid)."""
    for typographic, plain in _TYPOGRAPHIC_QUOTES:
        if typographic in text:
            text = text.replace(typographic, plain)
    return text


def _word_span(run: str) -> tuple[int, int]:
    """Where the word is in a run of non-space characters: leading and trailing marks off."""
    start = len(run) - len(run.lstrip(_LEADING))
    return start, max(start, len(run.rstrip(_TRAILING)))


def _open_checkers(
    sources: SpellingSources, backend: SpellingBackend | None
) -> tuple[tuple[WordChecker, ...], str]:
    """The checkers ``sources`` ask for, and a sentence about those that cannot be had ("" if none)."""
    if backend is None:
        return (), "not checked: this app has given spelling rules no dictionary"
    checkers: list[WordChecker] = []
    problems: list[str] = []
    if sources.with_default:
        if backend.default is not None:
            checkers.append(backend.default)
        elif backend.open_default is not None:
            try:
                checkers.append(backend.open_default())
            except (OSError, ValueError) as exc:
                problems.append(f"the app's own dictionary cannot be opened: {_sentence_part(exc)}")
        else:
            problems.append("the app's own dictionary is not available")
    for request in sources.dictionaries:
        if backend.open_dictionary is None:
            problems.append(
                f"the {request.language} dictionary cannot be opened: the app gave no way to open it"
            )
            continue
        try:
            checkers.append(backend.open_dictionary(request))
        except (OSError, ValueError) as exc:
            problems.append(f"the {request.language} dictionary cannot be opened: {_sentence_part(exc)}")
    if not checkers:
        problems.append("not checked")
    return tuple(checkers), "; ".join(problems)


def _sentence_part(error: Exception) -> str:
    """An error's sentence as part of a longer one: without its full stop."""
    return str(error).rstrip(".")


def attach_spelling(pack: StylePack, backend: SpellingBackend) -> StylePack:
    """``pack`` with its spelling rules bound to ``backend`` (other rules are shared, not copied).

    Build one per dictionary change (say, the project's language): rules open their dictionaries
    lazily, so this is cheap.
    """
    rules = tuple(rule.bound(backend) if isinstance(rule, SpellingRule) else rule for rule in pack.rules)
    return dataclasses.replace(pack, rules=rules)
