"""Our sentence and paragraph splitting."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workstation.core.prose.sentences import (
    paragraph_spans,
    sentence_spans,
    split_sentences,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two! Three? Four", ["One.", "Two!", "Three?", "Four"]),
        ("Dr. Smith met Mr. Jones at 5 p.m. on Friday.", ["Dr. Smith met Mr. Jones at 5 p.m. on Friday."]),
        ("Use tools, e.g. Python or i.e. this. Next.", ["Use tools, e.g. Python or i.e. this.", "Next."]),
        ("It cost 3.50 dollars. It rose 2.5%.", ["It cost 3.50 dollars.", "It rose 2.5%."]),
        ("Wait... what? Well... Then it happened.", ["Wait... what?", "Well...", "Then it happened."]),
        ("He paused… and went on. Done.", ["He paused… and went on.", "Done."]),
        ('"Stop!" she said. "Why?" He left.', ['"Stop!" she said.', '"Why?"', "He left."]),
        ("“It works.” Then we shipped.", ["“It works.”", "Then we shipped."]),
        (
            "Apples, pears, etc. are fruit. Buy apples, pears, etc. Then go.",
            ["Apples, pears, etc. are fruit.", "Buy apples, pears, etc.", "Then go."],
        ),
        ("J. R. R. Tolkien wrote it. See No. 5 above.", ["J. R. R. Tolkien wrote it.", "See No. 5 above."]),
        (
            "The U.S. economy grew. It grew in the U.S. Then it fell.",
            ["The U.S. economy grew.", "It grew in the U.S.", "Then it fell."],
        ),
        ("Really?! Yes.", ["Really?!", "Yes."]),
        ("你好。再见！好吗？", ["你好。", "再见！", "好吗？"]),
        ("هل أنت بخير؟ نعم.", ["هل أنت بخير؟", "نعم."]),
        ("Steps:\n1. Open it\n2. Close it", ["Steps:", "1. Open it", "2. Close it"]),
        ("A heading\nA sentence that follows.", ["A heading", "A sentence that follows."]),
        ("a hard-wrapped\nline continues here.", ["a hard-wrapped\nline continues here."]),
        (
            "Windows lines.\r\nSecond line.\r\n\r\nNew paragraph.",
            ["Windows lines.", "Second line.", "New paragraph."],
        ),
        ("Emoji 😀 first. 🎉 Party!", ["Emoji 😀 first.", "🎉 Party!"]),
        ("   ", []),
        ("", []),
    ],
)
def test_sentence_splitting(text: str, expected: list[str]) -> None:
    assert list(split_sentences(text)) == expected


def test_paragraphs_split_on_blank_lines_of_any_line_ending() -> None:
    text = "One\r\n\r\nTwo\n  \nThree\rstill three\u2029Four"
    assert [text[a:b] for a, b in paragraph_spans(text)] == ["One", "Two", "Three\rstill three", "Four"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .!?\n\r\"'…—😀e\u0301Mr")), max_size=120))
def test_sentence_spans_are_ordered_trimmed_and_cover_all_text(text: str) -> None:
    spans = sentence_spans(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        assert text[previous_end:start].strip() == ""  # nothing but white space is left out
        previous_end = end
    assert text[previous_end:].strip() == ""
