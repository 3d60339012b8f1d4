"""Offline spell checking of the rewrite pane over pyspellchecker's bundled English dictionary.

Checking is cheap and runs as the writer types; suggestions are computed only when asked (the
context menu opens). Words a writer adds live in a per-user plain-text file, one word per line,
written atomically (temp file → fsync → rename), whose path the caller passes in: this module
keeps no global state.

Skipped, because they are not dictionary words: single letters, words touching digits or an
underscore (``3rd``, ``mp3``), words with capitals after the first letter (``NASA``,
``iPhone``), and anything inside a URL or an e-mail address. Curly apostrophes count as straight
ones, and a possessive ``'s`` is accepted when the word without it is known.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workstation.core.files.atomic import atomic_text_writer

_LATIN = "A-Za-zÀ-ÖØ-öø-ÿ"
_WORD_RE = re.compile(rf"[{_LATIN}]+(?:['\u2019][{_LATIN}]+)*")
_TOKEN_RE = re.compile(r"\S+")
# Inside one token (no white space): a URL runs to the token's end; an e-mail address may start
# only where a run of its characters starts and never gives characters back (possessive), so
# neither pattern backtracks: both are linear in the token's length.
_URL_OR_EMAIL_RE = re.compile(r"(?:https?://|www\.)\S+|(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)++")
#: A token this long is no word (a hash, a hex dump, base64): skipped whole.
_MAX_WORD_TOKEN_CHARS = 200
#: Longest word, in letters, for which distance-2 suggestions are searched.
_MAX_DISTANCE_TWO_LENGTH = 14


@dataclass(frozen=True, slots=True)
class MisspelledWord:
    """An unknown word at code-point span ``start``-``end``."""

    start: int
    end: int
    word: str


class SpellChecker:
    """Spell checking against the bundled dictionary plus the user's own words.

    ``user_dictionary`` is the path of the user's word file (created on the first added word).
    ``backend`` lets tests or the app share one loaded pyspellchecker instance (it takes about
    150 ms to load).
    """

    def __init__(
        self, user_dictionary: str | Path | None = None, *, backend: Any = None, language: str = "en"
    ) -> None:
        if backend is None:
            from spellchecker import SpellChecker as _Backend

            backend = _Backend(language=language)
        self._backend = backend
        self._dictionary: dict[str, int] = backend.word_frequency.dictionary
        self._path = Path(user_dictionary) if user_dictionary is not None else None
        self._user_words: dict[str, str] = {}  # casefolded → as written
        self._known_cache: dict[str, bool] = {}
        self._by_initial: dict[tuple[str, int], list[str]] | None = None
        self._lock = threading.Lock()
        if self._path is not None:
            self._user_words = _read_word_file(self._path)

    @property
    def user_words(self) -> tuple[str, ...]:
        """The user's added words, sorted case-insensitively."""
        return tuple(sorted(self._user_words.values(), key=str.casefold))

    def is_known(self, word: str) -> bool:
        """Whether ``word`` is in the dictionary or the user's words (case-insensitive)."""
        normalised = word.replace("\u2019", "'")
        cached = self._known_cache.get(normalised)
        if cached is not None:
            return cached
        lowered = normalised.lower()
        known = (
            lowered in self._dictionary
            or lowered.casefold() in self._user_words
            or (lowered.endswith("'s") and len(lowered) > 2 and self.is_known(lowered[:-2]))
        )
        self._known_cache[normalised] = known
        return known

    def misspelled_spans(self, text: str) -> tuple[MisspelledWord, ...]:
        """Unknown words in ``text`` with their code-point spans, in order."""
        skip_zones = _skip_zones(text)
        zone_index = 0
        found: list[MisspelledWord] = []
        for match in _WORD_RE.finditer(text):
            start, end = match.span()
            while zone_index < len(skip_zones) and skip_zones[zone_index][1] <= start:
                zone_index += 1
            if zone_index < len(skip_zones) and skip_zones[zone_index][0] <= start:
                continue
            word = match.group()
            if len(word) < 2 or _touches_non_word(text, start, end) or _has_inner_capital(word):
                continue
            if not self.is_known(word):
                found.append(MisspelledWord(start, end, word))
        return tuple(found)

    def suggestions(self, word: str, limit: int = 8) -> tuple[str, ...]:
        """Likely corrections for ``word``, most frequent first, in the word's capitalisation.

        Tries one edit away first (a few milliseconds); only if nothing is found does it search
        two edits away among dictionary words with the same first letter and similar length.
        """
        lowered = word.replace("\u2019", "'").lower()
        if not lowered:
            return ()
        candidates = self._backend.known(self._backend.edit_distance_1(lowered))
        if not candidates and len(lowered) <= _MAX_DISTANCE_TWO_LENGTH:
            candidates = self._distance_two(lowered)
        ranked = sorted(candidates, key=lambda candidate: (-self._dictionary.get(candidate, 0), candidate))
        return tuple(_match_case(word, candidate) for candidate in ranked[:limit])

    def add_word(self, word: str) -> None:
        """Add ``word`` to the user's dictionary and save the file atomically.

        Raises ValueError for an empty word or one with white space in it, and OSError when the
        file cannot be written (the in-memory list is then left unchanged).
        """
        cleaned = word.strip()
        if not cleaned or any(char.isspace() for char in cleaned):
            raise ValueError(f"not a single word: {word!r}")
        with self._lock:
            updated = dict(self._user_words)
            updated[cleaned.casefold()] = cleaned
            self._save(updated)
            self._user_words = updated
            self._known_cache.clear()

    def remove_word(self, word: str) -> None:
        """Remove ``word`` from the user's dictionary (no error if it is not there)."""
        with self._lock:
            unwanted = word.strip().casefold()
            updated = {key: value for key, value in self._user_words.items() if key != unwanted}
            if len(updated) != len(self._user_words):
                self._save(updated)
                self._user_words = updated
                self._known_cache.clear()

    def _save(self, words: dict[str, str]) -> None:
        if self._path is not None:
            write_word_file(self._path, sorted(words.values(), key=str.casefold))

    def _distance_two(self, lowered: str) -> set[str]:
        if self._by_initial is None:
            index: dict[tuple[str, int], list[str]] = {}
            for entry in self._dictionary:
                if entry:
                    index.setdefault((entry[0], len(entry)), []).append(entry)
            self._by_initial = index
        letters = set(lowered)
        close = _within_two_edits
        found: set[str] = set()
        for length in range(max(1, len(lowered) - 2), len(lowered) + 3):
            for candidate in self._by_initial.get((lowered[0], length), ()):
                # Cheap filter first: two edits change at most four distinct letters.
                if len(letters.symmetric_difference(candidate)) <= 4 and close(lowered, candidate):
                    found.add(candidate)
        return found


def write_word_file(path: Path, words: list[str]) -> None:
    """Write ``words`` one per line to ``path`` atomically (temp file, fsync, rename)."""
    with atomic_text_writer(path) as stream:
        stream.write("".join(f"{word}\n" for word in words))


def _skip_zones(text: str) -> list[tuple[int, int]]:
    """Spans (in order) that hold no dictionary words: URLs, e-mail addresses, paths (any token
    with a slash) and tokens too long to be words. Linear in ``len(text)``."""
    zones: list[tuple[int, int]] = []
    for token in _TOKEN_RE.finditer(text):
        start, end = token.span()
        word = token.group()
        if end - start > _MAX_WORD_TOKEN_CHARS or "/" in word or "\\" in word:
            zones.append((start, end))
        elif "@" in word or "www." in word:
            zones.extend((start + m.start(), start + m.end()) for m in _URL_OR_EMAIL_RE.finditer(word))
    return zones


def _read_word_file(path: Path) -> dict[str, str]:
    """Words from a user dictionary file; a missing file is an empty dictionary.

    Blank lines and lines starting with ``#`` are skipped. Raises OSError / UnicodeDecodeError
    when the file exists but cannot be read, so a broken file is never silently overwritten.
    """
    try:
        content = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    words: dict[str, str] = {}
    for line in content.splitlines():
        word = line.strip()
        if word and not word.startswith("#"):
            words[word.casefold()] = word
    return words


def _touches_non_word(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return any(char.isdigit() or char == "_" or char.isalpha() for char in (before, after))


def _has_inner_capital(word: str) -> bool:
    return any(char.isupper() for char in word[1:])


def _match_case(original: str, suggestion: str) -> str:
    if original.isupper() and len(original) > 1:
        return suggestion.upper()
    if original[:1].isupper():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


def _within_two_edits(source: str, target: str) -> bool:
    """Optimal-string-alignment distance ≤ 2, stopping as soon as a row exceeds 2."""
    if abs(len(source) - len(target)) > 2:
        return False
    previous_previous: list[int] = []
    previous = list(range(len(target) + 1))
    for i in range(1, len(source) + 1):
        current = [i] + [0] * len(target)
        for j in range(1, len(target) + 1):
            cost = 0 if source[i - 1] == target[j - 1] else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and source[i - 1] == target[j - 2] and source[i - 2] == target[j - 1]:
                value = min(value, previous_previous[j - 2] + 1)
            current[j] = value
        if min(current) > 2:
            return False
        previous_previous, previous = previous, current
    return previous[len(target)] <= 2
