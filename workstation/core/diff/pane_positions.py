"""Matching places in the two panes, in Qt's UTF-16 positions, for synced scrolling.

The panes ask in UTF-16 positions of the text they show *now*; the diff answers in code points
of the texts it was computed for. While the writer types or pastes, the two differ: a paste of
2,000 words over a 50-word draft puts the rewrite pane's positions far past the end of the
rewrite the last diff knows, and the original pane scrolled to its end asks for a position the
newer, shorter rewrite may no longer have. Keeping the diff and the UTF-16 indexes of its own
texts in one object, and making both mappings total — any integer in, a position inside the
other text out — is what stops the ``ValueError`` a lagging diff used to raise mid-scroll.
"""

from __future__ import annotations

from dataclasses import dataclass

from workstation.core.diff.result import WordDiff
from workstation.core.text.positions import Utf16Index


@dataclass(frozen=True)
class PanePositions:
    """A diff with the UTF-16 indexes of the two texts it aligns (original = a, rewrite = b)."""

    diff: WordDiff
    a_index: Utf16Index
    b_index: Utf16Index

    def __post_init__(self) -> None:
        if (self.a_index.length, self.b_index.length) != (self.diff.a_length, self.diff.b_length):
            raise ValueError(
                f"indexes of {self.a_index.length} and {self.b_index.length} code points do not "
                f"describe a diff of {self.diff.a_length} and {self.diff.b_length}"
            )

    @classmethod
    def of(cls, original: str, rewrite: str, diff: WordDiff) -> PanePositions:
        """For ``diff`` of ``original`` and ``rewrite`` (ValueError if it is not theirs)."""
        return cls(diff, Utf16Index(original), Utf16Index(rewrite))

    def a_to_b(self, position: int) -> int:
        """UTF-16 position in the rewrite matching UTF-16 ``position`` in the original.

        A position outside the original (a pane ahead of its diff) is taken from the nearer end.
        Never decreases as ``position`` grows, so synced scrolling never jumps backwards.
        """
        within = min(max(position, 0), self.a_index.utf16_length)
        return self.b_index.to_utf16(self.diff.map_a_to_b(self.a_index.to_codepoint(within)))

    def b_to_a(self, position: int) -> int:
        """UTF-16 position in the original matching UTF-16 ``position`` in the rewrite (as ``a_to_b``)."""
        within = min(max(position, 0), self.b_index.utf16_length)
        return self.a_index.to_utf16(self.diff.map_b_to_a(self.b_index.to_codepoint(within)))
