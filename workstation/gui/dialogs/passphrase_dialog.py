"""Asking for a key passphrase: once to unlock, twice (with a check) to set a new one, and again
after a wrong one (saying so above the field)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from workstation.gui.common.plain_text import plain_label
from workstation.gui.common.theme import show_as_problem

MIN_PASSPHRASE_LENGTH = 8


class PassphraseDialog(QDialog):
    def __init__(
        self, prompt: str, *, confirm: bool, problem: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Passphrase")
        self.confirm = confirm
        self.first = QLineEdit()
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.second = QLineEdit()
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.problem = plain_label()
        show_as_problem(self.problem)
        self.earlier_problem = plain_label(problem)  # why it is asked again; stays while typing
        show_as_problem(self.earlier_problem)
        self.earlier_problem.setVisible(bool(problem))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Passphrase", self.first)
        if confirm:
            form.addRow("Again", self.second)
        layout = QVBoxLayout(self)
        text = plain_label(prompt)  # names the key's owner: outside text
        text.setWordWrap(True)
        layout.addWidget(text)
        layout.addWidget(self.earlier_problem)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.first.textChanged.connect(self._check)
        self.second.textChanged.connect(self._check)
        self._check()

    def problem_text(self) -> str:
        if not self.first.text():
            return ""
        if self.confirm:
            if len(self.first.text()) < MIN_PASSPHRASE_LENGTH:
                return f"Use at least {MIN_PASSPHRASE_LENGTH} characters."
            if self.first.text() != self.second.text():
                return "The two passphrases differ."
        return ""

    def _check(self) -> None:
        problem = self.problem_text()
        self.problem.setText(problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            bool(self.first.text()) and not problem
        )

    def passphrase(self) -> str:
        return self.first.text()


def ask_passphrase(
    parent: QWidget | None, prompt: str, *, confirm: bool = False, problem: str = ""
) -> str | None:
    """The passphrase typed, or None if the writer cancelled. ``problem`` says why it is asked
    again ("Wrong passphrase — try again")."""
    dialog = PassphraseDialog(prompt, confirm=confirm, problem=problem, parent=parent)
    return dialog.passphrase() if dialog.exec() == QDialog.DialogCode.Accepted else None
