"""Where a ``spelling`` rule's words come from: its dictionaries, word files, and the app's checker.

A rule names Hunspell dictionaries (``dictionaries`` in ``dicpath``, or one ``aff``/``dic``
pair) and word files to accept (``ignore``); without dictionaries, or with ``append: true``, it
also uses the app's own dictionary (Vale: its built-in American English one). Paths are found as
Vale finds them, relative to the StylesPath (the folder above the rule's style folder):

* ``dicpath``: absolute, or under the StylesPath; dictionaries are looked up there, then in
  ``<StylesPath>/config/dictionaries`` (where Vale's documentation puts them);
* ``aff``/``dic``: absolute, under the StylesPath, or under ``config/dictionaries``;
* ``ignore`` files: absolute, under the StylesPath, or under ``config/ignore``.

(Vale also looks in its working folder and in ``$DICPATH``; a desktop app has neither, so a
relative path is never read against the working folder.) A file that cannot be found refuses
the rule with a sentence naming it.

Checking words is left to objects with an ``is_known(word) -> bool`` method
(:class:`WordChecker`), which the app hands in as a :class:`SpellingBackend`: its own checker
for the default dictionary and a function that opens a Hunspell pair. Opening is the app's part
because the Hunspell binding and its dictionaries belong to the spell checker, not to the linter.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from workstation.core.prose.dictionary_files import DictionaryFiles
from workstation.core.prose.patterns import PatternError
from workstation.core.prose.rule_kinds.options import SpellingOptions
from workstation.core.prose.vale_style import MAX_RULE_FILE_BYTES, read_capped_text

DICTIONARY_FOLDER = Path("config") / "dictionaries"
IGNORE_FOLDER = Path("config") / "ignore"


class WordChecker(Protocol):
    """Anything that knows words: the app's spell checker, one opened Hunspell dictionary."""

    def is_known(self, word: str) -> bool:
        """Whether ``word`` is spelled right (Hunspell's own capitalisation rules apply)."""
        ...


DictionaryRequest = DictionaryFiles
"""One Hunspell pair a rule asks for, ``folder/stem.aff`` and ``folder/stem.dic``: the editor's
own pair type, its ``language`` holding the name the style gives the dictionary."""


@dataclass(frozen=True, slots=True)
class SpellingBackend:
    """What the app gives spelling rules: its own dictionary, as ``default`` (a checker) or as
    ``open_default`` (a function that gives it, called when a rule first runs, so a dictionary no
    rule needs is never loaded), and ``open_dictionary`` (a Hunspell pair to a checker). Opening
    may take a few hundred milliseconds and raise ValueError or OSError with a sentence. Any may
    be None where the app has none."""

    default: WordChecker | None = None
    open_dictionary: Callable[[DictionaryRequest], WordChecker] | None = None
    open_default: Callable[[], WordChecker] | None = None


class SpellingSetupError(PatternError):
    """A spelling rule's dictionary or word file cannot be found or read (the rule is refused)."""


@dataclass(frozen=True, slots=True)
class SpellingSources:
    """The resolved sources of one rule: Hunspell pairs, whether the app's dictionary joins them,
    and the casefolded words of its ignore files."""

    dictionaries: tuple[DictionaryRequest, ...]
    with_default: bool
    accepted: frozenset[str]


def resolve_sources(options: SpellingOptions, rule_path: str) -> SpellingSources:
    """Find every file ``options`` names; raises :class:`SpellingSetupError` with a sentence."""
    styles_path = Path(rule_path).parent.parent
    dictionaries: list[DictionaryRequest] = []
    if options.aff and options.dic:
        aff = _existing(_candidates(options.aff, styles_path, DICTIONARY_FOLDER))
        dic = _existing(_candidates(options.dic, styles_path, DICTIONARY_FOLDER))
        if aff is None or dic is None:
            missing = options.aff if aff is None else options.dic
            raise SpellingSetupError(f"dictionary file '{missing}' not found (nor under {styles_path})")
        # Vale uses an aff/dic pair alone, even when other keys name more dictionaries.
        return SpellingSources((_pair(aff, dic),), False, _accepted(options, styles_path))
    folders = _dictionary_folders(options.dicpath, styles_path)
    for name in options.dictionaries:
        found = next((folder for folder in folders if _pair_in(folder, name)), None)
        if found is None:
            where = " or ".join(str(folder) for folder in folders)
            raise SpellingSetupError(f"dictionary '{name}' not found: no {name}.aff with .dic in {where}")
        dictionaries.append(DictionaryRequest(name, found, name))
    with_default = options.append or not dictionaries
    return SpellingSources(tuple(dictionaries), with_default, _accepted(options, styles_path))


def _dictionary_folders(dicpath: str, styles_path: Path) -> list[Path]:
    folders: list[Path] = []
    if dicpath:
        chosen = next((path for path in _candidates(dicpath, styles_path) if _is_dir(path)), None)
        if chosen is None:
            raise SpellingSetupError(f"dicpath '{dicpath}' is not a folder (nor under {styles_path})")
        folders.append(chosen)
    folders.append(styles_path / DICTIONARY_FOLDER)
    return folders


def _candidates(name: str, styles_path: Path, folder: Path | None = None) -> tuple[Path, ...]:
    """Where a named file may be: itself when absolute, else under the StylesPath (and ``folder``)."""
    path = Path(name)
    if path.is_absolute():
        return (path,)
    return (styles_path / path,) if folder is None else (styles_path / path, styles_path / folder / path)


def _pair_in(folder: Path, stem: str) -> bool:
    return _is_file(folder / f"{stem}.aff") and _is_file(folder / f"{stem}.dic")


def _pair(aff: Path, dic: Path) -> DictionaryRequest:
    if aff.parent == dic.parent and aff.stem == dic.stem:
        return DictionaryRequest(aff.stem, aff.parent, aff.stem)
    raise SpellingSetupError(f"'{aff.name}' and '{dic.name}' must be one pair: the same name in one folder")


def _existing(candidates: tuple[Path, ...]) -> Path | None:
    return next((path for path in candidates if _is_file(path)), None)


def _is_file(path: Path) -> bool:
    """``path.is_file()``, False for a name the system refuses (too long, a NUL byte)."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def _accepted(options: SpellingOptions, styles_path: Path) -> frozenset[str]:
    """The words of every ignore file, casefolded (Vale's ignore entries are case-insensitive)."""
    words: set[str] = set()
    for name in options.ignore:
        found = [path for path in _candidates(name, styles_path, IGNORE_FOLDER) if _is_file(path)]
        if not found:
            raise SpellingSetupError(f"ignore file '{name}' not found (nor under {styles_path})")
        for path in found:
            try:
                content = read_capped_text(path, MAX_RULE_FILE_BYTES)
            except (OSError, UnicodeDecodeError, ValueError) as exc:
                raise SpellingSetupError(f"cannot read ignore file '{name}': {exc}") from None
            words.update(line.strip().casefold() for line in content.splitlines() if line.strip())
    return frozenset(words)
