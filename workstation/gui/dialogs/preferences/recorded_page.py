"""Preferences ▸ What is recorded: in plain words, what the app keeps about the writer's work, what
leaves this computer and to whom, what is never recorded — and the switch for effort signals.

The words live here, in one place, so that what the page promises and what the editor does stay
side by side; the switch is stored by :class:`~workstation.gui.common.settings.AppSettings` and
applied by the window (:meth:`TaskSession.set_effort_recording`).
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from workstation.core.effort.signals import EXTERNAL_INPUT, PASTED_SHARE_FOR_A_LOOK, RecordingStatus
from workstation.gui.common.plain_text import plain_label

RECORDED = (
    "Work sessions: when you opened a task and when you last saved it. They make your timesheet.",
    "Active time: the seconds this window was in front and you had typed, clicked or scrolled "
    "within the last minute; longer pauses are not counted.",
    "Effort signals, as counts only, for each work session: key presses that changed the "
    "rewrite; characters typed; characters pasted or dropped in, how many pastes and the "
    f"largest; characters from dictation or an input method (“{EXTERNAL_INPUT}”); undo and "
    "redo; saves that changed the text; the longest pause between two of your actions.",
)

NEVER_RECORDED = (
    "What you type: no keystroke’s text and no log of keys, only how many.",
    "The clipboard: only the length of what you pasted, never its text, and nothing you copied.",
    "Screenshots, the screen, the microphone or the camera, and what you do in other programs.",
)

WHERE_IT_GOES = (
    "Everything stays in your data folder on this computer until you send it.",
    "A bundle you seal holds each rewrite with its original, your ratings, tags and notes, and "
    "its active time, signed with your key. It goes only to the upload target you set under "
    "Identity & upload, for the reviewers of your project. It also holds the effort counts of "
    'each rewrite (or "not recorded" when they are switched off), never what you typed.',
    "Your timesheets and work receipts are yours, signed with your key; they go only where you "
    "send them. A work receipt shows the typed and pasted share of each rewrite.",
    f"Where reviewers are shown the shares, a rewrite that is more than "
    f"{PASTED_SHARE_FOR_A_LOOK:.0%} pasted is marked “for a look”, never rejected for it; "
    f"dictation and input methods are “{EXTERNAL_INPUT}”, never typing and never AI.",
)

SWITCH_ON = "On: each work session records the counts above, and only the counts."
SWITCH_OFF = (
    f"Off: work sessions record no counts; they say “{RecordingStatus.NOT_RECORDED.value}”, "
    "never zero. A session already under way says so from its next save. Work sessions and "
    "active time are still kept: they are your timesheet."
)


def _heading(text: str) -> QLabel:
    label = plain_label(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def _paragraphs(lines: tuple[str, ...]) -> QLabel:
    label = plain_label("\n\n".join(f"•  {line}" for line in lines))
    label.setWordWrap(True)
    return label


class WhatIsRecordedPage(QWidget):
    """The page; ``record_effort`` is the switch, read by the dialog when OK is pressed."""

    def __init__(self, record_effort: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record_effort = QCheckBox("Record effort signals (counts only)")
        self.record_effort.setChecked(record_effort)
        self.switch_state = plain_label()
        self.switch_state.setWordWrap(True)
        self.record_effort.toggled.connect(self._describe_switch)
        self._describe_switch(record_effort)

        body = QWidget()
        column = QVBoxLayout(body)
        column.addWidget(_heading("What is recorded while you work"))
        column.addWidget(_paragraphs(RECORDED))
        column.addWidget(self.record_effort)
        column.addWidget(self.switch_state)
        column.addSpacing(8)
        column.addWidget(_heading("What is never recorded"))
        column.addWidget(_paragraphs(NEVER_RECORDED))
        column.addSpacing(8)
        column.addWidget(_heading("What leaves this computer, and to whom"))
        column.addWidget(_paragraphs(WHERE_IT_GOES))
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def _describe_switch(self, on: bool) -> None:
        self.switch_state.setText(SWITCH_ON if on else SWITCH_OFF)

    def page_text(self) -> str:
        """Every sentence the page shows (what a reader of the page is told), the switch first."""
        labels = self.findChildren(QLabel)
        return "\n".join([self.record_effort.text(), *(label.text() for label in labels)])
