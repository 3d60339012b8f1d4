"""Per-text metrics and the share of sentences a writer touched."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workstation.core.prose.counting import count_text
from workstation.core.prose.engine import Linter
from workstation.core.prose.style_pack import default_style_pack
from workstation.core.prose.text_metrics import compare_sentences, mattr, text_metrics

ROBOTIC = (
    "Certainly! Let's delve into the rich tapestry of urban gardening. In today's fast-paced world, "
    "it's important to note that community gardens play a crucial role in fostering a sense of "
    "community. They are not just gardens — they're vibrant hubs of connection, learning, and growth. "
    "Moreover, they leverage underused land and utilize local volunteers to facilitate access to "
    "fresh, healthy, and affordable food. In conclusion, community gardens are a testament to the "
    "power of collective action. I hope this helps! Let me know if you have any other questions."
)
REWRITE = (
    "Community gardens turn empty lots into food. On our street, twelve neighbours took over a "
    "car park that had sat unused for a decade. They water in shifts. The tomatoes go to whoever "
    "turns up on Saturday, and last summer that was most of the block. Nobody planned the "
    "friendships, but they came anyway."
)


def _naive_mattr(tokens: list[str], window: int = 50) -> float:
    if len(tokens) <= window:
        return len(set(tokens)) / len(tokens)
    ratios = [len(set(tokens[i : i + window])) / window for i in range(len(tokens) - window + 1)]
    return sum(ratios) / len(ratios)


def test_metrics_of_a_small_hand_checked_text() -> None:
    text = "The cat sat on the mat. The dog ran — fast — home.\n\nIt rained."
    metrics = text_metrics(text, findings=())
    assert metrics.words == 13
    assert metrics.sentences == 3
    assert metrics.sentence_length_mean == pytest.approx(13 / 3)
    lengths = [6, 5, 2]
    mean = sum(lengths) / 3
    spread = math.sqrt(sum((n - mean) ** 2 for n in lengths) / 3)
    assert metrics.sentence_length_stdev == pytest.approx(spread)
    assert metrics.em_dashes == 2
    assert metrics.em_dash_density_per_1000_words == pytest.approx(2000 / 13)
    assert metrics.lexical_diversity_mattr == pytest.approx(
        _naive_mattr(list(count_text("the cat sat on the mat the dog ran fast home it rained").words))
    )
    assert metrics.robotic_density_per_1000_words == 0.0


def test_density_is_findings_per_thousand_words() -> None:
    linter = Linter(default_style_pack())
    findings = linter.lint(ROBOTIC)
    metrics = text_metrics(ROBOTIC, findings)
    assert metrics.findings == len(findings)
    assert metrics.robotic_density_per_1000_words == pytest.approx(1000 * len(findings) / metrics.words)


def test_a_good_rewrite_lowers_density_and_varies_sentence_length_more() -> None:
    linter = Linter(default_style_pack())
    before = text_metrics(ROBOTIC, linter.lint(ROBOTIC))
    after = text_metrics(REWRITE, linter.lint(REWRITE))
    assert before.robotic_density_per_1000_words > 150
    assert after.robotic_density_per_1000_words < before.robotic_density_per_1000_words / 5
    assert after.flesch_reading_ease > before.flesch_reading_ease


def test_empty_text_has_zero_metrics_and_no_readability() -> None:
    metrics = text_metrics("", ())
    assert metrics.words == 0 and metrics.sentences == 0
    assert metrics.flesch_reading_ease is None and metrics.lexical_diversity_mattr is None
    assert metrics.robotic_density_per_1000_words == 0.0


def test_to_dict_is_json_ready_and_rounded() -> None:
    data = text_metrics(ROBOTIC, ()).to_dict()
    json.dumps(data)
    assert set(data) >= {
        "words",
        "sentences",
        "robotic_density_per_1000_words",
        "flesch_reading_ease",
        "flesch_kincaid_grade",
        "sentence_length_mean",
        "sentence_length_stdev",
        "lexical_diversity_mattr",
        "em_dash_density_per_1000_words",
    }
    assert all(round(value, 3) == value for value in data.values() if isinstance(value, float))


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.sampled_from(["a", "b", "c", "d", "e", "f", "g"]), min_size=1, max_size=200),
    st.integers(min_value=1, max_value=60),
)
def test_linear_mattr_equals_the_naive_definition(tokens: list[str], window: int) -> None:
    assert mattr(tokens, window) == pytest.approx(_naive_mattr(tokens, window))


def test_mattr_does_not_fall_just_because_the_text_is_longer() -> None:
    sentence = list(count_text("the quick brown fox jumps over a lazy dog while birds sing loudly").words)
    short, long = sentence * 5, sentence * 50
    assert mattr(short) == pytest.approx(mattr(long), abs=0.01)
    plain_ttr_short, plain_ttr_long = len(set(short)) / len(short), len(set(long)) / len(long)
    assert plain_ttr_long < plain_ttr_short / 5  # what the plain ratio would have done


def test_compare_sentences_counts_what_the_writer_changed() -> None:
    original = "The sky is blue. Grass is green.  Water is wet. It's important to note that fire is hot."
    rewrite = "The sky is blue.\nGrass is green, mostly. Water is   wet. Fire is hot. Ice is cold."
    comparison = compare_sentences(original, rewrite)
    assert (comparison.original_sentences, comparison.rewrite_sentences, comparison.kept) == (4, 5, 2)
    assert comparison.touched_share == pytest.approx(0.5)
    assert comparison.new_share == pytest.approx(3 / 5)
    assert comparison.to_dict()["touched_share"] == 0.5


def test_compare_sentences_edge_cases() -> None:
    assert compare_sentences("Same text. Twice.", "Same text. Twice.").touched_share == 0.0
    assert compare_sentences("One. One.", "One.").touched_share == pytest.approx(0.5)  # matched once
    assert compare_sentences("Gone.", "").touched_share == 1.0
    empty = compare_sentences("", "New.")
    assert empty.touched_share == 0.0 and empty.new_share == 1.0
