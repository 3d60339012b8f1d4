"""The reviewer's effort panel: how the writer's editor saw the rewrite entered, never its content.

It shows the typed, pasted and external input shares the writer's app sealed with the rewrite
(``effort.sealed_effort``), and the one review flag (``effort.signals.is_for_a_look``): pasted
over half the final rewrite is *flagged for a look*, and the sentence says it is never a reason
to reject by itself. Dictation and input methods are "external input", never "AI". Signals the
writer turned off, or a bundle sealed before they existed, show "not recorded", never zeros.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QWidget

from workstation.core.effort.signals import EXTERNAL_INPUT, EffortSignals, RecordingStatus
from workstation.gui.common.plain_text import plain_label, tooltip
from workstation.gui.common.theme import show_as_problem

NOT_RECORDED_TEXT = RecordingStatus.NOT_RECORDED.value
FLAG_TITLE = "Flagged for a look"
NOT_FLAGGED_TEXT = "Not flagged: less than half of the final rewrite was pasted."
UNREADABLE_TEXT = "The effort signals sealed with this rewrite cannot be read."


def _value_label() -> QLabel:
    label = plain_label()
    label.setWordWrap(True)
    return label


def _characters(count: int) -> str:
    return f"{count:,} character{'s' if count != 1 else ''}"


class EffortFacts(QGroupBox):
    """A group box of the effort shares and the flag; :meth:`show_effort` fills it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Effort (recorded by the writer's editor)", parent)
        self.typed = _value_label()
        self.pasted = _value_label()
        self.external = _value_label()
        self.flag = _value_label()
        self.flag.setObjectName("effortFlag")
        form = QFormLayout(self)
        form.addRow(plain_label("Typed"), self.typed)
        form.addRow(plain_label("Pasted"), self.pasted)
        form.addRow(plain_label(EXTERNAL_INPUT.capitalize()), self.external)
        form.addRow(self.flag)
        self.external.setToolTip(
            tooltip("Text committed by dictation or an input method. It says nothing of how it was written.")
        )
        self.show_effort(None)

    def show_effort(self, effort: EffortSignals | None, *, unreadable: bool = False) -> None:
        """Fill the panel from ``effort`` (None: no item open; ``unreadable``: it could not be read)."""
        shares = effort.shares if effort is not None else None
        if effort is None or shares is None:
            status = self._status_words(effort, unreadable)
            for label in (self.typed, self.pasted, self.external):
                label.setText(status)
            self._show_flag(self._unrecorded_sentence(effort, unreadable), flagged=False)
            return
        self.typed.setText(f"{shares.typed:.0%} ({_characters(effort.typed_chars or 0)})")
        pastes = effort.paste_events or 0
        largest = f", largest {_characters(effort.largest_paste_chars or 0)}" if pastes else ""
        self.pasted.setText(f"{shares.pasted:.0%} ({pastes} paste{'s' if pastes != 1 else ''}{largest})")
        self.external.setText(f"{shares.external:.0%} ({_characters(effort.external_chars or 0)})")
        sentence = effort.flag_sentence()
        if sentence is None:
            self._show_flag(NOT_FLAGGED_TEXT, flagged=False)
        else:
            self._show_flag(f"{FLAG_TITLE}. {sentence}", flagged=True)

    def flagged(self) -> bool:
        """Whether the item shown is flagged for a look (what the panel's bold line says)."""
        return self.flag.text().startswith(FLAG_TITLE)

    def _show_flag(self, text: str, *, flagged: bool) -> None:
        self.flag.setText(text)
        self.flag.setVisible(bool(text))
        show_as_problem(self.flag, flagged)

    @staticmethod
    def _status_words(effort: EffortSignals | None, unreadable: bool) -> str:
        if unreadable:
            return "cannot be read"
        if effort is None:
            return ""
        return effort.status.value

    @staticmethod
    def _unrecorded_sentence(effort: EffortSignals | None, unreadable: bool) -> str:
        if unreadable:
            return UNREADABLE_TEXT
        if effort is None:
            return ""
        if effort.status is RecordingStatus.PARTLY_RECORDED:
            return (
                f"Only {effort.recorded_sessions} of {effort.sessions} sittings were recorded; shares "
                "over part of the work would pass it off as the whole, so none are shown."
            )
        return (
            "The writer's editor recorded no effort signals for this rewrite (they turned them off, "
            "or it was sealed before they existed). Nothing is known, which is not the same as zero."
        )
