"""``capitalization`` rules as vale.sh documents them: $title (AP, Chicago), $sentence, $lower,
$upper or a pattern, with exceptions, indicators, threshold and prefix.

Vale's own rules use ``scope: heading``, which plain text does not have; these examples run on
paragraphs and sentences, which is how such a rule applies to plain text.
"""

from __future__ import annotations

import pytest

from workstation.core.prose.rule_kinds.capitalization import heading_content


def _rule(match: str, **extra: str) -> str:
    lines = [
        "extends: capitalization",
        "message: \"'%s' should be '%s'\"",
        "scope: paragraph",
        f"match: {match}",
        *(f"{key}: {value}" for key, value in extra.items()),
    ]
    return "\n".join(lines) + "\n"


def _flagged(lint_with, rule: str, *paragraphs: str) -> list[str]:
    return [matched for matched, _ in lint_with(rule, "\n\n".join(paragraphs))]


def test_ap_title_case_lowers_short_words_inside_and_capitalizes_first_and_last(lint_with) -> None:
    rule = _rule("$title")
    good = "The Art of War and the Prince"
    bad = "the art of war and the prince"
    assert lint_with(rule, good) == []
    assert lint_with(rule, bad) == [(bad, f"'{bad}' should be 'The Art of War and the Prince'")]


def test_ap_keeps_long_prepositions_capitalized_where_chicago_lowers_them(lint_with) -> None:
    heading = "Walking Through the Woods With a Friend Before Dawn Today"
    assert lint_with(_rule("$title"), heading) == []
    chicago = lint_with(_rule("$title", style="Chicago"), heading)
    expected = "Walking through the Woods with a Friend before Dawn Today"
    assert chicago == [(heading, f"'{heading}' should be '{expected}'")]


def test_ap_accepts_to_either_way_because_it_depends_on_grammar(lint_with) -> None:
    rule = _rule("$title", threshold="1.0")
    assert lint_with(rule, "How To Write a Novel") == []
    assert lint_with(rule, "How to Write a Novel") == []


def test_title_case_treats_all_capitals_and_exceptions_as_fine(lint_with) -> None:
    rule = _rule("$title", threshold="1.0", exceptions="[iPhone]")
    assert lint_with(rule, "Setting Up the NASA API on Your iPhone") == []
    assert _flagged(lint_with, rule, "Setting Up the Nasa api on Your Iphone") != []


def test_title_case_after_a_colon_and_in_hyphenated_words(lint_with) -> None:
    rule = _rule("$title", threshold="1.0")
    assert lint_with(rule, "Rivers: A History of the Step-by-Step Guide") == []
    assert _flagged(lint_with, rule, "Rivers: a History") == ["Rivers: a History"]


def test_sentence_case_wants_only_the_first_word_capitalized(lint_with) -> None:
    rule = _rule("$sentence")
    assert lint_with(rule, "Getting started with the command line") == []
    bad = "Getting Started With The Command Line"
    assert lint_with(rule, bad) == [(bad, f"'{bad}' should be 'Getting started with the command line'")]


def test_sentence_case_fails_at_once_when_the_first_word_is_lower_case(lint_with) -> None:
    rule = _rule("$sentence", threshold="0.1")
    assert _flagged(lint_with, rule, "this heading starts low") == ["this heading starts low"]


def test_the_threshold_is_the_share_of_words_that_must_be_right(lint_with) -> None:
    text = "Installing the Tools on a new machine today"  # 7 of 8 words as expected
    assert lint_with(_rule("$sentence"), text) == []  # 0.875 >= 0.8, the default
    assert _flagged(lint_with, _rule("$sentence", threshold="0.9"), text) == [text]


def test_sentence_case_exceptions_keep_their_spelling_and_may_be_phrases(lint_with) -> None:
    rule = _rule("$sentence", threshold="1.0", exceptions="[macOS, Visual Studio, Kubernetes]")
    assert lint_with(rule, "Running Kubernetes on macOS with Visual Studio") == []
    assert _flagged(lint_with, rule, "Running kubernetes on MacOS") == ["Running kubernetes on MacOS"]


def test_indicators_start_the_next_word_anew(lint_with) -> None:
    rule = _rule("$sentence", threshold="1.0", indicators="[':']")
    assert lint_with(rule, "Step one: Install the tools") == []
    assert _flagged(lint_with, _rule("$sentence", threshold="1.0"), "Step one: Install the tools") != []


def test_a_leading_list_number_counts_as_an_indicator(lint_with) -> None:
    assert lint_with(_rule("$sentence", threshold="1.0"), "1. Install the tools") == []


def test_prefix_is_left_as_written(lint_with) -> None:
    rule = _rule("$sentence", threshold="1.0", prefix="'^[a-z]\\.\\s'")
    assert lint_with(rule, "b. Configure the server") == []
    assert _flagged(lint_with, rule, "b. Configure The Server") == ["b. Configure The Server"]


def test_lower_upper_and_pattern_matches(lint_with) -> None:
    assert lint_with(_rule("$lower"), "all quiet here") == []
    assert lint_with(_rule("$lower"), "Not quiet") == [("Not quiet", "'Not quiet' should be 'not quiet'")]
    assert _flagged(lint_with, _rule("$upper"), "LOUD", "Quiet") == ["Quiet"]
    pattern = _rule("'^[A-Z]'")
    assert lint_with(pattern, "Starts high") == []
    assert lint_with(pattern, "starts low") == [("starts low", "'starts low' should be '^[A-Z]'")]


def test_each_sentence_is_its_own_block_with_sentence_scope(lint_with) -> None:
    rule = _rule("$sentence").replace("scope: paragraph", "scope: sentence")
    text = "This is fine. This Is Not Fine At All. Also fine here."
    assert [matched for matched, _ in lint_with(rule, text)] == ["This Is Not Fine At All."]


def test_markdown_heading_marks_are_not_part_of_the_heading(lint_with) -> None:
    rule = _rule("$sentence")
    assert lint_with(rule, "## Getting started ##") == []
    found = lint_with(rule, "### Getting Started Fast")
    assert [matched for matched, _ in found] == ["Getting Started Fast"]


@pytest.mark.parametrize(
    ("block", "content"),
    [
        ("# Title", "Title"),
        ("  ## Title ##  ", "Title"),
        ("# C#", "C#"),
        ("Title\n=====", "Title"),
        ("Title\n---", "Title"),
        ("Plain words", "Plain words"),
        ("#", ""),
        ("#hashtag", "#hashtag"),
    ],
)
def test_heading_content_trims_markdown_heading_marks(block: str, content: str) -> None:
    start, end = heading_content(block, 0, len(block))
    assert block[start:end] == content


def test_heading_scope_checks_markdown_headings_and_never_fires_on_plain_text(make_style) -> None:
    from workstation.core.prose.engine import Linter

    pack = make_style(Headings=_rule("$sentence").replace("scope: paragraph", "scope: heading"))
    assert pack.errors == ()
    text = "# Getting Started With The Command Line\n\nSome Words In Title Case.\n\n## A good heading\n"
    found = Linter(pack).lint(text)
    assert [finding.matched for finding in found] == ["Getting Started With The Command Line"]
    report = Linter(pack, markdown=False).lint_report(text)
    assert report.findings == ()
    assert report.problems == (
        "Test.Headings: not run on plain text (its scope, heading, names Markdown blocks)",
    )


def test_a_threshold_outside_zero_to_one_refuses_the_rule(make_style) -> None:
    pack = make_style(Bad=_rule("$title", threshold="1.5"))
    (issue,) = pack.errors
    assert issue.skipped and "between 0 and 1" in issue.problem


def test_hostile_headings_are_judged_in_linear_time(lint_with) -> None:
    import time

    text = "A" + " " * 200_000 + "#" * 50_000 + "\n" + "=" * 100_000
    started = time.perf_counter()
    lint_with(_rule("$title"), text)
    assert time.perf_counter() - started < 1.0


def test_headings_of_a_long_text_are_checked_alone(make_style) -> None:
    from workstation.core.prose.engine import Linter

    pack = make_style(Headings=_rule("$sentence").replace("scope: paragraph", "scope: heading"))
    body = "Body Words In Title Case Are Not Headings. " * 40
    text = f"# A good heading\n\n{body}\n\n## Bad Heading Here\n\n{body}\n"
    assert [finding.matched for finding in Linter(pack).lint(text)] == ["Bad Heading Here"]
