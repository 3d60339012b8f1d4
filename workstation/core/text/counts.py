"""Counts in sentences the writer reads: "1 rewrite", "3 rewrites", "4,000 tasks", never
"3 rewrite(s)"."""

from __future__ import annotations


def counted(count: int, noun: str) -> str:
    """``count`` and ``noun``, the noun plural unless the count is exactly one.

    Regular English plurals only (an "s" is added); the phrase's last word is the noun, so
    ``counted(2, "submitted rewrite")`` is "2 submitted rewrites". Thousands are grouped with
    commas: ``counted(4000, "task")`` is "4,000 tasks".
    """
    return f"{count:,} {noun}{'' if count == 1 else 's'}"
