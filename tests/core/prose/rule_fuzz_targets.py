"""Fuzz targets for the rule loader: hostile Vale YAML, meta.json, .vale.ini and vocabulary word
lists in, issues out, never exceptions.

Inputs: rule documents with Vale's keys and hostile values (patterns made of regex metacharacters,
wrong types, nested structures) dumped as YAML in block or flow style, hostile YAML snippets
(impossible dates, huge numbers, aliases, tags, deep nesting), raw text and byte mutations of
all of these; and meta.json files of JSON values. Properties: ``load_styles`` never raises; every
issue names the file, the rule and a problem; every rule it loads is compiled.
"""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import strategies as st

from tests.core.formats.formats_fuzz_targets import json_values, mutated, to_json
from tests.core.formats.fuzz_harness import FuzzTarget, scratch_path
from workstation.core.prose.rule_base import CompiledRule
from workstation.core.prose.style_pack import load_styles
from workstation.core.prose.vale_style import OTHER_VALE_KINDS, SUPPORTED_KINDS

GOOD_RULE = "extends: existence\nmessage: \"'%s'\"\ntokens: [delve]\n"
_SNIPPETS = [
    "tokens: [2001-13-45]",
    "limit: " + "9" * 5000,
    'message: !!timestamp "2001-02-30"',
    "a: &a [x, x, x]\nb: [*a, *a, *a]",
    "tokens: " + "[" * 300 + "]" * 300,
    "? [a, b]\n: c",
    "message: !!python/object:os.system x",
    "swap: {2001-01-01: b, 1e400: c}",
    "scope: [~code, heading & ~table]",
    "<<: {extends: substitution}",
    "tokens: !!binary aGVsbG8=",
]
_word = st.text(alphabet="abcdefgh", min_size=1, max_size=8)
_pattern = _word | st.text(alphabet=list("ab (?:)[]{}*+?|\\^$.-,dwsW1%<>=!"), max_size=14)
_message = st.text(alphabet=st.characters(categories=["L", "N", "P", "Zs"]), max_size=20) | st.just(
    "'%s' %d %s"
)
_leaf = (
    st.none() | st.booleans() | st.integers(-(10**6), 10**6) | st.floats() | st.text(max_size=12) | _pattern
)
_values = st.recursive(
    _leaf,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(_pattern, children, max_size=3),
    max_leaves=8,
)
_supported = st.sampled_from(SUPPORTED_KINDS)
_kinds = st.one_of(_supported, _supported, _supported, st.sampled_from([*OTHER_VALE_KINDS, "banana"]), _leaf)
_rule_document = st.fixed_dictionaries(
    {"extends": _kinds, "message": st.one_of(_message, _message, _leaf)},
    optional={
        "tokens": st.lists(_pattern, min_size=1, max_size=4) | st.lists(_pattern, max_size=4) | _values,
        "raw": st.lists(_pattern, max_size=3) | _values,
        "swap": st.dictionaries(_pattern, _pattern, max_size=4) | _values,
        "exceptions": st.lists(_pattern, max_size=3) | _values,
        "token": _pattern | _pattern | _values,
        "level": st.sampled_from(["suggestion", "warning", "error", "fatal"]) | _leaf,
        "scope": st.sampled_from(["text", "sentence", "paragraph", "heading", "~code", "raw"]) | _values,
        "max": st.integers(-2, 5) | _leaf,
        "min": st.integers(-2, 5) | _leaf,
        "limit": st.integers(-2, 5) | _leaf,
        "ignorecase": st.booleans() | _leaf,
        "nonword": st.booleans() | _leaf,
        "append": st.booleans() | _leaf,
        "capitalize": st.booleans() | _leaf,
        "alpha": st.booleans() | _leaf,
        "category": st.text(max_size=8) | _leaf,
        "action": _values,
    },
)


def _as_yaml(parts: tuple[dict[str, Any], bool, list[str]]) -> str:
    document, flow, snippets = parts
    text = yaml.safe_dump(document, default_flow_style=flow, allow_unicode=True)
    return (
        "\n".join([*snippets, text]) if not flow else text + "".join("\n" + snippet for snippet in snippets)
    )


_common = {
    "level": st.sampled_from(["suggestion", "warning", "error"]),
    "ignorecase": st.booleans(),
    "scope": st.sampled_from(
        ["text", "sentence", "paragraph", "heading", "~code", "raw", "sentence & ~list"]
    ),
    "limit": st.integers(0, 3),
    "exceptions": st.lists(_pattern, max_size=2),
}
_plausible = st.one_of(
    st.fixed_dictionaries(
        {
            "extends": st.just("existence"),
            "message": _message,
            "tokens": st.lists(_pattern, min_size=1, max_size=4),
        },
        optional={
            **_common,
            "raw": st.lists(_pattern, max_size=2),
            "nonword": st.booleans(),
            "append": st.booleans(),
        },
    ),
    st.fixed_dictionaries(
        {
            "extends": st.just("substitution"),
            "message": _message,
            "swap": st.dictionaries(_pattern, _pattern, min_size=1),
        },
        optional={**_common, "capitalize": st.booleans(), "nonword": st.booleans()},
    ),
    st.fixed_dictionaries(
        {"extends": st.just("occurrence"), "message": _message, "token": _pattern, "max": st.integers(0, 4)},
        optional={**_common, "min": st.integers(0, 4)},
    ),
    st.fixed_dictionaries(
        {
            "extends": st.just("repetition"),
            "message": _message,
            "tokens": st.lists(_pattern, min_size=1, max_size=2),
        },
        optional={**_common, "alpha": st.booleans(), "max": st.integers(0, 2)},
    ),
)
_plausible_text = st.tuples(_plausible, st.booleans(), st.just([])).map(_as_yaml)
_hostile_text = st.tuples(
    _rule_document, st.booleans(), st.lists(st.sampled_from(_SNIPPETS), max_size=2)
).map(_as_yaml)
_rule_text = st.one_of(_plausible_text, _plausible_text, _hostile_text)
rule_files = st.one_of(
    _rule_text.map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.text(max_size=200).map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.binary(max_size=200),
    mutated(_rule_text.map(lambda text: text.encode("utf-8", "surrogatepass"))),
)
meta_files = st.one_of(
    json_values.map(to_json).map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.fixed_dictionaries(
        {}, optional={"categories": json_values, "rules": json_values, "display_name": json_values}
    )
    .map(to_json)
    .map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.binary(max_size=100),
)


def _check_pack(style: str) -> None:
    pack = load_styles([scratch_path(f"styles/{style}/x").parent])
    for issue in pack.errors:
        assert issue.path and issue.rule and issue.problem.strip(), issue
        str(issue)
    assert all(isinstance(rule, CompiledRule) for rule in pack.rules)


def check_rule_file(data: bytes) -> None:
    scratch_path("styles/Rules/Rule.yml").write_bytes(data)
    _check_pack("Rules")


def check_meta_file(data: bytes) -> None:
    scratch_path("styles/Meta/Good.yml").write_text(GOOD_RULE)
    scratch_path("styles/Meta/meta.json").write_bytes(data)
    _check_pack("Meta")


_ini_key = st.sampled_from(
    [
        "StylesPath",
        "Vocab",
        "MinAlertLevel",
        "BasedOnStyles",
        "Ini.Good",
        "Vale.Avoid",
        "Vale.Terms",
        "Colour",
    ]
) | st.text(alphabet="abAB.*_-", min_size=1, max_size=8)
_ini_value = st.sampled_from(
    ["styles", "Ini", "Team", "Vale, Ini", "YES", "NO", "error", "../../..", "/", "Team, ..", "", "%(x)s"]
) | st.text(alphabet="abc ,./\\*?%$;#", max_size=12)
_ini_section = st.sampled_from(["*", "*.md", "*.{md,txt}", "*.py", "formats", "{", "[", "DEFAULT"])
_ini_text = st.lists(
    st.one_of(
        st.tuples(_ini_key, _ini_value).map(lambda pair: f"{pair[0]} = {pair[1]}"),
        _ini_section.map(lambda name: f"[{name}]"),
        st.sampled_from(["  indented = x", "no equals sign", "# comment", "; comment", ""]),
    ),
    max_size=10,
).map(lambda lines: "StylesPath = styles\n" + "\n".join(lines) + "\n")
ini_files = st.one_of(
    _ini_text.map(lambda text: text.encode("utf-8", "surrogatepass")),
    mutated(_ini_text.map(lambda text: text.encode("utf-8", "surrogatepass"))),
    st.binary(max_size=120),
)
vocab_files = st.one_of(
    st.lists(_pattern | st.sampled_from(["(?i)Term", "# note", "", "Kubernetes", "(?<=x)y"]), max_size=8).map(
        lambda lines: "\n".join(lines).encode("utf-8", "surrogatepass")
    ),
    st.binary(max_size=100),
)


def _check_project(root: str) -> None:
    pack = load_styles(scratch_path(f"{root}/.vale.ini").parent)
    for issue in pack.errors:
        assert issue.path and issue.rule and issue.problem.strip(), issue
        str(issue)
    assert all(isinstance(rule, CompiledRule) for rule in pack.rules)


def check_ini_file(data: bytes) -> None:
    scratch_path("ini/styles/Ini/Good.yml").write_text(GOOD_RULE)
    scratch_path("ini/.vale.ini").write_bytes(data)
    _check_project("ini")


def check_vocab_file(data: bytes) -> None:
    scratch_path("vocab/styles/Ini/Good.yml").write_text(GOOD_RULE)
    scratch_path("vocab/styles/config/vocabularies/Team/accept.txt").write_bytes(data)
    scratch_path("vocab/styles/config/vocabularies/Team/reject.txt").write_bytes(data[::-1])
    ini = "StylesPath = styles\nVocab = Team\n[*]\nBasedOnStyles = Vale, Ini\n"
    scratch_path("vocab/.vale.ini").write_text(ini)
    _check_project("vocab")


RULE_TARGETS: tuple[FuzzTarget, ...] = (
    FuzzTarget("rules:vale-yaml", rule_files, check_rule_file),
    FuzzTarget("rules:meta-json", meta_files, check_meta_file),
    FuzzTarget("rules:vale-ini", ini_files, check_ini_file),
    FuzzTarget("rules:vocabulary", vocab_files, check_vocab_file),
)
