"""What a person typed into a search box, as a full-text query the index can always answer.

The index (schema 5) keeps only which tasks hold each word, not where (FTS5 ``detail=none``): a
third smaller and about 40 % faster to build than one that keeps positions, at the price of phrase
and ``NEAR`` queries, which FTS5 then refuses with an error. So a search must never contain a
phrase, and a quoted string becomes one whenever the tokenizer splits it: ``e-mail`` or
``don't``. Splitting words in Python cannot promise the same cut as SQLite's tokenizer (their
Unicode tables differ by version), so the text is cut by SQLite itself, with the index's own
tokenizer, in a small in-memory table of the connection's ``temp`` schema. Every word that comes
out is one token by construction, folded the way the index folded it.
"""

from __future__ import annotations

import sqlite3

SEARCH_TOKENIZER = "unicode61 remove_diacritics 2"
"""The tokenizer of the tasks' search index, and so of the words searched for."""

MIN_PREFIX_CHARS = 3
"""The last word matches as a prefix (search as you type) once it has this many characters.

A one- or two-letter prefix would match most of a large queue for no use, so short last words
match whole words only.
"""

_SETUP = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.typed_search USING fts5(text, tokenize = '{SEARCH_TOKENIZER}')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.typed_search_words "
    "USING fts5vocab(temp, typed_search, 'instance')",
)


def match_expression(words: list[str]) -> str | None:
    """An FTS5 query that every word must match, the last as a prefix once it is long enough.

    Each word is quoted, so words that look like operators (``AND``, ``NEAR``) are plain words;
    ``words`` must be single tokens (see :class:`SearchWords`), or a quoted one would be a phrase.
    Repeated words are asked for once. None when there is no word: nothing can match.
    """
    if not words:
        return None
    *leading, last = words
    unique = list(dict.fromkeys(leading))
    quoted = [f'"{word}"' for word in unique]
    if len(last) >= MIN_PREFIX_CHARS:
        quoted.append(f'"{last}"*')
    elif last not in unique:
        quoted.append(f'"{last}"')
    return " AND ".join(quoted)


class SearchWords:
    """Cuts typed text into the index's words with the index's tokenizer, on one connection.

    The scratch table lives in the connection's ``temp`` schema: it never touches the store's
    file, and it works on a read-only connection too. It is made again if missing on every call
    (a no-op once made, and right after a rolled-back transaction took it away); a search pays
    about 0.1 ms for its words.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def words(self, text: str) -> list[str]:
        """The words of ``text`` in order, as the index holds them (lower case, no diacritics)."""
        conn = self._conn
        for statement in _SETUP:
            conn.execute(statement)
        conn.execute("DELETE FROM temp.typed_search")
        conn.execute("INSERT INTO temp.typed_search(rowid, text) VALUES (1, ?)", (text,))
        found = conn.execute("SELECT term FROM temp.typed_search_words ORDER BY offset").fetchall()
        return [str(term) for (term,) in found]

    def query(self, text: str) -> str | None:
        """The FTS5 query for what a person typed, or None if it holds no word at all."""
        return match_expression(self.words(text))
