"""Fuzz target for the newer rule kinds: hostile conditional, consistency, capitalization, metric,
readability and spelling rules in, issues or findings out, never exceptions.

Inputs: rule documents of those kinds with hostile values (formulas of operators, deep
parentheses and huge numbers; patterns of regex metacharacters; wrong types) dumped as YAML,
and byte mutations of them. Properties: ``load_styles`` never raises; every loaded rule lints
a set of awkward texts (empty, white space, Markdown headings, long runs, emoji) without
raising, with a spell checker attached; every finding's span holds its matched text.
"""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import strategies as st

from tests.core.formats.formats_fuzz_targets import mutated
from tests.core.formats.fuzz_harness import FuzzTarget, scratch_path
from workstation.core.prose.engine import Linter
from workstation.core.prose.rule_kinds import SpellingBackend, attach_spelling
from workstation.core.prose.style_pack import load_styles

TEXTS = (
    "",
    "   \n\n  ",
    "# Getting Started With The API\n\nThe World Health Organization (WHO) met the FAA. Colour, color.",
    "A" + " " * 3000 + "#" * 500 + "\n" + "=" * 800,
    "word " * 400,
    "Emoji 🙂 and naïve café – “quotes” … e.g. 3.14 well-known.\n1. Step one: Do it",
)
_formula_atoms = st.sampled_from(
    [
        *("words", "sentences", "syllables", "heading.h2", "list", "1", "0", "1e308", "-", "+", "*"),
        *("/", "(", ")", "math.sqrt(", "math.abs(", "9" * 60, "banana", "==", ">", ",", ";", " "),
    ]
)
_formula = st.lists(_formula_atoms, max_size=40).map(" ".join) | st.text(max_size=30)
_pattern = st.text(alphabet=list("ab AB(?:)[]{}*+?|\\^$.-,dwsW1%<>=!#"), max_size=16)
_leaf = st.none() | st.booleans() | st.integers(-(10**30), 10**30) | st.floats() | st.text(max_size=10)
_values = st.recursive(
    _leaf, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
)
_common = {
    "scope": st.sampled_from(["text", "sentence", "paragraph", "heading", "raw"]) | _values,
    "ignorecase": st.booleans() | _leaf,
    "nonword": st.booleans() | _leaf,
    "exceptions": st.lists(_pattern, max_size=3) | _values,
    "limit": st.integers(0, 3),
}
_documents = st.one_of(
    st.fixed_dictionaries(
        {"extends": st.just("conditional"), "message": st.just("'%s'")},
        optional={**_common, "first": _pattern | _values, "second": _pattern | _values},
    ),
    st.fixed_dictionaries(
        {"extends": st.just("consistency"), "message": st.just("'%s'")},
        optional={**_common, "either": st.dictionaries(_pattern, _pattern, max_size=4) | _values},
    ),
    st.fixed_dictionaries(
        {"extends": st.just("capitalization"), "message": st.just("'%s' '%s'")},
        optional={
            **_common,
            "match": st.sampled_from(["$title", "$sentence", "$lower", "$upper"]) | _pattern | _values,
            "style": st.sampled_from(["AP", "Chicago", "chicago", "MLA"]) | _leaf,
            "threshold": st.floats(-1, 2) | _leaf,
            "indicators": st.lists(st.sampled_from([":", ".", "", "-"]), max_size=3) | _values,
            "prefix": _pattern | _values,
        },
    ),
    st.fixed_dictionaries(
        {"extends": st.just("metric"), "message": st.just("%s")},
        optional={
            "formula": _formula | _values,
            "condition": st.tuples(st.sampled_from(["> ", "<= ", "== ", ""]), _formula).map("".join),
        },
    ),
    st.fixed_dictionaries(
        {"extends": st.just("readability"), "message": st.just("%s")},
        optional={
            "metrics": st.lists(
                st.sampled_from(["SMOG", "Gunning Fog", "Flesch-Kincaid", "Coleman-Liau", "LIX"]), max_size=3
            )
            | _values,
            "grade": st.floats() | _leaf,
        },
    ),
    st.fixed_dictionaries(
        {"extends": st.just("spelling"), "message": st.just("'%s'")},
        optional={
            **_common,
            "filters": st.lists(_pattern, max_size=3) | _values,
            "custom": st.booleans() | _leaf,
            "append": st.booleans() | _leaf,
            "dicpath": st.text(max_size=20) | _values,
            "dictionaries": st.lists(st.text(max_size=8), max_size=2) | _values,
            "ignore": st.text(max_size=12) | _values,
            "aff": st.text(max_size=8) | _leaf,
            "dic": st.text(max_size=8) | _leaf,
        },
    ),
)


_word = st.text(alphabet="abcAB\u00e9", min_size=1, max_size=6) | st.just("\\b([A-Z]{3,5})\\b")
_plain = {
    "scope": st.sampled_from(["text", "sentence", "paragraph"]),
    "ignorecase": st.booleans(),
    "exceptions": st.lists(_pattern, max_size=3),
}
_good_formula = st.lists(
    st.sampled_from(["words", "sentences", "syllables", "list", "2", "0.5", "math.sqrt(words)"]),
    min_size=1,
    max_size=6,
).map(lambda names: " / ".join(names) if len(names) % 2 else " + ".join(names))
_plausible = st.one_of(
    st.fixed_dictionaries(
        {"extends": st.just("conditional"), "message": st.just("'%s'"), "first": _word, "second": _word},
        optional=_plain,
    ),
    st.fixed_dictionaries(
        {
            "extends": st.just("consistency"),
            "message": st.just("'%s'"),
            "either": st.dictionaries(_word, _word | _pattern, min_size=1, max_size=4),
        },
        optional={**_plain, "nonword": st.booleans()},
    ),
    st.fixed_dictionaries(
        {
            "extends": st.just("capitalization"),
            "message": st.just("'%s' '%s'"),
            "match": st.sampled_from(["$title", "$sentence", "$lower", "$upper"]) | _pattern,
        },
        optional={
            **_plain,
            "style": st.sampled_from(["AP", "Chicago"]),
            "threshold": st.floats(0, 1),
            "indicators": st.lists(st.sampled_from([":", ".", "-"]), max_size=2),
            "prefix": _pattern,
        },
    ),
    st.fixed_dictionaries(
        {
            "extends": st.just("metric"),
            "message": st.just("%s"),
            "formula": _good_formula,
            "condition": st.tuples(st.sampled_from(["> ", "<= ", "== "]), _good_formula).map("".join),
        }
    ),
    st.fixed_dictionaries(
        {
            "extends": st.just("spelling"),
            "message": st.just("'%s'"),
        },
        optional={
            **_plain,
            "filters": st.lists(_pattern, max_size=3),
            "custom": st.booleans(),
            "append": st.booleans(),
        },
    ),
)


def _as_yaml(document: dict[str, Any]) -> bytes:
    return yaml.safe_dump(document, allow_unicode=True).encode("utf-8", "surrogatepass")


_rule_bytes = st.one_of(_plausible, _plausible, _documents).map(_as_yaml)
rule_files = st.one_of(_rule_bytes, _rule_bytes, mutated(_rule_bytes))


class _Words:
    def is_known(self, word: str) -> bool:
        return len(word) % 3 != 0


def check_kind_rule(data: bytes) -> None:
    scratch_path("styles/Kinds/Rule.yml").write_bytes(data)
    pack = load_styles([scratch_path("styles/Kinds/x").parent])
    for issue in pack.errors:
        assert issue.path and issue.rule and issue.problem.strip(), issue
    pack = attach_spelling(pack, SpellingBackend(default=_Words(), open_dictionary=lambda request: _Words()))
    linter = Linter(pack)
    for text in TEXTS:
        for finding in linter.lint_report(text).findings:
            assert text[finding.start : finding.end] == finding.matched, finding


KIND_TARGETS: tuple[FuzzTarget, ...] = (FuzzTarget("rules:newer-kinds", rule_files, check_kind_rule),)
