"""Line breaking that stays linear in the text's length, however long its unbroken runs.

Qt's usual mode, ``WrapAtWordBoundaryOrAnywhere``, breaks at word boundaries and falls back to
breaking anywhere only when a word is wider than the line; but for each line of such a run it
first measures the whole rest of the run looking for a boundary, so a run of n characters costs
about n² / line length. A 100 KB hex dump took 0.4 s per pane (1 MB: minutes), on every relayout.

So an editor watched by :class:`LinearWrap` breaks at word boundaries while its longest run is
shorter than :data:`LONG_RUN_CHARS`, and anywhere once a run reaches it (a hex dump, a long
token, a pasted base64 blob), which Qt lays out in linear time. Prose never has such runs, so
its words are never split; a run of that length is split anywhere in either mode.

Qt may lay out inserted text before it says the text changed (``setPlainText`` on a document that
held text does), so whoever puts text in calls :meth:`LinearWrap.expect` with it first: a new
task, a paste, a rebuilt view. Typing is checked as it happens, where it happened (the characters
added and a run's length either side), so a keystroke costs microseconds. Only when a long run
may be gone (text taken out, a space put in) is the whole text read again, to go back to word
boundaries: on the next turn of the event loop, once a replacement is complete
(``setPlainText`` first empties the document, then fills it).
"""

from __future__ import annotations

import re

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QTextCursor, QTextOption
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

LONG_RUN_CHARS = 1000
"""Characters without a break opportunity from which a text is wrapped anywhere. Below it a run
costs at most ~LONG_RUN_CHARS × n / line length to lay out: 1 MB of 999-character runs ≈ 40 ms."""

WORD_WRAP = QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere
ANYWHERE = QTextOption.WrapMode.WrapAnywhere

# Ideographs, kana, hangul and full-width forms may be broken between any two characters, so
# CJK text without spaces is not a "run".
_BREAKABLE_ANYWHERE = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff"
# A run starts after a space or a breakable character (the look-behind keeps the search linear:
# it is tried once per run, not once per character).
_LONG_RUN_RE = re.compile(rf"(?<![^\s{_BREAKABLE_ANYWHERE}])[^\s{_BREAKABLE_ANYWHERE}]{{{LONG_RUN_CHARS}}}")

# The changed text is read with this many UTF-16 units either side: they hold a run's length in
# code points even when every character is an emoji (two units each).
_REACH = 2 * LONG_RUN_CHARS
_BREAK_RE = re.compile(rf"[\s{_BREAKABLE_ANYWHERE}]")

type TextEditor = QPlainTextEdit | QTextEdit


def has_long_run(text: str) -> bool:
    """Whether ``text`` holds :data:`LONG_RUN_CHARS` characters in a row with no place to break."""
    return _LONG_RUN_RE.search(text) is not None


class LinearWrap(QObject):
    """Switches ``editor`` between word and anywhere wrapping as its text changes (see above).

    Owned by the editor; the mode is set before Qt lays out the changed text.
    """

    def __init__(self, editor: TextEditor) -> None:
        super().__init__(editor)
        self._editor = editor
        self._recheck = QTimer(self)
        self._recheck.setSingleShot(True)
        self._recheck.setInterval(0)
        self._recheck.timeout.connect(self._back_to_word_wrap)
        editor.setWordWrapMode(WORD_WRAP)
        # Edits arrive here; text put in by the program is announced with expect() first.
        editor.document().contentsChange.connect(self._on_contents_change)

    @property
    def wraps_anywhere(self) -> bool:
        return self._editor.wordWrapMode() == ANYWHERE

    def expect(self, text: str) -> None:
        """Call before putting ``text`` in: with a long run in it, wrap anywhere from now on, so
        Qt never lays the run out word by word (linear in ``len(text)``)."""
        if not self.wraps_anywhere and has_long_run(text):
            self._editor.setWordWrapMode(ANYWHERE)

    def _on_contents_change(self, position: int, removed: int, added: int) -> None:
        if not self.wraps_anywhere:
            if added and has_long_run(self._span(position - _REACH, position + added + _REACH)):
                self._editor.setWordWrapMode(ANYWHERE)
        elif removed or (added and _BREAK_RE.search(self._span(position, position + added))):
            self._recheck.start()

    def _back_to_word_wrap(self) -> None:
        if self.wraps_anywhere and not has_long_run(self._editor.document().toRawText()):
            self._editor.setWordWrapMode(WORD_WRAP)

    def _span(self, start: int, end: int) -> str:
        """The document's text from ``start`` to ``end``, clamped to it.

        Positions count UTF-16 units (see ``_REACH``).
        """
        document = self._editor.document()
        last = document.characterCount() - 1
        cursor = QTextCursor(document)
        cursor.setPosition(max(0, min(start, last)))
        cursor.setPosition(max(0, min(end, last)), QTextCursor.MoveMode.KeepAnchor)
        return cursor.selectedText()


def keep_wrap_linear(editor: TextEditor) -> LinearWrap:
    """Watch ``editor`` (see :class:`LinearWrap`); the watcher lives as long as the editor."""
    return LinearWrap(editor)
