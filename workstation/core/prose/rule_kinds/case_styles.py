"""Title case (AP or Chicago) and sentence case, as Vale's ``capitalization`` rules expect them.

The rules of each style, from the style guides (our word lists):

* **AP** (Associated Press Stylebook): capitalize the first and the last word; lower-case
  articles, conjunctions and prepositions of three letters or fewer. AP capitalizes "to" in an
  infinitive ("How To Write") and not before a noun ("Back to School"); telling them apart needs
  part-of-speech tagging, which this app does not do, so either case of "to" passes.
* **Chicago** (The Chicago Manual of Style): capitalize the first and the last word; lower-case
  articles, coordinating conjunctions and prepositions of any length.
* **Sentence case**: capitalize the first word and any word after an indicator (a word ending in
  one of the rule's ``indicators``, such as ``:``, or a leading list number ``1.``); lower-case
  the rest.

Words listed as exceptions keep the exception's spelling ("macOS", "Kubernetes"), or are left
as written when an exception is a pattern that matches them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from workstation.core.prose.patterns import SafePattern
from workstation.core.prose.rule_kinds.options import TitleStyle

# fmt: off
#: Words AP lower-cases inside a title: articles, and conjunctions and prepositions of at most
#: three letters (with the abbreviations of "versus").
AP_LOWER_CASE = frozenset(
    {
        "a", "an", "the", "and", "but", "for", "nor", "or", "as", "at", "by", "en", "if", "in", "of",
        "on", "per", "to", "via", "vs", "vs.", "v", "v.",
    }
)
#: Words Chicago also lower-cases inside a title: prepositions of any length.
CHICAGO_PREPOSITIONS = frozenset(
    {
        "about", "above", "across", "after", "against", "along", "among", "around", "before", "behind",
        "below", "beneath", "beside", "between", "beyond", "concerning", "despite", "down", "during",
        "following", "from", "including", "inside", "into", "near", "onto", "over", "since", "through",
        "throughout", "toward", "towards", "under", "until", "upon", "with", "within", "without",
    }
)
# fmt: on
CHICAGO_LOWER_CASE = AP_LOWER_CASE | CHICAGO_PREPOSITIONS
_EITHER_CASE_IN_AP = frozenset({"to"})
#: Distinct words whose expected form one rule remembers.
_MAX_REMEMBERED = 50_000

# A title-case word: letters or digits, then anything up to white space, a hyphen or a slash.
_TITLE_WORD_RE = re.compile(r"[^\W_]+[^\s/-]*")
_NUMBERED_RE = re.compile(r"\d+\.")
# Typographic characters read as their plain forms when looking at a word's neighbours.
_PLAIN_NEIGHBOURS = dict(zip("\u201c\u201d\u2018\u2019\u2013\u2014\u2026", "\"\"''--.", strict=True))


class Vocabulary:
    """A rule's exceptions as case styles use them: an entry equal to a word but for case gives
    its spelling; an entry that, as a pattern, matches somewhere in a word keeps the word."""

    __slots__ = ("_any", "_by_folded", "_kept", "_small", "_titled")

    def __init__(self, entries: Sequence[str], any_entry: SafePattern | None) -> None:
        self._by_folded: dict[str, str] = {}
        for entry in sorted(entries, key=len, reverse=True):
            self._by_folded.setdefault(entry.lower(), entry)
        self._any = any_entry
        self._kept: dict[str, bool] = {}
        self._small: dict[str, str] = {}
        self._titled: dict[str, str] = {}

    def spelling(self, word: str, budget_s: float) -> str | None:
        """The exception's spelling of ``word``, ``word`` itself if a pattern keeps it, else None."""
        listed = self._by_folded.get(word.lower())
        if listed is not None:
            return listed
        if self._any is None:
            return None
        kept = self._kept.get(word)
        if kept is None:
            kept = self._any.search(word, budget_s=budget_s)
            if len(self._kept) < _MAX_REMEMBERED:
                self._kept[word] = kept
        return word if kept else None

    def in_sentence(self, word: str, budget_s: float) -> str:
        """How ``word`` is written inside a sentence-cased text: as an exception, or lower-case.

        Remembered per word: texts repeat their words, and this runs for every word."""
        expected = self._small.get(word)
        if expected is None:
            listed = self.spelling(word, budget_s)
            expected = listed if listed is not None else word.lower()
            if len(self._small) < _MAX_REMEMBERED:
                self._small[word] = expected
        return expected

    def in_title(self, word: str, budget_s: float) -> str:
        """How ``word`` is written in a title where it is not a small word: as an exception, or
        with its first letter upper-case (same length; "ß", which would grow, stays). Remembered."""
        expected = self._titled.get(word)
        if expected is None:
            listed = self.spelling(word, budget_s)
            titled = listed if listed is not None else word[:1].upper() + word[1:]
            expected = titled if len(titled) == len(word) else word
            if len(self._titled) < _MAX_REMEMBERED:
                self._titled[word] = expected
        return expected


def title_case(text: str, style: TitleStyle, vocabulary: Vocabulary, budget_s: float) -> str:
    """``text`` in title case (same length: only letters' case changes, or exceptions' spelling)."""
    small_words = CHICAGO_LOWER_CASE if style == "Chicago" else AP_LOWER_CASE
    end = len(text)

    def convert(match: re.Match[str]) -> str:
        word = match.group()
        lowered = word.lower()
        start, stop = match.span()
        if lowered not in small_words or start == 0 or stop == end or vocabulary.spelling(word, budget_s):
            return vocabulary.in_title(word, budget_s)
        before = _plain(text[start - 1])
        two_before = _plain(text[start - 2]) if start > 1 else ""
        after = _plain(text[stop])
        # A small word stays small after a space, hyphen or slash, but not after ": " or "--",
        # and not as the first part of a hyphenated compound.
        if before in " -/" and two_before not in (":", "-") and (after != "-" or before == "-"):
            return lowered
        return vocabulary.in_title(word, budget_s)

    return _TITLE_WORD_RE.sub(convert, text)


def _plain(char: str) -> str:
    return _PLAIN_NEIGHBOURS.get(char, char)


def title_matches(observed: str, expected: str, style: TitleStyle) -> bool:
    """Whether a word of a title is cased as ``expected``; AP's "to" may be either."""
    if observed == expected:
        return True
    return (
        style == "AP"
        and expected.lower().rstrip(".,;:!?") in _EITHER_CASE_IN_AP
        and (observed.lower() == expected.lower())
    )


def sentence_case(
    words: Sequence[str], indicators: tuple[str, ...], vocabulary: Vocabulary, budget_s: float
) -> list[str]:
    """The expected form of each word of a sentence-cased text, in order."""
    expected: list[str] = []
    for index, word in enumerate(words):
        if index == 0 or _starts_anew(words[index - 1], index - 1, indicators):
            listed = vocabulary.spelling(word, budget_s)
            expected.append(listed if listed is not None else capitalized(word))
        else:
            expected.append(vocabulary.in_sentence(word, budget_s))
    return expected


def capitalized(word: str) -> str:
    """The first letter upper-case, the rest lower-case."""
    return word[:1].upper() + word[1:].lower()


def _starts_anew(previous: str, previous_index: int, indicators: tuple[str, ...]) -> bool:
    """Whether the word after ``previous`` is capitalized in sentence case."""
    if indicators and previous.endswith(indicators):
        return True
    return previous_index == 0 and _NUMBERED_RE.search(previous) is not None
