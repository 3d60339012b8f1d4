"""A folder with a ``.vale.ini``: the styles, rules, levels and vocabularies it selects, as in Vale."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from workstation.core.prose.engine import Linter
from workstation.core.prose.style_pack import StylePack, load_styles

HEDGE = """
    extends: existence
    message: "'%s' hedges."
    level: warning
    ignorecase: true
    tokens: [arguably, kubernetes]
"""
SUGGEST = """
    extends: existence
    message: "'%s' is vague."
    level: suggestion
    tokens: [things]
"""
NO_VOCAB = """
    extends: existence
    message: "'%s' (vocab off)"
    vocab: false
    tokens: [Kubernetes]
"""


def _project(tmp_path: Path, ini: str, *, accept: str = "", reject: str = "") -> Path:
    """``<tmp>/project/.vale.ini`` with styles Ours and Other under ``styles/`` and vocabulary Team."""
    project = tmp_path / "project"
    for style, rules in (
        ("Ours", {"Hedge": HEDGE, "Suggest": SUGGEST, "NoVocab": NO_VOCAB}),
        ("Other", {"Hedge": HEDGE}),
    ):
        folder = project / "styles" / style
        folder.mkdir(parents=True)
        for name, body in rules.items():
            (folder / f"{name}.yml").write_text(textwrap.dedent(body), encoding="utf-8")
    vocab = project / "styles" / "config" / "vocabularies" / "Team"
    vocab.mkdir(parents=True)
    if accept:
        (vocab / "accept.txt").write_text(accept, encoding="utf-8")
    if reject:
        (vocab / "reject.txt").write_text(reject, encoding="utf-8")
    (project / ".vale.ini").write_text(textwrap.dedent(ini), encoding="utf-8")
    return project


def _found(pack: StylePack, text: str) -> list[tuple[str, str, str]]:
    return [(f.rule, f.level, f.matched) for f in Linter(pack).lint(text)]


BASIC = """
    StylesPath = styles
    MinAlertLevel = suggestion

    [*]
    BasedOnStyles = Ours
"""


def test_only_the_based_on_styles_load(tmp_path: Path) -> None:
    pack = load_styles(_project(tmp_path, BASIC))
    assert sorted(rule.name for rule in pack.rules) == ["Ours.Hedge", "Ours.NoVocab", "Ours.Suggest"]
    assert pack.errors == ()


def test_pointing_at_the_ini_file_itself_works_too(tmp_path: Path) -> None:
    project = _project(tmp_path, BASIC)
    assert len(load_styles(project / ".vale.ini").rules) == 3


def test_min_alert_level_defaults_to_warning_as_in_vale(tmp_path: Path) -> None:
    pack = load_styles(_project(tmp_path, "StylesPath = styles\n[*]\nBasedOnStyles = Ours\n"))
    assert pack.min_level == "warning"
    assert _found(pack, "Arguably, things.") == [("Ours.Hedge", "warning", "Arguably")]


def test_rule_lines_switch_rules_off_on_and_change_their_level(tmp_path: Path) -> None:
    ini = BASIC + "Ours.Suggest = NO\nOurs.Hedge = error\nOther.Hedge = YES\n"
    pack = load_styles(_project(tmp_path, ini))
    assert sorted(rule.name for rule in pack.rules) == ["Other.Hedge", "Ours.Hedge", "Ours.NoVocab"]
    assert ("Ours.Hedge", "error", "Arguably") in _found(pack, "Arguably, things.")
    assert ("Other.Hedge", "warning", "Arguably") in _found(pack, "Arguably, things.")


def test_sections_for_other_file_types_are_ignored_with_a_notice(tmp_path: Path) -> None:
    ini = BASIC + "\n[*.py]\nBasedOnStyles = Other\n\n[*.{md,txt}]\nOurs.Suggest = NO\n"
    pack = load_styles(_project(tmp_path, ini))
    assert "Other.Hedge" not in [rule.name for rule in pack.rules]
    assert "Ours.Suggest" not in [rule.name for rule in pack.rules]
    (notice,) = pack.errors
    assert not notice.skipped and "[*.py]" in notice.problem


def test_unknown_and_unused_settings_are_named(tmp_path: Path) -> None:
    ini = (
        "StylesPath = styles\nIgnoredScopes = code\nColour = blue\n"
        "[*]\nBasedOnStyles = Ours\nTokenIgnores = x\nOurs.Hedge = maybe\n"
    )
    pack = load_styles(_project(tmp_path, ini))
    problems = [issue.problem for issue in pack.errors]
    assert problems == [
        "'IgnoredScopes' is not used here; ignored",
        "unknown setting 'Colour' ignored",
        "[*] 'TokenIgnores' is not used here; ignored",
        "[*] Ours.Hedge = 'maybe': use YES, NO or a level; ignored",
    ]
    assert all(not issue.skipped for issue in pack.errors)


def test_a_style_missing_from_the_styles_path_is_reported(tmp_path: Path) -> None:
    pack = load_styles(_project(tmp_path, BASIC.replace("= Ours", "= Ours, Missing")))
    (issue,) = pack.errors
    assert issue.rule == "Missing" and "not in StylesPath" in issue.problem
    assert len(pack.rules) == 3


@pytest.mark.parametrize(
    ("content", "expected"),
    [(b"\xff\xfe", "cannot read"), (b"[*\nBasedOnStyles = x\n", "not a valid INI file")],
)
def test_a_broken_ini_is_an_issue_not_a_crash(tmp_path: Path, content: bytes, expected: str) -> None:
    project = _project(tmp_path, BASIC)
    (project / ".vale.ini").write_bytes(content)
    pack = load_styles(project)
    assert pack.rules == ()
    assert expected in pack.errors[0].problem


# --- vocabularies ------------------------------------------------------------------------------


def test_accepted_entries_are_exceptions_case_sensitive_unless_marked(tmp_path: Path) -> None:
    ini = "  Vocab = Team\n" + BASIC  # a top-level setting; indented keys are fine, as in Vale
    pack = load_styles(_project(tmp_path, ini, accept="Kubernetes\n(?i)arguably\n"))
    found = _found(pack, "Kubernetes, kubernetes and Arguably.")
    assert ("Ours.Hedge", "warning", "kubernetes") in found  # the entry is case-sensitive
    assert ("Ours.Hedge", "warning", "Kubernetes") not in found
    assert ("Ours.Hedge", "warning", "Arguably") not in found  # (?i) entry
    assert ("Ours.NoVocab", "warning", "Kubernetes") in found  # vocab: false keeps its findings


def test_reject_and_terms_run_with_vale_as_a_base_style(tmp_path: Path) -> None:
    ini = "StylesPath = styles\nVocab = Team\n[*]\nBasedOnStyles = Vale, Ours\n"
    pack = load_styles(_project(tmp_path, ini, accept="Kubernetes\n# a comment\n\n", reject="synergy\n"))
    names = {rule.name for rule in pack.rules}
    assert {"Vale.Avoid", "Vale.Terms", "Vale.Repetition"} <= names
    found = Linter(pack).lint("The synergy of kubernetes is is great.")
    assert [(f.rule, f.level, f.message) for f in found if f.rule.startswith("Vale.")] == [
        ("Vale.Avoid", "error", "Avoid using 'synergy'."),
        ("Vale.Terms", "error", "Use 'Kubernetes' instead of 'kubernetes'."),
        ("Vale.Repetition", "error", "'is' is repeated!"),
    ]


def test_reject_entries_without_vale_as_a_base_style_are_pointed_out(tmp_path: Path) -> None:
    ini = "StylesPath = styles\nVocab = Team\n[*]\nBasedOnStyles = Ours\n"
    pack = load_styles(_project(tmp_path, ini, reject="synergy\n"))
    (notice,) = pack.errors
    assert notice.rule == "Vale.Avoid" and not notice.skipped
    assert "BasedOnStyles" in notice.problem


def test_missing_vocabulary_and_bad_entries_are_issues(tmp_path: Path) -> None:
    ini = "StylesPath = styles\nVocab = Team, Nowhere\n[*]\nBasedOnStyles = Ours\n"
    pack = load_styles(_project(tmp_path, ini, accept="fine\n(unclosed\n"))
    problems = {(issue.rule, issue.line): issue.problem for issue in pack.errors}
    assert "entry '(unclosed'" in problems[("Vocab Team", 2)]
    assert "no such vocabulary folder" in problems[("Vocab Nowhere", None)]
    assert len(pack.rules) == 3  # the rules themselves still load


def test_vale_spelling_is_reported_when_the_spelling_type_is_missing(tmp_path: Path) -> None:
    pack = load_styles(_project(tmp_path, "StylesPath = styles\n[*]\nBasedOnStyles = Vale\n"))
    names = {rule.name for rule in pack.rules}
    spelling = [issue for issue in pack.errors if issue.rule == "Vale.Spelling"]
    assert "Vale.Spelling" in names or (spelling and "not available" in spelling[0].problem)


def test_names_that_are_paths_are_refused(tmp_path: Path) -> None:
    ini = (
        "StylesPath = styles\nVocab = ../../elsewhere\n"
        "[*]\nBasedOnStyles = Ours, ../styles/Other\n../x.Rule = YES\n"
    )
    pack = load_styles(_project(tmp_path, ini))
    assert sorted(rule.name for rule in pack.rules) == ["Ours.Hedge", "Ours.NoVocab", "Ours.Suggest"]
    problems = [issue.problem for issue in pack.errors]
    assert problems == [
        "Vocab '../../elsewhere' is not a folder name; ignored",
        "[*] style '../styles/Other' is not a folder name; ignored",
        "[*] ../x.Rule: the style is not a folder name; ignored",
    ]
