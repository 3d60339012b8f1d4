"""Every keyboard shortcut of the app, in one place. The F1 cheat-sheet is generated from this table.

Standard actions use ``QKeySequence.StandardKey`` so they follow the platform (Cmd on macOS).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QKeySequence

StandardKey = QKeySequence.StandardKey


@dataclass(frozen=True)
class Shortcut:
    action: str
    label: str
    group: str
    keys: tuple[str | QKeySequence.StandardKey, ...]

    def sequences(self) -> list[QKeySequence]:
        return [QKeySequence(key) for key in self.keys]

    def display(self) -> str:
        """Keys as the platform writes them, e.g. ``Ctrl+Return``."""
        return ", ".join(
            seq.toString(QKeySequence.SequenceFormat.NativeText)
            for seq in self.sequences()
            if not seq.isEmpty()
        )


SHORTCUTS: tuple[Shortcut, ...] = (
    # Task flow
    Shortcut("submit", "Submit rewrite and go to the next task", "Task", ("Ctrl+Return", "Ctrl+Enter")),
    Shortcut("skip", "Skip this task", "Task", ("Ctrl+Shift+K",)),
    Shortcut("flag", "Flag this task with a reason", "Task", ("Ctrl+Shift+F",)),
    Shortcut("next_task", "Next task in the queue", "Task", ("Alt+Down",)),
    Shortcut("previous_task", "Previous task in the queue", "Task", ("Alt+Up",)),
    Shortcut("reset_rewrite", "Reset the rewrite to the original", "Task", ("Ctrl+Shift+R",)),
    Shortcut("start_empty", "Clear the rewrite and start from empty", "Task", ("Ctrl+Shift+E",)),
    Shortcut("seal", "Seal submitted work into a signed bundle", "Task", ("Ctrl+Shift+S",)),
    Shortcut("upload", "Upload the outbox now", "Task", ("Ctrl+Shift+U",)),
    # Diff
    Shortcut("next_change", "Jump to the next change", "Diff", ("Ctrl+Down", "F8")),
    Shortcut("previous_change", "Jump to the previous change", "Diff", ("Ctrl+Up", "Shift+F8")),
    Shortcut("toggle_inline", "Switch between side-by-side and track-changes view", "Diff", ("Ctrl+T",)),
    # Navigation
    Shortcut("focus_search", "Search tasks", "Navigate", ("Ctrl+K",)),
    Shortcut("focus_queue", "Go to the task list", "Navigate", ("Ctrl+1",)),
    Shortcut("focus_rewrite", "Go to the rewrite pane", "Navigate", ("Ctrl+2",)),
    Shortcut("focus_notes", "Go to the notes", "Navigate", ("Ctrl+3",)),
    Shortcut("toggle_guidelines", "Show or hide the guidelines", "Navigate", ("Ctrl+G",)),
    Shortcut("toggle_outbox", "Show or hide the outbox", "Navigate", ("Ctrl+Shift+O",)),
    Shortcut("toggle_preview", "Preview Markdown", "View", ("Ctrl+Shift+M",)),
    # Editing
    Shortcut("undo", "Undo", "Edit", (StandardKey.Undo,)),
    Shortcut("redo", "Redo", "Edit", (StandardKey.Redo,)),
    Shortcut("cut", "Cut", "Edit", (StandardKey.Cut,)),
    Shortcut("copy", "Copy", "Edit", (StandardKey.Copy,)),
    Shortcut("paste", "Paste", "Edit", (StandardKey.Paste,)),
    Shortcut("select_all", "Select all", "Edit", (StandardKey.SelectAll,)),
    Shortcut("find", "Find in the pane…", "Edit", (StandardKey.Find,)),
    Shortcut("replace", "Find and replace in the rewrite…", "Edit", (StandardKey.Replace, "Ctrl+H")),
    # FindNext's standard keys include Ctrl+G, which shows the guidelines here.
    Shortcut("find_next", "Find the next match", "Edit", ("F3",)),
    Shortcut("find_previous", "Find the previous match", "Edit", ("Shift+F3",)),
    Shortcut("save", "Save now", "Edit", (StandardKey.Save,)),
    Shortcut("zoom_in", "Larger text", "View", (StandardKey.ZoomIn, "Ctrl+=")),
    Shortcut("zoom_out", "Smaller text", "View", (StandardKey.ZoomOut,)),
    # Rating the original: Alt+1..Alt+5 set the focused criterion.
    Shortcut("rate_1", "Rate the selected rubric question 1", "Rubric", ("Alt+1",)),
    Shortcut("rate_2", "Rate the selected rubric question 2", "Rubric", ("Alt+2",)),
    Shortcut("rate_3", "Rate the selected rubric question 3", "Rubric", ("Alt+3",)),
    Shortcut("rate_4", "Rate the selected rubric question 4", "Rubric", ("Alt+4",)),
    Shortcut("rate_5", "Rate the selected rubric question 5", "Rubric", ("Alt+5",)),
    Shortcut("next_criterion", "Select the next rubric question", "Rubric", ("Alt+Right",)),
    Shortcut("previous_criterion", "Select the previous rubric question", "Rubric", ("Alt+Left",)),
    # Files
    Shortcut("import", "Import tasks…", "File", (StandardKey.Open,)),
    Shortcut("export", "Export training data…", "File", ("Ctrl+E",)),
    Shortcut("preferences", "Preferences…", "File", (StandardKey.Preferences, "Ctrl+,")),
    Shortcut("quit", "Quit", "File", (StandardKey.Quit, "Ctrl+Q")),
    Shortcut("cheatsheet", "Keyboard shortcuts", "Help", (StandardKey.HelpContents, "F1")),
)

REVIEW_SHORTCUTS: tuple[Shortcut, ...] = (
    # The review window's own table. Its panes are read-only, so single letters reach the window
    # there; in a text field (a filter, the comment) a letter types itself and Ctrl+Z undoes typing.
    Shortcut("accept", "Accept and go to the next item", "Verdict", ("A",)),
    Shortcut("revise", "Request revisions (asks for a reason) and go on", "Verdict", ("R",)),
    Shortcut("reject", "Reject (asks for a reason) and go on", "Verdict", ("X",)),
    Shortcut("comment_span", "Comment on the selected text or the current change…", "Verdict", ("C",)),
    Shortcut("undo_verdict", "Undo the last verdict (outside text fields)", "Verdict", (StandardKey.Undo,)),
    Shortcut("seal_verdicts", "Seal verdicts into a signed verdict bundle…", "Verdict", ("Ctrl+Shift+S",)),
    Shortcut("next_item", "Next item in the queue", "Queue", ("J", "Alt+Down")),
    Shortcut("previous_item", "Previous item in the queue", "Queue", ("K", "Alt+Up")),
    Shortcut("focus_queue", "Go to the queue", "Queue", ("Ctrl+1",)),
    Shortcut("focus_panes", "Go to the rewrite pane", "Queue", ("Ctrl+2",)),
    Shortcut("focus_comment", "Go to the verdict comment", "Queue", ("Ctrl+3",)),
    Shortcut("next_change", "Jump to the next change", "Diff", ("Ctrl+Down", "F8")),
    Shortcut("previous_change", "Jump to the previous change", "Diff", ("Ctrl+Up", "Shift+F8")),
    Shortcut("toggle_inline", "Switch between side-by-side and track-changes view", "Diff", ("Ctrl+T",)),
    Shortcut("show_batch", "Batch: charts and the items to look at first", "View", ("Ctrl+B",)),
    Shortcut("zoom_in", "Larger text", "View", (StandardKey.ZoomIn, "Ctrl+=")),
    Shortcut("zoom_out", "Smaller text", "View", (StandardKey.ZoomOut,)),
    Shortcut("open_bundles", "Open bundles…", "File", (StandardKey.Open,)),
    Shortcut("preferences", "Preferences…", "File", (StandardKey.Preferences, "Ctrl+,")),
    Shortcut("quit", "Quit", "File", (StandardKey.Quit, "Ctrl+Q")),
    Shortcut("cheatsheet", "Keyboard shortcuts", "Help", (StandardKey.HelpContents, "F1")),
)

BY_ACTION: dict[str, Shortcut] = {shortcut.action: shortcut for shortcut in SHORTCUTS}
REVIEW_BY_ACTION: dict[str, Shortcut] = {shortcut.action: shortcut for shortcut in REVIEW_SHORTCUTS}


def sequences_for(action: str, table: dict[str, Shortcut] = BY_ACTION) -> list[QKeySequence]:
    """The key sequences bound to ``action``, empty ones (a standard key a platform lacks) removed."""
    seen: list[QKeySequence] = []
    for sequence in table[action].sequences():
        if not sequence.isEmpty() and sequence not in seen:
            seen.append(sequence)
    return seen


def cheatsheet_rows(table: tuple[Shortcut, ...] = SHORTCUTS) -> list[tuple[str, list[tuple[str, str]]]]:
    """(group, [(keys, label), …]) in table order, for the F1 dialog and the README."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for shortcut in table:
        groups.setdefault(shortcut.group, []).append((shortcut.display(), shortcut.label))
    return list(groups.items())
