"""Word-level diff of an original text and its rewrite, as plain data (no Qt).

Typical use::

    from workstation.core.diff import diff_words, compute_metrics, inline_segments

    diff = diff_words(original, rewrite)          # chunks with code-point spans
    for chunk in diff.changes(): ...              # highlight / navigate
    metrics = compute_metrics(diff).to_dict()     # stored with the rewrite
    segments = inline_segments(original, rewrite, diff)  # track-changes view

Offsets are code points; convert with ``workstation.core.text.positions.Utf16Index`` for Qt.
"""

from workstation.core.diff.inline import Segment, SegmentKind, inline_segments
from workstation.core.diff.metrics import EditMetrics, compute_metrics, edit_metrics
from workstation.core.diff.result import Chunk, ChunkTag, WordDiff
from workstation.core.diff.tokens import Token, TokenKind, count_words, tokenize
from workstation.core.diff.worddiff import DEFAULT_MAX_TOKENS, clear_diff_caches, diff_words

__all__ = [
    "DEFAULT_MAX_TOKENS",
    "Chunk",
    "ChunkTag",
    "EditMetrics",
    "Segment",
    "SegmentKind",
    "Token",
    "TokenKind",
    "WordDiff",
    "clear_diff_caches",
    "compute_metrics",
    "count_words",
    "diff_words",
    "edit_metrics",
    "inline_segments",
    "tokenize",
]
