"""One Hunspell dictionary loaded into libhunspell (through the ``chunspell`` binding).

Why libhunspell and not a pure-Python reader: measured on this project's 5,000-word benchmark,
it loads en-GB in about 130 ms (spylls: 1,070), checks 5,000 unseen words in 15-25 ms (spylls:
80-140) and suggests in 40-200 ms (spylls: 70-340); the README's spelling section has the figures.
It is the Hunspell that LibreOffice and Firefox run, so a word is right or wrong here as it is
there. The binding ships libhunspell inside its wheel, so nothing is needed from the system.

libhunspell is not thread-safe; the editor checks on a worker thread while the right-click menu
asks for suggestions on the GUI thread, so every call holds the dictionary's lock.
"""

from __future__ import annotations

import threading
from typing import Any

from workstation.core.prose.dictionary_files import DictionaryError, DictionaryFiles, check_dictionary_files

HUNSPELL_PACKAGE = "chunspell"
"""The PyPI package that provides the ``hunspell`` module (a maintained fork of cyhunspell)."""


class HunspellDictionary:
    """Lookups and suggestions against one checked ``.aff``/``.dic`` pair.

    Build with :func:`load_dictionary`; raises :class:`DictionaryError` with one sentence when
    the files are damaged or the Hunspell library is not installed.
    """

    def __init__(self, files: DictionaryFiles, engine: Any) -> None:
        self.files = files
        self._engine = engine
        self._lock = threading.Lock()

    @property
    def language(self) -> str:
        """The BCP 47 tag of the dictionary's language ("en-GB")."""
        return self.files.language

    def lookup(self, word: str) -> bool:
        """Whether Hunspell accepts ``word`` as written (it knows capitalisation rules itself)."""
        try:
            with self._lock:
                return bool(self._engine.spell(word))
        except UnicodeEncodeError:  # a letter the dictionary's encoding cannot hold
            return False

    def suggest(self, word: str) -> tuple[str, ...]:
        """Hunspell's corrections for ``word``, best first (tens to a few hundred milliseconds)."""
        try:
            with self._lock:
                return tuple(self._engine.suggest(word))
        except UnicodeEncodeError:
            return ()


def load_dictionary(files: DictionaryFiles) -> HunspellDictionary:
    """Check ``files`` and load them (about 100-150 ms for an English dictionary): run it off the
    GUI thread. Raises :class:`DictionaryError`."""
    check_dictionary_files(files)
    try:
        import hunspell
    except ImportError:
        raise DictionaryError(
            f"Spelling needs the Hunspell library (the {HUNSPELL_PACKAGE} package), "
            "which is not installed for this platform."
        ) from None
    try:
        engine = hunspell.Hunspell(files.stem, hunspell_data_dir=str(files.folder))
    except (OSError, UnicodeError) as error:
        raise DictionaryError(f"The {files.language} dictionary cannot be opened: {error}.") from None
    return HunspellDictionary(files, engine)
