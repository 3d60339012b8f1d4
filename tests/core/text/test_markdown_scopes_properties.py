"""Markdown scopes on any text: never an error, spans in order and in bounds, linear time."""

from __future__ import annotations

import time
from collections.abc import Callable
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workstation.core.text.markdown_scopes import BLOCK_SCOPES, SKIPPED_SCOPES, markdown_scopes

SCOPE_SETTINGS = settings(max_examples=400, deadline=None, derandomize=True)
FIELDS = (
    "code_blocks",
    "code_spans",
    "link_targets",
    "link_definitions",
    "urls",
    "html_blocks",
    "html_tags",
    "headings",
    "list_items",
    "blockquotes",
    "tables",
)

# Pieces that make Markdown constructs, so random texts exercise the scanner and not just prose.
MARKDOWN_PIECES = [
    "`", "``", "```", "~~~", "\\", "[", "]", "(", ")", "](", "![", "<", ">", "/", "<b>", "</b>",
    "<!--", "-->", "<?", "?>", "<![CDATA[", "]]>", "<script>", "</script>", "<div>", "<http://a.b>",
    "http://", "https://x.y/", "www.", "@", "a@b.co", "#", "## ", "=", "===", "-", "---", "- ", "* ",
    "+ ", "1. ", "2) ", "|", "| a | b |", "|---|---|", ":-:", "[x]: ", '"', "'", " ", "  ", "    ",
    "\t", "\n", "\n\n", "\r\n", "\r", "word", "Ünï", "😀", "\u2028", "\x00",
]  # fmt: skip
markdownish = st.lists(st.sampled_from(MARKDOWN_PIECES), max_size=60).map("".join)
any_text = st.text(alphabet=st.characters(codec=None), max_size=120)


def check_spans(text: str) -> None:
    scopes = markdown_scopes(text)
    for name in FIELDS:
        spans = getattr(scopes, name)
        for start, end in spans:
            assert 0 <= start < end <= len(text), (name, start, end)
        for (_, first_end), (second_start, _) in pairwise(spans):
            assert first_end <= second_start, (name, spans)
    for scope in SKIPPED_SCOPES + BLOCK_SCOPES:
        spans = scopes.spans(scope)
        assert list(spans) == sorted(spans)
        assert all(first[1] <= second[0] for first, second in pairwise(spans)), (scope, spans)
    skipped = scopes.skipped
    assert all(first[1] < second[0] for first, second in pairwise(skipped)), skipped


@SCOPE_SETTINGS
@given(st.one_of(markdownish, any_text))
def test_any_text_gives_ordered_spans_within_bounds(text: str) -> None:
    check_spans(text)


@SCOPE_SETTINGS
@given(markdownish)
def test_line_endings_do_not_change_what_is_found(text: str) -> None:
    # CRLF and LF texts give the same constructs, at offsets shifted by the extra CRs.
    if "\r" in text:
        return
    crlf = text.replace("\n", "\r\n")
    to_crlf = {index: index + text.count("\n", 0, index) for index in range(len(text) + 1)}
    lf_scopes, crlf_scopes = markdown_scopes(text), markdown_scopes(crlf)
    for name in FIELDS:
        expected = [(to_crlf[start], to_crlf[end]) for start, end in getattr(lf_scopes, name)]
        found = [(start, end) for start, end in getattr(crlf_scopes, name)]
        # A span that ended at a line's end ends before its CR in the CRLF text.
        assert [start for start, _ in found] == [start for start, _ in expected], name
        for (_, end), (_, expected_end) in zip(found, expected, strict=True):
            assert end in (expected_end, expected_end - 1), name


def seconds(make: Callable[[int], str], size: int) -> float:
    text = make(size)
    best = float("inf")
    for _ in range(5):  # the best of five: other work on the machine only ever adds time
        started = time.perf_counter()
        markdown_scopes.__wrapped__(text)  # type: ignore[attr-defined]
        best = min(best, time.perf_counter() - started)
    return best


HOSTILE: dict[str, Callable[[int], str]] = {
    "backticks": lambda n: "`" * n,
    "backtick runs of every length": lambda n: " ".join("`" * (k % 97 + 1) for k in range(n // 50)),
    "alternating backticks": lambda n: "` `` " * (n // 5),
    "escaped backticks": lambda n: "\\`" * (n // 2),
    "open brackets": lambda n: "[" * n,
    "link openers": lambda n: "[a](" * (n // 4),
    "unclosed titles": lambda n: '[a](b "' * (n // 7),
    "brackets then targets": lambda n: "[" * (n // 2) + "](x)" * (n // 8),
    "nested quotes": lambda n: ">" * n + " deep",
    "quote lines": lambda n: "> " * 50 + "text\n" * (n // 5),
    "nested lists": lambda n: "".join("  " * depth + "- item\n" for depth in range(int(n**0.5 / 1.5))),
    "lazy lines under a deep list": lambda n: "- " * (n // 4) + "a\n" + "b\n" * (n // 4),
    "blank lines under a deep list": lambda n: "- " * (n // 4) + "a\n" + "\n" * (n // 2),
    "markers on one line": lambda n: "- " * (n // 2) + "x",
    "quoted list markers": lambda n: "> - " * (n // 4) + "x\n" + ">\n" * (n // 4),
    "less-than signs": lambda n: "<" * n,
    "unclosed comments": lambda n: "<!--" * (n // 4),
    "unclosed tags": lambda n: '<a b="' * (n // 6),
    "tag attributes": lambda n: "<a" + " b=c" * (n // 4),
    "declarations": lambda n: "<!A" * (n // 3),
    "url prefixes": lambda n: "http://" * (n // 7),
    "closing parens": lambda n: "https://x.y/" + ")" * n,
    "at signs": lambda n: "a." * (n // 4) + "@" * (n // 2),
    "word run": lambda n: "a" * n,
    "pipes": lambda n: "|" * n + "\n" + "|-" * (n // 2),
    "setext lines": lambda n: "a\n=\n" * (n // 4),
    "fences": lambda n: "```\n" * (n // 4),
    "indented": lambda n: "    x\n" * (n // 6),
    "definitions": lambda n: "[" + "a" * n + "]: x",
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_input_is_scanned_in_linear_time(kind: str) -> None:
    make = HOSTILE[kind]
    small, large = seconds(make, 20_000), seconds(make, 80_000)
    check_spans(make(10_000))
    assert large < 0.5, f"{kind}: {large:.3f} s for 80,000 characters"
    # Four times the text may take about four times as long, never sixteen (quadratic); the
    # allowance above four is for a loaded machine's noise.
    assert large < 10 * small + 0.05, f"{kind}: {small:.4f} s -> {large:.4f} s"
