"""Offline spell checking of the rewrite pane against a Hunspell dictionary and the writer's words.

Checking runs as the writer types, so each word's answer from Hunspell is remembered (a
5,000-word text whose words were seen before checks in about a millisecond); suggestions are
computed only when asked (the context menu opens) and remembered too. The checker keeps no
global state: the dictionary and the user's word list are handed in.

Skipped, because they are not dictionary words: single letters, words touching digits or an
underscore (``3rd``, ``mp3``), words with capitals after the first letter (``NASA``,
``iPhone``), anything inside a URL, an e-mail address or a path, and any span the caller says
to skip (Markdown code and link targets). Curly apostrophes count as straight ones, and a
possessive ``'s`` is accepted when the word without it is known.

The caller may name words to accept: ``accepted`` ones always (words the writer ignored in this
task), ``task_words`` unless they look like a typo (the words of the task's prompt and original:
"Okonkwo" and "Zentrix" pass, but a "teh" copied from the original stays marked, since it is one
edit away from "the").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence, Set
from dataclasses import dataclass

from workstation.core.prose.hunspell_dictionary import HunspellDictionary
from workstation.core.prose.user_dictionary import UserDictionary

_LATIN = "A-Za-zÀ-ÖØ-öø-ÿ"
WORD_RE = re.compile(rf"(?<!\w)[{_LATIN}]+(?:['\u2019][{_LATIN}]+)*(?!\w)")
"""A word as spelling sees it: letters, with inner apostrophes (``isn't``, ``writer’s``), touching
no other letter, digit or underscore (``mp3``, ``3rd``, ``snake_case`` and ``naïve`` written with
a letter outside the Latin range are no words to check)."""
_TOKEN_RE = re.compile(r"\S+")
# Inside one token (no white space): a URL runs to the token's end; an e-mail address may start
# only where a run of its characters starts and never gives characters back (possessive), so
# neither pattern backtracks: both are linear in the token's length.
_URL_OR_EMAIL_RE = re.compile(r"(?:https?://|www\.)\S+|(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)++")
#: A token this long is no word (a hash, a hex dump, base64): skipped whole.
_MAX_WORD_TOKEN_CHARS = 200
# Only at a token's start (the look-behind), so a run is read once: linear in the text's length.
_LONG_TOKEN_RE = re.compile(rf"(?<!\S)\S{{{_MAX_WORD_TOKEN_CHARS + 1},}}")
#: What a token needs to be a path, a URL or an e-mail address.
_ZONE_MARKS = ("/", "\\", "@", "www.")
#: Words whose Hunspell answer is remembered; past it the memory starts again (about 20 MB).
_MAX_REMEMBERED_WORDS = 200_000
#: Words whose suggestions are remembered (a writer right-clicks the same few again).
_MAX_REMEMBERED_SUGGESTIONS = 512
#: The letters tried when looking for a dictionary word one edit away from a task's word.
_EDIT_LETTERS = "abcdefghijklmnopqrstuvwxyz'"
#: Task words whose typo check is remembered.
_MAX_REMEMBERED_TYPOS = 4096

type Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class MisspelledWord:
    """An unknown word at code-point span ``start``-``end``."""

    start: int
    end: int
    word: str


def normalised_word(word: str) -> str:
    """How accepted and ignored words are compared: casefolded, curly apostrophes made straight."""
    return word.replace("\u2019", "'").casefold()


class SpellChecker:
    """Spell checking against one Hunspell dictionary plus the user's own words.

    ``user_words`` is shared by the checkers of every language (one file per user); None keeps
    added words in memory only.
    """

    def __init__(self, dictionary: HunspellDictionary, user_words: UserDictionary | None = None) -> None:
        self.dictionary = dictionary
        self.user_words = user_words if user_words is not None else UserDictionary(None)
        self._in_dictionary: dict[str, bool] = {}
        self._typos: dict[str, bool] = {}
        self._suggestions: dict[str, tuple[str, ...]] = {}

    @property
    def language(self) -> str:
        """The BCP 47 tag of the dictionary checked against ("en-GB")."""
        return self.dictionary.language

    def is_known(self, word: str) -> bool:
        """Whether ``word`` is in the dictionary (as capitalised) or the user's words (any case)."""
        known = self._in_dictionary.get(word)
        if known is None:
            normalised = word.replace("\u2019", "'")
            base = _without_possessive(normalised)
            known = self.dictionary.lookup(normalised) or (base is not None and self.dictionary.lookup(base))
            if len(self._in_dictionary) >= _MAX_REMEMBERED_WORDS:
                self._in_dictionary = {}
            self._in_dictionary[word] = known
        return known or (len(self.user_words) > 0 and _is_among(word, self.user_words))

    def is_likely_typo(self, word: str) -> bool:
        """Whether ``word`` is one edit (a letter dropped, added, changed, or two swapped) from a
        dictionary word. About a millisecond per word (a few hundred lookups), remembered."""
        normalised = word.replace("\u2019", "'")
        typo = self._typos.get(normalised)
        if typo is None:
            typo = any(self.dictionary.lookup(variant) for variant in _one_edit_away(normalised))
            if len(self._typos) >= _MAX_REMEMBERED_TYPOS:
                self._typos = {}
            self._typos[normalised] = typo
        return typo

    def misspelled_spans(
        self,
        text: str,
        *,
        accepted: Set[str] = frozenset(),
        task_words: Set[str] = frozenset(),
        skipped: Sequence[Span] = (),
    ) -> tuple[MisspelledWord, ...]:
        """Unknown words in ``text`` with their code-point spans, in order.

        ``accepted`` words are never flagged, ``task_words`` only when :meth:`is_likely_typo`;
        both hold words as :func:`normalised_word` gives them. A word starting inside one of the
        ``skipped`` spans (code points, any order) is not checked.
        """
        skip_zones = sorted([*_skip_zones(text), *skipped])
        zone_index = 0
        found: list[MisspelledWord] = []
        for match in WORD_RE.finditer(text):
            start, end = match.span()
            while zone_index < len(skip_zones) and skip_zones[zone_index][1] <= start:
                zone_index += 1
            if zone_index < len(skip_zones) and skip_zones[zone_index][0] <= start:
                continue
            word = match.group()
            tail = word[1:]
            if not tail or tail != tail.lower():  # one letter, or ALLCAPS and iPhone-like
                continue
            if _is_among(word, accepted) or self.is_known(word):
                continue
            if not (_is_among(word, task_words) and not self.is_likely_typo(word)):
                found.append(MisspelledWord(start, end, word))
        return tuple(found)

    def suggestions(self, word: str, limit: int = 8) -> tuple[str, ...]:
        """Hunspell's likely corrections for ``word``, best first, at most ``limit``."""
        normalised = word.replace("\u2019", "'")
        if not normalised.strip():
            return ()
        found = self._suggestions.get(normalised)
        if found is None:
            found = tuple(s for s in self.dictionary.suggest(normalised) if s and s != normalised)
            if len(self._suggestions) >= _MAX_REMEMBERED_SUGGESTIONS:
                self._suggestions = {}
            self._suggestions[normalised] = found
        return found[:limit]

    def add_word(self, word: str) -> None:
        """Add ``word`` to the user's dictionary (see :meth:`UserDictionary.add`)."""
        self.user_words.add(word)


def words_in(texts: Iterable[str | None]) -> frozenset[str]:
    """Every word of ``texts`` as :func:`normalised_word` gives it, possessives also without 's."""
    distinct: set[str] = set()
    for text in texts:
        distinct.update(WORD_RE.findall(text or ""))  # a text repeats its words: normalise each once
    found = {normalised_word(word) for word in distinct}
    found.update(base for word in list(found) if (base := _without_possessive(word)) is not None)
    return frozenset(found)


def _is_among(word: str, words: Set[str]) -> bool:
    """Whether ``word`` (or it without a possessive 's) is in ``words``, as normalised words."""
    if not words:
        return False
    normalised = normalised_word(word)
    base = _without_possessive(normalised)
    return normalised in words or (base is not None and base in words)


def _one_edit_away(word: str) -> Iterator[str]:
    """Every distinct string one deletion, swap, change or insertion of a letter from ``word``."""
    variants: set[str] = set()
    for i in range(len(word) + 1):
        head, tail = word[:i], word[i:]
        if tail:
            variants.add(head + tail[1:])
        if len(tail) > 1:
            variants.add(head + tail[1] + tail[0] + tail[2:])
        for letter in _EDIT_LETTERS:
            variants.add(head + letter + tail)
            if tail:
                variants.add(head + letter + tail[1:])
    variants.discard(word)
    yield from variants


def _without_possessive(word: str) -> str | None:
    """``word`` without a final ``'s`` (straight apostrophe), or None when it has none."""
    return word[:-2] if len(word) > 2 and word[-2:] in ("'s", "'S") else None


def _skip_zones(text: str) -> list[Span]:
    """Spans (in order) that hold no dictionary words: URLs, e-mail addresses, paths (any token
    with a slash) and tokens too long to be words. Linear in ``len(text)``."""
    if not any(mark in text for mark in _ZONE_MARKS):  # most texts: only overlong tokens to find
        return [match.span() for match in _LONG_TOKEN_RE.finditer(text)]
    zones: list[Span] = []
    for token in _TOKEN_RE.finditer(text):
        start, end = token.span()
        word = token.group()
        if end - start > _MAX_WORD_TOKEN_CHARS or "/" in word or "\\" in word:
            zones.append((start, end))
        elif "@" in word or "www." in word:
            zones.extend((start + m.start(), start + m.end()) for m in _URL_OR_EMAIL_RE.finditer(word))
    return zones
