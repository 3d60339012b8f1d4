"""What the writer is told after a seal or an upload: the sentences and boxes, and which failures
are the machine's or the data's (said in words) rather than bugs.

Kept apart from :mod:`~workstation.gui.writer.outbox_controller` because it needs the bundle and
upload code (pydantic, cryptography, HTTP), which the controller imports only when the writer seals
or uploads, after the window is painted.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from workstation.core.bundles import BundleInputError
from workstation.core.bundles.seal_work import (
    NothingSealable,
    SealResult,
    seal_submitted,
    unconfirmed_sentence,
)
from workstation.core.signing import SecretKey
from workstation.core.store import Store, StoreError
from workstation.core.sync.targets_base import UploadError
from workstation.core.text.counts import counted
from workstation.gui.common.plain_text import shown_line, shown_list
from workstation.gui.common.shortcuts import BY_ACTION
from workstation.gui.operations import Changes

UPLOAD_FAILURES = (StoreError, OSError, UploadError, ValueError)

LEFT_OUT_ADVICE = "Their task data needs fixing first: tell whoever sends you tasks."

type SealOutcome = SealResult | BundleInputError | None


def seal_or_refusal(store: Store, key: SecretKey, signer_name: str) -> SealOutcome:
    """Seal; a refusal of the work itself (no record bundles, a bad signer name) is returned,
    not raised, so the writer hears it in words instead of through the crash dialog."""
    try:
        return seal_submitted(store, key, signer_name)
    except BundleInputError as refusal:
        return refusal


def seal_changes(outcome: SealOutcome) -> Changes:
    if not isinstance(outcome, SealResult):
        return Changes()
    return Changes(tasks=True, outbox=True, sealed=frozenset(outcome.rewrite_ids))


def sealed_status(result: SealResult) -> str:
    """The status line after a seal: what was sealed, what was left out, what waits."""
    parts = [
        f"Sealed {counted(result.record_count, 'rewrite')} into bundle {result.bundle_id[:19]}…; "
        "it waits in the outbox."
    ]
    if result.left_out:
        parts.append(f"{len(result.left_out)} could not be sealed (see the list).")
    if result.waiting:
        parts.append(f"{result.waiting} more did not fit and must wait for the next seal.")
    if result.unconfirmed:
        parts.append(unconfirmed_sentence(result.unconfirmed))
    return " ".join(parts)


def sealed_summary(result: SealResult, target: str | None) -> tuple[QMessageBox.Icon, str, str]:
    """The box after a seal: what went into which bundle, what did not and why, and where the
    bundle goes next (``target``: the upload target's URL, None when none is set)."""
    upload = BY_ACTION["upload"]
    if target:
        next_step = (
            f"It waits in the outbox and goes to {shown_line(target)} as soon as you are online "
            f"(Task ▸ {upload.label}, {upload.display()}, sends it at once)."
        )
    else:
        next_step = (
            "It waits in the outbox. No upload target is set: choose one in Preferences ▸ "
            "Identity & upload, or export the bundle from the outbox (View ▸ Outbox)."
        )
    paragraphs = [
        f"Sealed {counted(result.record_count, 'rewrite')} into bundle {result.bundle_id[:19]}…, "
        f"number {result.bundle_seq} of your signed chain.",
        next_step,
    ]
    later = []
    if result.waiting:
        later.append(f"{counted(result.waiting, 'more rewrite')} did not fit and wait for the next seal.")
    if result.unconfirmed:
        later.append(unconfirmed_sentence(result.unconfirmed))
    if later:
        paragraphs.append(" ".join(later))
    if not result.left_out:
        return QMessageBox.Icon.Information, "Work sealed", "\n\n".join(paragraphs)
    paragraphs.append(
        f"{counted(len(result.left_out), 'submitted rewrite')} could not be put into the "
        f"bundle:\n\n{shown_list(result.left_out, 'rewrite')}\n\n"
        f"They stay submitted; the rest is sealed. {LEFT_OUT_ADVICE}"
    )
    return QMessageBox.Icon.Warning, "Some work was not sealed", "\n\n".join(paragraphs)


def refusal_text(refusal: BundleInputError) -> str:
    """Why nothing was sealed, naming each rewrite when the records were the reason."""
    if not isinstance(refusal, NothingSealable):
        return f"Nothing was sealed: {refusal}"
    return (
        f"Nothing was sealed: {counted(len(refusal.left_out), 'submitted rewrite')} could not be "
        f"put into a bundle:\n\n{shown_list(refusal.left_out, 'rewrite')}\n\n"
        f"They stay submitted. {LEFT_OUT_ADVICE}"
    )
