"""The writer's own words ("Add to dictionary"): one plain-text file per user, one word a line.

The same words count in every language and every task. The file is written atomically (temp file
→ fsync → rename), so a crash or a full disk leaves the previous list whole; its path is passed
in, so this module keeps no global state. Words compare case-insensitively.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Set
from pathlib import Path

from workstation.core.files.atomic import atomic_text_writer


class UserDictionary(Set[str]):
    """The words in ``path`` (None: kept in memory only). Safe to share between threads.

    As a ``Set`` it holds the words normalised (casefolded, straight apostrophes).

    Raises OSError / UnicodeDecodeError when the file exists but cannot be read, so a broken
    file is never silently replaced by a shorter list.
    """

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else None
        self._words: dict[str, str] = _read_word_file(self.path) if self.path is not None else {}
        self._lock = threading.Lock()

    @property
    def words(self) -> tuple[str, ...]:
        """The added words as written, sorted case-insensitively."""
        return tuple(sorted(self._words.values(), key=str.casefold))

    def knows(self, word: str) -> bool:
        """Whether ``word`` was added (any capitalisation; curly apostrophes count as straight)."""
        return word.replace("\u2019", "'").casefold() in self._words

    def __contains__(self, normalised: object) -> bool:
        """Whether a word, casefolded with straight apostrophes, was added (a ``Set`` of them)."""
        return normalised in self._words

    def __len__(self) -> int:
        return len(self._words)

    def __iter__(self) -> Iterator[str]:
        return iter(self._words)

    def add(self, word: str) -> None:
        """Add ``word`` and save the file.

        Raises ValueError for an empty word or one with white space in it, and OSError when the
        file cannot be written (the list in memory is then left unchanged).
        """
        cleaned = word.strip()
        if not cleaned or any(char.isspace() for char in cleaned):
            raise ValueError(f"not a single word: {word!r}")
        with self._lock:
            updated = dict(self._words)
            updated[cleaned.replace("\u2019", "'").casefold()] = cleaned
            self._save(updated)
            self._words = updated

    def remove(self, word: str) -> None:
        """Remove ``word`` (no error if it is not there)."""
        with self._lock:
            unwanted = word.strip().replace("\u2019", "'").casefold()
            updated = {key: value for key, value in self._words.items() if key != unwanted}
            if len(updated) != len(self._words):
                self._save(updated)
                self._words = updated

    def _save(self, words: dict[str, str]) -> None:
        if self.path is not None:
            write_word_file(self.path, sorted(words.values(), key=str.casefold))


def write_word_file(path: Path, words: list[str]) -> None:
    """Write ``words`` one per line to ``path`` atomically (temp file, fsync, rename)."""
    with atomic_text_writer(path) as stream:
        stream.write("".join(f"{word}\n" for word in words))


def _read_word_file(path: Path) -> dict[str, str]:
    """Words from a user dictionary file, by casefolded form; a missing file is an empty list.

    Blank lines and lines starting with ``#`` are skipped.
    """
    try:
        content = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    words: dict[str, str] = {}
    for line in content.splitlines():
        word = line.strip()
        if word and not word.startswith("#"):
            words[word.replace("\u2019", "'").casefold()] = word
    return words
