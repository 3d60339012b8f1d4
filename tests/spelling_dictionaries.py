"""The shipped Hunspell dictionaries, loaded once per test session (about 150 ms each), and a fresh
spell checker over them for each test (its own in-memory list of the user's words)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from workstation.core.prose.dictionary_files import shipped_dictionaries
from workstation.core.prose.hunspell_dictionary import HunspellDictionary, load_dictionary
from workstation.core.prose.spelling import SpellChecker
from workstation.core.prose.user_dictionary import UserDictionary


@cache
def shipped_dictionary(language: str = "en-US") -> HunspellDictionary:
    """The app's own dictionary for ``language``, loaded once."""
    return load_dictionary(shipped_dictionaries()[language])


def checker_for(language: str = "en-US", user_words: Path | None = None) -> SpellChecker:
    """A new checker over the shipped ``language`` dictionary; ``user_words`` is the writer's file."""
    return SpellChecker(shipped_dictionary(language), UserDictionary(user_words))
