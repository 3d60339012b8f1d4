"""Word-level edit metrics of a rewrite, computed from its ``WordDiff``.

They travel with every rewrite record in a bundle, so reviewers and data teams can see at a
glance how much a writer changed. Sentence-level metrics belong to the prose helpers.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from workstation.core.diff.result import WordDiff
from workstation.core.diff.worddiff import diff_words


@dataclass(frozen=True, slots=True)
class EditMetrics:
    """How much of the original's wording survived in the rewrite (all counts are words).

    - ``words_original`` / ``words_rewrite``: word tokens in each text (punctuation, emoji and
      whitespace are not words; see ``workstation.core.diff.tokens``).
    - ``words_kept``: words inside ``equal`` chunks (the same on both sides).
    - ``words_removed``: original words inside ``delete``/``replace`` chunks.
    - ``words_added``: rewrite words inside ``insert``/``replace`` chunks.
    - ``word_edit_distance``: word-level edit distance along the diff's alignment, where a
      replaced word counts once, as a substitution: each ``replace`` chunk costs
      ``max(removed, added)`` (``min`` substitutions plus the surplus as insertions or
      deletions), each ``delete`` its removed words, each ``insert`` its added words. It is the
      Levenshtein distance over words whenever the alignment is optimal, an upper bound otherwise.
    - ``word_edit_rate``: ``word_edit_distance / words_original``. 0.0 exactly when both texts
      have the same words in the same order; it can exceed 1.0 when the rewrite is much longer
      than the original. With an empty original (no words) it is 0.0 if the rewrite has no
      words either and 1.0 otherwise, instead of dividing by zero.

    Invariants: ``words_kept + words_removed == words_original`` and
    ``words_kept + words_added == words_rewrite``.
    """

    words_original: int
    words_rewrite: int
    words_kept: int
    words_added: int
    words_removed: int
    word_edit_distance: int
    word_edit_rate: float

    def to_dict(self) -> dict[str, int | float]:
        """Plain JSON-ready mapping (stored in the rewrite record and the bundle)."""
        return asdict(self)


def _edit_rate(distance: int, words_original: int, words_added: int) -> float:
    if words_original:
        return distance / words_original
    # Nothing to divide by: any added word makes it a complete rewrite.
    return 1.0 if words_added else 0.0


def compute_metrics(diff: WordDiff) -> EditMetrics:
    """Word metrics of ``diff`` (no text needed: chunks carry their word counts)."""
    kept = removed = added = distance = 0
    for chunk in diff.chunks:
        if chunk.tag == "equal":
            kept += chunk.a_words
        else:
            removed += chunk.a_words
            added += chunk.b_words
            distance += max(chunk.a_words, chunk.b_words)
    words_original = kept + removed
    rate = _edit_rate(distance, words_original, added)
    return EditMetrics(
        words_original=words_original,
        words_rewrite=kept + added,
        words_kept=kept,
        words_added=added,
        words_removed=removed,
        word_edit_distance=distance,
        word_edit_rate=rate,
    )


def edit_metrics(original: str, rewrite: str) -> EditMetrics:
    """Convenience for callers without a diff at hand: diff the texts, then compute the metrics."""
    return compute_metrics(diff_words(original, rewrite))
