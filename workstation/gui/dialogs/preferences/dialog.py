"""Preferences: editor and appearance, prose style packs, what is recorded, the writer's identity
and upload target, and (in the review window) the keyring of writers' keys."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from workstation.core.prose.dictionary_files import shipped_dictionaries
from workstation.core.prose.spelling_language import FOLLOW_PROJECT, language_name
from workstation.core.prose.style_pack import CategoryInfo, load_styles
from workstation.gui.common import sizes
from workstation.gui.common.plain_text import plain_label, shown_line
from workstation.gui.common.settings import AppSettings
from workstation.gui.common.theme import THEME_LABELS, ThemeChoice
from workstation.gui.context import AppContext
from workstation.gui.dialogs.preferences.identity_page import IdentityPage
from workstation.gui.dialogs.preferences.recorded_page import WhatIsRecordedPage
from workstation.gui.dialogs.preferences.writers_page import WritersPage
from workstation.gui.writer.prose_panels import CategoryList

PAGES = ("editor", "prose", "recorded", "identity", "writers")


@dataclass(frozen=True)
class Preferences:
    theme: ThemeChoice
    font_size: int
    start_from_original: bool
    style_folder: Path | None
    disabled_categories: frozenset[str] = frozenset()
    record_effort: bool = True
    spelling_language: str = FOLLOW_PROJECT  # a BCP 47 tag for every project, or follow each one's


class StyleFolderChooser(QWidget):
    """Our built-in style pack, or a folder of Vale styles; shows what loading it found."""

    def __init__(self, folder: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = QLineEdit(str(folder) if folder else "")
        self.path.setPlaceholderText("Built-in Rewrite Workstation rules")
        browse = QPushButton("Choose folder…")
        builtin = QPushButton("Use built-in")
        self.report = plain_label()  # quotes the style files: outside text
        self.report.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        row.addWidget(builtin)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.report)
        browse.clicked.connect(self._browse)
        builtin.clicked.connect(lambda: self.path.setText(""))
        self.path.textChanged.connect(self._describe)
        self._describe()

    def folder(self) -> Path | None:
        text = self.path.text().strip()
        return Path(text).expanduser() if text else None

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Folder of Vale styles", self.path.text())
        if chosen:
            self.path.setText(chosen)

    def _describe(self) -> None:
        folder = self.folder()
        if folder is None:
            self.report.setText("Using the built-in rules.")
            return
        if not folder.is_dir():
            self.report.setText("That folder does not exist; the built-in rules stay in use.")
            return
        pack = load_styles([folder])
        problems = "; ".join(
            f"{Path(issue.path).name} ({issue.rule}): {issue.problem}" for issue in pack.errors[:3]
        )
        text = f"{len(pack.rules)} rules in {len(pack.categories)} categories."
        if problems:
            text += f" {len(pack.errors)} problem(s): {problems}"
        if not pack.rules:
            text += " No usable rules: the built-in rules stay in use."
        self.report.setText(text)


class PreferencesDialog(QDialog):
    def __init__(
        self,
        settings: AppSettings,
        identity_page: QWidget | None = None,
        parent: QWidget | None = None,
        *,
        categories: Iterable[CategoryInfo] = (),
        writers_page: QWidget | None = None,
        lint_notices: Iterable[str] = (),
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.theme = QComboBox()
        for choice, label in THEME_LABELS.items():
            self.theme.addItem(label, choice.value)
        self.theme.setCurrentIndex(self.theme.findData(settings.theme().value))
        self.font_size = QSpinBox()
        self.font_size.setRange(sizes.MIN_FONT_POINT_SIZE, sizes.MAX_FONT_POINT_SIZE)
        self.font_size.setSuffix(" pt")
        self.font_size.setValue(settings.font_point_size())
        self.start_from_original = QCheckBox("Start a new rewrite from a copy of the original")
        self.start_from_original.setChecked(settings.start_from_original())
        editor = QWidget()
        form = QFormLayout(editor)
        form.addRow("Theme", self.theme)
        form.addRow("Editor text size", self.font_size)
        form.addRow("", self.start_from_original)
        self.styles = StyleFolderChooser(settings.style_folder())
        prose = QWidget()
        prose_layout = QVBoxLayout(prose)
        prose_layout.addWidget(plain_label("Style pack (Vale-format YAML rules):"))
        prose_layout.addWidget(self.styles)
        self.spelling_language = spelling_language_choice(settings.spelling_language())
        spelling_row = QFormLayout()
        spelling_row.addRow("Spelling language", self.spelling_language)
        prose_layout.addLayout(spelling_row)
        # Rules the running checker switched off on some text (a pattern too slow for it).
        notices = [shown_line(notice) for notice in lint_notices]
        self.lint_notices = plain_label(
            "Switched off while checking:\n" + "\n".join(notices) if notices else ""
        )
        self.lint_notices.setWordWrap(True)
        self.lint_notices.setVisible(bool(notices))
        prose_layout.addWidget(self.lint_notices)
        prose_layout.addWidget(plain_label("Check for:"))
        self.categories = CategoryList()
        self.categories.set_categories(categories, settings.disabled_categories())
        prose_layout.addWidget(self.categories, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(editor, "Editor")
        self.tabs.addTab(prose, "Prose")
        self.recorded_page = WhatIsRecordedPage(settings.record_effort())
        self.tabs.addTab(self.recorded_page, "What is recorded")
        self.identity_page = identity_page
        if identity_page is not None:
            self.tabs.addTab(identity_page, "Identity && upload")
        self.writers_page = writers_page
        if writers_page is not None:
            self.tabs.addTab(writers_page, "Writers")
        self._pages: dict[str, QWidget | None] = dict(
            zip(PAGES, (editor, prose, self.recorded_page, identity_page, writers_page), strict=True)
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.resize(680, 420)

    def show_page(self, page: str | None) -> None:
        shown = self._pages.get(page) if page is not None else None
        if shown is not None:
            self.tabs.setCurrentWidget(shown)

    def _accept(self) -> None:
        if isinstance(self.identity_page, IdentityPage):
            if not self.identity_page.save_target():
                self.show_page("identity")
                return
            self.identity_page.save_key_lock()
        self.accept()

    def preferences(self) -> Preferences:
        return Preferences(
            theme=ThemeChoice(self.theme.currentData()),
            font_size=self.font_size.value(),
            start_from_original=self.start_from_original.isChecked(),
            style_folder=self.styles.folder(),
            disabled_categories=frozenset(self.categories.disabled()),
            record_effort=self.recorded_page.record_effort.isChecked(),
            spelling_language=str(self.spelling_language.currentData()),
        )


def spelling_language_choice(current: str) -> QComboBox:
    """Follow each project's language (the default), or one shipped dictionary for every project."""
    box = QComboBox()
    box.setAccessibleName("Spelling language")
    box.addItem("The project's language", FOLLOW_PROJECT)
    for tag in shipped_dictionaries():
        box.addItem(f"{language_name(tag)} ({tag}) in every project", tag)
    box.setCurrentIndex(max(0, box.findData(current)))
    return box


def ask_preferences(
    context: AppContext,
    parent: QWidget,
    *,
    categories: Iterable[CategoryInfo],
    page: str | None = None,
    keyring: bool = False,
    lint_notices: Iterable[str] = (),
) -> Preferences | None:
    """Show Preferences on ``page``; the writer's choices, or None if cancelled.

    The identity and writers pages act at once (keys, upload target, the keyring); the rest is
    applied by the caller. ``keyring`` adds the Writers page (the review window's Preferences).
    ``lint_notices`` (rules the checker switched off on some text) show on the Prose page.
    """
    identity = IdentityPage(context)
    identity.identity_changed.connect(context.events.identity_changed)
    writers = WritersPage(context) if keyring else None
    dialog = PreferencesDialog(
        context.settings,
        identity,
        parent,
        categories=categories,
        writers_page=writers,
        lint_notices=lint_notices,
    )
    dialog.show_page(page)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.preferences()
