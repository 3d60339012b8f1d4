"""The app's spell checker behind Vale ``spelling`` rules: the shipped dictionary, and a style's own.

A loaded style pack's spelling rules check nothing until
:func:`~workstation.core.prose.rule_kinds.attach_spelling` hands them a
:class:`~workstation.core.prose.rule_kinds.SpellingBackend`. :func:`app_spelling_backend` builds
the app's: the default dictionary is the shipped one of a language (en-US, Vale's own choice),
loaded once, on the first spelling rule's first run (about 130 ms, on the linting thread), and
shared by every pack attached to that backend; a style's own ``.aff``/``.dic`` pair is checked and
loaded the same way (:func:`~workstation.core.prose.hunspell_dictionary.load_dictionary`). A
dictionary that cannot be had raises :class:`~workstation.core.prose.dictionary_files.DictionaryError`,
which the rule turns into a sentence in the lint report.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from workstation.core.models import DEFAULT_LANGUAGE
from workstation.core.prose.dictionary_files import DictionaryError, shipped_dictionaries
from workstation.core.prose.hunspell_dictionary import load_dictionary
from workstation.core.prose.rule_kinds import DictionaryRequest, SpellingBackend, WordChecker
from workstation.core.prose.spelling import SpellChecker


class OpenOnce:
    """A checker made by ``open`` on the first call and kept; a failure is kept too (and raised
    again), so a missing dictionary costs one look, not one per rule and text. Thread-safe."""

    __slots__ = ("_checker", "_error", "_lock", "_open")

    def __init__(self, open_checker: Callable[[], WordChecker]) -> None:
        self._open = open_checker
        self._checker: WordChecker | None = None
        self._error: DictionaryError | None = None
        self._lock = threading.Lock()

    def __call__(self) -> WordChecker:
        with self._lock:
            if self._checker is None and self._error is None:
                try:
                    self._checker = self._open()
                except DictionaryError as error:
                    self._error = error
            if self._error is not None:
                raise self._error
            assert self._checker is not None
            return self._checker


def shipped_checker(language: str = DEFAULT_LANGUAGE, root: Path | None = None) -> WordChecker:
    """A spell checker over the shipped dictionary of ``language`` (``root``: where dictionaries
    are, default the app's resources). Raises :class:`DictionaryError` with a sentence."""
    files = shipped_dictionaries(root).get(language)
    if files is None:
        raise DictionaryError(f"The app has no {language} spelling dictionary.")
    return SpellChecker(load_dictionary(files))


def style_checker(request: DictionaryRequest) -> WordChecker:
    """A spell checker over a style's own Hunspell pair. Raises :class:`DictionaryError`."""
    return SpellChecker(load_dictionary(request))


def app_spelling_backend(language: str = DEFAULT_LANGUAGE, root: Path | None = None) -> SpellingBackend:
    """The app's backend for Vale spelling rules (see the module docstring); cheap to build."""
    return SpellingBackend(
        open_default=OpenOnce(lambda: shipped_checker(language, root)), open_dictionary=style_checker
    )
