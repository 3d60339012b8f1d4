"""The shipped Hunspell dictionaries and how a damaged one is refused: one sentence, never a
dictionary that silently flags good words."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from workstation.core.prose.dictionary_files import (
    DictionaryError,
    DictionaryFiles,
    check_dictionary_files,
    shipped_dictionaries,
)
from workstation.core.prose.hunspell_dictionary import load_dictionary

SHIPPED = shipped_dictionaries()


def copy_of(language: str, folder: Path) -> DictionaryFiles:
    """A copy of a shipped dictionary in ``folder`` that a test may damage."""
    source = SHIPPED[language]
    folder.mkdir(parents=True, exist_ok=True)
    for path in (source.aff, source.dic):
        shutil.copy(path, folder / path.name)
    return DictionaryFiles(language, folder, source.stem)


def test_the_app_ships_us_and_british_english_with_their_licences() -> None:
    assert sorted(SHIPPED) == ["en-GB", "en-US"]
    for files in SHIPPED.values():
        assert check_dictionary_files(files) == "utf-8"
        assert (files.folder / "COPYRIGHT.txt").read_text(encoding="utf-8").strip()
    assert "LGPL" in (SHIPPED["en-GB"].folder / "README_en_GB.txt").read_text(encoding="utf-8")
    assert "Kevin Atkinson" in (SHIPPED["en-US"].folder / "COPYRIGHT.txt").read_text(encoding="utf-8")


def test_a_folder_of_dictionaries_lists_only_complete_language_folders(tmp_path: Path) -> None:
    copy_of("en-GB", tmp_path / "en-GB")
    (tmp_path / "de-DE").mkdir()  # no .aff: not a dictionary
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    assert list(shipped_dictionaries(tmp_path)) == ["en-GB"]
    assert shipped_dictionaries(tmp_path / "absent") == {}


@pytest.mark.parametrize("missing", ["aff", "dic"])
def test_a_missing_file_is_named(tmp_path: Path, missing: str) -> None:
    files = copy_of("en-US", tmp_path)
    (files.aff if missing == "aff" else files.dic).unlink()
    with pytest.raises(
        DictionaryError, match=rf"en-US spelling dictionary is incomplete: en_US\.{missing} is missing"
    ):
        load_dictionary(files)


def test_a_truncated_word_list_is_refused(tmp_path: Path) -> None:
    files = copy_of("en-GB", tmp_path)
    files.dic.write_bytes(files.dic.read_bytes()[:300_000])
    with pytest.raises(DictionaryError, match=r"en_GB\.dic is truncated: it declares 96,970 words but holds"):
        load_dictionary(files)


def test_truncated_affix_rules_are_refused(tmp_path: Path) -> None:
    files = copy_of("en-GB", tmp_path)
    files.aff.write_bytes(files.aff.read_bytes()[:8000])
    with pytest.raises(DictionaryError, match=r"en_GB\.aff is truncated or damaged: SFX \w declares"):
        load_dictionary(files)


def test_a_word_list_in_another_encoding_than_declared_is_refused(tmp_path: Path) -> None:
    files = copy_of("en-GB", tmp_path)
    text = files.dic.read_text(encoding="utf-8-sig")
    files.dic.write_bytes(text.encode("latin-1", errors="replace"))  # what a wrong "save as" does
    line, accented = next((n, entry) for n, entry in enumerate(text.splitlines(), 1) if not entry.isascii())
    byte = next(char for char in accented if not char.isascii()).encode("latin-1")[0]
    declared = r"en_GB\.dic is not in the encoding en_GB\.aff declares"
    problem = rf"{declared} \(utf-8\): byte 0x{byte:02X} on line {line}"
    with pytest.raises(DictionaryError, match=problem):
        load_dictionary(files)


@pytest.mark.parametrize(
    ("aff", "dic", "problem"),
    [
        ("SET UTF-8\n", "", r"w\.dic is empty"),
        ("SET UTF-8\n", "hello\nworld\n", r"w\.dic does not start with its number of words"),
        ("SET KLINGON-1\n", "1\nhello\n", r"w\.aff declares an encoding that is not supported: 'KLINGON-1'"),
        (
            "SET UTF-8\nREP 3\nREP a b\n",
            "1\nhello\n",
            r"w\.aff is truncated or damaged: REP declares 3 lines but 1 follow",
        ),
    ],
)
def test_files_that_are_not_a_dictionary_are_refused(
    tmp_path: Path, aff: str, dic: str, problem: str
) -> None:
    files = DictionaryFiles("xx", tmp_path, "w")
    files.aff.write_text(aff, encoding="utf-8")
    files.dic.write_text(dic, encoding="utf-8")
    with pytest.raises(DictionaryError, match=problem):
        check_dictionary_files(files)


def test_a_small_latin_1_dictionary_without_set_loads_and_checks(tmp_path: Path) -> None:
    files = DictionaryFiles("fr-FR", tmp_path, "mini")
    files.aff.write_bytes(b"TRY esaitnru\n")  # no SET: Hunspell's default, ISO 8859-1
    files.dic.write_bytes("2\ncaf\u00e9\nth\u00e9\n".encode("latin-1"))
    dictionary = load_dictionary(files)
    assert dictionary.language == "fr-FR"
    assert dictionary.lookup("café") and dictionary.lookup("thé") and not dictionary.lookup("cafe")
    assert not dictionary.lookup("日本")  # a letter latin-1 cannot hold is simply unknown
    assert dictionary.suggest("日本") == ()


def test_without_the_hunspell_library_loading_says_what_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "hunspell", None)  # import hunspell now raises ImportError
    with pytest.raises(DictionaryError, match=r"needs the Hunspell library \(the chunspell package\)"):
        load_dictionary(SHIPPED["en-US"])
