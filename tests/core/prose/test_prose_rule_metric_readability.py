"""``metric`` and ``readability`` rules as vale.sh documents them, and the figures they read.

A metric rule evaluates its formula over the whole text and reports when the condition holds;
a readability rule averages grade levels and reports above ``grade``. Both put their one
finding at the start of the text and show the score with two decimals.
"""

from __future__ import annotations

import pytest

from workstation.core.prose.engine import Linter
from workstation.core.prose.readability import (
    automated_readability,
    coleman_liau,
    flesch_kincaid_grade,
    gunning_fog,
    reading_figures,
    smog,
)

SIMPLE = "The cat sat. The dog ran quickly."
HARDER = "Elephants are wonderful animals.\n\nComputing is relaxing yesterday."


def test_reading_figures_count_what_vale_counts() -> None:
    simple = reading_figures(SIMPLE)
    assert (simple.words, simple.sentences, simple.paragraphs) == (7, 2, 1)
    assert (simple.characters, simple.syllables, simple.long_words) == (25, 8, 1)  # "quickly"
    assert (simple.polysyllabic_words, simple.complex_words) == (0, 0)
    harder = reading_figures(HARDER)
    assert (harder.words, harder.sentences, harder.paragraphs) == (8, 2, 2)
    # Six words of three syllables; "computing" and "relaxing" lose one for their "-ing".
    assert (harder.polysyllabic_words, harder.complex_words, harder.long_words) == (6, 4, 6)
    assert harder.characters == 56


def test_grade_formulas_on_known_figures() -> None:
    figures = reading_figures(HARDER)  # 8 words, 2 sentences, 56 characters, 20 syllables
    assert gunning_fog(figures) == pytest.approx(0.4 * (4 + 100 * 4 / 8))
    assert coleman_liau(figures) == pytest.approx(0.0588 * 700 - 0.296 * 25 - 15.8)
    assert smog(figures) == pytest.approx(1.0430 * (6 * 30 / 2) ** 0.5 + 3.1291)
    assert automated_readability(figures) == pytest.approx(4.71 * 7 + 0.5 * 4 - 21.43)
    empty = reading_figures("   ")
    assert [f(empty) for f in (gunning_fog, coleman_liau, smog, automated_readability)] == [None] * 4


FK_METRIC = """
    extends: metric
    message: "Try to keep the Flesch-Kincaid grade level (%s) below 8."
    formula: |
      (0.39 * (words / sentences)) + (11.8 * (syllables / words)) - 15.59
    condition: "> 8.0"
"""


def test_metric_reports_once_at_the_start_with_the_score(lint_with) -> None:
    text = "  Unquestionably, institutional considerations necessitate extraordinary deliberation."
    figures = reading_figures(text)
    grade = flesch_kincaid_grade(figures.words, figures.sentences, figures.syllables)
    assert grade is not None and grade > 8
    assert lint_with(FK_METRIC, text) == [
        ("Unquestionably,", f"Try to keep the Flesch-Kincaid grade level ({grade:.2f}) below 8.")
    ]


def test_metric_is_quiet_when_the_condition_does_not_hold_or_there_are_no_words(lint_with) -> None:
    assert lint_with(FK_METRIC, SIMPLE) == []
    assert lint_with(FK_METRIC, "*** --- ***") == []


def test_metric_ignores_scope_and_reads_the_whole_text(lint_with) -> None:
    rule = FK_METRIC.replace("condition", "scope: sentence\n    condition")
    text = "Unquestionably, institutional considerations necessitate extraordinary deliberation. Yes."
    assert len(lint_with(rule, text)) == 1


def test_metric_compares_the_score_rounded_to_six_decimals_as_vale_does(lint_with) -> None:
    rule = """
        extends: metric
        message: "%s"
        formula: words / 3
        condition: "== 0.333333"
    """
    assert lint_with(rule, "One") == [("One", "0.33")]


def test_markup_variables_are_zero_and_a_division_by_them_is_a_notice(make_style) -> None:
    pack = make_style(
        PerHeading="""
            extends: metric
            message: "%s words per section"
            formula: words / heading.h2
            condition: "> 100.0"
        """
    )
    report = Linter(pack).lint_report("Plenty of words here.")
    assert report.findings == ()
    assert report.problems == ("Test.PerHeading: no score for this text: the formula divides by zero",)


def test_bad_formulas_refuse_the_rule_with_the_reason(make_style) -> None:
    pack = make_style(
        Code='extends: metric\nmessage: x\nformula: \'__import__("os")\'\ncondition: "> 1"\n',
        Cond="extends: metric\nmessage: x\nformula: words\ncondition: 'words'\n",
        NoCond="extends: metric\nmessage: x\nformula: words\n",
    )
    problems = {issue.rule: issue.problem for issue in pack.errors}
    assert problems["Test.Code"].startswith("'formula' cannot be read: unexpected")
    assert problems["Test.Cond"].startswith("'condition' cannot be read: a condition starts with")
    assert "missing the required 'condition'" in problems["Test.NoCond"]
    assert not pack.rules


READABILITY = """
    extends: readability
    message: "Grade level %s is above 9."
    grade: 9
    metrics:
      - Flesch-Kincaid
"""


def test_readability_reports_a_text_above_the_grade(lint_with) -> None:
    text = "Unquestionably, institutional considerations necessitate extraordinary deliberation."
    figures = reading_figures(text)
    grade = flesch_kincaid_grade(figures.words, figures.sentences, figures.syllables)
    assert grade is not None
    assert lint_with(READABILITY, text) == [("Unquestionably,", f"Grade level {grade:.2f} is above 9.")]
    assert lint_with(READABILITY, SIMPLE) == []


def test_readability_averages_the_metrics_it_names(lint_with) -> None:
    rule = """
        extends: readability
        message: "%s"
        grade: 0
        metrics: [Gunning Fog, SMOG, Coleman-Liau, Automated Readability, Flesch-Kincaid]
    """
    figures = reading_figures(HARDER)
    grades = [
        gunning_fog(figures),
        smog(figures),
        coleman_liau(figures),
        automated_readability(figures),
        flesch_kincaid_grade(figures.words, figures.sentences, figures.syllables),
    ]
    mean = sum(g for g in grades if g is not None) / 5
    assert lint_with(rule, HARDER) == [("Elephants", f"{mean:.2f}")]


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("metrics: [Flesch-Kincaid]\n", "needs 'grade'"),
        ("grade: 8\n", "needs 'metrics'"),
        ("grade: 8\nmetrics: [Fog]\n", "unknown metric 'Fog'"),
        ("grade: 8\nmetrics: [Flesch Reading Ease]\n", "reading-ease score, not a grade level"),
        ("grade: lots\nmetrics: [SMOG]\n", "'grade' must be a number"),
        ("grade: .inf\nmetrics: [SMOG]\n", "finite number"),
    ],
)
def test_bad_readability_rules_are_refused_with_the_reason(make_style, body: str, problem: str) -> None:
    pack = make_style(Bad="extends: readability\nmessage: x\n" + body)
    (issue,) = pack.errors
    assert issue.skipped and problem in issue.problem


def test_a_single_metric_name_may_be_given_as_a_string(lint_with) -> None:
    rule = "extends: readability\nmessage: '%s'\ngrade: 0\nmetrics: SMOG\n"
    assert len(lint_with(rule, HARDER)) == 1
