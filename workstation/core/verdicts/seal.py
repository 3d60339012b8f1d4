"""Sealing verdicts: a signed verdict bundle over exactly the rewrite texts that were judged.

The records are the verdicts (each names its bundle, rewrite and the sha256 of the judged text),
the manifest names every reviewed bundle, and the container is the rewrite bundle's (same sealer),
so the bytes are reproducible the same way: same verdicts, key and arguments, same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence

from workstation.core.bundles.build import ManifestHeader, SealedBundle, seal_container
from workstation.core.bundles.errors import BundleInputError
from workstation.core.bundles.records import RecordError, serialize_records
from workstation.core.models import Verdict
from workstation.core.verdicts.kind import VERDICT_BUNDLE
from workstation.core.verdicts.manifest import VerdictManifest
from workstation.core.verdicts.records import VERDICT_RECORDS, verdict_record


def seal_verdict_bundle(verdicts: Sequence[Verdict], header: ManifestHeader) -> SealedBundle[VerdictManifest]:
    """Seal ``verdicts`` into a signed verdict bundle.

    ``header.bundle_seq`` and ``prev_bundle_id`` place it in this signer's chain of verdict bundles
    (its own chain, apart from the signer's rewrite bundles). Every verdict must be the signer's own
    (its ``reviewer_fingerprint`` is the key's); each is sealed under ``signer_name``, the name the
    signature vouches for. Raises BundleInputError when there are none, one is someone else's, a
    verdict id repeats, or the signer details are invalid.
    """
    if not verdicts:
        raise BundleInputError("there are no verdicts to seal")
    fingerprint = header.signer.public_key.fingerprint
    for verdict in verdicts:
        if verdict.reviewer_fingerprint != fingerprint:
            raise BundleInputError(
                f"verdict {verdict.verdict_id!r} was given with key {verdict.reviewer_fingerprint[:16]}, "
                f"not the signing key {fingerprint[:16]}"
            )
    records = [
        verdict_record(verdict.model_copy(update={"reviewer_name": header.signer_name}))
        for verdict in verdicts
    ]
    try:
        records_bytes = serialize_records(records, VERDICT_RECORDS)
    except RecordError as exc:
        raise BundleInputError(str(exc)) from exc
    return seal_container(
        VERDICT_BUNDLE,
        records_bytes,
        len(records),
        header,
        manifest_fields={"reviewed_bundles": sorted({verdict.bundle_id for verdict in verdicts})},
    )
