"""Every widget of the GUI that can show outside text goes through the one plain-text rule
(``workstation.gui.common.plain_text``): no module builds a label or a message box of its own,
calls QMessageBox's static helpers (they guess rich text), or sets a tooltip the rule did not make."""

from __future__ import annotations

import ast
from pathlib import Path

import workstation.gui

GUI_ROOT = Path(workstation.gui.__file__).parent
RULE_MODULE = GUI_ROOT / "common" / "plain_text.py"
STATIC_BOXES = {"warning", "information", "critical", "question", "about"}
OWN_WIDGETS = {"QLabel", "QMessageBox"}


def _called_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def violations(source: str, where: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func, line = node.func, f"{where}:{node.lineno}"
        if isinstance(func, ast.Attribute) and _called_name(func.value) == "QMessageBox":
            if func.attr in STATIC_BOXES:
                found.append(f"{line}: QMessageBox.{func.attr}() guesses rich text; use plain_text")
        elif _called_name(func) in OWN_WIDGETS:
            found.append(f"{line}: {_called_name(func)}() built directly; use plain_text's builders")
        if not isinstance(func, ast.Attribute):
            continue
        if func.attr == "setToolTip" or (func.attr == "showText" and _called_name(func.value) == "QToolTip"):
            text = node.args[-1] if func.attr == "setToolTip" else node.args[1]
            if not (isinstance(text, ast.Call) and _called_name(text.func) == "tooltip"):
                found.append(f"{line}: a tooltip not made by plain_text.tooltip()")
        if func.attr == "setTextFormat":
            chosen = node.args[0]
            if not (isinstance(chosen, ast.Attribute) and chosen.attr == "PlainText"):
                found.append(f"{line}: a text format other than plain text")
    return found


def test_every_gui_module_follows_the_plain_text_rule() -> None:
    found = []
    for path in sorted(GUI_ROOT.rglob("*.py")):
        if path != RULE_MODULE:
            found += violations(path.read_text(encoding="utf-8"), str(path.relative_to(GUI_ROOT)))
    assert found == []


def test_the_check_catches_each_way_around_the_rule() -> None:
    bad = """
QMessageBox.warning(self, "t", error)
label = QLabel(task_id)
item.setToolTip(message)
item.setToolTip(0, "<p>" + message)
QToolTip.showText(pos, message, self)
label.setTextFormat(Qt.TextFormat.AutoText)
"""
    assert len(violations(bad, "bad.py")) == 6
    good = """
show_message(self, QMessageBox.Icon.Warning, "t", error)
label = plain_label(task_id)
item.setToolTip(0, tooltip(message, multiline=True))
QToolTip.showText(pos, tooltip(message), self)
"""
    assert violations(good, "good.py") == []
