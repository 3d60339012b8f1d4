"""Sealing the reviewer's verdicts: one verdict bundle, its outbox row and the "sealed" marks at once.

Like sealing rewrites (``core/bundles/seal_work.py``), all of it happens in one ``BEGIN
IMMEDIATE`` transaction: read this reviewer's unsealed verdicts, sign them as the next link of
the signer's chain of *verdict* bundles (apart from their rewrite bundles), insert the bundle into
the outbox (kind ``verdicts``, pushed to the same targets) and mark the verdicts sealed. A crash
at any point rolls all of it back; a verdict is never sent twice and never lost between.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from workstation.core.bundles.records import encode_record
from workstation.core.bundles.seal_work import fit_one_bundle, seal_into_outbox
from workstation.core.signing import SecretKey
from workstation.core.store import Store
from workstation.core.verdicts.records import VERDICT_RECORDS, verdict_record
from workstation.core.verdicts.seal import seal_verdict_bundle
from workstation.core.verdicts.spec import VERDICT_KIND_NAME


@dataclass(frozen=True)
class VerdictSealResult:
    """What one verdict seal produced; ``data`` is the exact bundle (also stored in the outbox).

    ``waiting`` counts verdicts that did not fit into this bundle and wait for the next seal.
    """

    bundle_id: str
    bundle_seq: int
    prev_bundle_id: str | None
    record_count: int
    signer_name: str
    signer_fingerprint: str
    verdict_ids: tuple[str, ...]
    reviewed_bundles: tuple[str, ...]
    data: bytes = field(repr=False)
    waiting: int = 0

    @property
    def size(self) -> int:
        """Size of the bundle in bytes."""
        return len(self.data)


def count_unsealed_verdicts(store: Store, reviewer_fingerprint: str) -> int:
    """How many of this reviewer's verdicts wait to be sealed (for "Seal N verdicts" labels)."""
    return len(store.verdicts.unsealed(reviewer_fingerprint))


def seal_verdicts(
    store: Store, secret_key: SecretKey, signer_name: str, *, created_at: datetime | None = None
) -> VerdictSealResult | None:
    """Seal every unsealed verdict of this key's reviewer into one verdict bundle in the outbox.

    Returns None when there is nothing to seal. ``created_at`` (timezone-aware; default now) goes
    into the manifest. Raises BundleInputError (nothing changed) for invalid signer details, and
    StoreError/StoreBusy from the store.
    """
    moment = created_at or datetime.now(UTC)
    fingerprint = secret_key.public_key.fingerprint
    with store.database.write() as conn:
        unsealed = store.verdicts.unsealed(fingerprint)  # the same connection: read in the transaction
        if not unsealed:
            return None
        by_id = {verdict.verdict_id: verdict for verdict in unsealed}
        lines = sorted(
            (verdict.verdict_id, encode_record(verdict_record(verdict), None, VERDICT_RECORDS))
            for verdict in unsealed
        )
        chosen = [by_id[verdict_id] for verdict_id, _line in fit_one_bundle(lines)]
        sealed = seal_into_outbox(
            store,
            conn,
            VERDICT_KIND_NAME,
            len(chosen),
            lambda header: seal_verdict_bundle(chosen, header),
            secret_key=secret_key,
            signer_name=signer_name,
            created_at=moment,
        )
        verdict_ids = tuple(verdict.verdict_id for verdict in chosen)
        store.verdicts.mark_sealed(conn, verdict_ids, sealed.bundle_id)
    return VerdictSealResult(
        bundle_id=sealed.bundle_id,
        bundle_seq=sealed.manifest.bundle_seq,
        prev_bundle_id=sealed.manifest.prev_bundle_id,
        record_count=len(chosen),
        signer_name=signer_name,
        signer_fingerprint=fingerprint,
        verdict_ids=verdict_ids,
        reviewed_bundles=sealed.manifest.reviewed_bundles,
        data=sealed.data,
        waiting=len(unsealed) - len(chosen),
    )
