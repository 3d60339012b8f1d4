"""One word and sentence count: every figure that counts words or sentences agrees with it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workstation.core.analysis.analyser import analyse
from workstation.core.diff import count_words, edit_metrics
from workstation.core.prose.counting import count_text, counted_sentences, sentence_count, word_count
from workstation.core.prose.engine import Linter
from workstation.core.prose.readability import readability
from workstation.core.prose.style_pack import default_style_pack
from workstation.core.prose.text_metrics import compare_sentences, text_metrics
from workstation.core.review.figures import audit_figures

# Texts where two word or sentence splitters are most likely to disagree.
TRICKY_TEXTS = {
    "hyphens": "A well-known, hard\u2011won, re\u2010used idea — twenty-one of them.",
    "numbers": "It cost $1,000.50 at 10:30 on 3.14 days; 42 people paid 7%.",
    "urls": "See https://example.com/a-b?x=1&y=two#top or www.example.org. Then stop.",
    "contractions": "Don't. It’s fine, isnʼt it? We'd rather y'all didn't.",
    "ellipses": "Wait... what? Well… I suppose so. And then... nothing.",
    "abbreviations": "Use e.g. tea, i.e. something hot. Dr. Smith vs. Mr. Jones at 5 p.m. Today.",
    "markdown": "# Title\n\n- first item\n- second item\n* third\n\n1. One\n2. Two\n\n***\n\n**Bold** `a`.",
    "cjk": "東京は大きい。人が多い！Tokyo is big.",
    "emoji": "Great work 👍🏽 — really 🎉! 👩‍👩‍👧",
    "empty": "",
    "blank": "  \n\n \t",
}


@pytest.mark.parametrize("text", TRICKY_TEXTS.values(), ids=TRICKY_TEXTS.keys())
def test_every_figure_counts_the_same_words_and_sentences(text: str) -> None:
    counts = count_text(text)
    linter = Linter(default_style_pack())
    analysis = analyse("An original text. It has two sentences.", text, linter)
    record = analysis.metrics_record()
    metrics = text_metrics(text)
    figures = audit_figures("An original text. It has two sentences.", text, linter)
    words = {
        counts.word_count,
        word_count(text),
        count_words(text),
        metrics.words,
        readability(text).words,
        edit_metrics("", text).words_rewrite,
        record["rewrite"]["words"],
        record["edit"]["words_rewrite"],
        figures.words_rewrite,
    }
    sentences = {
        counts.sentence_count,
        sentence_count(text),
        len(counted_sentences(text)),
        metrics.sentences,
        readability(text).sentences,
        record["rewrite"]["sentences"],
        record["sentences"]["rewrite_sentences"],
        compare_sentences(text, text).original_sentences,
    }
    assert len(words) == 1, words
    assert len(sentences) == 1, sentences
    assert sum(counts.sentence_lengths) == counts.word_count


@pytest.mark.parametrize(
    ("name", "words", "sentences"),
    [
        ("hyphens", 8, 1),
        ("numbers", 12, 1),  # "$" and "%" are not words, "1,000.50" and "10:30" are one each
        ("urls", 16, 2),  # a URL is a word per run of letters or digits; its dots end nothing
        ("contractions", 9, 3),
        ("ellipses", 9, 4),  # "…" before a capital ends a sentence, "..." before lower case not
        ("abbreviations", 18, 3),  # "e.g." is two words and ends no sentence, "p.m. Today" does
        ("cjk", 13, 3),  # each ideograph and kana is a word; "。" and "！" end sentences
        ("emoji", 3, 1),  # the emoji are no words, and a line of them no sentence
        ("empty", 0, 0),
        ("blank", 0, 0),
    ],
)
def test_hand_checked_counts(name: str, words: int, sentences: int) -> None:
    counts = count_text(TRICKY_TEXTS[name])
    assert (counts.word_count, counts.sentence_count) == (words, sentences)


def test_what_a_word_is() -> None:
    text = "Don’t re-use the well-known café’s 3.14 or 1,000 items — naïve cafe\u0301 at 10:30."
    assert count_text(text).words == (
        "Don’t",
        "re-use",
        "the",
        "well-known",
        "café’s",
        "3.14",
        "or",
        "1,000",
        "items",
        "naïve",
        "cafe\u0301",
        "at",
        "10:30",
    )
    expected = ("مرحبا", "بالعالم", "שלום", "עולם", "नमस्ते", "दुनिया")
    assert count_text(" ".join(expected)).words == expected


def test_lines_without_words_are_not_sentences() -> None:
    text = "First line.\n\n***\n\n- \n\n🎉\n\nLast line."
    assert counted_sentences(text) == ("First line.", "Last line.")
    assert compare_sentences(text, "First line.").touched_share == 0.5


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab1 .,:!?-'\n\"…—😀e\u0301漢。Mr*#`")), max_size=150))
def test_sentence_lengths_always_add_up_to_the_word_count(text: str) -> None:
    counts = count_text(text)
    assert counts.word_count == count_words(text) == edit_metrics(text, "").words_original
    assert sum(counts.sentence_lengths) == counts.word_count
    assert all(length > 0 for length in counts.sentence_lengths)
    assert text_metrics(text).sentences == counts.sentence_count == len(counted_sentences(text))
