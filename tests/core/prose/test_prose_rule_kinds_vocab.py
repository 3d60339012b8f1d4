"""Words a ``.vale.ini`` vocabulary accepts are exceptions for the newer kinds too, as in Vale:
an accepted acronym needs no definition, an accepted name keeps its case in a heading, and an
accepted word is no misspelling. ``vocab: false`` keeps a rule's findings."""

from __future__ import annotations

import textwrap
from pathlib import Path

from workstation.core.prose.engine import Linter
from workstation.core.prose.rule_kinds import SpellingBackend, attach_spelling
from workstation.core.prose.style_pack import StylePack, load_styles

ACRONYMS = """
    extends: conditional
    message: "'%s' has no definition"
    first: '\\b([A-Z]{3,5})\\b'
    second: '(?:\\b[A-Z][a-z]+ )+\\(([A-Z]{3,5})\\)'
"""
LOWER = """
    extends: capitalization
    message: "'%s' should be lower case"
    match: $lower
    scope: sentence
"""
SENTENCE = """
    extends: capitalization
    message: "'%s' should be in sentence case"
    match: $sentence
    scope: sentence
"""
SPELLING = """
    extends: spelling
    message: "Did you really mean '%s'?"
"""


class KnownWords:
    def __init__(self, *words: str) -> None:
        self.words = set(words)

    def is_known(self, word: str) -> bool:
        return word.lower() in self.words


def _pack(tmp_path: Path, accept: str, **rules: str) -> StylePack:
    project = tmp_path / "project"
    style = project / "styles" / "Ours"
    style.mkdir(parents=True)
    for name, body in rules.items():
        (style / f"{name}.yml").write_text(textwrap.dedent(body), encoding="utf-8")
    vocab = project / "styles" / "config" / "vocabularies" / "Team"
    vocab.mkdir(parents=True)
    (vocab / "accept.txt").write_text(accept, encoding="utf-8")
    ini = "StylesPath = styles\nMinAlertLevel = suggestion\nVocab = Team\n[*]\nBasedOnStyles = Ours\n"
    (project / ".vale.ini").write_text(ini, encoding="utf-8")
    pack = load_styles(project)
    assert not [issue for issue in pack.errors if issue.skipped], pack.errors
    return pack


def _found(pack: StylePack, text: str) -> list[tuple[str, str]]:
    return [(finding.rule, finding.matched) for finding in Linter(pack, markdown=False).lint(text)]


def test_an_accepted_acronym_needs_no_definition(tmp_path: Path) -> None:
    pack = _pack(tmp_path, "NASA\n", Acronyms=ACRONYMS, Strict=ACRONYMS + "    vocab: false\n")
    found = _found(pack, "NASA and the FAA met.")
    assert ("Ours.Acronyms", "FAA") in found
    assert ("Ours.Acronyms", "NASA") not in found
    assert ("Ours.Strict", "NASA") in found


def test_an_accepted_name_keeps_its_case_in_a_capitalization_rule(tmp_path: Path) -> None:
    pack = _pack(tmp_path, "Kubernetes\n", Lower=LOWER, Sentence=SENTENCE)
    # With the word accepted, $lower passes the block that holds it; $sentence keeps its case.
    found = _found(pack, "We run Kubernetes. We run Docker.")
    assert ("Ours.Sentence", "We run Kubernetes.") not in found
    assert ("Ours.Sentence", "We run Docker.") in found
    assert ("Ours.Lower", "We run Kubernetes.") not in found
    assert ("Ours.Lower", "We run Docker.") in found


def test_an_accepted_word_is_no_misspelling(tmp_path: Path) -> None:
    pack = _pack(tmp_path, "Kubernetes\n", Spelling=SPELLING)
    backend = SpellingBackend(default=KnownWords("we", "run", "and"))
    linter = Linter(attach_spelling(pack, backend), markdown=False)
    findings = linter.lint("We run Kubernetes and Kubernetis.")
    assert [finding.matched for finding in findings] == ["Kubernetis"]
