"""Syllable counting and the readability formulas, on the words and sentences of :mod:`counting`.

Flesch reading ease (Flesch 1948): ``206.835 - 1.015*(words/sentences) - 84.6*(syllables/words)``;
higher is easier, 60-70 is plain English. Flesch-Kincaid grade (Kincaid et al. 1975):
``0.39*(words/sentences) + 11.8*(syllables/words) - 15.59``, a US school grade. The other grade
levels Vale's ``readability`` rules offer, all US school grades: Gunning Fog (Gunning 1952),
``0.4*(words/sentences + 100*complex_words/words)``; Coleman-Liau (Coleman & Liau 1975),
``5.88*characters/words - 29.6*sentences/words - 15.8``; SMOG (McLaughlin 1969),
``1.043*sqrt(30*polysyllabic_words/sentences) + 3.1291``; the Automated Readability Index (Smith &
Senter 1967), ``4.71*characters/words + 0.5*words/sentences - 21.43``. Their inputs are the
:class:`ReadingFigures` of a text.

The syllable count is an English heuristic of ours: count vowel groups, then correct for silent
endings (``-e``, ``-es``, ``-ed``) and for vowel pairs that are usually said as two syllables
(``ia``, ``io`` …). A word without Latin vowels (a number, another script) counts as one syllable.
It is right for most everyday words and off by one on some; the formulas were fitted on counts
that were never perfect either.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from workstation.core.prose.counting import count_text
from workstation.core.prose.sentences import paragraph_spans
from workstation.core.text.token_windows import item_slices

_VOWEL_GROUP_RE = re.compile(r"[aeiouy]+")
# Vowel pairs usually spoken as two syllables: "sci-ence", "ra-di-o", "cre-ate", "du-al".
_SPLIT_PAIR_RE = re.compile(r"ia|io|iu|eo|(?<![qg])ua|uo|ii|ao|ea(?=t[eio]|l$|nce)|ue(?=l)|oe(?!s?$)|ie(?=t)")
# Endings where a vowel pair is one sound after all ("-tion", "-sion", "-cial", "-tious").
_GLIDE_RE = re.compile(r"[tcsx]i(?:o|a|ou|u)|gio(?=n)")
_NON_LETTERS_RE = re.compile(r"[^a-z]")

# Words the rules above get wrong often enough to list (lower-case → syllables).
_EXCEPTIONS: dict[str, int] = {
    "the": 1,
    "every": 2,
    "everything": 3,
    "everyone": 3,
    "business": 2,
    "different": 3,
    "people": 2,
    "area": 3,
    "idea": 3,
    "ideas": 3,
    "real": 1,
    "really": 2,
    "being": 2,
    "doing": 2,
    "going": 2,
    "seeing": 2,
    "create": 2,
    "created": 3,
    "creates": 2,
    "creating": 3,
    "science": 2,
    "quiet": 2,
    "poem": 2,
    "poet": 2,
    "lion": 2,
    "via": 2,
    "naive": 2,
    "business's": 3,
    "whole": 1,
    "some": 1,
    "come": 1,
    "done": 1,
    "one": 1,
    "once": 1,
    "gone": 1,
    "none": 1,
    "live": 1,
    "give": 1,
    "have": 1,
    "are": 1,
    "were": 1,
    "there": 1,
    "where": 1,
    "here": 1,
    "more": 1,
    "before": 2,
    "because": 2,
    "themselves": 2,
    "fire": 1,
    "hour": 1,
    "our": 1,
    "every's": 2,
    "family": 3,
    "interest": 3,
    "evening": 2,
    "camera": 3,
    "chocolate": 3,
    "vegetable": 4,
    "comfortable": 4,
    "recipe": 3,
    "simile": 3,
    "maybe": 2,
    "anyone": 3,
    "someone": 2,
    "sometimes": 2,
    "somewhere": 2,
    "therefore": 2,
    "whereas": 2,
    "likely": 2,
    "lonely": 2,
    "lovely": 2,
    "safely": 2,
    "surely": 2,
}


@lru_cache(maxsize=65536)
def syllable_count(word: str) -> int:
    """Estimated syllables in one English word (≥ 1 for any non-empty word)."""
    lowered = word.lower().replace("\u2019", "'")
    if lowered in _EXCEPTIONS:
        return _EXCEPTIONS[lowered]
    if lowered.endswith("'s"):
        lowered = lowered[:-2]
    letters = _NON_LETTERS_RE.sub("", lowered)
    if not letters:
        return 1
    if letters in _EXCEPTIONS:
        return _EXCEPTIONS[letters]
    count = len(_VOWEL_GROUP_RE.findall(letters))
    count += len(_SPLIT_PAIR_RE.findall(letters)) - len(_GLIDE_RE.findall(letters))
    count -= _silent_ending(letters)
    if letters.endswith(("sm", "thm")):
        count += 1  # "pri-sm", "rhy-thm"
    return max(1, count)


def _silent_ending(letters: str) -> int:
    """Syllables to subtract for endings that are written but not spoken."""
    if len(letters) <= 3:
        return 0
    if letters.endswith("e"):
        if letters.endswith("le") and letters[-3] not in "aeiouy":
            return 0  # "ta-ble", "lit-tle"
        if letters.endswith(("ee", "ye", "oe")):
            return 0
        return 1  # "make", "state"
    if letters.endswith("es"):
        stem = letters[:-2]
        if stem.endswith(("s", "x", "z", "ch", "sh", "c", "g")) or stem[-1:] in "aeiouy":
            return 0  # "box-es", "pag-es", "plac-es" keep the syllable
        return 1  # "makes", "states"
    if letters.endswith("ed"):
        stem = letters[:-2]
        if stem.endswith(("t", "d")) or stem[-1:] in "aeiouy":
            return 0  # "want-ed", "need-ed"
        return 1  # "jumped", "played"
    return 0


def total_syllables(word_list: Sequence[str]) -> int:
    """Syllables in a list of words; counts each distinct word once (texts repeat words a lot).

    The words are counted a slice at a time: one ``Counter`` over a 50,000-word text held the
    interpreter 7-9 ms, a stall of the GUI thread while a worker ran it."""
    counts: Counter[str] = Counter()
    for part in item_slices(word_list):
        counts.update(map(str.lower, part))
    return sum(syllable_count(word) * count for word, count in counts.items())


def flesch_reading_ease(word_count: int, sentence_count: int, syllable_total: int) -> float | None:
    """Flesch reading ease, or None when there are no words or no sentences."""
    if word_count <= 0 or sentence_count <= 0:
        return None
    return 206.835 - 1.015 * (word_count / sentence_count) - 84.6 * (syllable_total / word_count)


def flesch_kincaid_grade(word_count: int, sentence_count: int, syllable_total: int) -> float | None:
    """Flesch-Kincaid grade level, or None when there are no words or no sentences."""
    if word_count <= 0 or sentence_count <= 0:
        return None
    return 0.39 * (word_count / sentence_count) + 11.8 * (syllable_total / word_count) - 15.59


@dataclass(frozen=True, slots=True)
class Readability:
    """Inputs and results of the Flesch formulas for one text."""

    words: int
    sentences: int
    syllables: int
    flesch_reading_ease: float | None
    flesch_kincaid_grade: float | None


def readability(text: str) -> Readability:
    """Flesch reading ease and Flesch-Kincaid grade of ``text``.

    Words and sentences are those of :func:`~workstation.core.prose.counting.count_text`:
    sentences count only when they hold a word, so a line of ``***`` does not shorten the
    average sentence.
    """
    counts = count_text(text)
    word_list, sentence_count = counts.words, counts.sentence_count
    syllables = total_syllables(word_list)
    return Readability(
        words=len(word_list),
        sentences=sentence_count,
        syllables=syllables,
        flesch_reading_ease=flesch_reading_ease(len(word_list), sentence_count, syllables),
        flesch_kincaid_grade=flesch_kincaid_grade(len(word_list), sentence_count, syllables),
    )


#: A word longer than this, in characters, is a "long word" (Vale's ``long_words``).
LONG_WORD_CHARS = 6
_INFLECTIONS = ("es", "ed", "ing")


@dataclass(frozen=True, slots=True)
class ReadingFigures:
    """The counts behind every readability formula, for one text (all whole numbers).

    Words and sentences are those of :func:`~workstation.core.prose.counting.count_text`,
    paragraphs those of :func:`~workstation.core.prose.sentences.paragraph_spans`.
    ``characters`` counts the letters and digits of the words; ``long_words`` the words of more
    than :data:`LONG_WORD_CHARS` characters; ``polysyllabic_words`` the words of three or more
    syllables; ``complex_words`` those that still have three or more without an ``-es``, ``-ed``
    or ``-ing`` ending (one syllable less), as Vale counts them.
    """

    words: int
    sentences: int
    paragraphs: int
    characters: int
    syllables: int
    long_words: int
    polysyllabic_words: int
    complex_words: int


@lru_cache(maxsize=4)
def reading_figures(text: str) -> ReadingFigures:
    """:class:`ReadingFigures` of ``text``; linear in its length, each distinct word scored once.

    Cached for the last few texts: the readability and metric rules of one lint pass ask for
    the same text's figures.
    """
    counts = count_text(text)
    characters = syllables = long_words = polysyllabic = complex_words = 0
    for word, times in Counter(map(str.lower, counts.words)).items():
        word_syllables = syllable_count(word)
        characters += times * sum(char.isalnum() for char in word)
        syllables += times * word_syllables
        long_words += times * (len(word) > LONG_WORD_CHARS)
        polysyllabic += times * (word_syllables > 2)
        complex_words += times * (word_syllables - word.endswith(_INFLECTIONS) > 2)
    return ReadingFigures(
        words=counts.word_count,
        sentences=counts.sentence_count,
        paragraphs=len(paragraph_spans(text)),
        characters=characters,
        syllables=syllables,
        long_words=long_words,
        polysyllabic_words=polysyllabic,
        complex_words=complex_words,
    )


def gunning_fog(figures: ReadingFigures) -> float | None:
    """Gunning Fog index (a US grade), or None when there are no words or no sentences."""
    if figures.words <= 0 or figures.sentences <= 0:
        return None
    return 0.4 * (figures.words / figures.sentences + 100.0 * figures.complex_words / figures.words)


def coleman_liau(figures: ReadingFigures) -> float | None:
    """Coleman-Liau index (a US grade), or None when there are no words or no sentences."""
    if figures.words <= 0 or figures.sentences <= 0:
        return None
    letters_per_100 = 100.0 * figures.characters / figures.words
    sentences_per_100 = 100.0 * figures.sentences / figures.words
    return 0.0588 * letters_per_100 - 0.296 * sentences_per_100 - 15.8


def smog(figures: ReadingFigures) -> float | None:
    """SMOG grade, or None when there are no words or no sentences."""
    if figures.words <= 0 or figures.sentences <= 0:
        return None
    return 1.0430 * math.sqrt(figures.polysyllabic_words * 30.0 / figures.sentences) + 3.1291


def automated_readability(figures: ReadingFigures) -> float | None:
    """Automated Readability Index (a US grade), or None when there are no words or no sentences."""
    if figures.words <= 0 or figures.sentences <= 0:
        return None
    return 4.71 * figures.characters / figures.words + 0.5 * figures.words / figures.sentences - 21.43
