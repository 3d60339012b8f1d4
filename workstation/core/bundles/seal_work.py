"""Sealing submitted work: one signed bundle, its outbox row and the "sealed" marks, all or nothing.

Everything happens inside one ``BEGIN IMMEDIATE`` transaction on the store: read the submitted
rewrites nobody has sealed, build their records, sign the bundle as the next link of this signer's
hash chain, insert it into the outbox and mark the rewrites sealed. A crash, kill or error at any
point rolls all of it back, so a rewrite is never sealed twice and never lost between the two.

Each record carries the effort signals of its task's sittings (``effort.signals``): every sitting
in the store at the seal, or for a revision of a sealed rewrite only those begun after that
rewrite's bundle was sealed, so no sitting is counted in two bundles. A writer who turned
recording off gets "not recorded", never zeros.

One bad record never blocks the rest: a rewrite whose record cannot be bundled (a value JSON
cannot hold, such as an infinity stored before imports refused them) is left out with a sentence
naming its task, and stays submitted and unsealed. Work beyond what one bundle may hold waits
for the next seal, and so does a submitted rewrite edited after submit until the writer submits
it again (see :mod:`workstation.core.submission`): a bundle holds only confirmed submissions.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from workstation.core.bundles import (
    DEFAULT_LIMITS,
    BundleInputError,
    BundleRejected,
    SignerTrust,
    VerifiedBundle,
    open_bundle,
)
from workstation.core.bundles.build import ManifestHeader, SealedBundle, seal_records_file
from workstation.core.bundles.kind import REWRITE_BUNDLE
from workstation.core.bundles.manifest import ManifestBase
from workstation.core.bundles.records import RecordError, encode_record, join_records
from workstation.core.clock import parse_iso_utc
from workstation.core.effort.signals import EffortSignals, summarise_effort
from workstation.core.models import Rewrite, Task
from workstation.core.records import bundle_record
from workstation.core.signing import PublicKey, SecretKey
from workstation.core.store import Store
from workstation.core.text.counts import counted


@dataclass(frozen=True)
class LeftOut:
    """A submitted rewrite a seal could not include; it stays submitted and unsealed."""

    task_id: str
    rewrite_id: str
    reason: str

    def __str__(self) -> str:
        return f"task {self.task_id!r} was not sealed: {self.reason}"


class NothingSealable(BundleInputError):
    """No submitted rewrite could be bundled; nothing was sealed. ``left_out`` names each one."""

    def __init__(self, left_out: tuple[LeftOut, ...]) -> None:
        super().__init__("; ".join(str(item) for item in left_out))
        self.left_out = left_out


@dataclass(frozen=True)
class SealResult:
    """What one seal produced. ``data`` is the exact bundle (also stored in the outbox).

    ``left_out`` lists the rewrites whose records could not be bundled, ``waiting`` counts the
    good ones that did not fit into this bundle and wait for the next seal, ``unconfirmed`` the
    submitted ones edited after submit, which wait until they are submitted again.
    """

    bundle_id: str
    bundle_seq: int
    prev_bundle_id: str | None
    record_count: int
    signer_name: str
    signer_fingerprint: str
    rewrite_ids: tuple[str, ...]
    data: bytes = field(repr=False)
    left_out: tuple[LeftOut, ...] = ()
    waiting: int = 0
    unconfirmed: int = 0

    @property
    def size(self) -> int:
        """Size of the bundle in bytes."""
        return len(self.data)


def count_unsealed(store: Store, project: str | None = None) -> int:
    """How many submitted rewrites are waiting to be sealed (for "Seal N rewrites" labels)."""
    return store.rewrites.count_unsealed(project)


def count_unconfirmed(store: Store, project: str | None = None) -> int:
    """How many submitted rewrites were edited after submit: no seal takes them until they are
    submitted again."""
    return store.rewrites.count_edited_after_submit(project)


def unconfirmed_sentence(count: int) -> str:
    """What a seal says about the rewrites it did not take because they were edited after submit
    ("" for none), in the same words in the app and on the command line."""
    if not count:
        return ""
    was, waits, them = ("was", "waits", "it") if count == 1 else ("were", "wait", "them")
    return (
        f"{counted(count, 'submitted rewrite')} {was} edited after submit and {waits} until you "
        f"submit {them} again."
    )


def seal_submitted(
    store: Store,
    secret_key: SecretKey,
    signer_name: str,
    *,
    project: str | None = None,
    created_at: datetime | None = None,
) -> SealResult | None:
    """Seal every confirmed submitted, unsealed rewrite (of ``project``, or all) into one bundle.

    Returns None when there is nothing to seal. ``created_at`` (timezone-aware; default now)
    goes into the manifest; with the same store content, key and ``created_at`` the bundle bytes
    are identical. A rewrite whose record cannot be bundled is left out (``SealResult.left_out``);
    raises NothingSealable (a BundleInputError; nothing is changed) when no record can be bundled,
    BundleInputError when the signer details are invalid, and StoreError/StoreBusy from the store.
    """
    moment = created_at or datetime.now(UTC)
    with store.database.write() as conn:
        pairs = store.rewrites.unsealed_pairs(conn, project)
        if not pairs:
            return None
        lines, left_out = _encode(store, pairs)
        if not lines:
            raise NothingSealable(left_out)
        chosen = fit_one_bundle(lines)
        sealed = seal_into_outbox(
            store,
            conn,
            REWRITE_BUNDLE.name,
            len(chosen),
            lambda header: seal_records_file(join_records(chosen), len(chosen), header),
            secret_key=secret_key,
            signer_name=signer_name,
            created_at=moment,
        )
        rewrite_ids = tuple(rewrite_id for rewrite_id, _line in chosen)
        store.rewrites.mark_sealed(conn, rewrite_ids, sealed.bundle_id)
        unconfirmed = store.rewrites.count_edited_after_submit(project, conn)
    return SealResult(
        bundle_id=sealed.bundle_id,
        bundle_seq=sealed.manifest.bundle_seq,
        prev_bundle_id=sealed.manifest.prev_bundle_id,
        record_count=len(chosen),
        signer_name=signer_name,
        signer_fingerprint=sealed.manifest.signer.fingerprint,
        rewrite_ids=rewrite_ids,
        data=sealed.data,
        left_out=left_out,
        waiting=len(lines) - len(chosen),
        unconfirmed=unconfirmed,
    )


def seal_into_outbox[M: ManifestBase](
    store: Store,
    conn: sqlite3.Connection,
    kind_name: str,
    record_count: int,
    seal: Callable[[ManifestHeader], SealedBundle[M]],
    *,
    secret_key: SecretKey,
    signer_name: str,
    created_at: datetime,
) -> SealedBundle[M]:
    """Seal the next link of the signer's chain of ``kind_name`` bundles and add it to the outbox.

    Runs inside the caller's sealing transaction ``conn``, so the chain head read, the seal and the
    outbox row commit or roll back together with the caller's "sealed" marks. ``seal`` builds the
    bundle of ``record_count`` records from the header this places after the outbox's chain head.
    """
    fingerprint = secret_key.public_key.fingerprint
    head = store.outbox.chain_head(fingerprint, kind_name)
    header = ManifestHeader(
        signer=secret_key,
        signer_name=signer_name,
        bundle_seq=head.bundle_seq + 1 if head else 1,
        prev_bundle_id=head.bundle_id if head else None,
        created_at=created_at,
    )
    sealed = seal(header)
    store.outbox.insert(
        conn,
        bundle_id=sealed.bundle_id,
        bundle_seq=header.bundle_seq,
        signer_fingerprint=fingerprint,
        data=sealed.data,
        record_count=record_count,
        kind=kind_name,
    )
    return sealed


def effort_at_seal(store: Store, task: Task, rewrite: Rewrite) -> EffortSignals:
    """The effort signals sealed with ``rewrite``: its task's sittings in ``store`` (for a revision,
    those begun after the revised rewrite's bundle entered the outbox) and its final text."""
    sessions = store.work_sessions.for_task(task.id)
    revised = store.outbox.get(rewrite.revision_of["bundle_id"]) if rewrite.revision_of else None
    if revised is not None:
        after = parse_iso_utc(revised.created_at)
        sessions = [s for s in sessions if parse_iso_utc(s.started_at) >= after]
    return summarise_effort(sessions, rewrite.text)


def _encode(
    store: Store, pairs: Sequence[tuple[Task, Rewrite]]
) -> tuple[list[tuple[str, bytes]], tuple[LeftOut, ...]]:
    """Each pair's bundle line, sorted by rewrite id, and the pairs whose record cannot be bundled."""
    lines: list[tuple[str, bytes]] = []
    left_out: list[LeftOut] = []
    for task, rewrite in pairs:
        try:
            record = bundle_record(task, rewrite, effort_at_seal(store, task, rewrite))
            lines.append((rewrite.rewrite_id, encode_record(record)))
        except RecordError as problem:
            left_out.append(LeftOut(task.id, rewrite.rewrite_id, str(problem)))
    lines.sort()
    return lines, tuple(left_out)


def fit_one_bundle(lines: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """The first ``(record id, line)`` pairs (sorted by id) that fit into one bundle's records member."""
    room = DEFAULT_LIMITS.max_member_bytes
    for count, (_rewrite_id, line) in enumerate(lines):
        room -= len(line) + 1
        if room < 0:
            return lines[:count]
    return lines


def trust_for(
    *, pinned: Sequence[PublicKey] = (), known_writers: dict[str, frozenset[str]] | None = None
) -> tuple[SignerTrust, str]:
    """The trust policy for checking a bundle, and a word for it (``pinned``, ``known``, ``none``).

    Pinned keys win, and a pinned key that contradicts a known writer (another key in their name,
    their key under another name) is still refused; else the writers this data dir knows (others
    are accepted but reported as unverified); else integrity only.
    """
    if pinned:
        only = SignerTrust.only_key(*pinned)
        return SignerTrust(
            known_writers=SignerTrust.from_known_writers(known_writers or {}).known_writers,
            pinned_fingerprints=only.pinned_fingerprints,
        ), "pinned"
    if known_writers:
        return SignerTrust.from_known_writers(known_writers, allow_unknown_signers=True), "known"
    return SignerTrust.accept_any(), "none"


def verify_bytes(
    data: bytes, trust: SignerTrust, *, expected_bundle_id: str | None = None
) -> VerifiedBundle | BundleRejected:
    """Open a bundle and return the verified bundle, or the rejection (never raises it).

    A convenience for the CLI and the GUI, which show either outcome rather than crash on one.
    """
    try:
        return open_bundle(data, trust=trust, expected_bundle_id=expected_bundle_id)
    except BundleRejected as rejection:
        return rejection


def describe_bundle(verified: VerifiedBundle) -> dict[str, Any]:
    """A JSON-ready summary of a verified bundle: signer, key, chain position, count, id."""
    manifest = verified.manifest
    return {
        "bundle_id": verified.bundle_id,
        "signer": manifest.signer.name,
        "fingerprint": manifest.signer.fingerprint,
        "key_id": manifest.signer.key_id,
        "bundle_seq": manifest.bundle_seq,
        "prev_bundle_id": manifest.prev_bundle_id,
        "created_at": manifest.created_at,
        "count": manifest.counts.rewrites,
        "signer_known": verified.signer_known,
        "app": manifest.app.model_dump(),
    }
