"""Receiving bundles into the reviewer's inbox: verify, check the signer and the chain, add whole.

For each bundle a source names (see ``sources``), in order:

1. read it (never past the verifier's size limit) and verify it completely
   (``bundles.verify.open_bundle``) before anything in it is believed; a verdict bundle goes to
   the verdict code instead (:func:`receive_verdict_bundle`);
2. a bundle already in the inbox is not added twice;
3. the signer: a trusted key passes; a changed key for a known writer, or a known key under
   another name, is refused by the verifier; a key never seen before is kept as *pending* and
   its bundle waits (``needs_confirmation``) until a person confirms the fingerprint;
4. the hash chain (``bundles.chain``): a fork is refused, a gap is recorded with the bundle;
5. every record is read back (``received_items``), then the bundle and all its items are added
   in one transaction of its own, so a cancel, a crash or a SIGKILL leaves each bundle wholly in
   or wholly out. The reviewer's own figures of each item are computed afterwards by the figures
   pass (``figures_pass``), which costs several times what verifying does.

Nothing here raises for a bad bundle: each refusal is a sentence in the report.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from workstation.core.bundles import BundleRejected, VerifiedBundle, open_bundle
from workstation.core.bundles.chain import ChainLink, ChainProblem, check_link
from workstation.core.clock import now_iso
from workstation.core.files.inputs import InputRefused
from workstation.core.review.keyring import pending_name_problem, record_first_key, trust_for_inbox
from workstation.core.review.received_items import RecordUnreadable, items_from_records
from workstation.core.review.sources import Candidate, SourceRefused, candidates_of
from workstation.core.signing import short_fingerprint
from workstation.core.store import Store
from workstation.core.store.inbox import InboxBundle
from workstation.core.store.writers import WriterConflict
from workstation.core.sync.targets_base import UploadError
from workstation.core.verdicts import (
    VerdictImport,
    apply_verdict_bundle,
    is_verdict_bundle,
    verify_verdict_bundle,
)
from workstation.core.verdicts.trust import reviewer_trust


@dataclass(frozen=True)
class Refusal:
    """A file or source that did not enter the inbox and why: one sentence, and a check's ``code``."""

    source: str
    reason: str
    code: str | None = None


@dataclass(frozen=True)
class UnknownSigner:
    """A writer key seen for the first time: kept as pending; its bundle waits for confirmation.

    ``public_key`` is minisign's one-line base64 form; show ``short_fingerprint`` (and the whole
    fingerprint where there is room) for the reviewer to compare with the writer's.
    """

    name: str
    fingerprint: str
    public_key: str
    source: str

    @property
    def short_fingerprint(self) -> str:
        return short_fingerprint(self.fingerprint)


@dataclass(frozen=True)
class ReceiveTrust:
    """What the person confirmed for this import: keys (fingerprints) to trust when met."""

    confirmed_fingerprints: frozenset[str] = frozenset()


@dataclass
class ReceiveReport:
    """What one receive did. ``verdicts`` holds what the verdict code returned for each verdict
    bundle; ``own_bundles`` the rewrite bundles this data folder sealed itself (skipped: a writer
    pulling verdicts from the target they upload to meets their own bundles there)."""

    added: list[InboxBundle] = field(default_factory=list)
    already_there: list[str] = field(default_factory=list)
    own_bundles: list[str] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    needs_confirmation: list[UnknownSigner] = field(default_factory=list)
    chain_problems: list[ChainProblem] = field(default_factory=list)
    verdicts: list[VerdictImport] = field(default_factory=list)
    cancelled: bool = False
    total: int = 0

    @property
    def items_added(self) -> int:
        return sum(bundle.record_count for bundle in self.added)


ProgressCallback = Callable[[int, int], object]
"""Called after each bundle with (bundles done, bundles named in all sources)."""


class _Receiver:
    """One receive call's state: the report and the current trust policy."""

    def __init__(self, store: Store, trust: ReceiveTrust) -> None:
        self.store = store
        self.confirmed = {fingerprint.lower() for fingerprint in trust.confirmed_fingerprints}
        self.report = ReceiveReport()
        self.signer_trust = trust_for_inbox(store)
        self.touched_signers: set[str] = set()

    def refuse(self, source: str, reason: str, code: str | None = None) -> None:
        self.report.refused.append(Refusal(source, reason, code))

    def take(self, candidate: Candidate) -> None:
        source = candidate.source
        try:
            data = candidate.read()
        except InputRefused as refused:
            return self.refuse(source, refused.message)
        except UploadError as failed:
            return self.refuse(source, failed.reason)
        if is_verdict_bundle(data):
            return self._take_verdicts(source, data)
        try:
            verified = open_bundle(
                data, trust=self.signer_trust, expected_bundle_id=candidate.expected_bundle_id
            )
        except BundleRejected as rejected:
            return self.refuse(source, rejected.message, rejected.reason_code.value)
        except RecursionError:
            return self.refuse(source, "the bundle is nested too deeply to read")
        if self.store.inbox.has_bundle(verified.bundle_id):
            self.report.already_there.append(verified.bundle_id)
            return None
        if self.store.outbox.get(verified.bundle_id) is not None:  # sealed here: a writer pulling
            self.report.own_bundles.append(verified.bundle_id)  # from the target they push to
            return None
        if not verified.signer_known and not self._confirm_signer(source, verified):
            return None
        self._add(source, data, verified)
        return None

    def _confirm_signer(self, source: str, verified: VerifiedBundle) -> bool:
        """Whether an unknown signer may pass now (confirmed for this import); else it waits."""
        signer = verified.manifest.signer
        problem = pending_name_problem(self.store, signer.name, signer.fingerprint)
        if problem is not None:
            self.refuse(source, problem, "signer_name_mismatch")
            return False
        if signer.fingerprint in self.confirmed:
            try:
                self.store.writers.trust(signer.name, verified.signer_public_key)
            except WriterConflict as conflict:
                self.refuse(source, str(conflict), "signer_key_changed")
                return False
            self.signer_trust = trust_for_inbox(self.store)
            return True
        record_first_key(self.store, signer.name, verified.signer_public_key)
        self.report.needs_confirmation.append(
            UnknownSigner(signer.name, signer.fingerprint, signer.public_key, source)
        )
        return False

    def _add(self, source: str, data: bytes, verified: VerifiedBundle) -> None:
        manifest = verified.manifest
        link = ChainLink(
            verified.bundle_id,
            manifest.signer.fingerprint,
            manifest.signer.name,
            manifest.bundle_seq,
            manifest.prev_bundle_id,
        )
        problem = check_link(self.store.inbox.signer_chain(link.signer_fingerprint, "rewrites"), link)
        if problem is not None:
            self.report.chain_problems.append(problem)
            if problem.refuses:
                return self.refuse(source, problem.sentence, f"chain_{problem.kind}")
        try:
            items = items_from_records(verified.records)
        except RecordUnreadable as unreadable:
            return self.refuse(source, str(unreadable), "record_invalid")
        clashes = self.store.inbox.existing_item_ids([item.item_id for item in items])
        if clashes:
            return self.refuse(
                source, f"rewrite {min(clashes)!r} is already in the inbox from another bundle", "item_clash"
            )
        bundle = InboxBundle(
            bundle_id=verified.bundle_id,
            kind="rewrites",
            signer_fingerprint=link.signer_fingerprint,
            signer_name=link.signer_name,
            bundle_seq=link.bundle_seq,
            prev_bundle_id=link.prev_bundle_id,
            created_at=manifest.created_at,
            received_at=now_iso(),
            source=source,
            record_count=len(items),
            size=len(data),
            chain_problem=problem.sentence if problem is not None else None,
        )
        try:
            with self.store.database.write() as conn:
                self.store.inbox.add_bundle(conn, bundle, data, items)
        except sqlite3.IntegrityError:  # another import added it (or one of its items) meanwhile
            if self.store.inbox.has_bundle(bundle.bundle_id):
                self.report.already_there.append(bundle.bundle_id)
                return None
            return self.refuse(
                source, "one of its rewrites is already in the inbox from another bundle", "item_clash"
            )
        self.report.added.append(bundle)
        self.touched_signers.add(link.signer_fingerprint)
        return None

    def _take_verdicts(self, source: str, data: bytes) -> None:
        outcome = receive_verdict_bundle(self.store, data, source)
        if isinstance(outcome, Refusal):
            self.report.refused.append(outcome)
        else:
            self.report.verdicts.append(outcome)

    def settle_gaps(self) -> None:
        """Clear the gap of a bundle whose missing predecessors arrived (and linked up) since."""
        for fingerprint in sorted(self.touched_signers):
            chain = self.store.inbox.signer_chain(fingerprint, "rewrites")
            for bundle in chain:
                if bundle.chain_problem is None:
                    continue
                others = [other for other in chain if other.bundle_id != bundle.bundle_id]
                problem = check_link(others, bundle)
                sentence = problem.sentence if problem is not None else None
                if sentence != bundle.chain_problem:
                    with self.store.database.write() as conn:
                        self.store.inbox.set_chain_problem(conn, bundle.bundle_id, sentence)


def receive(
    store: Store,
    sources: Sequence[str],
    *,
    trust: ReceiveTrust | None = None,
    on_progress: ProgressCallback | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> ReceiveReport:
    """Receive every bundle the ``sources`` name into ``store``'s inbox (see the module docstring).

    ``on_progress(done, total)`` is called after each bundle; ``should_cancel()`` is asked before
    each one, and a True answer stops the import there (``report.cancelled``) with every bundle
    before it in. The items' figures are left to the figures pass (:mod:`.figures_pass`).
    Raises only StoreError (the store itself failed), never for a bundle.
    """
    receiver = _Receiver(store, trust or ReceiveTrust())
    report = receiver.report
    candidates: list[Candidate] = []
    for source in sources:
        try:
            candidates += candidates_of(source)
        except SourceRefused as refused:
            receiver.refuse(source, str(refused))
    report.total = len(candidates)
    try:
        for done, candidate in enumerate(candidates, start=1):
            if should_cancel is not None and should_cancel():
                report.cancelled = True
                break
            receiver.take(candidate)
            if on_progress is not None:
                on_progress(done, report.total)
    finally:
        receiver.settle_gaps()
    return report


def receive_verdict_bundle(store: Store, data: bytes, source: str) -> VerdictImport | Refusal:
    """Verify a verdict bundle and apply it (``core.verdicts``); a Refusal when it is refused.

    Reviewers are trusted on first use and pinned after (``verdicts.reviewer_trust``): the writers'
    keyring says nothing about reviewers, and a writer receives verdicts from reviewers they have
    never exchanged keys with. The import report names the reviewer and the key.
    """
    try:
        verified = verify_verdict_bundle(data, reviewer_trust(store))
    except BundleRejected as rejected:
        return Refusal(source, rejected.message, rejected.reason_code.value)
    return apply_verdict_bundle(store, verified, data, source)
