"""``conditional`` rules as vale.sh documents them: a term needs its definition somewhere in scope.

The examples are ours, built on the documented acronym rule: ``first`` finds an acronym,
``second`` finds "Words Like This (WLT)" and captures the acronym it defines.
"""

from __future__ import annotations

ACRONYMS = """
    extends: conditional
    message: "'%s' has no definition"
    level: error
    first: '\\b([A-Z]{3,5})\\b'
    second: '(?:\\b[A-Z][a-z]+ )+\\(([A-Z]{3,5})\\)'
    exceptions:
      - API
      - HTML
"""


def test_an_acronym_without_its_definition_is_reported(lint_with) -> None:
    text = "The National Park Service (NPS) runs the parks. NPS staff met the FAA yesterday."
    assert lint_with(ACRONYMS, text) == [("FAA", "'FAA' has no definition")]


def test_a_definition_later_in_the_text_still_counts_with_the_text_scope(lint_with) -> None:
    text = "Ask the NPS first. The National Park Service (NPS) answers within a day."
    assert lint_with(ACRONYMS, text) == []


def test_with_paragraph_scope_a_definition_counts_only_from_its_paragraph_on(lint_with) -> None:
    rule = ACRONYMS + "    scope: paragraph\n"
    text = "Ask the NPS first.\n\nThe National Park Service (NPS) answers.\n\nThe NPS is quick."
    found = lint_with(rule, text)
    assert found == [("NPS", "'NPS' has no definition")]


def test_every_undefined_use_is_reported_and_exceptions_are_not(lint_with) -> None:
    text = "Our API returns HTML. The XYZ field and the XYZ header are new."
    assert [matched for matched, _ in lint_with(ACRONYMS, text)] == ["XYZ", "XYZ"]


def test_definitions_are_compared_exactly_so_case_matters(lint_with) -> None:
    rule = """
        extends: conditional
        message: "'%s' is not defined"
        first: '\\b(?:cat|dog)\\b'
        second: 'define (\\w+)'
    """
    text = "We define CAT and our cat sleeps; we define dog and the dog barks."
    assert lint_with(rule, text) == [("cat", "'cat' is not defined")]


def test_ignorecase_leaves_both_patterns_as_they_are_as_vale_does(lint_with) -> None:
    rule = ACRONYMS + "    ignorecase: true\n"
    assert lint_with(rule, "The faa and the FAA.") == [("FAA", "'FAA' has no definition")]


def test_a_second_pattern_without_groups_defines_nothing(lint_with) -> None:
    rule = """
        extends: conditional
        message: "'%s' has no definition"
        first: '\\b[A-Z]{3}\\b'
        second: '[A-Z][a-z]+ \\([A-Z]{3}\\)'
    """
    text = "Earth Observation (EOS) again: EOS."
    assert [matched for matched, _ in lint_with(rule, text)] == ["EOS", "EOS"]


def test_look_around_patterns_run_on_the_fallback_engine(lint_with) -> None:
    rule = """
        extends: conditional
        message: "'%s' is imported but never used"
        scope: raw
        first: '(?<=import )(\\w+)(?= from)'
        second: '(?<=<)(\\w+)'
    """
    text = "import Chart from './chart'\nimport Table from './table'\n<Chart data={x} />"
    # Plain text: read as Markdown, the <Chart …/> tag is raw HTML and is not prose.
    assert lint_with(rule, text, markdown=False) == [("Table", "'Table' is imported but never used")]


def test_a_broken_pattern_refuses_the_rule_with_the_reason(make_style) -> None:
    pack = make_style(Bad="extends: conditional\nmessage: x\nfirst: '([A-Z'\nsecond: 'y'\n")
    (issue,) = pack.errors
    assert issue.skipped and "regular expression" in issue.problem


def test_first_and_second_are_required(make_style) -> None:
    pack = make_style(NoSecond="extends: conditional\nmessage: x\nfirst: '[A-Z]+'\n")
    (issue,) = pack.errors
    assert "missing the required 'second' key" in issue.problem
