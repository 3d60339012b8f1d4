"""Each Vale extension point we support, checked against Vale's documented behaviour.

The examples are ours; the behaviour they pin down is the one vale.sh documents for
existence, substitution, occurrence and repetition rules.
"""

from __future__ import annotations

from workstation.core.prose.engine import Linter

# --- existence -------------------------------------------------------------------------------


def test_existence_tokens_are_word_bounded(lint_with) -> None:
    rule = """
        extends: existence
        message: "Consider removing '%s'."
        tokens: [ing]
    """
    assert lint_with(rule, "running ing going") == [("ing", "Consider removing 'ing'.")]


def test_existence_nonword_drops_the_word_boundaries(lint_with) -> None:
    rule = """
        extends: existence
        message: "Suffix '%s'."
        nonword: true
        tokens: ['ing\\b']
    """
    assert [matched for matched, _ in lint_with(rule, "running and going")] == ["ing", "ing"]


def test_existence_is_case_sensitive_unless_ignorecase(lint_with) -> None:
    sensitive = """
        extends: existence
        message: "'%s'"
        tokens: [Delve]
    """
    insensitive = sensitive + "    ignorecase: true\n"
    text = "We delve. Delve deeper."
    assert [m for m, _ in lint_with(sensitive, text)] == ["Delve"]
    assert [m for m, _ in lint_with(insensitive, text)] == ["delve", "Delve"]


def test_existence_tokens_are_regular_expressions_joined_as_alternatives(lint_with) -> None:
    rule = """
        extends: existence
        message: "'%s' again."
        ignorecase: true
        tokens:
          - 'appears? to be'
          - arguabl(?:e|y)
    """
    found = lint_with(rule, "It appears to be fine, arguably. They appear to be arguable.")
    assert [m for m, _ in found] == ["appears to be", "arguably", "appear to be", "arguable"]


def test_existence_exceptions_suppress_matches_that_contain_them(lint_with) -> None:
    rule = """
        extends: existence
        message: "Spell out '%s'."
        tokens: ['[A-Z]{2,}']
        exceptions: [NASA, API]
    """
    assert [m for m, _ in lint_with(rule, "NASA and the FBI use an API.")] == ["FBI"]


def test_existence_exceptions_are_case_sensitive(lint_with) -> None:
    rule = """
        extends: existence
        message: "'%s'"
        ignorecase: true
        tokens: ['[a-z]+ware']
        exceptions: [Software]
    """
    assert [m for m, _ in lint_with(rule, "Software and software and malware")] == ["software", "malware"]


def test_existence_raw_is_joined_without_word_boundaries(lint_with) -> None:
    rule = """
        extends: existence
        message: "Two spaces after '%s'"
        raw:
          - '[.?!]'
          - ' {2,}'
    """
    assert [m for m, _ in lint_with(rule, "One.  Two. Three!   Four")] == [".  ", "!   "]


def test_existence_raw_goes_before_tokens_unless_append(lint_with) -> None:
    before = """
        extends: existence
        message: "'%s'"
        raw: ['very ']
        tokens: [good]
    """
    after = """
        extends: existence
        message: "'%s'"
        append: true
        raw: [' indeed']
        tokens: [good]
    """
    assert [m for m, _ in lint_with(before, "a very good day, good indeed")] == ["very good"]
    assert [m for m, _ in lint_with(after, "a very good day, good indeed")] == ["good indeed"]


def test_message_placeholder_and_default_level(make_style) -> None:
    pack = make_style(
        Rule="""
        extends: existence
        message: "Avoid '%s' (100%% sure)."
        tokens: [delve]
    """
    )
    (finding,) = Linter(pack).lint("We delve.")
    assert finding.message == "Avoid 'delve' (100% sure)."
    assert finding.level == "warning"  # Vale's default level
    assert finding.rule == "Test.Rule"
    assert finding.category == "Test.Rule"  # no meta.json: the rule's qualified name


def test_limit_keeps_the_first_findings_only(lint_with) -> None:
    rule = """
        extends: existence
        message: "'%s'"
        limit: 2
        tokens: [x]
    """
    assert [m for m, _ in lint_with(rule, "x x x x")] == ["x", "x"]


def test_action_key_is_accepted_and_ignored(make_style) -> None:
    pack = make_style(
        Rule="""
        extends: existence
        message: "'%s'"
        action:
          name: remove
        tokens: [basically]
    """
    )
    assert pack.errors == ()
    assert len(Linter(pack).lint("It is basically done.")) == 1


# --- substitution ----------------------------------------------------------------------------


def test_substitution_fills_suggestion_then_match(lint_with) -> None:
    rule = """
        extends: substitution
        message: "Use '%s' instead of '%s'."
        level: warning
        ignorecase: true
        swap:
          utilize: use
          in order to: to
    """
    assert lint_with(rule, "We utilize it in order to win.") == [
        ("utilize", "Use 'use' instead of 'utilize'."),
        ("in order to", "Use 'to' instead of 'in order to'."),
    ]


def test_substitution_pipe_offers_several_suggestions(make_style) -> None:
    pack = make_style(
        Rule="""
        extends: substitution
        message: "Use '%s' instead of '%s'."
        action:
          name: replace
        swap:
          leverage: use|draw on|rely on
    """
    )
    (finding,) = Linter(pack).lint("We leverage it.")
    assert finding.suggestions == ("use", "draw on", "rely on")
    assert finding.message == "Use 'use', 'draw on', or 'rely on' instead of 'leverage'."


def test_substitution_without_replace_action_shows_the_value_as_written(make_style) -> None:
    pack = make_style(
        Rule="""
        extends: substitution
        message: "Use '%s' instead of '%s'."
        swap:
          leverage: use|draw on
    """
    )
    (finding,) = Linter(pack).lint("We leverage it.")
    assert finding.message == "Use 'use|draw on' instead of 'leverage'."  # what Vale prints
    assert finding.suggestions == ("use", "draw on")


def test_substitution_skips_text_that_already_is_the_suggestion(lint_with) -> None:
    rule = """
        extends: substitution
        message: "Use '%s' instead of '%s'."
        ignorecase: true
        swap:
          javascript: JavaScript
    """
    found = lint_with(rule, "JavaScript, Javascript and javascript")
    assert [matched for matched, _ in found] == ["Javascript", "javascript"]


def test_substitution_keys_are_regexes_and_values_may_use_groups(make_style) -> None:
    pack = make_style(
        Rule="""
        extends: substitution
        message: "Use '%s' instead of '%s'."
        swap:
          '(\\w+)ise': $1ize
          'e-?mail': email
    """
    )
    findings = Linter(pack).lint("Organise the e-mail and the email.")
    expected = [("Organise", ("Organize",)), ("e-mail", ("email",))]
    assert [(f.matched, f.suggestions) for f in findings] == expected


def test_substitution_capitalize_matches_a_capitalised_word(make_style) -> None:
    pack = make_style(
        Rule="""
        extends: substitution
        message: "Use '%s' instead of '%s'."
        ignorecase: true
        capitalize: true
        swap:
          utilize: use
    """
    )
    findings = Linter(pack).lint("Utilize it; utilize it.")
    assert [f.suggestions for f in findings] == [("Use",), ("use",)]


def test_substitution_prefers_the_longest_key(lint_with) -> None:
    rule = """
        extends: substitution
        message: "Use '%s' instead of '%s'."
        swap:
          a number: some
          a number of: several
    """
    assert lint_with(rule, "a number of cats") == [("a number of", "Use 'several' instead of 'a number of'.")]


# --- occurrence ------------------------------------------------------------------------------


def test_occurrence_max_per_sentence_reports_the_count(lint_with) -> None:
    rule = """
        extends: occurrence
        message: "More than 3 commas (%s)."
        scope: sentence
        max: 3
        token: ','
    """
    text = "One, two, three, four, five. One, two, three. A, b, c, d, e, f."
    assert lint_with(rule, text) == [(",", "More than 3 commas (4)."), (",", "More than 3 commas (5).")]


def test_occurrence_reports_at_the_first_match_of_the_block(make_style) -> None:
    pack = make_style(
        Rule="""
        extends: occurrence
        message: "%d dashes."
        scope: paragraph
        max: 2
        token: '—'
    """
    )
    text = "Calm paragraph — one dash.\n\nBusy — very — busy — indeed."
    (finding,) = Linter(pack).lint(text)
    assert finding.start == text.index("Busy") + len("Busy ")
    assert finding.message == "3 dashes."


def test_occurrence_min_flags_blocks_without_enough_matches(make_style) -> None:
    pack = make_style(
        Rule="""
        extends: occurrence
        message: "Found %s citations; give at least one."
        scope: paragraph
        min: 1
        token: '\\[\\d+\\]'
    """
    )
    text = "Claim with a source [1].\n\nClaim without one."
    (finding,) = Linter(pack).lint(text)
    assert finding.matched == "Claim without one."  # no match to point at: the whole block
    assert finding.message == "Found 0 citations; give at least one."


def test_occurrence_text_scope_counts_the_whole_text(lint_with) -> None:
    rule = """
        extends: occurrence
        message: "%s exclamation marks."
        max: 2
        token: '!'
    """
    assert lint_with(rule, "Wow! Yes!\n\nAgain!") == [("!", "3 exclamation marks.")]


# --- repetition ------------------------------------------------------------------------------

_REPEATED = """
    extends: repetition
    message: "'%s' is repeated!"
    level: error
    alpha: true
    ignorecase: true
    tokens: ['[^\\s.!?]+']
"""


def test_repetition_flags_a_doubled_word(lint_with) -> None:
    assert lint_with(_REPEATED, "This is is a test. The the end.") == [
        ("is is", "'is' is repeated!"),
        ("The the", "'the' is repeated!"),
    ]


def test_repetition_runs_across_sentence_punctuation_but_not_line_breaks(lint_with) -> None:
    # Vale stops a repetition only at a line break; a token that excludes "." sees "that. That".
    assert lint_with(_REPEATED, "I almost forgot that. That is important.") == [
        ("that. That", "'That' is repeated!")
    ]
    assert lint_with(_REPEATED, "I almost forgot that\nThat is important.") == []


def test_repetition_alpha_skips_numbers(lint_with) -> None:
    assert lint_with(_REPEATED, "Room 12 12 is free.") == []


def test_repetition_is_case_sensitive_without_ignorecase(lint_with) -> None:
    rule = _REPEATED.replace("ignorecase: true", "ignorecase: false")
    assert lint_with(rule, "The the end. the the end.") == [("the the", "'the' is repeated!")]


def test_repetition_max_allows_that_many_repeats(lint_with) -> None:
    rule = _REPEATED + "    max: 1\n"
    assert lint_with(rule, "very very good") == []
    assert [m for m, _ in lint_with(rule, "very very very good")] == ["very very"]


def test_repetition_with_a_complex_token_uses_the_general_path(lint_with) -> None:
    rule = """
        extends: repetition
        message: "'%s' twice."
        tokens: ['\\b[a-z]+\\b(?:-[a-z]+)?']
    """
    assert [m for m, _ in lint_with(rule, "a well-known well-known fact")] == ["well-known well-known"]


def test_repetition_exceptions(lint_with) -> None:
    rule = _REPEATED + "    exceptions: ['Tiny Tiny']\n"
    assert lint_with(rule, "Tiny Tiny RSS is is small.") == [("is is", "'is' is repeated!")]


# --- scopes ----------------------------------------------------------------------------------


def test_sentence_scope_anchors_mean_sentence_edges(lint_with) -> None:
    rule = """
        extends: existence
        message: "Sentence starts with '%s'."
        nonword: true
        scope: sentence
        tokens: ['^(?:So|Well),']
    """
    assert [m for m, _ in lint_with(rule, "So, we start. Well, fine. It is so, then.")] == ["So,", "Well,"]


def test_sentence_scope_drops_matches_that_cross_a_sentence(lint_with) -> None:
    rule = """
        extends: existence
        message: "'%s'"
        scope: sentence
        tokens: ['end\\. Start']
    """
    assert lint_with(rule, "The end. Start again.") == []


def test_paragraph_scope_keeps_matches_inside_paragraphs(lint_with) -> None:
    rule = """
        extends: existence
        message: "'%s'"
        nonword: true
        scope: paragraph
        tokens: ['one\\s+two']
    """
    assert [m for m, _ in lint_with(rule, "one two\n\none\n\ntwo")] == ["one two"]


def test_markup_only_scope_loads_but_never_fires(make_style) -> None:
    pack = make_style(
        Rule="""
        extends: existence
        message: "'%s'"
        scope: code
        tokens: [delve]
    """
    )
    (notice,) = pack.errors
    assert not notice.skipped
    assert "never fires" in notice.problem
    assert Linter(pack).lint("We delve.") == ()


def test_scope_lists_and_negations(make_style) -> None:
    pack = make_style(
        Listed="""
            extends: existence
            message: "'%s'"
            scope: [heading, paragraph]
            tokens: [delve]
        """,
        Negated="""
            extends: existence
            message: "'%s'"
            scope: '~code'
            tokens: [delve]
        """,
    )
    assert pack.errors == ()
    scopes = {rule.name: rule.spec.scope for rule in pack.rules}
    assert scopes == {"Test.Listed": "paragraph", "Test.Negated": "text"}
    assert len(Linter(pack).lint("We delve.")) == 2


def test_whole_text_scope_names(make_style) -> None:
    for index, scope in enumerate(["text", "raw", "summary", "paragraph.text"]):
        pack = make_style(
            **{
                f"Rule{index}": f"""
            extends: existence
            message: "'%s'"
            scope: {scope}
            tokens: [delve]
        """
            }
        )
        expected = "paragraph" if scope.startswith("paragraph") else "text"
        assert pack.rule(f"Test.Rule{index}").spec.scope == expected
