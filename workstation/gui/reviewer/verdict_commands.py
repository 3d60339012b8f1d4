"""What the reviewer does to an item: a verdict (with a reason unless accepted), comments on spans
and changes, and taking the last verdict back.

Comments wait in a per-item draft until the verdict goes out with them, so moving between items
loses nothing. Every store write is an operation; the queue moves on at once (the reviewer does
not wait for the disk) and hears back through ``verdict_recorded`` / ``verdict_undone``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from workstation.core.models import Anchor, ReviewComment, Verdict, VerdictKind
from workstation.core.review.items import ItemDetail
from workstation.core.review.judging import REVIEW_REASONS, new_verdict
from workstation.core.signing.identity import Identity
from workstation.gui.common.plain_text import show_message, shown_line
from workstation.gui.compare.text_pane import TextPane
from workstation.gui.context import AppContext
from workstation.gui.dialogs.flag_dialog import ask_reason
from workstation.gui.operations import Changes, OperationFailed
from workstation.gui.reviewer.audit_view import AuditView
from workstation.gui.reviewer.comment_dialog import ask_comment
from workstation.gui.reviewer.queue_model import VERDICT_LABELS
from workstation.gui.reviewer.verdict_panel import VerdictPanel

VERDICTS_CHANGED = Changes(verdicts=True)
REASON_TITLES = {VerdictKind.REVISE: "Request revisions", VerdictKind.REJECT: "Reject this rewrite"}
NO_IDENTITY = (
    "A verdict is signed with your key, and this data folder has none yet. Create or import one in "
    "Preferences ▸ Identity (or run `workstation keys init`), then give the verdict again."
)


@dataclass
class Draft:
    """What goes with an item's next verdict: the comment and the comments on spans."""

    comment: str = ""
    anchored: list[ReviewComment] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.comment.strip() or self.anchored)


class VerdictCommands(QObject):
    advance_requested = Signal()  # a verdict was given: go to the next item
    verdict_recorded = Signal(object)  # Verdict, once the store holds it
    verdict_undone = Signal(object)  # Verdict taken back, once the store let it go

    def __init__(self, context: AppContext, audit: AuditView, panel: VerdictPanel, parent: QWidget) -> None:
        super().__init__(parent)
        self._context = context
        self._audit = audit
        self._panel = panel
        self._parent = parent
        self.drafts: dict[str, Draft] = {}
        self._shown_id: str | None = None

    # ----- following the open item
    def show_item(self, detail: ItemDetail | None) -> None:
        """Keep the comment typed for the item left; show the draft and verdicts of ``detail``."""
        self._keep_typed_comment()
        self._shown_id = detail.item.item_id if detail is not None else None
        draft = self.drafts.get(self._shown_id, Draft()) if self._shown_id else Draft()
        self._panel.show_draft(draft.comment, draft.anchored)
        self._panel.show_verdicts(detail.verdicts if detail is not None else ())
        self._panel.set_enabled(detail is not None)

    def _keep_typed_comment(self) -> None:
        if self._shown_id is None:
            return
        typed = self._panel.comment_text()
        draft = self.drafts.get(self._shown_id)
        if draft is not None:
            draft.comment = typed
        elif typed.strip():
            self.drafts[self._shown_id] = Draft(comment=typed)

    def _draft(self) -> Draft:
        assert self._shown_id is not None
        self._keep_typed_comment()
        return self.drafts.setdefault(self._shown_id, Draft())

    # ----- verdicts
    def give(self, kind: VerdictKind) -> bool:
        """Record ``kind`` on the open item (asking for a reason unless accepted), then move on."""
        detail = self._audit.detail
        if detail is None:
            self._context.show_message("Open an item first: pick one in the queue.")
            return False
        identity = self._identity()
        if identity is None:
            return False
        reason: str | None = None
        if kind is not VerdictKind.ACCEPT:
            reason = ask_reason(
                self._reasons(detail),
                title=REASON_TITLES[kind],
                action=REASON_TITLES[kind],
                placeholder="Why? The writer reads this.",
                parent=self._parent,
            )
            if reason is None:
                return False
        item_id = detail.item.item_id
        draft = self._draft()
        verdict = new_verdict(
            detail.item,
            detail.rewrite.text,
            kind,
            identity,
            reason=reason,
            comment=draft.comment,
            comments=draft.anchored,
        )
        self.drafts.pop(item_id, None)
        self._panel.show_draft("", ())
        self._context.ops.run(
            "Record a verdict",
            lambda store: store.verdicts.add(verdict),
            changes=VERDICTS_CHANGED,
            on_done=self.verdict_recorded.emit,
            on_failed=lambda error: self._not_recorded(verdict, draft, error),
        )
        self.advance_requested.emit()
        return True

    def _reasons(self, detail: ItemDetail) -> tuple[str, ...]:
        project = self._context.store.projects.get(detail.item.project)
        own = project.flag_reasons if project is not None else ()
        return tuple(dict.fromkeys((*own, *REVIEW_REASONS)))

    def _not_recorded(self, verdict: Verdict, draft: Draft, error: OperationFailed) -> None:
        if draft:
            self.drafts.setdefault(verdict.rewrite_id, draft)
        show_message(
            self._parent,
            QMessageBox.Icon.Warning,
            "Verdict not saved",
            f"Your verdict on {verdict.rewrite_id} could not be saved: {error.message}",
        )

    def undo_last(self) -> None:
        """Take back this reviewer's newest verdict that has not been sealed yet."""
        identity = self._identity()
        if identity is None:
            return
        self._context.ops.run(
            "Undo the last verdict",
            lambda store: store.verdicts.undo_last(identity.fingerprint),
            changes=VERDICTS_CHANGED,
            on_done=self._undone,
            on_failed=lambda error: self._context.show_message(f"Could not undo: {error.message}"),
        )

    def _undone(self, verdict: Verdict | None) -> None:
        if verdict is None:
            self._context.show_message("No verdict to undo (sealed verdicts have gone out and stay).")
            return
        draft = Draft(comment=verdict.comment, anchored=list(verdict.comments))
        self.drafts[verdict.rewrite_id] = draft
        if verdict.rewrite_id == self._shown_id:
            self._panel.show_draft(draft.comment, draft.anchored)
        self._context.show_message(
            f"Took back “{VERDICT_LABELS[verdict.verdict]}” on {shown_line(verdict.rewrite_id)}."
        )
        self.verdict_undone.emit(verdict)

    def _identity(self) -> Identity | None:
        identity = self._context.identity()
        if identity is None:
            show_message(self._parent, QMessageBox.Icon.Information, "No signing key", NO_IDENTITY)
        return identity

    # ----- comments
    def comment_on_selection(self) -> bool:
        """Comment on the text selected in either pane, else on the change last jumped to."""
        if self._audit.detail is None:
            self._context.show_message("Open an item first: pick one in the queue.")
            return False
        # The focused pane's selection, else the change last jumped to (F8 focuses the rewrite and
        # leaves no selection there), else a selection left in the other pane.
        anchor = self._selected_anchor(focused_only=True) or self._change_anchor() or self._selected_anchor()
        if anchor is None:
            self._context.show_message(
                "Select some text in either pane, or jump to a change (F8), then comment on it."
            )
            return False
        where = "On the original:" if anchor.side == "original" else "On the rewrite:"
        if anchor.hunk is not None:
            where = f"On change {anchor.hunk + 1} ({anchor.side}):"
        text = ask_comment(where, anchor.quote, self._parent)
        if not text:
            return False
        draft = self._draft()
        draft.anchored.append(ReviewComment(text=text, anchor=anchor))
        self._panel.show_draft(draft.comment, draft.anchored)
        return True

    def remove_comment(self, row: int) -> None:
        draft = self._draft()
        if 0 <= row < len(draft.anchored):
            del draft.anchored[row]
        self._panel.show_draft(draft.comment, draft.anchored)

    def _selected_anchor(self, *, focused_only: bool = False) -> Anchor | None:
        view = self._audit.diff_view
        panes: list[tuple[str, TextPane]] = [("rewrite", view.rewrite_pane), ("original", view.original_pane)]
        focused = QApplication.focusWidget()
        if focused_only:
            panes = [entry for entry in panes if entry[1] is focused]
        for side, pane in panes:
            cursor = pane.textCursor()
            if not cursor.hasSelection():
                continue
            index = pane.utf16_index()
            start = index.to_codepoint(cursor.selectionStart())
            end = index.to_codepoint(cursor.selectionEnd())
            return Anchor(side=side, start=start, end=end, quote=pane.text()[start:end])  # type: ignore[arg-type]
        return None

    def _change_anchor(self) -> Anchor | None:
        view = self._audit.diff_view
        comparison, number = view.comparison, view.current_change
        if comparison is None or number is None:
            return None
        changes = comparison.diff.changes()
        if number >= len(changes):
            return None
        chunk = changes[number]
        if chunk.b_end > chunk.b_start:
            return Anchor(
                side="rewrite",
                start=chunk.b_start,
                end=chunk.b_end,
                quote=comparison.rewrite[chunk.b_start : chunk.b_end],
                hunk=number,
            )
        return Anchor(
            side="original",
            start=chunk.a_start,
            end=chunk.a_end,
            quote=comparison.original[chunk.a_start : chunk.a_end],
            hunk=number,
        )
