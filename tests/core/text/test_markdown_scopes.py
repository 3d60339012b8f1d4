"""Markdown scopes: each construct, its nesting, line endings, unclosed blocks and Unicode."""

from __future__ import annotations

import pytest

from workstation.core.text.markdown_scopes import (
    BLOCK_SCOPES,
    SKIPPED_SCOPES,
    MarkdownScopes,
    markdown_scopes,
    skipped_spans,
)


def shown(text: str, scope: str) -> list[str]:
    """The text of each span of ``scope`` in ``text``."""
    return [text[start:end] for start, end in markdown_scopes(text).spans(scope)]


def skipped_text(text: str) -> list[str]:
    return [text[start:end] for start, end in skipped_spans(text)]


# ---------------------------------------------------------------- code
def test_fenced_code_block_is_one_span_with_its_fences() -> None:
    text = "Intro line.\n\n```python\nprint('delve')\n```\n\nAfter."
    assert shown(text, "code") == ["```python\nprint('delve')\n```"]


def test_tilde_fence_and_a_longer_closing_fence() -> None:
    text = "~~~\ncode ``` inside\n~~~~~\ntext"
    assert shown(text, "code") == ["~~~\ncode ``` inside\n~~~~~"]


def test_a_shorter_or_other_fence_does_not_close() -> None:
    text = "````\n```\nstill code\n~~~~\n````\nprose"
    assert shown(text, "code") == ["````\n```\nstill code\n~~~~\n````"]


def test_unclosed_fence_runs_to_the_end_of_the_text() -> None:
    text = "Text.\n\n```\nnever closed\nmore code"
    assert shown(text, "code") == ["```\nnever closed\nmore code"]


def test_backtick_fence_whose_info_has_a_backtick_is_not_a_fence() -> None:
    text = "``` not `a fence`\nprose"
    assert shown(text, "code") == ["`a fence`"]  # just a code span in a paragraph


def test_indented_code_block_but_not_inside_a_paragraph() -> None:
    text = "Para.\n\n    code line\n    more\n\n  prose again\n\nA paragraph\n    continued, not code"
    assert shown(text, "code") == ["    code line\n    more"]


def test_indented_code_keeps_blank_lines_inside_but_not_after() -> None:
    text = "    one\n\n    two\n\n\nprose"
    assert shown(text, "code") == ["    one\n\n    two"]


def test_code_spans_pair_runs_of_equal_length() -> None:
    text = "Use `a`, ``b ` c``, and ```d``` but not `e`` here."
    assert shown(text, "code") == ["`a`", "``b ` c``", "```d```"]


def test_unmatched_backticks_are_literal_and_later_spans_still_pair() -> None:
    text = "A `` lone pair, then `x` works."
    assert shown(text, "code") == ["`x`"]


def test_escaped_backtick_opens_no_span() -> None:
    assert shown(r"Not \`code` here, but `this`.", "code") == ["` here, but `"]
    assert shown(r"\`one\`", "code") == []


def test_code_span_does_not_cross_a_blank_line() -> None:
    assert shown("Start `a\n\nb` end", "code") == []
    assert shown("Start `a\nb` end", "code") == ["`a\nb`"]


def test_fence_inside_a_list_item_and_a_quote() -> None:
    text = "1. Install:\n\n   ```bash\n   pip install x\n   ```\n\n> ```\n> quoted code\n> ```\n"
    assert shown(text, "code") == ["```bash\n   pip install x\n   ```", "```\n> quoted code\n> ```"]


def test_a_fence_ends_with_its_container() -> None:
    text = "> ```\n> code\nplain text after the quote"
    assert shown(text, "code") == ["```\n> code"]


# ---------------------------------------------------------------- links, URLs, HTML
def test_inline_link_and_image_targets_with_titles() -> None:
    text = "See [the guide](https://x.org/a_(b) \"Guide title\") and ![logo](<img one.png> 'Logo')."
    assert shown(text, "link") == ['(https://x.org/a_(b) "Guide title")', "(<img one.png> 'Logo')"]


def test_brackets_that_close_no_link_have_no_target() -> None:
    assert shown("A ] (x) and [b] (not a link) and x](y).", "link") == []


def test_link_text_stays_prose() -> None:
    text = "Click [rich tapestry](http://x.y) now."
    assert skipped_text(text) == ["(http://x.y)"]


def test_reference_definitions_are_skipped_whole() -> None:
    text = '[guide]: https://x.org/guide "Title"\n[b]: <c d>\n\nText [guide] here.'
    assert shown(text, "link") == ['[guide]: https://x.org/guide "Title"', "[b]: <c d>"]


def test_a_definition_cannot_interrupt_a_paragraph() -> None:
    assert shown("Some text\n[x]: http://y", "link") == []


def test_autolinks_bare_urls_and_email_addresses() -> None:
    text = (
        "Go to <https://a.b/c>, www.example.com/path. Or (https://x.org/q?a=1). "
        "Mail ana.b+x@mail.example.org."
    )
    assert shown(text, "url") == [
        "<https://a.b/c>",
        "www.example.com/path",
        "https://x.org/q?a=1",
        "ana.b+x@mail.example.org",
    ]


def test_url_keeps_balanced_parentheses() -> None:
    assert shown("See https://en.wikipedia.org/wiki/Foo_(bar) now", "url") == [
        "https://en.wikipedia.org/wiki/Foo_(bar)"
    ]


def test_raw_html_tags_comments_and_blocks() -> None:
    text = (
        'Some <b class="x">bold</b> and <br/> text <!-- a note\nover lines -->.\n\n'
        "<script>\nalert('delve')\n</script>\n\n<div>\nDiv text stays prose.\n</div>\n"
    )
    assert shown(text, "html") == [
        '<b class="x">',
        "</b>",
        "<br/>",
        "<!-- a note\nover lines -->",
        "<script>\nalert('delve')\n</script>",
        "<div>",
        "</div>",
    ]


def test_a_lone_less_than_sign_is_text() -> None:
    assert shown("if a < b and c > d then 3<4", "html") == []


def test_nothing_inside_a_code_span_is_a_link_url_or_tag() -> None:
    text = "Type `<b>[x](y) https://z.org me@x.org` literally."
    scopes = markdown_scopes(text)
    assert scopes.spans("code") == ((5, 39),)
    assert scopes.link_targets == scopes.urls == scopes.html_tags == ()


def test_nothing_inside_a_code_block_is_anything_else() -> None:
    text = "```\n# not a heading\n- not a list\n<b> https://x.org `y`\n```"
    scopes = markdown_scopes(text)
    assert scopes.headings == scopes.list_items == scopes.urls == scopes.html_tags == scopes.code_spans == ()


# ---------------------------------------------------------------- block scopes
def test_atx_and_setext_headings() -> None:
    text = "# One\n\nText.\n\n## Two ##\n\nSetext title\nover two lines\n===\n\nSub\n---\n#hashtag is text"
    assert shown(text, "heading") == ["# One", "## Two ##", "Setext title\nover two lines\n===", "Sub\n---"]


def test_a_rule_is_not_a_heading_after_a_blank_line() -> None:
    assert shown("Text\n\n---\n\nMore", "heading") == []


def test_list_items_bullets_and_numbers_with_nesting() -> None:
    text = "- one\n- two\n  continued\n  - nested a\n  - nested b\n- three\n\n1. first\n2) second\n"
    assert shown(text, "list") == [
        "- one",
        "- two\n  continued",
        "- nested a",
        "- nested b",
        "- three",
        "1. first",
        "2) second",
    ]


def test_a_parent_item_resumes_after_its_nested_list() -> None:
    text = "- parent\n  - child\n\n  parent again\n- next"
    assert shown(text, "list") == ["- parent", "- child", "parent again", "- next"]


def test_a_number_other_than_one_does_not_interrupt_a_paragraph() -> None:
    assert shown("In 2024 we had\n2. nothing to list", "list") == []
    assert shown("Steps:\n1. one\n2. two", "list") == ["1. one", "2. two"]


def test_a_thematic_break_is_not_a_list_item() -> None:
    assert shown("* * *\n\n- item", "list") == ["- item"]


def test_blockquotes_nested_and_lazy() -> None:
    text = "> outer\n> > inner\n> > lazy\ncontinued lazily\n\n> second quote\n"
    assert shown(text, "blockquote") == ["> outer", "> inner\n> > lazy\ncontinued lazily", "> second quote"]


def test_a_quote_holding_a_list_gives_both_scopes() -> None:
    text = "> - quoted item\n> - another\n"
    assert shown(text, "blockquote") == ["> - quoted item\n> - another"]
    assert shown(text, "list") == ["- quoted item", "- another"]


def test_pipe_tables_need_a_matching_delimiter_row() -> None:
    text = "| Name | Value |\n|:-----|------:|\n| a | `1` |\nb | 2\n\nx | y\n--|--|--\n"
    assert shown(text, "table") == ["| Name | Value |\n|:-----|------:|\n| a | `1` |\nb | 2"]
    assert shown(text, "code") == ["`1`"]


def test_a_table_ends_at_a_block_start() -> None:
    text = "a | b\n--- | ---\n1 | 2\n# Heading"
    assert shown(text, "table") == ["a | b\n--- | ---\n1 | 2"]
    assert shown(text, "heading") == ["# Heading"]


def test_headings_and_code_inside_list_items() -> None:
    text = "- # Item heading\n-     indented code in an item\n"
    assert shown(text, "heading") == ["# Item heading"]
    assert shown(text, "code") == ["    indented code in an item"]


# ---------------------------------------------------------------- line endings and Unicode
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_every_line_ending_gives_the_same_constructs(newline: str) -> None:
    lines = ["# Título 🎉", "", "Use `código` and https://x.org/ñ.", "", "```", "🎉 code", "```", "- ítem"]
    text = newline.join(lines)
    assert shown(text, "heading") == ["# Título 🎉"]
    assert shown(text, "code") == ["`código`", newline.join(["```", "🎉 code", "```"])]
    assert shown(text, "url") == ["https://x.org/ñ"]
    assert shown(text, "list") == ["- ítem"]


def test_spans_are_code_points_after_astral_characters() -> None:
    text = "😀😀 `x` 𝒜"
    assert markdown_scopes(text).code_spans == ((3, 6),)


def test_tabs_indent_code_and_list_content() -> None:
    assert shown("\tcode after a tab", "code") == ["\tcode after a tab"]
    assert shown("-\tfirst\n\tcontinued", "list") == ["-\tfirst\n\tcontinued"]


# ---------------------------------------------------------------- the API
def test_empty_and_plain_texts_have_no_spans() -> None:
    assert markdown_scopes("") == MarkdownScopes()
    plain = markdown_scopes("Just a sentence. And another one, with no markup at all.")
    assert all(plain.spans(scope) == () for scope in SKIPPED_SCOPES + BLOCK_SCOPES)


def test_unknown_scope_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        markdown_scopes("x").spans("paragraph")


def test_skipped_spans_merge_touching_constructs() -> None:
    text = "`a`<b>https://x.org rest"
    assert skipped_spans(text) == [(0, 19)]
