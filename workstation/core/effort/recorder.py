"""Counting what the writer does to the rewrite in one sitting, never what they wrote.

The rewrite pane reports each edit by kind as it happens — a key press that typed or deleted, a
paste or drop, text committed by dictation or an input method, an undo or redo — with only its
size in characters (code points). Nothing here ever holds a keystroke's text, the clipboard or
the pasted words: the only text seen is the whole rewrite at a save, compared with the one before
to count revisions, and not kept past the next save.

Recording can be switched off (Preferences ▸ What is recorded). A sitting that was not recorded
from its start to its save reports ``None`` for every count — "not recorded" — never zeros, so
a partial count is never passed off as the whole. Each call on the hot path (one per key press)
is an attribute test and two additions.
"""

from __future__ import annotations

from typing import Final

EFFORT_FIELDS: Final = (
    "keystrokes",
    "typed_chars",
    "pasted_chars",
    "paste_events",
    "largest_paste_chars",
    "external_chars",
    "undo_count",
    "redo_count",
    "revisions",
    "longest_idle_seconds",
)
"""The effort counts of a work session, as :class:`~workstation.core.models.WorkSession` names them."""

EffortCounts = dict[str, int | float | None]
"""One value per name of :data:`EFFORT_FIELDS`: counts, seconds for the idle gap, or ``None``."""


class EffortRecorder:
    """The counts of the current sitting. ``recording`` is what the pane checks on each edit."""

    __slots__ = (
        "_enabled",
        "_last_text",
        "_whole_sitting",
        "external_chars",
        "keystrokes",
        "largest_paste_chars",
        "paste_events",
        "pasted_chars",
        "recording",
        "redo_count",
        "revisions",
        "typed_chars",
        "undo_count",
    )

    def __init__(self, *, enabled: bool = True) -> None:
        self._enabled = enabled
        self._whole_sitting = enabled
        self.recording = enabled
        self._last_text: str | None = None
        self._zero()

    def _zero(self) -> None:
        self.keystrokes = self.typed_chars = 0
        self.pasted_chars = self.paste_events = self.largest_paste_chars = 0
        self.external_chars = self.undo_count = self.redo_count = self.revisions = 0

    @property
    def enabled(self) -> bool:
        return self._enabled

    def set_enabled(self, enabled: bool) -> None:
        """Turn recording on or off. Off forgets this sitting's counts at once; a sitting that was
        off for any part of it stays "not recorded", and recording resumes with the next one."""
        self._enabled = enabled
        if not enabled:
            self._whole_sitting = False
            self._zero()
        self.recording = self._enabled and self._whole_sitting

    def start(self, text: str) -> None:
        """A new sitting begins on a rewrite that reads ``text`` (not an edit: nothing counted)."""
        self._zero()
        self._whole_sitting = self._enabled
        self.recording = self._enabled
        self._last_text = text if self._enabled else None

    # ----- what the pane reports (GUI thread, once per edit)
    def typed(self, chars: int) -> None:
        """A key press changed the rewrite: it typed ``chars`` characters (0 for a deletion)."""
        if self.recording:
            self.keystrokes += 1
            self.typed_chars += chars

    def pasted(self, chars: int) -> None:
        """A paste or drop from elsewhere inserted ``chars`` characters."""
        if self.recording:
            self.paste_events += 1
            self.pasted_chars += chars
            if chars > self.largest_paste_chars:
                self.largest_paste_chars = chars

    def external(self, chars: int) -> None:
        """Dictation or an input method committed ``chars`` characters ("external input")."""
        if self.recording:
            self.external_chars += chars

    def undone(self) -> None:
        if self.recording:
            self.undo_count += 1

    def redone(self) -> None:
        if self.recording:
            self.redo_count += 1

    # ----- what a save takes
    def saved(self, text: str) -> None:
        """A save of the rewrite reading ``text``: one revision if the text changed since the last."""
        if not self.recording:
            return
        if self._last_text is not None and text != self._last_text:
            self.revisions += 1
        self._last_text = text

    def counts(self, longest_idle_seconds: float) -> EffortCounts:
        """This sitting's counts for its work session (``longest_idle_seconds`` as the caller
        rounded it, from the active-time tracker); ``None`` for each when not recorded."""
        if not self.recording:
            return dict.fromkeys(EFFORT_FIELDS)
        values: EffortCounts = {name: getattr(self, name) for name in EFFORT_FIELDS[:-1]}
        values["longest_idle_seconds"] = max(0.0, longest_idle_seconds)
        return values
