"""Taking a verified verdict bundle into the store: the bundle, its verdicts and reopened tasks.

Each verdict is checked against the rewrite it names, as sealed in this store's own bundles (see
``judged_texts``). What does not fit is reported and the rest imported: a verdict for a bundle
this store never saw, for a task the writer no longer has, or over a text that is not the sealed
one (refused, with the reason). A verdict bundle already held is reported, never added twice;
one of whose verdicts none fits is not added at all.

Everything else goes in one transaction: the bundle's row (kind ``verdicts``, exact bytes), its
verdicts, and, on a writer's store, each task whose reviewer's latest verdict in the bundle is
``revise`` reopened as a new draft that references the sealed rewrite (``revision_of``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from workstation.core.clock import now_iso
from workstation.core.models import Verdict, VerdictKind
from workstation.core.store import Store
from workstation.core.store.inbox import InboxBundle
from workstation.core.verdicts.judged_texts import (
    JudgedText,
    JudgedTexts,
    UnknownReviewedBundle,
    VerdictMismatch,
)
from workstation.core.verdicts.spec import VERDICT_KIND_NAME
from workstation.core.verdicts.verify import VerifiedVerdicts


@dataclass(frozen=True)
class VerdictProblem:
    """One verdict left out of an import, and why (a sentence)."""

    verdict_id: str
    task_id: str
    bundle_id: str
    reason: str

    def __str__(self) -> str:
        return f"the verdict on task {self.task_id!r} was not imported: {self.reason}"


@dataclass(frozen=True)
class VerdictImport:
    """What importing one verdict bundle did.

    ``added`` says the bundle went into the store; ``already_held`` that it was there before (a
    replay: nothing changed). ``imported`` are the verdicts now in the store (``duplicates``
    counts those it held already, such as a reviewer's own); ``reopened`` the task ids put back in
    the writer's queue. ``unknown_bundle``, ``missing_task`` and ``refused`` are the verdicts left
    out and why.
    """

    bundle_id: str
    source: str
    reviewer_name: str
    reviewer_fingerprint: str
    reviewer_known: bool
    added: bool
    already_held: bool = False
    imported: tuple[Verdict, ...] = ()
    duplicates: int = 0
    reopened: tuple[str, ...] = ()
    unknown_bundle: tuple[VerdictProblem, ...] = ()
    missing_task: tuple[VerdictProblem, ...] = ()
    refused: tuple[VerdictProblem, ...] = ()

    @property
    def problems(self) -> tuple[VerdictProblem, ...]:
        return self.unknown_bundle + self.missing_task + self.refused

    def summary(self) -> str:
        """One sentence for a status line or the CLI."""
        who = f"{self.reviewer_name} (key {self.reviewer_fingerprint[:16]})"
        if self.already_held:
            return f"the verdict bundle from {who} is already here; nothing was added"
        if not self.added:
            return f"no verdict from {who} fits this data folder; the bundle was not added"
        text = f"{len(self.imported)} verdict(s) from {who}"
        if self.reopened:
            text += f", {len(self.reopened)} task(s) back in your queue for revision"
        if self.problems:
            text += f"; {len(self.problems)} left out"
        return text


@dataclass(frozen=True)
class _Sorted:
    fitting: list[tuple[Verdict, JudgedText]]
    unknown_bundle: list[VerdictProblem]
    missing_task: list[VerdictProblem]
    refused: list[VerdictProblem]


def _problem(verdict: Verdict, reason: str) -> VerdictProblem:
    return VerdictProblem(verdict.verdict_id, verdict.task_id, verdict.bundle_id, reason)


def _sort_verdicts(store: Store, verdicts: Iterable[Verdict]) -> _Sorted:
    texts = JudgedTexts(store)
    result = _Sorted([], [], [], [])
    for verdict in verdicts:
        try:
            judged = texts.find(verdict)
        except UnknownReviewedBundle as exc:
            result.unknown_bundle.append(_problem(verdict, str(exc)))
            continue
        except VerdictMismatch as exc:
            result.refused.append(_problem(verdict, str(exc)))
            continue
        if judged.holder == "outbox" and store.tasks.get(verdict.task_id) is None:
            result.missing_task.append(_problem(verdict, "that task is no longer in this data folder"))
            continue
        result.fitting.append((verdict, judged))
    return result


def _revisions(fitting: list[tuple[Verdict, JudgedText]]) -> list[tuple[Verdict, JudgedText]]:
    """The writer's own rewrites whose latest verdict in this bundle asks for revisions."""
    latest: dict[str, tuple[Verdict, JudgedText]] = {}
    for verdict, judged in fitting:
        if judged.holder != "outbox":
            continue
        held = latest.get(verdict.rewrite_id)
        if held is None or verdict.created_at >= held[0].created_at:
            latest[verdict.rewrite_id] = (verdict, judged)
    return [pair for pair in latest.values() if pair[0].verdict is VerdictKind.REVISE]


def apply_verdict_bundle(
    store: Store,
    verified: VerifiedVerdicts,
    data: bytes,
    source: str,
    *,
    chain_problem: str | None = None,
) -> VerdictImport:
    """Add a verified verdict bundle (``data``, its exact bytes, read from ``source``) to the store.

    ``chain_problem`` is the sentence the receiver recorded for a break in the reviewer's chain of
    verdict bundles, if any. Raises StoreError/StoreBusy from the store (nothing is then added).
    """
    manifest = verified.manifest
    base = VerdictImport(
        bundle_id=verified.bundle_id,
        source=source,
        reviewer_name=verified.signer_name,
        reviewer_fingerprint=verified.signer_fingerprint,
        reviewer_known=verified.signer_known,
        added=False,
    )
    if store.inbox.has_bundle(verified.bundle_id):
        return replace(base, already_held=True)
    found = _sort_verdicts(store, verified.verdicts)
    base = replace(
        base,
        unknown_bundle=tuple(found.unknown_bundle),
        missing_task=tuple(found.missing_task),
        refused=tuple(found.refused),
    )
    if not found.fitting:
        return base
    imported = tuple(verdict for verdict, _judged in found.fitting)
    bundle = InboxBundle(
        bundle_id=verified.bundle_id,
        kind=VERDICT_KIND_NAME,
        signer_fingerprint=manifest.signer.fingerprint,
        signer_name=manifest.signer.name,
        bundle_seq=manifest.bundle_seq,
        prev_bundle_id=manifest.prev_bundle_id,
        created_at=manifest.created_at,
        received_at=now_iso(),
        source=source,
        record_count=len(verified.verdicts),
        size=len(data),
        chain_problem=chain_problem,
    )
    reopened: list[str] = []
    with store.database.write() as conn:
        if store.inbox.has_bundle(verified.bundle_id):  # added meanwhile by another import
            return replace(base, already_held=True)
        store.inbox.add_bundle(conn, bundle, data, [])
        added = store.verdicts.add_received(conn, imported, verified.bundle_id)
        for verdict, judged in _revisions(found.fitting):
            draft = store.rewrites.reopen_for_revision(
                conn,
                task_id=verdict.task_id,
                rewrite_id=verdict.rewrite_id,
                bundle_id=verdict.bundle_id,
                text=judged.text,
            )
            if draft is not None:
                reopened.append(verdict.task_id)
    return replace(
        base,
        added=True,
        imported=imported,
        duplicates=len(imported) - added,
        reopened=tuple(reopened),
    )
