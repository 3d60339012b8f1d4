"""One comparison of an original with its rewrite: the word diff and the edit metrics together.

This is what the editor recomputes after a pause in typing; it is plain data so it can be built
on a worker thread and handed to the GUI whole.
"""

from __future__ import annotations

from dataclasses import dataclass

from workstation.core.diff import EditMetrics, WordDiff, compute_metrics, diff_words


@dataclass(frozen=True)
class Comparison:
    original: str
    rewrite: str
    diff: WordDiff
    metrics: EditMetrics


def compare(original: str, rewrite: str) -> Comparison:
    diff = diff_words(original, rewrite)
    return Comparison(original, rewrite, diff, compute_metrics(diff))
