"""A heavy rewrite edits every paragraph but leaves many sentences alone: those sentences anchor
the alignment, so they never show as changed and a keystroke re-diffs only its own stretch."""

from __future__ import annotations

from functools import lru_cache

import pytest

from workstation.core.diff import diff_words
from workstation.core.diff import regions as diff_regions
from workstation.core.diff.worddiff import clear_diff_caches

KEPT = "The harbour lighthouse stood {n} winters against the storm."


def _paragraph(n: int, edited: bool) -> str:
    changed = f"Our team wrote {n} plain letters." if edited else f"The team wrote {n} careful letters."
    return f"{changed} {KEPT.format(n=n)} Then {'we' if edited else 'they'} waited for replies number {n}."


def _texts(paragraphs: int = 40) -> tuple[str, str]:
    original = "\n\n".join(_paragraph(n, False) for n in range(paragraphs))
    rewrite = "\n\n".join(_paragraph(n, True) for n in range(paragraphs))
    return original, rewrite


def test_unchanged_sentences_inside_edited_paragraphs_are_never_highlighted() -> None:
    original, rewrite = _texts()
    for change in diff_words(original, rewrite).changes():
        assert "lighthouse" not in rewrite[change.b_start : change.b_end]
        assert "lighthouse" not in original[change.a_start : change.a_end]


def test_a_keystroke_rediffs_only_the_stretch_it_is_in(monkeypatch: pytest.MonkeyPatch) -> None:
    original, rewrite = _texts()
    aligned: list[str] = []

    def aligning(a_region: str, b_region: str, cleanup: bool, give_up: bool) -> object:
        aligned.append(b_region)
        return diff_regions._diff_word_region(a_region, b_region, cleanup, give_up)

    monkeypatch.setattr(diff_regions, "_cached_diff_word_region", lru_cache(maxsize=4096)(aligning))
    clear_diff_caches()
    diff_words(original, rewrite)
    aligned.clear()
    position = rewrite.index("Our team wrote 20")
    diff_words(original, rewrite[:position] + "x" + rewrite[position:])
    assert len(aligned) == 1 and "xOur team wrote 20" in aligned[0]
    assert len(aligned[0]) < 200, "the stretch between two unchanged sentences, not the text"
