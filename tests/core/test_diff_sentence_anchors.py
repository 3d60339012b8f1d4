"""A heavy rewrite edits every paragraph but leaves many sentences alone: those sentences anchor
the alignment, so they never show as changed and a keystroke re-diffs only its own stretch."""

from __future__ import annotations

from functools import lru_cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


def _long_texts(paragraphs: int = 6, sentences: int = 30) -> tuple[str, str]:
    """Paragraphs long enough (over ``_SENTENCE_ANCHOR_CHARS``) to be planned by sentence; every
    other one is edited, so the unchanged ones between keep them apart as regions."""

    def paragraph(n: int, edited: bool) -> str:
        return " ".join(_paragraph(n * sentences + k, edited and k % 2 == 0) for k in range(sentences))

    original = "\n\n".join(paragraph(n, False) for n in range(paragraphs))
    rewrite = "\n\n".join(paragraph(n, n % 2 == 0) for n in range(paragraphs))
    return original, rewrite


def test_a_keystroke_plans_the_sentences_of_its_own_paragraph_only(monkeypatch: pytest.MonkeyPatch) -> None:
    original, rewrite = _long_texts()
    planned: list[str] = []
    real = diff_regions._plan_units

    def planning(a_text: str, b_text: str, region: diff_regions._Region, level: int) -> object:
        if level == diff_regions._SENTENCES:
            planned.append(b_text[region.b_lo : region.b_hi])
        return real(a_text, b_text, region, level)

    monkeypatch.setattr(diff_regions, "_plan_units", planning)
    clear_diff_caches()
    before = diff_words(original, rewrite)
    assert len(planned) == 3, "each edited paragraph is planned by sentence the first time"
    planned.clear()
    position = rewrite.index("Our team wrote 62 ")
    typed = rewrite[:position] + "x" + rewrite[position:]
    after = diff_words(original, typed)
    assert len(planned) == 1 and "xOur team wrote 62 " in planned[0]
    clear_diff_caches()
    assert diff_words(original, typed) == after, "the remembered plans give the diff made without them"
    assert before != after


_SENTENCE_PIECES = st.lists(
    st.sampled_from(["The", "cat", "sat.", "It", "rained!", "Why?", "ok…", "—", '"Yes."', "(no.)", "猫。"]),
    max_size=30,
)
_GAPS = st.sampled_from([" ", "  ", "\n", "\n\n", "\t", ""])


@st.composite
def _sentences(draw: st.DrawFn) -> str:
    return "".join(piece + draw(_GAPS) for piece in draw(_SENTENCE_PIECES))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(_sentences(), _sentences(), st.data())
def test_a_part_planned_alone_plans_as_it_does_inside_its_text(
    a_text: str, b_text: str, data: st.DataObject
) -> None:
    """The claim that makes the sentence plan cacheable: the plan of ``text[lo:hi]`` planned on
    its own, shifted by ``lo``, is the plan of that stretch inside the whole text."""
    a_lo = data.draw(st.integers(0, len(a_text)))
    a_hi = data.draw(st.integers(a_lo, len(a_text)))
    b_lo = data.draw(st.integers(0, len(b_text)))
    b_hi = data.draw(st.integers(b_lo, len(b_text)))
    region = diff_regions._Region(a_lo, a_hi, b_lo, b_hi)
    inside, inside_exhausted = diff_regions._plan_units(a_text, b_text, region, diff_regions._SENTENCES)
    alone, alone_exhausted = diff_regions._sentence_plan.__wrapped__(a_text[a_lo:a_hi], b_text[b_lo:b_hi])
    assert diff_regions._shifted(alone, a_lo, b_lo) == inside
    assert alone_exhausted == inside_exhausted
