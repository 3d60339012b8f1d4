"""``spelling`` rules as vale.sh documents them: dictionaries, filters, ignore files, custom and
append, run against word checkers the app hands in (fake ones here: a set of known words)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from workstation.core.prose.engine import Linter
from workstation.core.prose.rule_kinds import DictionaryRequest, SpellingBackend, attach_spelling
from workstation.core.prose.style_pack import StylePack, load_styles


class KnownWords:
    """A word checker that knows a fixed list (any case of a lower-case entry, as Hunspell does)."""

    def __init__(self, *words: str) -> None:
        self.words = set(words)
        self.asked: list[str] = []

    def is_known(self, word: str) -> bool:
        self.asked.append(word)
        return word in self.words or word.lower() in self.words


ENGLISH = KnownWords("the", "cat", "sat", "on", "mat", "a", "and", "is", "it's", "don't", "we", "use")
BASIC = "extends: spelling\nmessage: \"Did you really mean '%s'?\"\nlevel: error\n"


def _pack(tmp_path: Path, rule: str, **files: str) -> StylePack:
    styles = tmp_path / "styles"
    (styles / "Test").mkdir(parents=True, exist_ok=True)
    (styles / "Test" / "Spelling.yml").write_text(textwrap.dedent(rule), encoding="utf-8")
    for name, content in files.items():
        path = styles / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return load_styles(styles)


def _misspelled(pack: StylePack, text: str, backend: SpellingBackend) -> list[tuple[int, str]]:
    findings = Linter(attach_spelling(pack, backend)).lint(text)
    return [(finding.start, finding.matched) for finding in findings]


def test_unknown_words_are_reported_where_they_are(tmp_path: Path) -> None:
    pack = _pack(tmp_path, BASIC)
    text = "The catt sat on the matt. The catt sat."
    findings = Linter(attach_spelling(pack, SpellingBackend(default=ENGLISH))).lint(text)
    assert [(f.start, f.matched, f.message) for f in findings] == [
        (4, "catt", "Did you really mean 'catt'?"),
        (20, "matt", "Did you really mean 'matt'?"),
        (30, "catt", "Did you really mean 'catt'?"),
    ]


def test_punctuation_around_words_is_not_part_of_them(tmp_path: Path) -> None:
    pack = _pack(tmp_path, BASIC)
    text = "(The) \u201ccat\u201d [sat], \"on\" 'the' mat! It\u2019s... don't?"
    assert _misspelled(pack, text, SpellingBackend(default=ENGLISH)) == []


def test_built_in_filters_skip_acronyms_mixed_case_numbers_and_non_ascii_words(tmp_path: Path) -> None:
    pack = _pack(tmp_path, BASIC)
    text = "NASA and MongoDB use 42 e.g. well-known naïve words"
    assert _misspelled(pack, text, SpellingBackend(default=ENGLISH)) == [(46, "words")]


def test_custom_turns_the_built_in_filters_off_and_filters_add_patterns(tmp_path: Path) -> None:
    custom = BASIC + "custom: true\nfilters:\n  - '[pP]y.*\\b'\n"
    pack = _pack(tmp_path, custom)
    text = "PyYAML and NASA"
    assert _misspelled(pack, text, SpellingBackend(default=ENGLISH)) == [(11, "NASA")]
    with_defaults = _pack(tmp_path / "more", BASIC + "filters:\n  - '[pP]y.*\\b'\n")
    assert _misspelled(with_defaults, text, SpellingBackend(default=ENGLISH)) == []
    unfiltered = _pack(tmp_path / "none", BASIC + "custom: true\n")
    assert _misspelled(unfiltered, text, SpellingBackend(default=ENGLISH)) == [(0, "PyYAML"), (11, "NASA")]


def test_ignore_files_accept_their_words_in_any_case(tmp_path: Path) -> None:
    rule = BASIC + "ignore:\n  - terms.txt\n  - Test/local.txt\n"
    files = {"config/ignore/terms.txt": "transpiler\n\n  Destructuring \n", "Test/local.txt": "zorp\n"}
    pack = _pack(tmp_path, rule, **files)
    text = "Transpiler destructuring zorp blorp"
    assert _misspelled(pack, text, SpellingBackend(default=ENGLISH)) == [(30, "blorp")]


def test_a_single_ignore_file_may_be_given_as_a_string(tmp_path: Path) -> None:
    pack = _pack(tmp_path, BASIC + "ignore: terms.txt\n", **{"config/ignore/terms.txt": "blorp\n"})
    assert _misspelled(pack, "blorp", SpellingBackend(default=ENGLISH)) == []


def test_exceptions_are_case_blind_patterns(tmp_path: Path) -> None:
    pack = _pack(tmp_path, BASIC + "exceptions:\n  - 'kube\\w*'\n")
    assert _misspelled(pack, "Kubectl and kubelet and kibble", SpellingBackend(default=ENGLISH)) == [
        (24, "kibble")
    ]


def _dictionary_files(tmp_path: Path, folder: str, stem: str) -> dict[str, str]:
    return {f"{folder}/{stem}.aff": "SET UTF-8\n", f"{folder}/{stem}.dic": "1\nOpenShift\n"}


def test_dictionaries_in_dicpath_are_opened_once_and_replace_the_default(tmp_path: Path) -> None:
    files = _dictionary_files(tmp_path, "Test/dictionaries", "en_Team")
    pack = _pack(tmp_path, BASIC + "dicpath: Test/dictionaries\ndictionaries: [en_Team]\n", **files)
    opened: list[DictionaryRequest] = []

    def open_dictionary(request: DictionaryRequest) -> KnownWords:
        opened.append(request)
        return KnownWords("blorp")

    backend = SpellingBackend(default=ENGLISH, open_dictionary=open_dictionary)
    linter = Linter(attach_spelling(pack, backend))
    assert [f.matched for f in linter.lint("the blorp")] == ["the"]  # the default is not used
    assert [f.matched for f in linter.lint("blorp cat")] == ["cat"]
    (request,) = opened
    assert request.language == "en_Team"
    assert request.aff == tmp_path / "styles" / "Test" / "dictionaries" / "en_Team.aff"
    assert request.dic.is_file()


def test_append_keeps_the_default_dictionary_next_to_the_named_ones(tmp_path: Path) -> None:
    files = _dictionary_files(tmp_path, "config/dictionaries", "en_Team")
    pack = _pack(tmp_path, BASIC + "dictionaries: [en_Team]\nappend: true\n", **files)
    backend = SpellingBackend(default=ENGLISH, open_dictionary=lambda request: KnownWords("blorp"))
    assert _misspelled(pack, "the blorp zzz", backend) == [(10, "zzz")]


def test_aff_and_dic_name_one_pair_directly(tmp_path: Path) -> None:
    files = _dictionary_files(tmp_path, "config/dictionaries", "en_One")
    pack = _pack(tmp_path, BASIC + "aff: en_One.aff\ndic: en_One.dic\n", **files)
    names: list[str] = []
    backend = SpellingBackend(
        default=ENGLISH, open_dictionary=lambda r: names.append(r.language) or KnownWords()
    )
    assert _misspelled(pack, "cat", backend) == [(0, "cat")]
    assert names == ["en_One"]


@pytest.mark.parametrize(
    ("extra", "problem"),
    [
        ("dictionaries: [en_Missing]\n", "dictionary 'en_Missing' not found"),
        ("dicpath: nowhere\n", "dicpath 'nowhere' is not a folder"),
        ("ignore: [missing.txt]\n", "ignore file 'missing.txt' not found"),
        ("aff: x.aff\n", "give both or neither"),
        ("aff: x.aff\ndic: x.dic\n", "dictionary file 'x.aff' not found"),
        ("filters: ['(unclosed']\n", "invalid regular expression"),
        ("ignore: [" + "a" * 5000 + "]\n", "not found"),
        ('dicpath: "a\\0b"\n', "not a folder"),
    ],
)
def test_missing_files_and_bad_patterns_refuse_the_rule_with_a_sentence(
    tmp_path: Path, extra: str, problem: str
) -> None:
    pack = _pack(tmp_path, BASIC + extra)
    (issue,) = pack.errors
    assert issue.skipped and problem in issue.problem
    assert not pack.rules


def test_without_a_backend_the_rule_loads_and_each_report_says_it_did_not_run(tmp_path: Path) -> None:
    pack = _pack(tmp_path, BASIC)
    assert not pack.errors
    report = Linter(pack).lint_report("The catt sat.")
    assert report.findings == ()
    assert report.problems == ("Test.Spelling: not checked: this app has given spelling rules no dictionary",)


def test_a_dictionary_that_fails_to_open_is_named_and_the_default_still_checks(tmp_path: Path) -> None:
    files = _dictionary_files(tmp_path, "config/dictionaries", "en_Team")
    pack = _pack(tmp_path, BASIC + "dictionaries: [en_Team]\nappend: true\n", **files)

    def broken(request: DictionaryRequest) -> KnownWords:
        raise ValueError("The en_Team dictionary is damaged.")

    backend = SpellingBackend(default=ENGLISH, open_dictionary=broken)
    report = Linter(attach_spelling(pack, backend)).lint_report("the catt")
    assert [f.matched for f in report.findings] == ["catt"]
    assert report.problems == (
        "Test.Spelling: the en_Team dictionary cannot be opened: The en_Team dictionary is damaged",
    )


def test_words_learned_by_the_app_checker_count_at_once(tmp_path: Path) -> None:
    checker = KnownWords("the")
    linter = Linter(attach_spelling(_pack(tmp_path, BASIC), SpellingBackend(default=checker)))
    assert [f.matched for f in linter.lint("the zorp")] == ["zorp"]
    checker.words.add("zorp")
    assert linter.lint("the zorp") == ()


def test_attaching_leaves_other_rules_and_the_loaded_pack_alone(tmp_path: Path) -> None:
    pack = _pack(tmp_path, BASIC)
    attached = attach_spelling(pack, SpellingBackend(default=ENGLISH))
    assert Linter(pack).lint("catt") == ()
    assert [f.matched for f in Linter(attached).lint("catt")] == ["catt"]
