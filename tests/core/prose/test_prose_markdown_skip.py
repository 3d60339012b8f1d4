"""Lint reads Markdown as Vale does: no finding in code, link targets, URLs or raw HTML."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.core.text.test_markdown_scopes_properties import markdownish
from workstation.core.prose import Linter, default_style_pack, sentence_spans, text_metrics
from workstation.core.prose.markdown_skip import lint_view
from workstation.core.text.markdown_scopes import skipped_spans

Lint = Callable[..., list[tuple[str, str]]]
CLICHE = "rich tapestry"


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(default_style_pack())


def flagged(linter: Linter, text: str) -> list[str]:
    return [finding.matched.lower() for finding in linter.lint(text)]


@pytest.mark.parametrize(
    "markdown",
    [
        f"```\nA {CLICHE} in a fenced block.\n```",
        f"~~~text\n{CLICHE}\n~~~",
        f"Intro.\n\n    A {CLICHE} in an indented block.\n\nOutro.",
        f"Run `{CLICHE}` as a command.",
        f"See [the docs](https://x.org/{CLICHE.replace(' ', '-')} '{CLICHE}').",
        f"[ref]: https://x.org/a '{CLICHE}'",
        f"Visit https://x.org/{CLICHE.replace(' ', '_')} today.",
        f'Some <span title="{CLICHE}">text</span>.',
        f"<!-- a {CLICHE} in a comment -->",
        f"<script>\nvar s = '{CLICHE}';\n</script>",
    ],
)
def test_a_cliche_in_skipped_markdown_is_not_flagged(linter: Linter, markdown: str) -> None:
    assert CLICHE not in flagged(linter, markdown)
    # The same words as prose are flagged.
    assert CLICHE in flagged(linter, f"It is a {CLICHE} of ideas.")


def test_prose_around_code_is_still_linted(linter: Linter) -> None:
    text = f"A {CLICHE} before.\n\n```\n{CLICHE}\n```\n\nAnd a {CLICHE} after, with `{CLICHE}` between."
    found = [(f.start, f.matched) for f in linter.lint(text) if f.matched.lower() == CLICHE]
    assert [text.index(CLICHE, start) == start for start, _ in found] == [True, True]
    assert [start for start, _ in found] == [2, text.index(f"a {CLICHE} after") + 2]


def test_link_text_is_prose(linter: Linter) -> None:
    assert CLICHE in flagged(linter, f"Read [a {CLICHE} of facts](https://x.org).")


def test_headings_list_items_quotes_and_tables_are_prose(linter: Linter) -> None:
    text = f"# A {CLICHE}\n\n- a {CLICHE}\n\n> a {CLICHE}\n\n| a {CLICHE} | b |\n|---|---|\n"
    assert flagged(linter, text).count(CLICHE) == 4


def test_plain_text_mode_lints_code_too() -> None:
    text = f"Run `{CLICHE}` now."
    assert CLICHE in flagged(Linter(default_style_pack(), markdown=False), text)


def test_words_either_side_of_code_are_not_a_repetition(lint_with: Lint) -> None:
    rule = """
        extends: repetition
        message: "'%s' is repeated"
        tokens: ['[^\\s]+']
    """
    assert lint_with(rule, "Set the `mode` the way you like.") == []
    assert lint_with(rule, "Set the the mode.") == [("the the", "'the' is repeated")]


def test_a_limited_rule_still_reports_prose_after_code(lint_with: Lint) -> None:
    rule = """
        extends: existence
        message: "Avoid '%s'"
        limit: 1
        tokens: [delve]
    """
    assert lint_with(rule, "`delve` and then we delve.") == [("delve", "Avoid 'delve'")]


def test_a_period_in_code_or_a_url_ends_no_sentence() -> None:
    text = "Type `Stop. Go!` to pause. See https://x.org/a.b.c for more. Done."
    masked = lint_view(text).masked
    assert len(masked) == len(text)
    assert len(sentence_spans(masked)) == 3
    assert len(sentence_spans(text)) == 4  # the code read as prose would end a sentence


def test_a_code_block_keeps_the_paragraphs_around_it_apart(lint_with: Lint) -> None:
    rule = """
        extends: occurrence
        message: "More than one 'very' in a paragraph"
        scope: paragraph
        max: 1
        token: very
    """
    text = "It is very good.\n```\nx = 1\n```\nIt is very bad."
    assert lint_with(rule, text) == []
    assert lint_with(rule, "It is very good. It is very bad.") != []


def test_a_finding_over_a_masked_span_shows_the_writers_text(lint_with: Lint) -> None:
    rule = """
        extends: occurrence
        message: "No zebra in this sentence"
        scope: sentence
        min: 1
        token: zebra
    """
    text = "Short words `and code` here."
    assert lint_with(rule, text) == [(text, "No zebra in this sentence")]


def test_metrics_count_the_writers_words_not_the_masked_ones(linter: Linter) -> None:
    text = "Run `pip install tool` then read https://x.org/a/b."
    plain = text_metrics(text, ())
    assert text_metrics(text, linter.lint(text)).words == plain.words


def test_crlf_texts_are_masked_at_the_same_offsets(linter: Linter) -> None:
    text = f"Intro.\r\n\r\n```\r\n{CLICHE}\r\n```\r\n\r\nA {CLICHE}."
    found = [f for f in linter.lint(text) if f.matched.lower() == CLICHE]
    assert [f.start for f in found] == [text.rindex(CLICHE)]
    masked = lint_view(text).masked
    assert masked.count("\r\n") == text.count("\r\n")


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.one_of(markdownish, st.text(max_size=80)), st.sampled_from(["", CLICHE, "delve into", "`x`"]))
def test_no_finding_ever_starts_inside_a_skipped_span(text: str, extra: str) -> None:
    text = text + " " + extra
    linter = Linter(default_style_pack())
    skipped = skipped_spans(text)
    for finding in linter.lint(text):
        assert not any(start <= finding.start < end for start, end in skipped), (finding, skipped)
        assert finding.matched == text[finding.start : finding.end]
