"""Tokenizer: what counts as a word, what stays together, and offsets that tile the text."""

from __future__ import annotations

import dataclasses
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.core.test_diff_properties import prose
from workstation.core.diff import Token, count_words, tokenize
from workstation.core.diff import tokens as tokens_module
from workstation.core.diff.tokens import scan_non_space

TOKEN_SETTINGS = settings(max_examples=300, deadline=None, derandomize=True)
any_text = st.text(alphabet=st.characters(codec=None), max_size=80)
ascii_text = st.text(alphabet=st.characters(max_codepoint=127), max_size=80)


def _visible(text: str) -> list[tuple[str, str]]:
    return [(token.text, token.kind) for token in tokenize(text) if token.kind != "space"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hello, world!", [("Hello", "word"), (",", "punct"), ("world", "word"), ("!", "punct")]),
        ("don't rock'n'roll", [("don't", "word"), ("rock'n'roll", "word")]),
        ("it\u2019s fine", [("it\u2019s", "word"), ("fine", "word")]),
        (
            "well-known state\u2011of\u2011the\u2011art",
            [("well-known", "word"), ("state\u2011of\u2011the\u2011art", "word")],
        ),
        ("3.14 1,000 10:30", [("3.14", "word"), ("1,000", "word"), ("10:30", "word")]),
        ("end. Next", [("end", "word"), (".", "punct"), ("Next", "word")]),
        ("a--b", [("a", "word"), ("-", "punct"), ("-", "punct"), ("b", "word")]),
        ("'quoted'", [("'", "punct"), ("quoted", "word"), ("'", "punct")]),
        ("snake_case", [("snake_case", "word")]),
        ("wait...", [("wait", "word"), (".", "punct"), (".", "punct"), (".", "punct")]),
        ("x \u2014 y", [("x", "word"), ("\u2014", "punct"), ("y", "word")]),
    ],
)
def test_words_and_punctuation(text: str, expected: list[tuple[str, str]]) -> None:
    assert _visible(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("cafe\u0301", [("cafe\u0301", "word")]),  # combining acute stays on its letter
        ("Z\u0334\u0321a\u0335lgo", [("Z\u0334\u0321a\u0335lgo", "word")]),  # stacked marks
        ("नमस्ते दुनिया", [("नमस्ते", "word"), ("दुनिया", "word")]),  # Devanagari vowel signs
        ("שָׁלוֹם עולם", [("שָׁלוֹם", "word"), ("עולם", "word")]),  # Hebrew with points
        ("كَتَبَ", [("كَتَبَ", "word")]),  # Arabic harakat
        ("我喜欢猫", [("我", "word"), ("喜", "word"), ("欢", "word"), ("猫", "word")]),
        ("ひらがなカタカナ", [(ch, "word") for ch in "ひらがなカタカナ"]),
        ("한국어 단어", [("한국어", "word"), ("단어", "word")]),
        ("abc漢字", [("abc", "word"), ("漢", "word"), ("字", "word")]),
    ],
)
def test_scripts_and_combining_marks(text: str, expected: list[tuple[str, str]]) -> None:
    assert _visible(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\U0001f469\u200d\U0001f469\u200d\U0001f467", ["\U0001f469\u200d\U0001f469\u200d\U0001f467"]),
        ("\U0001f44d\U0001f3fd\U0001f44d", ["\U0001f44d\U0001f3fd", "\U0001f44d"]),
        ("\U0001f1fa\U0001f1f8\U0001f1ec\U0001f1e7", ["\U0001f1fa\U0001f1f8", "\U0001f1ec\U0001f1e7"]),
        ("\u2764\ufe0f", ["\u2764\ufe0f"]),
        ("\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f", None),
    ],
)
def test_emoji_sequences_are_single_punctuation_tokens(text: str, expected: list[str] | None) -> None:
    visible = _visible(text)
    assert [piece for piece, _kind in visible] == (expected or [text])
    assert all(kind == "punct" for _piece, kind in visible)
    assert count_words(text) == 0


def test_emoji_glued_to_a_word_is_its_own_token() -> None:
    assert _visible("great\U0001f44d") == [("great", "word"), ("\U0001f44d", "punct")]


@pytest.mark.parametrize("invisible", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200f"])
def test_invisible_characters_stick_to_the_word_before(invisible: str) -> None:
    assert _visible(f"ab{invisible}cd ef") == [(f"ab{invisible}cd", "word"), ("ef", "word")]
    assert _visible(f"ab{invisible} ef") == [(f"ab{invisible}", "word"), ("ef", "word")]


def test_invisible_character_alone_is_punctuation() -> None:
    assert _visible("a \u200b b") == [("a", "word"), ("\u200b", "punct"), ("b", "word")]
    assert _visible("\ufeffHello") == [("\ufeff", "punct"), ("Hello", "word")]


def test_whitespace_runs_are_single_tokens() -> None:
    tokens = tokenize("a \r\n\t\u00a0\u3000b")
    assert [(token.text, token.kind) for token in tokens] == [
        ("a", "word"),
        (" \r\n\t\u00a0\u3000", "space"),
        ("b", "word"),
    ]


def test_html_is_just_punctuation_and_words() -> None:
    assert _visible("<img src=x onerror=alert(1)>") == [
        ("<", "punct"),
        ("img", "word"),
        ("src", "word"),
        ("=", "punct"),
        ("x", "word"),
        ("onerror", "word"),
        ("=", "punct"),
        ("alert", "word"),
        ("(", "punct"),
        ("1", "word"),
        (")", "punct"),
        (">", "punct"),
    ]


def test_offsets_are_code_points_after_astral_characters() -> None:
    text = "\U0001f600 x \U0001d401 y"
    by_text = {token.text: token for token in tokenize(text)}
    assert (by_text["x"].start, by_text["x"].end) == (2, 3)
    assert (by_text["y"].start, by_text["y"].end) == (6, 7)


def test_empty_text() -> None:
    assert tokenize("") == ()
    assert count_words("") == 0
    empty = scan_non_space("")
    assert (empty.texts, empty.starts, empty.ends, empty.is_word) == ([], [], [], [])


def test_tokens_are_frozen() -> None:
    token = Token("word", 0, 4, "word")
    assert token.is_word and not Token(",", 4, 5, "punct").is_word
    with pytest.raises(dataclasses.FrozenInstanceError):
        token.start = 1  # type: ignore[misc]


@TOKEN_SETTINGS
@given(st.one_of(any_text, prose()))
def test_tokens_tile_the_text(text: str) -> None:
    tokens = tokenize(text)
    assert "".join(token.text for token in tokens) == text
    position = 0
    for token in tokens:
        assert token.start == position and token.end == position + len(token.text)
        assert text[token.start : token.end] == token.text
        assert (token.kind == "space") == token.text.isspace()
        position = token.end
    # Whitespace tokens never touch each other.
    kinds = [token.kind for token in tokens]
    assert all(not (first == second == "space") for first, second in pairwise(kinds))


@TOKEN_SETTINGS
@given(st.one_of(any_text, prose()))
def test_count_words_agrees_with_tokenize(text: str) -> None:
    assert count_words(text) == sum(token.is_word for token in tokenize(text))


@TOKEN_SETTINGS
@given(st.one_of(any_text, prose()), st.integers(0, 1000))
def test_scan_non_space_agrees_with_tokenize(text: str, offset: int) -> None:
    scanned = scan_non_space(text, offset)
    visible = [token for token in tokenize(text) if token.kind != "space"]
    assert scanned.texts == [token.text for token in visible]
    assert scanned.starts == [token.start + offset for token in visible]
    assert scanned.ends == [token.end + offset for token in visible]
    assert scanned.is_word == [token.is_word for token in visible]


@TOKEN_SETTINGS
@given(st.one_of(ascii_text, any_text, prose()))
def test_fast_paths_match_the_full_scanner(text: str) -> None:
    # The ASCII scanner and the plain-word shortcut must never change the tokens.
    assert tokens_module._pieces(text) == tokens_module._token_regex().findall(text)


@TOKEN_SETTINGS
@given(
    st.lists(st.sampled_from(["ab", "c\u0301", "1", ".", ",", "'", "-", "\u200d", "漢", " "]), max_size=30)
)
def test_tokenizing_pieces_of_a_text_at_whitespace_gives_the_same_tokens(pieces: list[str]) -> None:
    # The diff tokenizes paragraphs and sentences separately: cuts next to whitespace are safe.
    text = "".join(pieces)
    for cut in range(len(text) + 1):
        if (cut > 0 and text[cut - 1].isspace()) or (cut < len(text) and text[cut].isspace()):
            left = [(t.text, t.start) for t in tokenize(text[:cut]) if t.kind != "space"]
            right = [(t.text, t.start + cut) for t in tokenize(text[cut:]) if t.kind != "space"]
            whole = [(t.text, t.start) for t in tokenize(text) if t.kind != "space"]
            assert left + right == whole
