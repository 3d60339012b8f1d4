"""Loading Vale styles: layouts, categories, and every kind of broken rule file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workstation.core.prose.engine import Linter
from workstation.core.prose.style_pack import load_styles

GOOD = """
    extends: existence
    message: "'%s'"
    tokens: [delve]
"""

BROKEN_RULES = {
    "BadYaml": ("extends: existence\nmessage: [unclosed\n", "invalid YAML"),
    "UnknownType": ("extends: banana\nmessage: x\ntokens: [a]\n", "unknown extension point 'banana'"),
    "Unsupported": (
        "extends: sequence\nmessage: x\n",
        "extension point 'sequence' is not supported: sequence rules need part-of-speech tagging",
    ),
    "MissingTokens": ("extends: existence\nmessage: x\n", "needs a non-empty 'tokens'"),
    "EmptyTokens": ("extends: existence\nmessage: x\ntokens: ['  ']\n", "needs a non-empty 'tokens'"),
    "BadRegex": ("extends: existence\nmessage: x\ntokens: ['(unclosed']\n", "invalid regular expression"),
    "MissingMessage": ("extends: existence\ntokens: [a]\n", "missing the required 'message'"),
    "MissingExtends": ("message: x\ntokens: [a]\n", "missing the required 'extends'"),
    "BadLevel": ("extends: existence\nmessage: x\nlevel: fatal\ntokens: [a]\n", "'level' must be one of"),
    "TokensMapping": ("extends: existence\nmessage: x\ntokens: {a: b}\n", "'tokens' must be a list"),
    "SwapNotMapping": ("extends: substitution\nmessage: x\nswap: [a, b]\n", "non-empty 'swap' mapping"),
    "NoMaxMin": ("extends: occurrence\nmessage: x\ntoken: ','\n", "'max' or 'min'"),
    "NegativeMax": ("extends: occurrence\nmessage: x\ntoken: ','\nmax: -1\n", "must not be negative"),
    "ListDocument": ("- extends: existence\n", "YAML mapping"),
    "Empty": ("", "YAML mapping"),
    "BadBool": (
        "extends: existence\nmessage: x\nignorecase: maybe\ntokens: [a]\n",
        "'ignorecase' must be true or false",
    ),
    "BadScope": ("extends: existence\nmessage: x\nscope: 'my heading'\ntokens: [a]\n", "contains spaces"),
    "RepetitionNoTokens": ("extends: repetition\nmessage: x\n", "non-empty 'tokens'"),
}


@pytest.mark.parametrize("name", sorted(BROKEN_RULES))
def test_broken_rule_names_file_rule_and_problem_and_others_still_load(make_style, name: str) -> None:
    body, expected_problem = BROKEN_RULES[name]
    pack = make_style(Good=GOOD, **{name: body})
    (issue,) = pack.errors
    assert issue.path.endswith(f"{name}.yml")
    assert issue.rule == f"Test.{name}"
    assert expected_problem in issue.problem
    assert issue.skipped
    assert [rule.name for rule in pack.rules] == ["Test.Good"]
    assert len(Linter(pack).lint("We delve.")) == 1


def test_yaml_error_carries_the_line(make_style) -> None:
    pack = make_style(Broken="extends: existence\nmessage: x\ntokens:\n  - a\n - b\n")
    (issue,) = pack.errors
    assert issue.line == 5
    assert f"{issue.path}:5" in str(issue)


def test_all_broken_rules_together_never_raise(make_style) -> None:
    pack = make_style(Good=GOOD, **{name: body for name, (body, _) in BROKEN_RULES.items()})
    assert len(pack.errors) == len(BROKEN_RULES)
    assert [rule.name for rule in pack.rules] == ["Test.Good"]


def test_unknown_key_is_a_notice_and_the_rule_still_loads(make_style) -> None:
    pack = make_style(Typo="extends: existence\nmessage: x\nignorecas: true\ntokens: [a]\n")
    (issue,) = pack.errors
    assert not issue.skipped
    assert "unknown key 'ignorecas'" in issue.problem
    assert len(pack.rules) == 1


def test_yaml_12_booleans_keep_tokens_like_no_and_on_as_text(make_style) -> None:
    pack = make_style(Words="extends: existence\nmessage: x\ntokens: [no, on, yes]\n")
    assert pack.rules[0].spec.tokens == ("no", "on", "yes")


def test_non_string_tokens_become_text(make_style) -> None:
    pack = make_style(Years="extends: existence\nmessage: x\ntokens: [2024, 3.5]\n")
    assert pack.rules[0].spec.tokens == ("2024", "3.5")


def test_yaml_files_with_the_wrong_extension_are_pointed_out(tmp_path: Path) -> None:
    style = tmp_path / "Mine"
    style.mkdir()
    (style / "Good.yml").write_text("extends: existence\nmessage: x\ntokens: [a]\n")
    (style / "Ignored.yaml").write_text("extends: existence\nmessage: x\ntokens: [b]\n")
    pack = load_styles(style)
    assert [rule.name for rule in pack.rules] == ["Mine.Good"]
    (issue,) = pack.errors
    assert "rename it to .yml" in issue.problem


def test_style_folder_styles_path_and_single_file_all_load(tmp_path: Path) -> None:
    for style in ("Alpha", "Beta"):
        folder = tmp_path / "styles" / style
        folder.mkdir(parents=True)
        (folder / "Rule.yml").write_text("extends: existence\nmessage: x\ntokens: [a]\n")
    (tmp_path / "styles" / "config").mkdir()  # Vale keeps vocabularies here; no .yml, not a style
    assert [r.name for r in load_styles(tmp_path / "styles").rules] == ["Alpha.Rule", "Beta.Rule"]
    assert [r.name for r in load_styles(tmp_path / "styles" / "Beta").rules] == ["Beta.Rule"]
    assert [r.name for r in load_styles(tmp_path / "styles" / "Alpha" / "Rule.yml").rules] == ["Alpha.Rule"]


def test_missing_or_empty_paths_are_reported(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    pack = load_styles([tmp_path / "nowhere", tmp_path / "empty"])
    assert pack.rules == ()
    problems = [issue.problem for issue in pack.errors]
    assert "no such file or folder" in problems[0]
    assert "no Vale styles" in problems[1]


def test_loading_the_same_rule_twice_keeps_the_first(tmp_path: Path) -> None:
    folder = tmp_path / "Dup"
    folder.mkdir()
    (folder / "Rule.yml").write_text("extends: existence\nmessage: x\ntokens: [a]\n")
    pack = load_styles([folder, folder])
    assert len(pack.rules) == 1
    assert "already loaded" in pack.errors[0].problem


def test_meta_json_groups_rules_into_labelled_categories(tmp_path: Path) -> None:
    folder = tmp_path / "Team"
    folder.mkdir()
    (folder / "Words.yml").write_text("extends: existence\nmessage: x\ntokens: [delve]\n")
    (folder / "Phrases.yml").write_text("extends: existence\nmessage: x\ntokens: [rich tapestry]\n")
    (folder / "Own.yml").write_text("extends: existence\nmessage: x\ncategory: custom\ntokens: [zap]\n")
    meta = {
        "categories": {"vocab": {"label": "Vocabulary", "description": "Words."}},
        "rules": {"Words": "vocab", "Phrases": "vocab"},
    }
    (folder / "meta.json").write_text(json.dumps(meta))
    pack = load_styles(folder)
    assert {rule.name: rule.category for rule in pack.rules} == {
        "Team.Words": "vocab",
        "Team.Phrases": "vocab",
        "Team.Own": "custom",
    }
    assert pack.category_names == ("vocab", "custom")
    assert pack.categories[0].label == "Vocabulary"
    assert pack.categories[1].label == "custom"


def test_broken_meta_json_is_a_notice(tmp_path: Path) -> None:
    folder = tmp_path / "Team"
    folder.mkdir()
    (folder / "Words.yml").write_text("extends: existence\nmessage: x\ntokens: [delve]\n")
    (folder / "meta.json").write_text("{not json")
    pack = load_styles(folder)
    assert len(pack.rules) == 1
    assert "meta.json" in pack.errors[0].problem and not pack.errors[0].skipped


def test_disabled_categories_and_rules(make_style) -> None:
    pack = make_style(One=GOOD, Two=GOOD)
    assert len(Linter(pack).lint("We delve.")) == 2
    assert [f.rule for f in Linter(pack, disabled_categories=["Test.One"]).lint("We delve.")] == ["Test.Two"]
    assert [f.rule for f in Linter(pack, disabled_rules=["Test.Two"]).lint("We delve.")] == ["Test.One"]


def test_file_that_is_not_utf8_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "Bytes"
    folder.mkdir()
    (folder / "Latin.yml").write_bytes(b"extends: existence\nmessage: caf\xe9\ntokens: [a]\n")
    pack = load_styles(folder)
    assert pack.rules == ()
    assert "cannot read file" in pack.errors[0].problem
