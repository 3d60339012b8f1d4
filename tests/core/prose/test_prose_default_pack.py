"""Our own style pack: it loads cleanly, is big enough, and each rule catches what it promises."""

from __future__ import annotations

import pytest
import yaml

from workstation.core.prose.engine import Linter
from workstation.core.prose.style_pack import default_style_pack
from workstation.resources import resource_path

# One sentence per rule that a writer would agree is the pattern the rule names.
EXAMPLES = {
    "Workstation.OverusedWords": ("We delve into it.", "delve"),
    "Workstation.OverusedPhrases": (
        "Teams navigate the complexities of remote work.",
        "navigate the complexities of",
    ),
    "Workstation.FictionCliches": (
        "Her voice was barely above a whisper when she spoke.",
        "was barely above a whisper",
    ),
    "Workstation.FillerOpeners": ("Certainly! Here is the plan.", "Certainly!"),
    "Workstation.FillerClosers": ("That is all. I hope this helps.", "I hope this helps"),
    "Workstation.Hedging": ("It's important to note that tests run nightly.", "It's important to note"),
    "Workstation.Sycophancy": ("You're absolutely right, the test failed.", "You're absolutely right"),
    "Workstation.ContrastFraming": ("It's not a bug, it's a feature.", "It's not a bug, it's"),
    "Workstation.ContrastPivots": (
        "The forest doesn't whisper. It remembers.",
        "doesn't whisper. It remembers.",
    ),
    "Workstation.SummaryClosers": ("In conclusion, the bridge held.", "In conclusion"),
    "Workstation.StiffTransitions": (
        "The pump failed. Moreover, the valve leaked. Furthermore, the gauge broke.",
        "Moreover,",
    ),
    "Workstation.Intensifiers": ("The view is truly special.", "truly special"),
    "Workstation.Buzzwords": ("We leverage the old data.", "leverage"),
    "Workstation.Wordiness": (
        "We left early due to the fact that the bus was full.",
        "due to the fact that",
    ),
    "Workstation.EmDashDensity": ("One — two — three — four — five.", "—"),
    "Workstation.ListOfThree": (
        "It is fast, cheap, and good. It is red, blue, and green.",
        "is fast, cheap, and good",
    ),
    "Workstation.Repetition": ("The the end.", "The the"),
}

PLAIN_PROSE = (
    "The crew replaced the valves in March and logged every reading by hand. Two of the new seals "
    "leaked within a week, so they went back to the old supplier. By June the line ran for twenty "
    "days without a stop, the longest stretch anyone could remember."
)


def test_default_pack_loads_without_problems() -> None:
    pack = default_style_pack()
    assert pack.errors == ()
    assert {rule.name for rule in pack.rules} == set(EXAMPLES)
    assert all(rule.pattern.engine == "re2" for rule in pack.rules)


def test_default_pack_has_at_least_300_entries() -> None:
    entries = 0
    for rule in default_style_pack().rules:
        entries += len(rule.spec.tokens) + len(rule.spec.swap) + (1 if rule.spec.token else 0)
    assert entries >= 300


def test_every_category_has_a_label_and_a_description() -> None:
    categories = default_style_pack().categories
    assert len(categories) >= 10
    for category in categories:
        assert category.label and category.label != category.name
        assert category.description


def test_rule_files_are_plain_vale_yaml_without_our_extra_keys() -> None:
    # Real Vale rejects unknown keys, so our files must not carry e.g. "category".
    vale_keys = {
        "extends",
        "message",
        "level",
        "ignorecase",
        "nonword",
        "tokens",
        "exceptions",
        "swap",
        "capitalize",
        "scope",
        "max",
        "token",
        "alpha",
        "action",
    }
    for path in sorted(resource_path("rules", "Workstation").glob("*.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert set(document) <= vale_keys, path.name


@pytest.mark.parametrize("rule_name", sorted(EXAMPLES))
def test_each_rule_catches_its_own_example(rule_name: str) -> None:
    text, expected = EXAMPLES[rule_name]
    findings = [f for f in Linter(default_style_pack()).lint(text) if f.rule == rule_name]
    assert [f.matched for f in findings][:1] == [expected]
    assert all(f.message and "%" not in f.message for f in findings)


def test_plain_prose_has_no_findings() -> None:
    assert Linter(default_style_pack()).lint(PLAIN_PROSE) == ()


def test_buzzword_findings_offer_quick_fixes_in_the_right_case() -> None:
    (finding,) = Linter(default_style_pack()).lint("Utilize the spare room.")
    assert finding.suggestions == ("Use",)
    assert finding.message == "Use 'Use' instead of 'Utilize'."


def test_repeated_words_are_caught_but_not_across_punctuation() -> None:
    # The token is Vale.Repetition's own: punctuation stays on its word, so "that." ≠ "That".
    linter = Linter(default_style_pack())
    text = "We saw the the dog. It ran off, off into the field. I forgot that. That is all."
    assert [f.matched for f in linter.lint(text) if f.rule == "Workstation.Repetition"] == ["the the"]


def test_typographic_apostrophes_are_caught_too() -> None:
    findings = Linter(default_style_pack()).lint("It’s worth noting that you’re absolutely right.")
    rules = {finding.rule for finding in findings}
    assert {"Workstation.Hedging", "Workstation.Sycophancy"} <= rules


def test_nested_findings_of_one_category_are_merged() -> None:
    text = "A rich tapestry of voices."
    merged = Linter(default_style_pack()).lint(text)
    assert [f.matched for f in merged] == ["rich tapestry"]
    both = Linter(default_style_pack(), merge_nested=False).lint(text)
    assert [f.matched for f in both] == ["rich tapestry", "tapestry"]


def test_categories_can_be_switched_off() -> None:
    linter = Linter(default_style_pack(), disabled_categories=["filler", "model-vocabulary"])
    assert linter.lint("Certainly! We delve into it. I hope this helps.") == ()
