"""The one count of words and sentences behind every figure a writer or a reviewer reads.

The status bar's "N → M words", the edit metrics, the Metrics dock, the rewrite metrics stored
with each save, the sealed bundle record and the reviewer's figures all count with this module,
so one text never shows two word counts (they once differed by one on the same text: the
status bar counted the diff's tokens, the Metrics dock its own regex).

* A **word** is a word token of the diff (:mod:`workstation.core.diff.tokens`): letters and
  digits of any script joined by inner apostrophes and hyphens (``don't``, ``well-known``),
  numbers with inner ``.``, ``,`` or ``:`` (``3.14``, ``1,000``, ``10:30``), each Han, Hiragana
  and Katakana character on its own. Punctuation and emoji are not words, so ``e.g.`` is two
  words, a Markdown bullet's ``-`` none, and a URL one word per run of letters or digits.
* A **sentence** is a span of :func:`~workstation.core.prose.sentences.sentence_spans` that
  holds at least one word, so a line of ``***``, a bare list marker or a lone emoji is not one.

Every word starts inside exactly one sentence span (the spans cover all text that is not white
space), so the sentence lengths always add up to the word count.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from workstation.core.diff.tokens import ascii_words, count_words, words_and_starts
from workstation.core.prose.sentences import Span, paragraph_spans, sentence_spans
from workstation.core.text.text_memo import TextMemo
from workstation.core.text.token_windows import WINDOW_CHARS


@dataclass(frozen=True, slots=True)
class TextCounts:
    """The words of one text and its sentences (those that hold a word), in order.

    ``sentence_lengths[i]`` is the number of words in the sentence at ``sentences[i]`` (a
    code-point span); the lengths add up to ``len(words)``.
    """

    words: tuple[str, ...]
    sentences: tuple[Span, ...]
    sentence_lengths: tuple[int, ...]

    @property
    def word_count(self) -> int:
        return len(self.words)

    @property
    def sentence_count(self) -> int:
        return len(self.sentences)


PARAGRAPH_COUNTS_CHARS = 2_000_000
"""How many characters of paragraphs :func:`count_text` remembers the counts of (see
:class:`~workstation.core.text.text_memo.TextMemo`): far more than the two panes of a
50,000-word task, in about 8 MB."""

Kept = tuple[str, tuple[Span, ...], tuple[int, ...]]
"""A paragraph's counts as remembered: its words joined by spaces (no word holds one, and one
string takes a fifth of the memory of a string a word), its sentences and their lengths."""

_PARAGRAPH_COUNTS: TextMemo[Kept] = TextMemo(PARAGRAPH_COUNTS_CHARS)


@lru_cache(maxsize=8)
def count_text(text: str) -> TextCounts:
    """Words and sentences of ``text``, counted paragraph by paragraph.

    A paragraph's words and sentences depend on that paragraph alone (words never span white
    space, and a blank line always ends a sentence), so each paragraph's counts are remembered
    by its text and a keystroke counts again only the paragraph it changed. Cached whole for
    the last few texts too (the result is immutable): each analysis asks for the same texts'
    counts twice, for the prose metrics and for the sentence comparison.
    """
    paragraphs = paragraph_spans(text)
    if len(paragraphs) <= 1:
        return _counted(text)
    words: list[str] = []
    sentences: list[Span] = []
    lengths: list[int] = []
    remembered = _PARAGRAPH_COUNTS
    for start, end in paragraphs:
        paragraph = text[start:end]
        kept = remembered.get(paragraph)
        if kept is None:
            counts = _counted(paragraph)
            kept = remembered.keep(
                paragraph, (" ".join(counts.words), counts.sentences, counts.sentence_lengths)
            )
        if kept[0]:
            words.append(kept[0])
        sentences.extend([(first + start, last + start) for first, last in kept[1]])
        lengths.extend(kept[2])
    return TextCounts(tuple(" ".join(words).split(" ")) if words else (), tuple(sentences), tuple(lengths))


def _counted(text: str) -> TextCounts:
    """Words and sentences of ``text`` (a paragraph, or a text of one)."""
    if len(text) <= WINDOW_CHARS and text.isascii():
        return _counted_by_sentence(text)
    return _counted_by_tokens(text)


def _counted_by_sentence(text: str) -> TextCounts:
    """:func:`_counted` of an ASCII text, each sentence's words found on their own.

    In ASCII text every sentence ends before white space or at the end of the text (only CJK
    and Arabic full stops end one without a space), so no word spans two sentences, and one scan
    of each sentence for its words counts what one pass of the tokenizer would.
    """
    words: list[str] = []
    kept: list[Span] = []
    lengths: list[int] = []
    for span in sentence_spans(text):
        if found := ascii_words(text, *span):
            words.extend(found)
            kept.append(span)
            lengths.append(len(found))
    return TextCounts(tuple(words), tuple(kept), tuple(lengths))


def _counted_by_tokens(text: str) -> TextCounts:
    """:func:`_counted` in one tokenizer pass and one sentence split: each sentence holds the
    words that start inside it."""
    words, starts = words_and_starts(text)
    kept: list[Span] = []
    lengths: list[int] = []
    first = 0
    for start, end in sentence_spans(text):
        after = bisect_left(starts, end, first)
        if after > first:
            kept.append((start, end))
            lengths.append(after - first)
        first = after
    return TextCounts(tuple(words), tuple(kept), tuple(lengths))


def word_count(text: str) -> int:
    """The number of words in ``text`` (see the module docstring for what a word is)."""
    return count_words(text)


def sentence_count(text: str) -> int:
    """The number of sentences in ``text`` that hold at least one word."""
    return count_text(text).sentence_count


def counted_sentences(text: str) -> tuple[str, ...]:
    """The sentences of ``text`` that hold a word, as strings: what the sentence counts count."""
    return tuple(text[start:end] for start, end in count_text(text).sentences)
