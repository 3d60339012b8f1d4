"""Counts read as words: singular for exactly one, thousands grouped."""

from __future__ import annotations

import pytest

from workstation.core.text.counts import counted


@pytest.mark.parametrize(
    ("count", "noun", "expected"),
    [
        (0, "rewrite", "0 rewrites"),
        (1, "rewrite", "1 rewrite"),
        (2, "submitted rewrite", "2 submitted rewrites"),
        (999, "task", "999 tasks"),
        (1000, "task", "1,000 tasks"),
        (100_000, "task", "100,000 tasks"),
    ],
)
def test_counted(count: int, noun: str, expected: str) -> None:
    assert counted(count, noun) == expected
