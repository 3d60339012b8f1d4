"""Rules scoped to Markdown blocks (``heading``, ``heading.hN``, ``list``, ``blockquote``,
``table``) run on those blocks when the linter reads Markdown, and not at all on plain text,
where every report says why."""

from __future__ import annotations

import pytest

from workstation.core.prose.engine import Linter

DOCUMENT = (
    "# We delve in\n"
    "\n"
    "We delve in prose.\n"
    "\n"
    "## Second delve\n"
    "\n"
    "- a list item to delve\n"
    "- a plain item\n"
    "\n"
    "> quoted, we delve\n"
    "\n"
    "| col | other |\n"
    "| --- | ----- |\n"
    "| delve | x |\n"
    "\n"
    "Setext delve\n"
    "============\n"
)


def _rule(scope: str) -> str:
    return f"""
        extends: existence
        message: "'%s'"
        scope: {scope}
        tokens: [delve]
    """


def _lines_found(make_style, scope: str, text: str = DOCUMENT, **options: bool) -> list[int]:
    pack = make_style(Rule=_rule(scope))
    assert pack.errors == ()
    findings = Linter(pack, **options).lint(text)
    return [text.count("\n", 0, finding.start) + 1 for finding in findings]


@pytest.mark.parametrize(
    ("scope", "lines"),
    [
        ("heading", [1, 5, 16]),
        ("heading.h1", [1, 16]),  # ATX "#" and a setext "===" underline
        ("heading.h2", [5]),
        ("list", [7]),
        ("blockquote", [10]),
        ("table", [14]),
        ("[heading, list]", [1, 5, 7, 16]),
        ("text", [1, 3, 5, 7, 10, 14, 16]),
    ],
)
def test_each_markdown_block_scope_finds_only_its_blocks(make_style, scope: str, lines: list[int]) -> None:
    assert _lines_found(make_style, scope) == lines


def test_an_anchored_pattern_sees_a_block_edge_at_each_list_item(make_style) -> None:
    rule = """
        extends: existence
        message: "starts with '%s'"
        scope: list
        nonword: true
        tokens: ['^- a']
    """
    pack = make_style(Rule=rule)
    text = "- a one\n- b two\n- a three\n\n> - a quoted item is its own list\n"
    starts = [finding.start for finding in Linter(pack).lint(text)]
    assert starts == [0, text.index("- a three"), text.index("- a quoted")]


def test_on_plain_text_such_rules_do_not_run_and_the_report_says_so(make_style) -> None:
    pack = make_style(Rule=_rule("heading"), Other=_rule("sentence"))
    linter = Linter(pack, markdown=False)
    report = linter.lint_report(DOCUMENT)
    assert {finding.rule for finding in report.findings} == {"Test.Other"}
    notice = "Test.Rule: not run on plain text (its scope, heading, names Markdown blocks)"
    assert report.problems == (notice,)
    assert linter.problems == (notice,)


def test_a_text_without_such_blocks_has_no_findings_in_that_scope(make_style) -> None:
    assert _lines_found(make_style, "table", "We delve.\n\n- into lists\n") == []


def test_headings_are_read_from_the_writers_text_not_the_masked_copy(make_style) -> None:
    # The code span in the heading is masked, yet the heading stays a heading and its words count.
    assert _lines_found(make_style, "heading", "## Using `x` to delve\n\nText.\n") == [1]
