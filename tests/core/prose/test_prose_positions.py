"""Findings land on the right characters whatever comes before them: emoji, accents, RTL, CRLF."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workstation.core.prose.engine import Linter
from workstation.core.prose.style_pack import default_style_pack

WORDS_RULE = """
    extends: existence
    message: "'%s'"
    ignorecase: true
    tokens: [delve, tapestry, ve, cafe, مرحبا, naïve]
"""
SWAP_RULE = """
    extends: substitution
    message: "Use '%s' instead of '%s'."
    ignorecase: true
    swap:
      utilize: use
"""


def _spans(findings) -> list[tuple[int, int, str]]:
    return [(f.start, f.end, f.matched) for f in findings]


def test_astral_emoji_before_a_finding_do_not_shift_it(make_style) -> None:
    linter = Linter(make_style(Words=WORDS_RULE, Swap=SWAP_RULE))
    text = "😀👍🏽🧑‍🚀 We delve, then 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🎉 utilize a tapestry."
    findings = linter.lint(text)
    assert _spans(findings) == [
        (text.index("delve"), text.index("delve") + 5, "delve"),
        (text.index("utilize"), text.index("utilize") + 7, "utilize"),
        (text.index("tapestry"), text.index("tapestry") + 8, "tapestry"),
    ]
    assert all(text[f.start : f.end] == f.matched for f in findings)


def test_combining_marks_stay_part_of_the_word(make_style) -> None:
    linter = Linter(make_style(Words=WORDS_RULE))
    # "café" spelled with a combining acute accent is not the token "cafe"; "naïve" does not
    # contain the token "ve"; a precomposed "naïve" token still matches itself.
    text = "cafe\u0301 nai\u0308ve naïve and a cafe."
    assert _spans(linter.lint(text)) == [
        (text.index("naïve"), text.index("naïve") + 5, "naïve"),
        (text.rindex("cafe"), text.rindex("cafe") + 4, "cafe"),
    ]


def test_accented_letters_before_an_ascii_token_block_the_match(make_style) -> None:
    linter = Linter(make_style(Words=WORDS_RULE))
    assert linter.lint("élan déve") == ()


def test_right_to_left_text_around_and_as_findings(make_style) -> None:
    linter = Linter(make_style(Words=WORDS_RULE))
    text = "שלום עולם! مرحبا بالعالم، we delve here. مرحبا"
    assert _spans(linter.lint(text)) == [
        (text.index("مرحبا"), text.index("مرحبا") + 5, "مرحبا"),
        (text.index("delve"), text.index("delve") + 5, "delve"),
        (text.rindex("مرحبا"), len(text), "مرحبا"),
    ]


def test_crlf_line_endings(make_style) -> None:
    linter = Linter(make_style(Words=WORDS_RULE))
    text = "First line\r\nWe delve\r\n\r\nA tapestry.\r\n"
    assert _spans(linter.lint(text)) == [
        (text.index("delve"), text.index("delve") + 5, "delve"),
        (text.index("tapestry"), text.index("tapestry") + 8, "tapestry"),
    ]


def test_findings_are_sorted_by_position_then_rule(make_style) -> None:
    linter = Linter(make_style(A=WORDS_RULE, B=WORDS_RULE))
    findings = linter.lint("tapestry and delve")
    expected = [(0, "Test.A"), (0, "Test.B"), (13, "Test.A"), (13, "Test.B")]
    assert [(f.start, f.rule) for f in findings] == expected


_PIECES = st.sampled_from(
    [
        "We delve into the rich tapestry. ",
        "Certainly! ",
        "I hope this helps. ",
        "utilize ",
        "leverage ",
        "It's important to note that ",
        "not just a tool — it's a movement. ",
        "the the ",
        "Overall, ",
        "fast, cheap, and good, ",
        "😀",
        "🧑‍🚀",
        "e\u0301",
        "ï",
        "مرحبا ",
        "שלום ",
        "\r\n",
        "\n\n",
        "— ",
        " ",
        "Dr. Smith said 3.14. ",
        "...",
        "“Quote.” ",
        "In conclusion, ",
    ]
)
_TEXTS = st.one_of(
    st.lists(_PIECES, max_size=30).map("".join),
    st.text(max_size=200),
    st.lists(st.one_of(_PIECES, st.text(max_size=5)), max_size=30).map("".join),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS)
def test_default_pack_findings_are_well_formed(text: str) -> None:
    findings = Linter(default_style_pack()).lint(text)
    for finding in findings:
        assert 0 <= finding.start < finding.end <= len(text)
        assert text[finding.start : finding.end] == finding.matched
        assert finding.level in ("suggestion", "warning", "error")
        assert finding.message and "%s" not in finding.message
    keys = [(f.start, f.end, f.rule) for f in findings]
    assert keys == sorted(keys)


@settings(max_examples=100, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=20).map("".join), st.text(max_size=20))
def test_prefixing_text_shifts_findings_by_its_length(text: str, prefix: str) -> None:
    linter = Linter(default_style_pack(), disabled_categories=["em-dashes", "lists-of-three", "repetition"])
    separator = "\n\n"  # a paragraph break, so the prefix cannot join or split a match
    base = [(f.start, f.end, f.rule) for f in linter.lint(text)]
    shifted = [(f.start, f.end, f.rule) for f in linter.lint(prefix + separator + text)]
    offset = len(prefix) + len(separator)
    in_text = [item for item in shifted if item[0] >= offset]
    assert [(s + offset, e + offset, r) for s, e, r in base] == in_text
