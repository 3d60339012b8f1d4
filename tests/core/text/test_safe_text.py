"""one_line: outside text shown as one short line that cannot steer a terminal or a reader."""

from __future__ import annotations

import time
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workstation.core.text.safe_text import one_line


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain words", "plain words"),
        ("  many\t\tkinds\r\nof\u2028breaks\x85and\x0bspace  ", "many kinds of breaks and space"),
        ("\x1b[2J\x1b]0;title\x07red", "\ufffd[2J\ufffd]0;title\ufffdred"),  # ANSI clear screen, OSC title
        ("8-bit CSI \x9b31m and DEL \x7f", "8-bit CSI \ufffd31m and DEL \ufffd"),
        ("invoice_\u202etxt.exe", "invoice_\ufffdtxt.exe"),  # right-to-left override
        ("\u2066isolate\u2069 \u200bzero\ufeffwidth", "\ufffdisolate\ufffd \ufffdzero\ufffdwidth"),
        ("lone \ud800 surrogate", "lone \ufffd surrogate"),
        ("می\u200cخواهم 👩\u200d💻", "می\u200cخواهم 👩\u200d💻"),  # ZWNJ and ZWJ are spelling, kept
        ("", ""),
        ("\n\t ", ""),
    ],
)
def test_controls_become_visible_and_breaks_become_spaces(text: str, expected: str) -> None:
    assert one_line(text) == expected


def test_long_text_is_cut_with_an_ellipsis_inside_the_limit() -> None:
    assert one_line("word " * 100, 20) == "word word word word…"
    assert one_line("abcdef", 6) == "abcdef"
    assert one_line("abcdefg", 6) == "abcde…"
    assert one_line("abc", 1) == "…"


def test_a_limit_below_one_is_refused() -> None:
    with pytest.raises(ValueError):
        one_line("x", 0)


def test_a_megabyte_costs_no_more_than_the_line_it_makes() -> None:
    hostile = "\x1b[31m" * 200_000
    started = time.perf_counter()
    line = one_line(hostile, 80)
    assert time.perf_counter() - started < 0.05
    assert len(line) == 80 and line.endswith("…")


@given(st.text(), st.integers(min_value=1, max_value=400))
def test_every_result_is_one_printable_line_within_the_limit(text: str, limit: int) -> None:
    line = one_line(text, limit)
    assert len(line) <= limit
    for character in line:  # unassigned and private-use characters stay: terminals do not act on them
        assert character == " " or not character.isspace()
        assert character in "\u200c\u200d" or unicodedata.category(character) not in ("Cc", "Cf", "Cs")
    assert line == line.strip()
    assert one_line(line, limit) == line  # already safe text passes through unchanged
