"""Where Vale's behaviour is easy to get subtly wrong: names, levels, anchors, repeats, swaps, messages.

Each test states what Vale does (from its documentation and source) with our own small rules.
"""

from __future__ import annotations

from pathlib import Path

from workstation.core.prose.engine import Linter
from workstation.core.prose.style_pack import load_styles

CONTRACTIONS = """
    extends: substitution
    message: "Use '%s' instead of '%s'."
    ignorecase: true
    swap:
      do not: don't
"""


def _two_styles(tmp_path: Path) -> Path:
    for style in ("Alpha", "Beta"):
        folder = tmp_path / "styles" / style
        folder.mkdir(parents=True)
        (folder / "Contractions.yml").write_text(CONTRACTIONS, encoding="utf-8")
    return tmp_path / "styles"


# --- 2. rules are named Style.Rule everywhere -------------------------------------------------


def test_same_named_rules_of_two_styles_both_report(tmp_path: Path) -> None:
    pack = load_styles(_two_styles(tmp_path))
    findings = Linter(pack).lint("Do not panic.")
    assert [(f.rule, f.category) for f in findings] == [
        ("Alpha.Contractions", "Alpha.Contractions"),
        ("Beta.Contractions", "Beta.Contractions"),
    ]
    assert pack.category_names == ("Alpha.Contractions", "Beta.Contractions")


def test_one_style_can_be_switched_off_without_the_other(tmp_path: Path) -> None:
    pack = load_styles(_two_styles(tmp_path))
    findings = Linter(pack, disabled_categories={"Alpha.Contractions"}).lint("Do not panic.")
    assert [f.rule for f in findings] == ["Beta.Contractions"]


def test_saved_file_names_become_qualified_category_names(tmp_path: Path) -> None:
    pack = load_styles(_two_styles(tmp_path))
    assert pack.current_category_names({"Contractions"}) == {"Alpha.Contractions", "Beta.Contractions"}
    assert pack.current_category_names({"Beta.Contractions", "elsewhere"}) == {
        "Beta.Contractions",
        "elsewhere",
    }


def test_meta_json_categories_are_kept_as_written_and_stay_per_style(tmp_path: Path) -> None:
    for style in ("Alpha", "Beta"):
        folder = tmp_path / style
        folder.mkdir()
        (folder / "Rule.yml").write_text("extends: existence\nmessage: x\ntokens: [delve, delve into]\n")
        (folder / "meta.json").write_text(
            '{"categories": {"vocab": {"label": "V"}}, "rules": {"Rule": "vocab"}}'
        )
    pack = load_styles([tmp_path / "Alpha", tmp_path / "Beta"])
    assert pack.category_names == ("vocab",)
    # "delve" inside "delve into" is merged within a style, never across two styles.
    assert [f.rule for f in Linter(pack).lint("We delve into it.")] == ["Alpha.Rule", "Beta.Rule"]


# --- 3. default level --------------------------------------------------------------------------


def test_a_rule_without_level_is_a_warning(make_style) -> None:
    pack = make_style(Rule="extends: existence\nmessage: x\ntokens: [delve]\n")
    assert pack.rules[0].spec.level == "warning"


# --- 5. list keys given as one string ------------------------------------------------------------


def test_raw_tokens_and_exceptions_may_be_single_strings(lint_with) -> None:
    rule = """
        extends: existence
        message: "'%s'"
        raw: '\\b[A-Z]{3,}\\b'
        exceptions: NASA
    """
    assert [m for m, _ in lint_with(rule, "NASA and the FBI.")] == ["FBI"]
    assert [m for m, _ in lint_with("extends: existence\nmessage: x\ntokens: delve\n", "We delve.")] == [
        "delve"
    ]


# --- 6. where ^ matches ------------------------------------------------------------------------


def test_caret_in_leading_raw_is_the_start_of_the_text(lint_with) -> None:
    rule = """
        extends: existence
        message: "Starts with '%s'"
        raw: ['^(?:So|Well)\\b']
    """
    assert [m for m, _ in lint_with(rule, "So it begins.\nSo it goes on.\nWell, fine.")] == ["So"]


def test_caret_in_tokens_is_every_line_start(lint_with) -> None:
    rule = """
        extends: existence
        message: "Starts with '%s'"
        tokens: ['^(?:So|Well)']
    """
    assert [m for m, _ in lint_with(rule, "So it begins.\nSo it goes on. So what.\nWell, fine.")] == [
        "So",
        "So",
        "Well",
    ]


def test_caret_in_appended_raw_is_every_line_start(lint_with) -> None:
    rule = """
        extends: existence
        message: "'%s'"
        append: true
        tokens: [fine]
        raw: ['\\n^Next']
    """
    assert [m for m, _ in lint_with(rule, "fine\nNext and fine\nNext")] == ["fine\nNext", "fine\nNext"]


def test_caret_in_a_sentence_scope_is_the_start_of_each_sentence(lint_with) -> None:
    rule = """
        extends: existence
        message: "'%s'"
        scope: sentence
        raw: ['^And\\b']
    """
    assert [m for m, _ in lint_with(rule, "And so on. And again. Fine and dandy.")] == ["And", "And"]


# --- 7. repetition -----------------------------------------------------------------------------

REPEATS = """
    extends: repetition
    message: "'%s' is repeated!"
    alpha: true
    tokens: ['[^\\s.!?,]+']
"""


def test_repetition_crosses_sentence_punctuation_but_not_a_line_break(lint_with) -> None:
    assert [m for m, _ in lint_with(REPEATS, "We ran. ran off.")] == ["ran. ran"]
    assert lint_with(REPEATS, "We ran\nran off.") == []
    assert lint_with(REPEATS, "We ran\r\nran off.") == []


def test_repetition_max_counts_every_repeat_since_the_last_report(lint_with) -> None:
    # Vale's counter is not reset by other words: with max 1 the first repeat passes and the
    # second one, wherever it is, is reported; then the count starts again.
    rule = REPEATS + "    max: 1\n"
    text = "a a b c c d e e f g g"
    assert [m for m, _ in lint_with(rule, text)] == ["c c", "g g"]


def test_repetition_in_sentence_scope_restarts_in_each_sentence(lint_with) -> None:
    rule = REPEATS + "    scope: sentence\n    ignorecase: true\n"
    assert lint_with(rule, "We ran. Ran off.") == []
    assert [m for m, _ in lint_with(rule, "We ran ran. Off")] == ["ran ran"]
    assert [m for m, _ in lint_with(REPEATS + "    ignorecase: true\n", "We ran. Ran off.")] == ["ran. Ran"]


# --- 8. substitution with a replacement that is a pattern --------------------------------------

SWAPS = """
    extends: substitution
    message: "Use '%s' instead of '%s'."
    ignorecase: true
    swap:
      'e-mail': email
      'log(?:s)? ?in(?:to)?': 'log in|logs in'
      'web ?site': '(?:web)?site'
"""


def test_a_pattern_replacement_leaves_text_it_matches_alone(make_style) -> None:
    pack = make_style(Rule=SWAPS)
    findings = Linter(pack).lint("log in, logs in, login, an e-mail, an email, a website, a web site.")
    assert [f.matched for f in findings] == ["login", "e-mail", "web site"]
    # The check is case-sensitive, as in Vale: "Log in" is not "log in".
    assert [f.matched for f in Linter(pack).lint("Log in.")] == ["Log in"]


def test_a_pattern_replacement_is_never_offered_as_a_fix(make_style) -> None:
    pack = make_style(Rule=SWAPS)
    by_text = {f.matched: f for f in Linter(pack).lint("a login, an e-mail, a web site")}
    assert by_text["login"].suggestions == ("log in", "logs in")
    assert by_text["e-mail"].suggestions == ("email",)
    assert by_text["web site"].suggestions == ()  # "(?:web)?site" is a pattern, not text to type
    assert by_text["web site"].message == "Use '(?:web)?site' instead of 'web site'."  # as Vale prints it


def test_the_already_right_check_is_case_sensitive(make_style) -> None:
    pack = make_style(
        Rule="extends: substitution\nmessage: \"'%s', not '%s'\"\nignorecase: true\n"
        "swap:\n  javascript: JavaScript\n"
    )
    assert [f.matched for f in Linter(pack).lint("JavaScript and Javascript")] == ["Javascript"]


def test_escaped_punctuation_in_a_replacement_is_offered_as_text(make_style) -> None:
    pack = make_style(
        Rule="extends: substitution\nmessage: \"'%s', not '%s'\"\nswap:\n  nodejs: 'Node\\.js'\n"
    )
    (finding,) = Linter(pack).lint("We use nodejs.")
    assert finding.suggestions == ("Node.js",)


# --- 9. messages and spans ---------------------------------------------------------------------


def test_line_breaks_in_messages_become_spaces(make_style) -> None:
    pack = make_style(
        Rule="extends: existence\nmessage: \"Avoid\\n  '%s':\\nsay it plainly.\"\ntokens: [delve]\n"
    )
    (finding,) = Linter(pack).lint("We delve.")
    assert finding.message == "Avoid 'delve': say it plainly."


def test_a_match_never_starts_on_the_previous_line_break(make_style) -> None:
    pack = make_style(
        Rule="extends: existence\nmessage: \"'%s'\"\nnonword: true\ntokens: ['\\s+Delve\\w*']\n"
    )
    text = "First line.\nDelve deeper."
    (finding,) = Linter(pack).lint(text)
    assert finding.start == text.index("Delve")
    assert finding.matched == "Delve"
    assert finding.message == "'Delve'"


def test_a_match_of_only_spaces_is_kept_whole(lint_with) -> None:
    rule = "extends: existence\nmessage: \"Two spaces\"\nnonword: true\nraw: ['[.] {2,}']\n"
    assert [m for m, _ in lint_with(rule, "One.  Two.")] == [".  "]


# --- occurrence ----------------------------------------------------------------------------------


def test_words_per_sentence_point_at_the_long_sentence(make_style) -> None:
    pack = make_style(
        Rule="""
        extends: occurrence
        message: "Try to keep sentences short (%s words)."
        scope: sentence
        max: 5
        token: \\b(\\w+)\\b
    """
    )
    text = "Short one here. This sentence has rather more than five words in it. Fine."
    (finding,) = Linter(pack).lint(text)
    assert finding.start == text.index("This")
    assert finding.matched == "This"
    assert finding.message == "Try to keep sentences short (10 words)."
