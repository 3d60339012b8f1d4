"""Syllable counting and the Flesch formulas, against counts and sums done by hand."""

from __future__ import annotations

import pytest

from workstation.core.prose.readability import (
    flesch_kincaid_grade,
    flesch_reading_ease,
    readability,
    syllable_count,
    total_syllables,
)

# Dictionary syllable counts of everyday and "model" words.
KNOWN_SYLLABLES = {
    "cat": 1,
    "the": 1,
    "make": 1,
    "makes": 1,
    "jumped": 1,
    "played": 1,
    "prose": 1,
    "realm": 1,
    "delve": 1,
    "table": 2,
    "little": 2,
    "boxes": 2,
    "wanted": 2,
    "places": 2,
    "changes": 2,
    "nation": 2,
    "science": 2,
    "language": 2,
    "rhythm": 2,
    "showcase": 2,
    "writer": 2,
    "human": 2,
    "region": 2,
    "special": 2,
    "radio": 3,
    "video": 3,
    "beautiful": 3,
    "tapestry": 3,
    "testament": 3,
    "intricate": 3,
    "pivotal": 3,
    "leverage": 3,
    "navigate": 3,
    "religion": 3,
    "poetry": 3,
    "idea": 3,
    "meticulous": 4,
    "education": 4,
    "facilitate": 4,
    "complexities": 4,
    "university": 5,
    "readability": 5,
}


@pytest.mark.parametrize(("word", "syllables"), sorted(KNOWN_SYLLABLES.items()))
def test_syllable_count_of_known_words(word: str, syllables: int) -> None:
    assert syllable_count(word) == syllables


def test_syllable_count_is_case_insensitive_and_never_zero() -> None:
    assert syllable_count("Meticulous") == syllable_count("meticulous")
    assert syllable_count("writer’s") == syllable_count("writer")
    assert syllable_count("2024") == 1
    assert syllable_count("مرحبا") == 1
    assert syllable_count("rhythms") >= 1


def test_total_syllables_counts_repeats() -> None:
    assert total_syllables(["delve", "Delve", "tapestry"]) == 1 + 1 + 3


def test_flesch_on_a_hand_computed_one_syllable_text() -> None:
    # 9 words, 2 sentences, 9 syllables:
    # FRE = 206.835 - 1.015 * 4.5 - 84.6 * 1 = 117.6675; FK = 0.39 * 4.5 + 11.8 * 1 - 15.59 = -2.035
    result = readability("The cat sat on the mat. The dog ran.")
    assert (result.words, result.sentences, result.syllables) == (9, 2, 9)
    assert result.flesch_reading_ease == pytest.approx(117.6675)
    assert result.flesch_kincaid_grade == pytest.approx(-2.035)


def test_flesch_on_a_hand_computed_harder_text() -> None:
    # Education(4) is(1) important(3). Reading(2) helps(1) children(2). -> 6 words, 2 sentences, 13
    # FRE = 206.835 - 1.015 * 3 - 84.6 * 13/6 = 20.49; FK = 0.39 * 3 + 11.8 * 13/6 - 15.59 = 11.146667
    result = readability("Education is important. Reading helps children.")
    assert (result.words, result.sentences, result.syllables) == (6, 2, 13)
    assert result.flesch_reading_ease == pytest.approx(20.49)
    assert result.flesch_kincaid_grade == pytest.approx(11.146667, abs=1e-5)


def test_formulas_with_nothing_to_measure() -> None:
    assert flesch_reading_ease(0, 0, 0) is None
    assert flesch_kincaid_grade(5, 0, 7) is None
    empty = readability("  *** \n")
    assert empty.words == 0 and empty.flesch_reading_ease is None


def test_lines_without_words_do_not_count_as_sentences() -> None:
    assert readability("The cat sat.\n\n***\n\nThe dog ran.").sentences == 2
