"""Edit metrics: the numbers stored with every rewrite and shown to reviewers."""

from __future__ import annotations

import dataclasses
import json

import pytest
from hypothesis import given

from tests.core.test_diff_properties import PROPERTY_SETTINGS, text_pairs
from workstation.core.diff import EditMetrics, compute_metrics, diff_words, edit_metrics, tokenize


def _words(text: str) -> list[str]:
    return [token.text for token in tokenize(text) if token.is_word]


def _levenshtein(first: list[str], second: list[str]) -> int:
    previous = list(range(len(second) + 1))
    for row, word in enumerate(first, start=1):
        current = [row]
        for column, other in enumerate(second, start=1):
            current.append(
                min(previous[column] + 1, current[column - 1] + 1, previous[column - 1] + (word != other))
            )
        previous = current
    return previous[-1]


def test_identical_texts_have_zero_rate() -> None:
    metrics = edit_metrics("Keep every word here.", "Keep every word here.")
    assert metrics == EditMetrics(4, 4, 4, 0, 0, 0, 0.0)


def test_one_substitution_in_ten_words() -> None:
    original = "one two three four five six seven eight nine ten"
    metrics = edit_metrics(original, original.replace("five", "FIVE"))
    assert (metrics.words_kept, metrics.words_added, metrics.words_removed) == (9, 1, 1)
    assert metrics.word_edit_distance == 1
    assert metrics.word_edit_rate == pytest.approx(0.1)


def test_insertion_counts_each_added_word() -> None:
    original = "one two three four five six seven eight nine ten"
    metrics = edit_metrics(original, original.replace("five", "five and a bit more"))
    assert (metrics.words_added, metrics.words_removed, metrics.word_edit_distance) == (4, 0, 4)
    assert metrics.word_edit_rate == pytest.approx(0.4)


def test_replacement_of_unequal_length_counts_substitutions_once() -> None:
    # "big red" -> "enormous": one substitution plus one deletion = 2 edits, not 3.
    metrics = edit_metrics("a big red ball", "a enormous ball")
    assert (metrics.words_removed, metrics.words_added, metrics.word_edit_distance) == (2, 1, 2)
    assert metrics.word_edit_rate == pytest.approx(0.5)


def test_punctuation_only_edit_has_zero_word_rate() -> None:
    diff = diff_words("Yes, we can.", "Yes; we can!")
    metrics = compute_metrics(diff)
    assert diff.has_changes
    assert metrics.word_edit_rate == 0.0 and metrics.words_kept == 3


def test_rate_can_exceed_one_for_a_much_longer_rewrite() -> None:
    metrics = edit_metrics("short", "short and then a great many more words follow")
    assert metrics.word_edit_rate == pytest.approx(8.0)


@pytest.mark.parametrize(
    ("original", "rewrite", "rate"),
    [("", "", 0.0), ("", "new words", 1.0), ("  \n", "new", 1.0), ("...", "!!!", 0.0), ("", "!", 0.0)],
)
def test_empty_original_is_clamped(original: str, rewrite: str, rate: float) -> None:
    metrics = edit_metrics(original, rewrite)
    assert metrics.words_original == 0
    assert metrics.word_edit_rate == rate


def test_empty_rewrite_removes_everything() -> None:
    metrics = edit_metrics("All of it goes", "")
    assert (metrics.words_removed, metrics.words_rewrite, metrics.word_edit_rate) == (4, 0, 1.0)


def test_emoji_are_not_words() -> None:
    metrics = edit_metrics("great job", "great job \U0001f44d\U0001f3fd")
    assert metrics.word_edit_rate == 0.0 and metrics.words_rewrite == 2


def test_to_dict_is_json_ready_and_complete() -> None:
    metrics = edit_metrics("the cat sat", "the dog sat down")
    data = metrics.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data == {
        "words_original": 3,
        "words_rewrite": 4,
        "words_kept": 2,
        "words_added": 2,
        "words_removed": 1,
        "word_edit_distance": 2,
        "word_edit_rate": pytest.approx(2 / 3),
    }


def test_metrics_are_frozen() -> None:
    metrics = edit_metrics("a", "b")
    with pytest.raises(dataclasses.FrozenInstanceError):
        metrics.words_kept = 5  # type: ignore[misc]


@PROPERTY_SETTINGS
@given(text_pairs)
def test_metric_invariants(pair: tuple[str, str]) -> None:
    original, rewrite = pair
    metrics = compute_metrics(diff_words(original, rewrite))
    words_a, words_b = _words(original), _words(rewrite)
    assert metrics.words_original == len(words_a)
    assert metrics.words_rewrite == len(words_b)
    assert metrics.words_kept + metrics.words_removed == metrics.words_original
    assert metrics.words_kept + metrics.words_added == metrics.words_rewrite
    assert (metrics.word_edit_rate == 0.0) == (words_a == words_b)
    assert metrics.word_edit_rate >= 0.0
    # The diff's distance is a real edit script: never below the optimum, never above delete-all.
    assert _levenshtein(words_a, words_b) <= metrics.word_edit_distance
    assert metrics.word_edit_distance <= metrics.words_removed + metrics.words_added
    assert metrics.word_edit_distance >= abs(len(words_a) - len(words_b))
