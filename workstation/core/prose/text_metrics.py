"""Numbers about one text, shown for the original and the rewrite side by side.

* Robotic-pattern density: lint findings per 1,000 words (whatever findings the caller passes,
  so a caller that wants only some categories filters them first).
* Flesch reading ease and Flesch-Kincaid grade (see :mod:`readability`).
* Sentence length in words: mean and population standard deviation. Human prose varies its
  sentence length more than model prose does, so a larger spread is usually a good sign.
* Lexical diversity as MATTR, the moving-average type-token ratio (Covington & McFall 2010):
  the mean share of distinct words in every window of 50 consecutive words. Unlike the plain
  type-token ratio it does not fall just because a text is longer. Texts shorter than one window
  get the plain ratio of the whole text.
* Em dashes: an em dash plus ``--`` or an en dash standing between two spaces, per 1,000 words.

:func:`compare_sentences` says how much of the original the writer touched.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any

from workstation.core.prose.counting import count_text, counted_sentences
from workstation.core.prose.findings import Finding
from workstation.core.prose.readability import flesch_kincaid_grade, flesch_reading_ease, total_syllables

#: Window size, in words, of the moving-average type-token ratio.
MATTR_WINDOW = 50

_SPACE_RE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class TextMetrics:
    """Per-text figures; counts are whole numbers, rates are per 1,000 words."""

    words: int
    sentences: int
    syllables: int
    findings: int
    robotic_density_per_1000_words: float
    flesch_reading_ease: float | None
    flesch_kincaid_grade: float | None
    sentence_length_mean: float
    sentence_length_stdev: float
    lexical_diversity_mattr: float | None
    em_dashes: int
    em_dash_density_per_1000_words: float

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, with floats rounded to 3 decimals for storage and display."""
        return _rounded(asdict(self))


def text_metrics(text: str, findings: Sequence[Finding] = ()) -> TextMetrics:
    """Compute :class:`TextMetrics` for ``text``; ``findings`` are its lint findings.

    Words and sentences are counted by :func:`~workstation.core.prose.counting.count_text`, the
    count every other figure uses.
    """
    counts = count_text(text)
    word_list, lengths = counts.words, counts.sentence_lengths
    word_count = len(word_list)
    syllables = total_syllables(word_list)
    mean, stdev = _mean_and_stdev(lengths)
    dashes = text.count("\u2014") + text.count(" -- ") + text.count(" \u2013 ")
    return TextMetrics(
        words=word_count,
        sentences=len(lengths),
        syllables=syllables,
        findings=len(findings),
        robotic_density_per_1000_words=per_thousand_words(len(findings), word_count),
        flesch_reading_ease=flesch_reading_ease(word_count, len(lengths), syllables),
        flesch_kincaid_grade=flesch_kincaid_grade(word_count, len(lengths), syllables),
        sentence_length_mean=mean,
        sentence_length_stdev=stdev,
        lexical_diversity_mattr=mattr([word.casefold() for word in word_list]),
        em_dashes=dashes,
        em_dash_density_per_1000_words=per_thousand_words(dashes, word_count),
    )


def mattr(tokens: Sequence[str], window: int = MATTR_WINDOW) -> float | None:
    """Moving-average type-token ratio of ``tokens``, in (0, 1], or None for no tokens.

    Linear time: instead of re-counting every window, each token adds one to the distinct
    count of exactly those windows in which it is the first of its type, which follows from the
    position of the previous token of the same type.
    """
    count = len(tokens)
    if count == 0:
        return None
    if count <= window:
        return len(set(tokens)) / count
    last_start = count - window  # start of the last window
    previous: dict[str, int] = {}
    seen_at = previous.get
    distinct_total = 0
    for index, token in enumerate(tokens):
        first_window = seen_at(token, -1) + 1
        previous[token] = index
        earliest = index - window + 1
        if earliest > first_window:
            first_window = earliest
        last_window = index if index < last_start else last_start
        if last_window >= first_window:
            distinct_total += last_window - first_window + 1
    return distinct_total / ((last_start + 1) * window)


@dataclass(frozen=True, slots=True)
class SentenceComparison:
    """How the rewrite's sentences relate to the original's (sentences as the counts count them:
    those that hold a word, so ``original_sentences`` is the original's ``TextMetrics.sentences``).

    ``kept`` counts original sentences that survive unchanged (white space aside) somewhere in
    the rewrite, each rewrite sentence matching at most one. ``touched_share`` is the share of the
    original's sentences the writer changed or removed (0 to 1); ``new_share`` is the share of the
    rewrite's sentences that are not in the original.
    """

    original_sentences: int
    rewrite_sentences: int
    kept: int
    touched_share: float
    new_share: float

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, shares rounded to 3 decimals."""
        return _rounded(asdict(self))


@lru_cache(maxsize=4)
def _sentence_counts(text: str) -> Counter[str]:
    """Normalised sentences of ``text`` counted; cached because the original is compared on every
    keystroke (callers must not modify the result)."""
    return Counter(_normalise(sentence) for sentence in counted_sentences(text))


def compare_sentences(original: str, rewrite: str) -> SentenceComparison:
    """Match sentences of ``original`` and ``rewrite`` and report the share of sentences touched."""
    before = _sentence_counts(original)
    after = Counter(_normalise(sentence) for sentence in counted_sentences(rewrite))
    original_count, rewrite_count = sum(before.values()), sum(after.values())
    kept = sum((before & after).values())
    return SentenceComparison(
        original_sentences=original_count,
        rewrite_sentences=rewrite_count,
        kept=kept,
        touched_share=(original_count - kept) / original_count if original_count else 0.0,
        new_share=(rewrite_count - kept) / rewrite_count if rewrite_count else 0.0,
    )


def _rounded(values: dict[str, Any]) -> dict[str, Any]:
    return {key: round(value, 3) if isinstance(value, float) else value for key, value in values.items()}


def _normalise(sentence: str) -> str:
    return _SPACE_RE.sub(" ", sentence).strip()


def per_thousand_words(count: int, word_count: int) -> float:
    """``count`` per 1,000 of ``word_count`` words (0.0 for no words): how every density is given."""
    return 1000.0 * count / word_count if word_count else 0.0


def _mean_and_stdev(values: Sequence[int]) -> tuple[float, float]:
    """Mean and population standard deviation (0.0, 0.0 for no values)."""
    if not values:
        return 0.0, 0.0
    mean = sum(values) / len(values)
    variance = sum((value - mean) ** 2 for value in values) / len(values)
    return mean, math.sqrt(variance)
