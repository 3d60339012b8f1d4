"""Choosing what to import and what to export. Each ``ask_*`` returns a typed result or None."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
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
    QVBoxLayout,
    QWidget,
)

from workstation.core.formats import EXPORT_FORMATS, IMPORT_FORMATS
from workstation.core.models import RewriteStatus
from workstation.gui.common import sizes
from workstation.gui.common.plain_text import plain_label, shown_line

MAX_LISTED_FILES = 12
"""File names the import dialog lists; the rest are counted."""
AUTO_DETECT = "Detect from the file"
IMPORT_FILTER = "Task files (*.jsonl *.json *.csv *.tsv *.txt);;All files (*)"
EXPORT_LABELS = {
    "trl-preference": "TRL preference pairs (prompt, chosen, rejected)",
    "sft-messages": "Supervised fine-tuning messages",
    "openai-dpo": "OpenAI DPO (preferred / non-preferred output)",
    "jsonl": "Everything we hold (native JSONL)",
}


@dataclass(frozen=True)
class ImportOptions:
    paths: tuple[Path, ...]
    project: str
    fmt: str | None


@dataclass(frozen=True)
class ExportOptions:
    fmt: str
    statuses: tuple[str, ...]
    project: str | None
    out: Path


class ImportDialog(QDialog):
    def __init__(self, paths: list[Path], projects: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import tasks")
        self.paths = paths
        # File names are outside text ("<img src=x>.jsonl" is a valid name): one safe line each,
        # cut in the middle so the folder's start and the file's name both show.
        files = plain_label()
        metrics = files.fontMetrics()
        lines = [
            metrics.elidedText(shown_line(str(p)), Qt.TextElideMode.ElideMiddle, sizes.FILE_LIST_WIDTH)
            for p in paths[:MAX_LISTED_FILES]
        ]
        if len(paths) > MAX_LISTED_FILES:
            lines.append(f"… and {len(paths) - MAX_LISTED_FILES} more")
        files.setText("\n".join(lines))
        self.project = QComboBox()
        self.project.setEditable(True)
        self.project.addItems(projects or ["Default"])
        self.fmt = QComboBox()
        self.fmt.addItem(AUTO_DETECT, None)
        for name in IMPORT_FORMATS:
            self.fmt.addItem(name, name)
        form = QFormLayout()
        form.addRow("Files", files)
        form.addRow("Project", self.project)
        form.addRow("Format", self.fmt)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Import")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def options(self) -> ImportOptions:
        project = " ".join(self.project.currentText().split()) or "Default"
        return ImportOptions(tuple(self.paths), project, self.fmt.currentData())


def ask_import_options(parent: QWidget | None, projects: list[str]) -> ImportOptions | None:
    names, _filter = QFileDialog.getOpenFileNames(parent, "Import tasks", "", IMPORT_FILTER)
    if not names:
        return None
    dialog = ImportDialog([Path(n) for n in names], projects, parent)
    return dialog.options() if dialog.exec() == QDialog.DialogCode.Accepted else None


class ExportDialog(QDialog):
    def __init__(self, projects: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export training data")
        self.fmt = QComboBox()
        for name in EXPORT_FORMATS:
            self.fmt.addItem(EXPORT_LABELS.get(name, name), name)
        self.project = QComboBox()
        self.project.addItem("All projects", None)
        for name in projects:
            self.project.addItem(name, name)
        self.status_boxes: dict[str, QCheckBox] = {}
        statuses = QHBoxLayout()
        for status in (
            RewriteStatus.SUBMITTED,
            RewriteStatus.DRAFT,
            RewriteStatus.SKIPPED,
            RewriteStatus.FLAGGED,
        ):
            box = QCheckBox(status.value.capitalize())
            box.setChecked(status is RewriteStatus.SUBMITTED)
            box.toggled.connect(self._update_ok)
            self.status_boxes[status.value] = box
            statuses.addWidget(box)
        self.out = QLineEdit()
        self.out.setPlaceholderText("Where to write the .jsonl file")
        self.out.textChanged.connect(self._update_ok)
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._browse)
        out_row = QHBoxLayout()
        out_row.addWidget(self.out, 1)
        out_row.addWidget(browse)
        form = QFormLayout()
        form.addRow("Format", self.fmt)
        form.addRow("Project", self.project)
        form.addRow("Include", statuses)
        form.addRow("Save to", out_row)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._update_ok()

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "Export to", self.out.text(), "JSON Lines (*.jsonl)")
        if name:
            self.out.setText(name if name.endswith(".jsonl") else name + ".jsonl")

    def _update_ok(self) -> None:
        ok = bool(self.out.text().strip()) and any(b.isChecked() for b in self.status_boxes.values())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def options(self) -> ExportOptions:
        return ExportOptions(
            fmt=self.fmt.currentData(),
            statuses=tuple(s for s, box in self.status_boxes.items() if box.isChecked()),
            project=self.project.currentData(),
            out=Path(self.out.text().strip()).expanduser(),
        )


def ask_export_options(parent: QWidget | None, projects: list[str]) -> ExportOptions | None:
    dialog = ExportDialog(projects, parent)
    return dialog.options() if dialog.exec() == QDialog.DialogCode.Accepted else None
