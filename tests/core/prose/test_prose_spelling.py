"""Offline spell checking against the shipped Hunspell dictionaries: spans, what is skipped,
languages, suggestions on demand, the user's words and the words a caller accepts."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tests.spelling_dictionaries import checker_for
from workstation.core.prose.spelling import SpellChecker, words_in
from workstation.core.prose.user_dictionary import UserDictionary


@pytest.fixture
def checker(tmp_path: Path) -> SpellChecker:
    return checker_for("en-US", tmp_path / "dictionary" / "words.txt")


def _words(checker: SpellChecker, text: str, **options: object) -> list[str]:
    spans = checker.misspelled_spans(text, **options)  # type: ignore[arg-type]
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
    assert _words(checker, "The writer’s draft isn’t done; the writers' drafts are. Zorblax’s isn't.") == [
        "Zorblax’s"
    ]
    checker.add_word("Zorblax")
    assert _words(checker, "Zorblax’s kettle and Zorblax's cup.") == []


def test_capitalised_and_sentence_initial_words_are_known(checker: SpellChecker) -> None:
    assert _words(checker, "THE Quick BROWN fox met Paris in London.") == []
    assert _words(checker, "Teh fox.") == ["Teh"]


@pytest.mark.parametrize("british", ["colour", "organise", "realise", "centre", "favourite", "travelled"])
def test_british_spelling_is_right_in_en_gb_and_flagged_in_en_us(british: str) -> None:
    text = f"The {british} of it."
    assert _words(checker_for("en-GB"), text) == []
    assert _words(checker_for("en-US"), text) == [british]


@pytest.mark.parametrize("american", ["color", "center", "analyze", "favorite", "traveled", "defense"])
def test_american_spelling_is_flagged_in_en_gb_and_right_in_en_us(american: str) -> None:
    text = f"The {american} of it."
    assert _words(checker_for("en-GB"), text) == [american]
    assert _words(checker_for("en-US"), text) == []


def test_the_british_dictionary_accepts_oxford_ize_as_well() -> None:
    """en-GB's dictionary (LibreOffice's) takes -ize and -ise alike, as the Oxford style does."""
    assert _words(checker_for("en-GB"), "We organize and realize; we organise and realise.") == []
    assert checker_for("en-GB").language == "en-GB"


def test_suggestions_are_ranked_and_follow_the_case_of_the_word(checker: SpellChecker) -> None:
    assert checker.suggestions("recieve")[0] == "receive"
    assert checker.suggestions("Definately")[0] == "Definitely"
    assert checker.suggestions("accomodation")[0] == "accommodation"
    assert checker.suggestions("teh", limit=2) == ("the", "eh")


def test_suggestions_follow_the_language() -> None:
    assert checker_for("en-US").suggestions("colour")[0] == "color"
    assert checker_for("en-GB").suggestions("color")[0] == "colour"


def test_suggestions_for_gibberish_are_empty_and_stay_fast(checker: SpellChecker) -> None:
    started = time.perf_counter()
    assert checker.suggestions("qwxzvbnmplkj") == ()
    assert checker.suggestions("   ") == ()
    assert time.perf_counter() - started < 1.0


def test_accepted_words_are_never_flagged_in_any_case_or_as_possessives(checker: SpellChecker) -> None:
    accepted = words_in(["Write to Mrs Okonkwo about the Zentrix’s lid."])
    text = "Okonkwo liked zentrix and the Zentrix's lid; Grafana did not."
    assert _words(checker, text, accepted=accepted) == ["Grafana"]
    assert _words(checker, text) == ["Okonkwo", "zentrix", "Zentrix's", "Grafana"]


def test_skipped_spans_are_not_checked(checker: SpellChecker) -> None:
    text = "Run `teh tool --fixx` then recieve it and fixx."
    code = (text.index("`"), text.index("`", text.index("`") + 1) + 1)
    assert _words(checker, text, skipped=[code]) == ["recieve", "fixx"]
    assert _words(checker, text) == ["teh", "fixx", "recieve", "fixx"]


def test_added_words_are_known_and_saved_one_per_line(checker: SpellChecker, tmp_path: Path) -> None:
    assert _words(checker, "Kubernetes runs on Grafana.") == ["Kubernetes", "Grafana"]
    checker.add_word("Kubernetes")
    checker.add_word("Grafana")
    assert _words(checker, "kubernetes runs on Grafana.") == []
    path = tmp_path / "dictionary" / "words.txt"
    assert path.read_text(encoding="utf-8") == "Grafana\nKubernetes\n"
    assert checker.user_words.words == ("Grafana", "Kubernetes")


def test_user_dictionary_survives_a_restart_and_ignores_comments(tmp_path: Path) -> None:
    path = tmp_path / "words.txt"
    path.write_text("# my words\n\nGrafana\n  Zettelkasten  \n", encoding="utf-8")
    checker = checker_for("en-GB", path)
    assert checker.user_words.words == ("Grafana", "Zettelkasten")
    assert _words(checker, "Grafana and zettelkasten") == []


def test_remove_word(tmp_path: Path) -> None:
    words = UserDictionary(tmp_path / "words.txt")
    words.add("Grafana")
    words.remove("grafana")
    assert not words.knows("Grafana")
    assert (tmp_path / "words.txt").read_text(encoding="utf-8") == ""
    words.remove("never-added")  # no error


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
    assert checker.user_words.words == ("Grafana",)


def test_unreadable_user_dictionary_is_an_error_not_an_empty_list(tmp_path: Path) -> None:
    path = tmp_path / "words.txt"
    path.write_bytes(b"caf\xe9\n")
    with pytest.raises(UnicodeDecodeError):
        UserDictionary(path)


def test_works_without_a_user_dictionary_file() -> None:
    checker = checker_for("en-US")
    checker.add_word("Grafana")  # kept in memory only
    assert _words(checker, "Grafana recieve") == ["recieve"]


def test_checkers_do_not_share_the_users_words(tmp_path: Path) -> None:
    first = checker_for("en-US", tmp_path / "a.txt")
    second = checker_for("en-US", tmp_path / "b.txt")
    first.add_word("Grafana")
    assert _words(second, "Grafana") == ["Grafana"]


def test_a_word_file_shared_by_two_languages_counts_in_both(tmp_path: Path) -> None:
    words = UserDictionary(tmp_path / "words.txt")
    us, gb = checker_for("en-US"), checker_for("en-GB")
    us.user_words = gb.user_words = words
    us.add_word("Grafana")
    assert _words(gb, "Grafana") == []
