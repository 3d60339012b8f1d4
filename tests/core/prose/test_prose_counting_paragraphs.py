"""count_text counts paragraph by paragraph and remembers each paragraph: the same counts as
one pass over the whole text, and a keystroke counts again only the paragraph it changed."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workstation.core.prose import counting
from workstation.core.prose.counting import TextCounts, count_text
from workstation.core.prose.sentences import sentence_spans
from workstation.core.text.text_memo import TextMemo


def _fresh_memo(
    monkeypatch: pytest.MonkeyPatch, max_chars: int = counting.PARAGRAPH_COUNTS_CHARS
) -> TextMemo[counting.Kept]:
    memo: TextMemo[counting.Kept] = TextMemo(max_chars)
    monkeypatch.setattr(counting, "_PARAGRAPH_COUNTS", memo)
    count_text.cache_clear()
    return memo


def _counting_paragraphs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    counted: list[str] = []
    real = counting._counted

    def recorded(text: str) -> TextCounts:
        counted.append(text)
        return real(text)

    monkeypatch.setattr(counting, "_counted", recorded)
    return counted


PARAGRAPHS = [
    "Dr. Smith arrived at 10:30. She was late!",
    "The second paragraph has three sentences. It is short. Really.",
    "A last one\nwraps onto a second line and ends here.",
]


def test_a_keystroke_counts_again_only_its_paragraph(monkeypatch: pytest.MonkeyPatch) -> None:
    _fresh_memo(monkeypatch)
    counted = _counting_paragraphs(monkeypatch)
    text = "\n\n".join(PARAGRAPHS)
    first = count_text(text)
    assert counted == PARAGRAPHS
    assert first.sentence_lengths == (5, 3, 6, 3, 1, 11)

    counted.clear()
    edited = text.replace("is short", "is very short")
    after = count_text(edited)
    assert counted == ["The second paragraph has three sentences. It is very short. Really."]
    assert after.sentence_lengths == (5, 3, 6, 4, 1, 11)
    # The last paragraph's sentence moved with the word typed before it.
    assert after.sentences[-1] == (first.sentences[-1][0] + 5, first.sentences[-1][1] + 5)
    assert edited[slice(*after.sentences[-1])] == PARAGRAPHS[2]


def test_a_text_of_one_paragraph_is_counted_whole_and_not_remembered(monkeypatch: pytest.MonkeyPatch) -> None:
    memo = _fresh_memo(monkeypatch)
    counts = count_text("  One paragraph. Two sentences.  ")
    assert counts.sentence_lengths == (2, 2)
    assert counts.sentences == ((2, 16), (17, 31))
    assert len(memo) == 0


def test_past_its_bound_the_memory_forgets_and_counts_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "\n\n".join([*PARAGRAPHS, "x " * 40])
    expected = counting._counted(text)
    memo = _fresh_memo(monkeypatch, max_chars=120)
    counted = _counting_paragraphs(monkeypatch)
    assert count_text(text) == expected
    count_text.cache_clear()
    assert count_text(text) == expected
    # The 79-character paragraph is over an eighth of the bound: never kept, counted each time.
    assert counted.count("x " * 39 + "x") == 2
    assert memo.chars <= 120


_PIECES = st.sampled_from(
    [
        "Dr.",
        "Smith",
        "e.g.",
        "U.S.",
        "etc.",
        "3.14",
        "1.",
        "No.",
        "5",
        "word",
        "Word",
        "don't",
        "“Quoted.”",
        "Stop!",
        "she",
        "…",
        "...",
        "?!",
        "漢字。",
        "。",
        "e\u0301",
        "***",
        "-",
        "😀",
        "(aside.)",
    ]
)
_GAPS = st.sampled_from(
    [" ", "  ", "\t", "\n", "\n\n", "\r\n", "\r\n\r\n", "\n \n", "\u2028", "\u2029", " \n\n "]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(_PIECES, _GAPS), max_size=30), st.sampled_from(["", " ", "\n\n"]))
def test_counting_paragraph_by_paragraph_counts_as_one_pass_does(
    pieces: list[tuple[str, str]], lead: str
) -> None:
    text = lead + "".join(piece + gap for piece, gap in pieces)
    assert count_text(text) == counting._counted(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(_PIECES, min_size=1, max_size=6).map(" ".join), min_size=2, max_size=6), st.data())
def test_what_is_remembered_never_changes_the_counts_of_an_edited_text(
    paragraphs: list[str], data: st.DataObject
) -> None:
    text = "\n\n".join(paragraphs)
    count_text(text)
    edited = list(paragraphs)
    index = data.draw(st.integers(0, len(paragraphs) - 1))
    edited[index] = data.draw(_PIECES) + " " + edited[index]
    new_text = "\n\n".join(edited)
    assert count_text(new_text) == counting._counted(new_text)


_ASCII = st.lists(
    st.sampled_from([*"aB1_ .,:;!?-'\"()*#`\n\r\t\x0b\x0c\x1c\x1f", "Dr.", "U.S.", "3.14", "e.g.", "No. 5"]),
    max_size=60,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(_ASCII)
def test_ascii_sentences_scanned_on_their_own_count_as_the_tokenizer_does(text: str) -> None:
    assert counting._counted_by_sentence(text) == counting._counted_by_tokens(text)


def test_a_line_break_before_a_blank_line_never_looks_into_the_next_paragraph() -> None:
    # "***" is skipped as markup when looking for the next line's first letter; the blank line
    # ends the search, so "she" below it does not join the two lines into one sentence.
    text = "Dr.\u2028***\n\nshe said."
    assert sentence_spans(text) == ((0, 3), (4, 7), (9, 18))
    assert count_text(text).sentences == ((0, 3), (9, 18))
