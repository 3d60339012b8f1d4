"""Vale ``spelling`` rules against the app's Hunspell checker: the shipped en-US dictionary by
default, a style's own ``.aff``/``.dic`` pair when the rule names one, and a sentence (never a
crash) when a dictionary cannot be had."""

from __future__ import annotations

import textwrap
from pathlib import Path

from workstation.core.prose.engine import Linter
from workstation.core.prose.findings import LintReport
from workstation.core.prose.rule_kinds import SpellingBackend, attach_spelling
from workstation.core.prose.spelling_backend import OpenOnce, app_spelling_backend
from workstation.core.prose.style_pack import StylePack, load_styles

SPELLING = """
    extends: spelling
    message: "Did you really mean '%s'?"
    level: error
"""
OWN_DICTIONARY = SPELLING + "    dictionaries: [tiny]\n"
TINY_AFF = "SET UTF-8\nTRY esianrtolcdugmphbyfvkwz\n"
TINY_DIC = "3\nzorblat\nquix\nthe\n"


def _project(tmp_path: Path, rule: str, *, accept: str = "", dic: str = TINY_DIC) -> Path:
    project = tmp_path / "project"
    styles = project / "styles"
    (styles / "Ours").mkdir(parents=True)
    (styles / "Ours" / "Spelling.yml").write_text(textwrap.dedent(rule), encoding="utf-8")
    dictionaries = styles / "config" / "dictionaries"
    dictionaries.mkdir(parents=True)
    (dictionaries / "tiny.aff").write_text(TINY_AFF, encoding="utf-8")
    (dictionaries / "tiny.dic").write_text(dic, encoding="utf-8")
    vocab = styles / "config" / "vocabularies" / "Team"
    vocab.mkdir(parents=True)
    (vocab / "accept.txt").write_text(accept, encoding="utf-8")
    ini = "StylesPath = styles\nVocab = Team\n[*]\nBasedOnStyles = Ours\n"
    (project / ".vale.ini").write_text(ini, encoding="utf-8")
    return project


def _lint(pack: StylePack, text: str, backend: SpellingBackend) -> LintReport:
    return Linter(attach_spelling(pack, backend)).lint_report(text)


def test_the_shipped_dictionary_flags_a_misspelling_and_accepts_a_vocabulary_word(tmp_path: Path) -> None:
    pack = load_styles(_project(tmp_path, SPELLING, accept="Zentrix\n"))
    report = _lint(pack, "The Zentrix pump recieved its water.", app_spelling_backend())
    assert [(finding.matched, finding.message) for finding in report.findings] == [
        ("recieved", "Did you really mean 'recieved'?")
    ]
    assert report.problems == ()


def test_a_style_dictionary_is_used_instead_of_the_shipped_one(tmp_path: Path) -> None:
    pack = load_styles(_project(tmp_path, OWN_DICTIONARY))
    report = _lint(pack, "The zorblat pump, the quix.", app_spelling_backend())
    assert [finding.matched for finding in report.findings] == ["pump"]  # English, but not in tiny


def test_a_missing_shipped_dictionary_is_a_problem_sentence(tmp_path: Path) -> None:
    pack = load_styles(_project(tmp_path, SPELLING))
    empty = tmp_path / "no-dictionaries"
    empty.mkdir()
    report = _lint(pack, "The pump recieved water.", app_spelling_backend(root=empty))
    assert report.findings == ()
    assert report.problems == (
        "Ours.Spelling: the app's own dictionary cannot be opened: "
        "The app has no en-US spelling dictionary; not checked",
    )


def test_a_damaged_style_dictionary_is_a_problem_sentence(tmp_path: Path) -> None:
    pack = load_styles(_project(tmp_path, OWN_DICTIONARY, dic="9\nzorblat\n"))
    report = _lint(pack, "The zorblat pump.", app_spelling_backend())
    assert report.findings == ()
    (problem,) = report.problems
    assert problem.startswith("Ours.Spelling: the tiny dictionary cannot be opened: tiny.dic is truncated")


def test_the_default_dictionary_is_opened_once_for_every_rule_and_text(tmp_path: Path) -> None:
    opened: list[str] = []

    class Known:
        def is_known(self, word: str) -> bool:
            return word.lower() in {"the", "pump"}

    def open_known() -> Known:
        opened.append("default")
        return Known()

    backend = SpellingBackend(open_default=OpenOnce(open_known))
    pack = load_styles(_project(tmp_path, SPELLING))
    first = _lint(pack, "The pump.", backend)
    second = _lint(pack, "The pumq.", backend)  # a new attach: a new rule, the same checker
    assert first.findings == ()
    assert [finding.matched for finding in second.findings] == ["pumq"]
    assert opened == ["default"]
