"""Opening a verdict bundle: the shared container checks, then what makes its verdicts believable.

After the container verifier (signature, trust, hashes, strict records) has passed, two checks tie
the records to the signature: every verdict is in the signer's own name and key (nobody signs a
verdict for another reviewer), and the manifest's ``reviewed_bundles`` are exactly the bundles the
verdicts name. Nothing is read from a verdict bundle that failed either.
"""

from __future__ import annotations

from dataclasses import dataclass

from workstation.core.bundles.errors import BundleRejected, RejectReason
from workstation.core.bundles.spec import DEFAULT_LIMITS, MIMETYPE_MEMBER, BundleLimits
from workstation.core.bundles.trust import SignerTrust
from workstation.core.bundles.verify import open_container
from workstation.core.bundles.zip_structure import read_member_bytes, read_zip_members
from workstation.core.models import Verdict
from workstation.core.signing import PublicKey
from workstation.core.verdicts.kind import VERDICT_BUNDLE
from workstation.core.verdicts.manifest import VerdictManifest
from workstation.core.verdicts.records import verdict_from_record
from workstation.core.verdicts.spec import VERDICT_MIMETYPE


@dataclass(frozen=True)
class VerifiedVerdicts:
    """A verdict bundle that passed every check, with its verdicts as models.

    ``signer_known`` is False when the trust policy let an unknown reviewer through (trust on
    first use); the caller shows the key then.
    """

    bundle_id: str
    manifest: VerdictManifest
    manifest_bytes: bytes
    verdicts: tuple[Verdict, ...]
    signer_public_key: PublicKey
    signer_known: bool
    trusted_comment: str

    @property
    def signer_name(self) -> str:
        return self.manifest.signer.name

    @property
    def signer_fingerprint(self) -> str:
        return self.manifest.signer.fingerprint

    @property
    def reviewed_bundles(self) -> tuple[str, ...]:
        return self.manifest.reviewed_bundles


def is_verdict_bundle(data: bytes) -> bool:
    """Whether ``data`` looks like a verdict bundle by its mimetype (a sniff, not a verification).

    Reads only the zip's directory and its first, stored member; anything unreadable is False.
    """
    try:
        members = read_zip_members(bytes(data), DEFAULT_LIMITS)
        if not members or members[0].name != MIMETYPE_MEMBER or members[0].size != len(VERDICT_MIMETYPE):
            return False
        return read_member_bytes(bytes(data), members[0]) == VERDICT_MIMETYPE.encode("ascii")
    except BundleRejected:
        return False


def verify_verdict_bundle(
    data: bytes | bytearray | memoryview,
    trust: SignerTrust,
    *,
    expected_bundle_id: str | None = None,
    limits: BundleLimits = DEFAULT_LIMITS,
) -> VerifiedVerdicts:
    """Verify a verdict bundle held in memory and return its verdicts; raises BundleRejected.

    ``trust`` says which reviewers are acceptable (see SignerTrust). A rewrite bundle is refused
    at its mimetype.
    """
    opened = open_container(
        VERDICT_BUNDLE, data, trust=trust, expected_bundle_id=expected_bundle_id, limits=limits
    )
    manifest = opened.manifest
    verdicts = tuple(verdict_from_record(record) for record in opened.records)
    signer = manifest.signer
    for verdict in verdicts:
        if verdict.reviewer_fingerprint != signer.fingerprint or verdict.reviewer_name != signer.name:
            raise BundleRejected(
                RejectReason.RECORD_INVALID,
                f"verdict {verdict.verdict_id!r} is in the name of {verdict.reviewer_name!r} "
                f"(key {verdict.reviewer_fingerprint[:16]}), but the bundle is signed by "
                f"{signer.name!r} (key {signer.fingerprint[:16]})",
            )
    named = sorted({verdict.bundle_id for verdict in verdicts})
    if tuple(named) != manifest.reviewed_bundles:
        raise BundleRejected(
            RejectReason.RECORD_INVALID,
            "the manifest's reviewed_bundles are not exactly the bundles its verdicts judge",
        )
    return VerifiedVerdicts(
        bundle_id=opened.bundle_id,
        manifest=manifest,
        manifest_bytes=opened.manifest_bytes,
        verdicts=verdicts,
        signer_public_key=opened.signer_public_key,
        signer_known=opened.signer_known,
        trusted_comment=opened.trusted_comment,
    )
