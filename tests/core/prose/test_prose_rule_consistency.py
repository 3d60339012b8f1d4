"""``consistency`` rules as vale.sh documents them: of each ``either`` pair only one may appear.

Where Vale reports (checked in its source): once per pair and scope block, at the block's last
match of the pair, from the block where both spellings have been met; not at the minority.
"""

from __future__ import annotations

SPELLINGS = """
    extends: consistency
    message: "Inconsistent spelling of '%s'."
    level: error
    ignorecase: true
    either:
      advisor: adviser
      centre: center
"""


def test_one_spelling_throughout_is_fine(lint_with) -> None:
    assert lint_with(SPELLINGS, "The adviser met another adviser at the centre.") == []


def test_both_spellings_give_one_finding_at_the_last_use(lint_with) -> None:
    text = "Our advisor called. The adviser replied. Then the advisor left."
    assert lint_with(SPELLINGS, text) == [("advisor", "Inconsistent spelling of 'advisor'.")]


def test_each_inconsistent_pair_is_reported_on_its_own(lint_with) -> None:
    text = "The Centre hired an Advisor; the center's adviser agreed."
    assert [matched for matched, _ in lint_with(SPELLINGS, text)] == ["center", "adviser"]


def test_case_counts_unless_ignorecase(lint_with) -> None:
    sensitive = SPELLINGS.replace("ignorecase: true", "ignorecase: false")
    assert lint_with(sensitive, "Center stage, said the centre.") == []
    assert [m for m, _ in lint_with(SPELLINGS, "Center stage, said the centre.")] == ["centre"]


def test_spellings_are_whole_words_unless_nonword(lint_with) -> None:
    rule = """
        extends: consistency
        message: "Pick one of '%s'."
        either:
          gray: grey
    """
    assert lint_with(rule, "The greyhound ran past a gray wall.") == []
    nonword = rule + "    nonword: true\n"
    assert [m for m, _ in lint_with(nonword, "The greyhound ran past a gray wall.")] == ["gray"]


def test_with_paragraph_scope_every_paragraph_after_the_switch_is_reported(lint_with) -> None:
    rule = SPELLINGS + "    scope: paragraph\n"
    text = "An advisor wrote.\n\nAn adviser answered.\n\nThe advisor thanked her."
    assert [m for m, _ in lint_with(rule, text)] == ["adviser", "advisor"]


def test_words_with_accents_keep_their_word_boundaries(lint_with) -> None:
    rule = """
        extends: consistency
        message: "Pick one of '%s'."
        either:
          café: cafe
    """
    assert lint_with(rule, "The cafés and the cafe.") == []
    assert [m for m, _ in lint_with(rule, "The café and the cafe.")] == ["cafe"]


def test_groups_inside_a_spelling_do_not_confuse_which_spelling_matched(lint_with) -> None:
    rule = """
        extends: consistency
        message: "Pick one: '%s'."
        either:
          'colo(u)r': 'hue(s)?'
    """
    assert lint_with(rule, "A colour, another colour.") == []
    assert [m for m, _ in lint_with(rule, "A colour and two hues.")] == ["hues"]


def test_either_must_be_a_mapping_of_two_spellings(make_style) -> None:
    pack = make_style(
        NotMap="extends: consistency\nmessage: x\neither: [a, b]\n",
        Nested="extends: consistency\nmessage: x\neither: {a: [b, c]}\n",
    )
    problems = sorted(issue.problem for issue in pack.errors)
    assert "must pair two spellings" in problems[0]
    assert "needs a non-empty 'either' mapping" in problems[1]
    assert not pack.rules
