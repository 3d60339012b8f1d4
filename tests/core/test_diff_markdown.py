"""Markdown markup in the word diff: marking up a word shows the markup inserted, never the word
replaced, and the markup is counted as no words."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workstation.core.diff import count_words, diff_words, tokenize


def changes(original: str, rewrite: str) -> list[tuple[str, str, str]]:
    """(tag, original text, rewrite text) of each change."""
    return [
        (chunk.tag, original[chunk.a_start : chunk.a_end], rewrite[chunk.b_start : chunk.b_end])
        for chunk in diff_words(original, rewrite).changes()
    ]


# Golden cases: (original, rewrite, the changes a reviewer sees).
GOLDEN = [
    ("a word here", "a **word** here", [("insert", "", "**"), ("insert", "", "**")]),
    ("a word here", "a __word__ here", [("insert", "", "__"), ("insert", "", "__")]),
    ("a word here", "a _word_ here", [("insert", "", "_"), ("insert", "", "_")]),
    ("a word here", "a *word* here", [("insert", "", "*"), ("insert", "", "*")]),
    ("a word here", "a ~~word~~ here", [("insert", "", "~~"), ("insert", "", "~~")]),
    ("Title here", "## Title here", [("insert", "", "##")]),
    ("Item one\nItem two", "- Item one\n- Item two", [("insert", "", "-"), ("insert", "", "-")]),
    ("He said so", "> He said so", [("insert", "", ">")]),
    ("run npm install now", "run `npm install` now", [("insert", "", "`"), ("insert", "", "`")]),
    (
        "see the docs",
        "see the [docs](https://x.org/a)",
        [("insert", "", "["), ("insert", "", "](https://x.org/a)")],
    ),
    ("a **word** here", "a word here", [("delete", "**", ""), ("delete", "**", "")]),
    ("a __word__ here", "a __other__ here", [("replace", "word", "other")]),
    ("Step one", "1. Step one", [("insert", "", "1.")]),
]


@pytest.mark.parametrize(("original", "rewrite", "expected"), GOLDEN)
def test_markup_shows_as_inserted_or_deleted(
    original: str, rewrite: str, expected: list[tuple[str, str, str]]
) -> None:
    assert changes(original, rewrite) == expected


def test_markup_is_punctuation_one_character_a_token() -> None:
    tokens = [(token.text, token.kind) for token in tokenize("**__b__** `c` [d](e)") if token.kind != "space"]
    assert tokens == [
        ("*", "punct"), ("*", "punct"), ("_", "punct"), ("_", "punct"), ("b", "word"), ("_", "punct"),
        ("_", "punct"), ("*", "punct"), ("*", "punct"), ("`", "punct"), ("c", "word"), ("`", "punct"),
        ("[", "punct"), ("d", "word"), ("]", "punct"), ("(", "punct"), ("e", "word"), (")", "punct"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("snake_case", 1),
        ("__init__", 1),
        ("_émphasis_", 1),
        ("a_b_c d", 2),
        ("____", 0),
        ("**bold** text", 2),
    ],
)
def test_underscores_join_words_only_between_letters_and_digits(text: str, words: int) -> None:
    assert count_words(text) == words


MARKUP = [("**", "**"), ("__", "__"), ("_", "_"), ("*", "*"), ("`", "`"), ("~~", "~~"), ("[", "](#)")]
WORDS = st.sampled_from(["word", "naïve", "don't", "well-known", "3.14", "snake_case", "猫", "Ünï"])


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(WORDS, min_size=1, max_size=12), st.data())
def test_marking_up_any_word_inserts_only_markup(words: list[str], data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(words) - 1))
    opener, closer = data.draw(st.sampled_from(MARKUP))
    marked = [*words]
    marked[index] = f"{opener}{words[index]}{closer}"
    original, rewrite = " ".join(words), " ".join(marked)
    found = diff_words(original, rewrite).changes()
    assert found, "the markup shows as a change"
    assert all(chunk.tag == "insert" and chunk.b_words == 0 for chunk in found)
    assert "".join(rewrite[chunk.b_start : chunk.b_end] for chunk in found) == opener + closer
    assert count_words(rewrite) == count_words(original)
