"""Offline spell checking, suggestions on demand, and the per-user dictionary file."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from workstation.core.prose.spelling import SpellChecker


@pytest.fixture
def checker(tmp_path: Path, spell_backend) -> SpellChecker:
    return SpellChecker(tmp_path / "dictionary" / "words.txt", backend=spell_backend)


def _words(checker: SpellChecker, text: str) -> list[str]:
    spans = checker.misspelled_spans(text)
    assert all(text[span.start : span.end] == span.word for span in spans)
    return [span.word for span in spans]


def test_finds_misspelled_words_with_spans_after_emoji(checker: SpellChecker) -> None:
    text = "😀🧑‍🚀 I recieve teh letter."
    spans = checker.misspelled_spans(text)
    expected = [("recieve", text.index("recieve")), ("teh", text.index("teh"))]
    assert [(s.word, s.start) for s in spans] == expected


def test_skips_what_is_not_a_dictionary_word(checker: SpellChecker) -> None:
    text = (
        "Visit https://exmaple.com/pathh or mail jdoe@exmaple.org about NASA, iPhone, mp3 files, "
        "the 3rd item, x, snake_casse and C:/Progam/Filez."
    )
    assert _words(checker, text) == []


def test_curly_apostrophes_and_possessives_are_accepted(checker: SpellChecker) -> None:
    assert _words(checker, "The writer’s draft isn’t done; the writers' drafts are.") == []


def test_case_does_not_matter_for_known_words(checker: SpellChecker) -> None:
    assert _words(checker, "THE Quick BROWN fox") == []


def test_suggestions_are_ranked_and_follow_the_case_of_the_word(checker: SpellChecker) -> None:
    assert checker.suggestions("recieve")[0] == "receive"
    assert checker.suggestions("Definately")[0] == "Definitely"
    assert checker.suggestions("TEH")[0] == "THE"
    assert checker.suggestions("accomodation") == ("accommodation",)


def test_suggestions_two_edits_away_and_for_gibberish_stay_fast(checker: SpellChecker) -> None:
    assert "weird" in checker.suggestions("wierdd")  # a swap and a doubled letter: two edits
    started = time.perf_counter()
    assert checker.suggestions("qwxzvbnmplkj") == ()
    assert time.perf_counter() - started < 1.0


def test_added_words_are_known_and_saved_one_per_line(checker: SpellChecker, tmp_path: Path) -> None:
    assert _words(checker, "Kubernetes runs on colour.") == ["Kubernetes", "colour"]
    checker.add_word("Kubernetes")
    checker.add_word("colour")
    assert _words(checker, "kubernetes runs on colour.") == []
    path = tmp_path / "dictionary" / "words.txt"
    assert path.read_text(encoding="utf-8") == "colour\nKubernetes\n"
    assert checker.user_words == ("colour", "Kubernetes")


def test_user_dictionary_survives_a_restart_and_ignores_comments(tmp_path: Path, spell_backend) -> None:
    path = tmp_path / "words.txt"
    path.write_text("# my words\n\nGrafana\n  Zettelkasten  \n", encoding="utf-8")
    checker = SpellChecker(path, backend=spell_backend)
    assert checker.user_words == ("Grafana", "Zettelkasten")
    assert _words(checker, "Grafana and zettelkasten") == []


def test_remove_word(checker: SpellChecker) -> None:
    checker.add_word("Grafana")
    checker.remove_word("grafana")
    assert _words(checker, "Grafana") == ["Grafana"]
    checker.remove_word("never-added")  # no error


@pytest.mark.parametrize("bad", ["", "   ", "two words", "tab\there"])
def test_add_word_rejects_what_is_not_one_word(checker: SpellChecker, bad: str) -> None:
    with pytest.raises(ValueError, match="not a single word"):
        checker.add_word(bad)


def test_failed_save_leaves_memory_and_disk_unchanged(
    checker: SpellChecker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checker.add_word("Grafana")

    def refuse(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError, match="disk full"):
        checker.add_word("Zettelkasten")
    folder = tmp_path / "dictionary"
    assert sorted(p.name for p in folder.iterdir()) == ["words.txt"]  # no temp file left behind
    assert (folder / "words.txt").read_text(encoding="utf-8") == "Grafana\n"
    assert checker.user_words == ("Grafana",)


def test_unreadable_user_dictionary_is_an_error_not_an_empty_list(tmp_path: Path, spell_backend) -> None:
    path = tmp_path / "words.txt"
    path.write_bytes(b"caf\xe9\n")
    with pytest.raises(UnicodeDecodeError):
        SpellChecker(path, backend=spell_backend)


def test_works_without_a_user_dictionary(spell_backend) -> None:
    checker = SpellChecker(None, backend=spell_backend)
    checker.add_word("Grafana")  # kept in memory only
    assert _words(checker, "Grafana recieve") == ["recieve"]


def test_checkers_do_not_share_state(tmp_path: Path, spell_backend) -> None:
    first = SpellChecker(tmp_path / "a.txt", backend=spell_backend)
    second = SpellChecker(tmp_path / "b.txt", backend=spell_backend)
    first.add_word("Grafana")
    assert _words(second, "Grafana") == ["Grafana"]
