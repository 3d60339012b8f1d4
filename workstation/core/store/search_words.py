"""What a person typed into a search box, as a full-text query the index can always answer.

The index (schema 5) keeps only which tasks hold each word, not where (FTS5 ``detail=none``): a
fifth of the size of one that keeps positions and built in ~60 % of its time, at the price of
phrase and ``NEAR`` queries, which FTS5 then refuses with an error. So a search must never contain a
phrase, and a quoted string becomes one whenever the tokenizer splits it: ``e-mail`` or
``don't``. Splitting words in Python cannot promise the same cut as SQLite's tokenizer (their
Unicode tables differ by version), so the text is cut by SQLite itself, with the index's own
tokenizer, in a small in-memory table of the connection's ``temp`` schema. Every word that comes
out is one token by construction, folded the way the index folded it.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable

SEARCH_TOKENIZER = "unicode61 remove_diacritics 2"
"""The tokenizer of the tasks' search index, and so of the words searched for."""

MIN_PREFIX_CHARS = 3
"""The last word matches as a prefix (search as you type) once it has this many characters.

A one- or two-letter prefix would match most of a large queue for no use, so short last words
match whole words only.
"""

MAX_COMPLETIONS = 32
"""A last word that starts at most this many of the index's words is searched as those words.

FTS5 answers a prefix query (``"delve"*``) by first merging every matching word's list of tasks
into one, even when only one word matches: 9 ms for a word in half of 100,000 tasks where the
word itself takes 1 ms, and its first page no sooner than its count. Asked as ``("delve" OR
"delves")`` it walks the lists side by side and a page stops early. The words are looked up in
the index's vocabulary (which costs about what counting them does); a prefix that starts more
words than this is asked as a prefix, which is then the cheaper of the two.
"""

_SETUP = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.typed_search USING fts5(text, tokenize = '{SEARCH_TOKENIZER}')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.typed_search_words "
    "USING fts5vocab(temp, typed_search, 'instance')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.task_search_words USING fts5vocab(main, task_search, 'row')",
)

Completions = Callable[[str], "list[str] | None"]
"""The index's words that start with a prefix, or None when there are too many to list."""


def match_expression(words: list[str], completions: Completions | None = None) -> str | None:
    """An FTS5 query that every word must match, the last as a prefix once it is long enough.

    Each word is quoted, so words that look like operators (``AND``, ``NEAR``) are plain words;
    ``words`` must be single tokens (see :class:`SearchWords`), or a quoted one would be a phrase.
    Repeated words are asked for once. The prefix is asked as the words it completes to when
    ``completions`` lists them (see :data:`MAX_COMPLETIONS`). None when there is no word: nothing
    can match.
    """
    if not words:
        return None
    *leading, last = words
    unique = list(dict.fromkeys(leading))
    quoted = [f'"{word}"' for word in unique]
    if len(last) >= MIN_PREFIX_CHARS:
        found = completions(last) if completions is not None else None
        if found:
            quoted.append("(" + " OR ".join(f'"{word}"' for word in found) + ")")
        else:
            quoted.append(f'"{last}"*')
    elif last not in unique:
        quoted.append(f'"{last}"')
    return " AND ".join(quoted)


class SearchWords:
    """Cuts typed text into the index's words with the index's tokenizer, on one connection.

    The scratch tables live in the connection's ``temp`` schema: they never touch the store's
    file, and they work on a read-only connection too. They are made again if missing on every
    call (a no-op once made, and right after a rolled-back transaction took them away); a search
    pays about 0.1 ms for its words.
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

    def completions(self, prefix: str) -> list[str] | None:
        """The words of the tasks' index that start with ``prefix`` (none: an empty list), or None
        when more than :data:`MAX_COMPLETIONS` do."""
        if not prefix or prefix[-1] == chr(sys.maxunicode):
            return None
        after = prefix[:-1] + chr(ord(prefix[-1]) + 1)  # the first string past every completion
        found = self._conn.execute(
            "SELECT term FROM temp.task_search_words WHERE term >= ? AND term < ? LIMIT ?",
            (prefix, after, MAX_COMPLETIONS + 1),
        ).fetchall()
        return None if len(found) > MAX_COMPLETIONS else [str(term) for (term,) in found]

    def query(self, text: str) -> str | None:
        """The FTS5 query for what a person typed, or None if it holds no word at all."""
        return match_expression(self.words(text), self.completions)
