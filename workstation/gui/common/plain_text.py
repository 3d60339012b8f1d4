"""Outside text shown exactly as written: the one rule for every widget that shows it.

Qt guesses. A label, a message box or a tooltip whose text *looks* like HTML (``Qt::mightBeRichText``:
a known tag or an entity on its first line) is rendered as rich text, and an ``<img src=…>`` in it
makes Qt open that file on every paint — ``/etc/passwd`` is read on each hover, ``/dev/zero`` is read
until memory runs out. Task ids, file names, lint messages from style files, save errors and upload
servers' words are outside text, so no widget may guess about them:

- a widget that has a text format is switched to plain text: :func:`plain_label` for labels,
  :func:`message_box` (and :func:`show_message`, :func:`ask`) for message boxes;
- a tooltip has no format switch, so :func:`tooltip` hands Qt escaped HTML whose rendering is the
  text itself, character for character;
- what is one line (an id, a reason, a title, a status line) goes through :func:`shown_line`, the
  core's :func:`~workstation.core.text.safe_text.one_line`: control characters and bidirectional
  overrides shown as U+FFFD, breaks folded, length capped. Longer texts keep their lines
  (:func:`shown_lines`), each made safe the same way and their number capped.

List, tree and table items are painted as plain text by Qt's item delegates already; only their
tooltips need this module.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from workstation.core.text.counts import counted
from workstation.core.text.safe_text import DEFAULT_LIMIT_CHARS, ELLIPSIS, one_line

MAX_SHOWN_LINES = 30
"""Lines of a multi-line outside text a tooltip or a message box shows; the rest is cut."""

MESSAGE_LINE_CHARS = 1000
"""Characters per line of a message box's text (a sentence naming a long path still fits)."""

TOOLTIP_LINES = 12
"""Lines of a tooltip: it floats over the work, so it stays small."""

LISTED_ITEMS = 20
"""Items a message lists one by one (:func:`shown_list`); the rest are counted."""


def shown_line(text: str, limit: int = DEFAULT_LIMIT_CHARS) -> str:
    """``text`` as one safe line of at most ``limit`` characters (see the module rules)."""
    return one_line(text, limit)


def shown_lines(text: str, limit: int = DEFAULT_LIMIT_CHARS, max_lines: int = MAX_SHOWN_LINES) -> str:
    """``text`` with its line breaks kept, each line made safe by :func:`shown_line`.

    Only "\\n" separates lines; any other break (CR, U+2028, …) inside a line becomes a space. At
    most ``max_lines`` lines are kept, the last then ending in "…"; reading stops there, so a
    megabyte of hostile text costs no more than a short one.
    """
    lines = text.split("\n", max_lines)
    cut = len(lines) > max_lines
    shown = [shown_line(line, limit) for line in lines[:max_lines]]
    if cut:
        shown[-1] = shown[-1] + ELLIPSIS
    return "\n".join(shown).strip("\n")


def shown_list(items: Sequence[object], noun: str, max_items: int = LISTED_ITEMS) -> str:
    """``items`` (their ``str``, each a sentence quoting outside text) as one safe bullet line
    each, for a message box; past ``max_items`` the rest are counted as "… and 3 more <noun>s"."""
    lines = [f"• {shown_line(str(item), MESSAGE_LINE_CHARS)}" for item in items[:max_items]]
    if len(items) > max_items:
        lines.append(f"… and {counted(len(items) - max_items, 'more ' + noun)}.")
    return "\n".join(lines)


def tooltip(text: str, *, multiline: bool = False, limit: int = DEFAULT_LIMIT_CHARS) -> str:
    """``text`` as a tooltip Qt shows literally; "" stays "" (no tooltip at all).

    The result is HTML on purpose: escaped, so its rendering is exactly the safe text, and always
    recognised as rich text, so Qt never guesses at the writer's words. One line unless
    ``multiline``.
    """
    shown = shown_lines(text, limit, TOOLTIP_LINES) if multiline else shown_line(text, limit)
    if not shown:
        return ""
    return "<p>" + "<br>".join(html.escape(line, quote=False) for line in shown.split("\n")) + "</p>"


def menu_text(text: str, limit: int = DEFAULT_LIMIT_CHARS) -> str:
    """Outside text as a menu entry: one safe line whose "&" is shown, not taken as a shortcut."""
    return shown_line(text, limit).replace("&", "&&")


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A label that shows its text as written, whatever it looks like."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def make_labels_plain(widget: QWidget) -> None:
    """Switch every label inside ``widget`` to plain text.

    A message box's own ``setTextFormat`` covers its main text only; its informative text has a
    label of its own that auto-detects in some Qt versions.
    """
    for label in widget.findChildren(QLabel):
        label.setTextFormat(Qt.TextFormat.PlainText)


def message_box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
    default: QMessageBox.StandardButton | None = None,
) -> QMessageBox:
    """A message box showing ``title`` and ``text`` as written; built, not shown."""
    box = QMessageBox(icon, shown_line(title), shown_lines(text, MESSAGE_LINE_CHARS), buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if default is not None:
        box.setDefaultButton(default)
    make_labels_plain(box)
    return box


def show_message(parent: QWidget, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    """Tell the writer something that needs no answer: the box opens over ``parent`` without
    blocking (the window keeps saving and uploading), deletes itself when closed, and is returned."""
    box = message_box(parent, icon, title, text)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def ask(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
    default: QMessageBox.StandardButton | None = None,
) -> QMessageBox.StandardButton:
    """Show a message box and wait for the button pressed (a question, or a message with no
    window to stay over, such as at start-up)."""
    box = message_box(parent, icon, title, text, buttons, default)
    return QMessageBox.StandardButton(box.exec())
