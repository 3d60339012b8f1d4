"""Opening a bundle: every check, in memory, before a single record is believed.

Checks run cheapest first, so a hostile bundle is refused before it costs memory: the zip's
structure (paths, duplicates, links, unsigned bytes, declared sizes against the limits and the
compression ratio), the mimetype, the manifest and its signature (both small and capped), the
signer's trust, that the members are exactly the listed files, and that the sizes the manifest
declares are the central directory's. Only then is a record inflated: in chunks, with a running
cap at the declared size, hashed and parsed as it streams, so a member is never held whole as
bytes. A record problem is reported only once the member's hash has been found right, so a
tampered bundle reports the tampering, not what it did to the records.

Memory: besides the bundle bytes the caller holds, the verifier keeps the parsed records (1.2 to
1.5 times their JSON size; :attr:`BundleLimits.max_total_bytes` caps that size), one chunk, and
while a record line is parsed about three copies of it (:attr:`BundleLimits.max_record_bytes`).

:func:`open_container` verifies any bundle kind (see ``kind.BundleKind``); :func:`open_bundle` is
the rewrite bundle's front door.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from typing import Any

from workstation.core.bundles.errors import BundleRejected, RejectReason
from workstation.core.bundles.kind import REWRITE_BUNDLE, BundleKind
from workstation.core.bundles.manifest import Manifest, ManifestBase, parse_manifest
from workstation.core.bundles.records import RecordError, RecordsReader
from workstation.core.bundles.spec import (
    DEFAULT_LIMITS,
    MANIFEST_MEMBER,
    MIMETYPE_MEMBER,
    RESERVED_MEMBERS,
    SIGNATURE_MEMBER,
    BundleLimits,
    bundle_id_for,
    trusted_comment_for,
)
from workstation.core.bundles.trust import SignerTrust
from workstation.core.bundles.zip_structure import (
    METHOD_STORED,
    ZipMember,
    iter_member_chunks,
    read_member_bytes,
    read_zip_members,
)
from workstation.core.signing import (
    PublicKey,
    SignatureError,
    SignatureFormatError,
    parse_minisig,
    verify_minisig,
)


@dataclass(frozen=True)
class VerifiedBundle[M: ManifestBase]:
    """A bundle that passed every check. ``signer_known`` is False only under ``accept_any`` trust."""

    bundle_id: str
    manifest: M
    manifest_bytes: bytes
    records: tuple[dict[str, Any], ...]
    signer_public_key: PublicKey
    signer_known: bool
    trusted_comment: str


def _check_mimetype(data: bytes, members: list[ZipMember], mimetype: str) -> None:
    if not members or members[0].name != MIMETYPE_MEMBER:
        raise BundleRejected(RejectReason.MIMETYPE, "the first member is not 'mimetype'")
    first = members[0]
    if first.method != METHOD_STORED:
        raise BundleRejected(RejectReason.MIMETYPE, "'mimetype' must be stored uncompressed")
    if first.size != len(mimetype) or read_member_bytes(data, first) != mimetype.encode("ascii"):
        raise BundleRejected(RejectReason.MIMETYPE, f"'mimetype' is not {mimetype!r}")


def _read_capped(data: bytes, member: ZipMember, cap: int) -> bytes:
    if member.size > cap:
        raise BundleRejected(
            RejectReason.MEMBER_TOO_LARGE, f"{member.name!r} declares {member.size} bytes; the limit is {cap}"
        )
    return read_member_bytes(data, member)


def _breaks_the_line(char: str) -> bool:
    """A control character (tab aside) or a Unicode line or paragraph separator."""
    return char != "\t" and unicodedata.category(char) in ("Cc", "Zl", "Zp")


def _check_signature(
    manifest: ManifestBase, manifest_bytes: bytes, signature_bytes: bytes, bundle_id: str
) -> str:
    """Verify the manifest's signature by the key the manifest names; return the trusted comment."""
    try:
        signature = parse_minisig(signature_bytes)
    except SignatureFormatError as exc:
        raise BundleRejected(RejectReason.SIGNATURE_INVALID, f"{SIGNATURE_MEMBER}: {exc}") from exc
    if not signature.is_prehashed:
        raise BundleRejected(
            RejectReason.SIGNATURE_INVALID, "bundle signatures must use the prehashed ED form"
        )
    if any(_breaks_the_line(char) for char in signature.untrusted_comment):
        raise BundleRejected(
            RejectReason.SIGNATURE_INVALID,
            f"{SIGNATURE_MEMBER}: the untrusted comment holds control characters or line breaks",
        )
    if signature.to_text().encode("utf-8") != signature_bytes:
        # Any untrusted comment is accepted (see spec); the other three lines, the line ends and
        # the base64 must be exactly as minisign writes them, so those bytes cannot vary.
        raise BundleRejected(
            RejectReason.SIGNATURE_INVALID, f"{SIGNATURE_MEMBER} is not in minisign's exact form"
        )
    public_key = manifest.signer.parsed_public_key()
    try:
        trusted_comment = verify_minisig(manifest_bytes, signature, public_key, allow_legacy=False)
    except SignatureError as exc:
        raise BundleRejected(RejectReason.BAD_SIGNATURE, f"manifest signature: {exc}") from exc
    expected = trusted_comment_for(
        bundle_id,
        manifest.signer.name,
        manifest.signer.fingerprint,
        manifest.FORMAT_NAME,
        manifest.format_version,
    )
    if trusted_comment != expected:
        raise BundleRejected(
            RejectReason.TRUSTED_COMMENT_MISMATCH,
            "the signed trusted comment does not describe this manifest",
        )
    return trusted_comment


def _check_member_set(members: dict[str, ZipMember], manifest: ManifestBase) -> None:
    listed = {entry.path for entry in manifest.files}
    for name in members:
        if name not in RESERVED_MEMBERS and name not in listed:
            raise BundleRejected(
                RejectReason.UNLISTED_MEMBER, f"member {name!r} is not listed in the manifest"
            )
    for path in sorted(listed):
        if path not in members:
            raise BundleRejected(RejectReason.MISSING_MEMBER, f"listed file {path!r} is missing")


def _check_declared_sizes(members: dict[str, ZipMember], manifest: ManifestBase) -> None:
    """The manifest's sizes must be the central directory's, before anything is inflated."""
    for entry in manifest.files:
        member = members[entry.path]
        if member.size != entry.size:
            raise BundleRejected(
                RejectReason.SIZE_MISMATCH,
                f"{entry.path!r} is {member.size} bytes in the archive but {entry.size} in the manifest",
            )


def _read_listed_files(
    data: bytes,
    members: dict[str, ZipMember],
    manifest: ManifestBase,
    kind: BundleKind[Any],
    limits: BundleLimits,
) -> list[dict[str, Any]]:
    """Stream every listed member through its SHA-256 (records also through the parser)."""
    records: list[dict[str, Any]] = []
    for entry in manifest.files:
        is_records = entry.path == kind.records_member
        reader = RecordsReader(limits.max_record_bytes, kind.records) if is_records else None
        digest = hashlib.sha256()
        for chunk in iter_member_chunks(data, members[entry.path]):
            digest.update(chunk)
            if reader is not None:
                reader.feed(chunk)
        if digest.hexdigest() != entry.sha256:
            raise BundleRejected(RejectReason.HASH_MISMATCH, f"{entry.path!r} does not match its SHA-256")
        if reader is not None:
            try:
                records = reader.finish()
            except RecordError as exc:
                raise BundleRejected(RejectReason.RECORD_INVALID, str(exc)) from exc
    return records


def open_bundle(
    data: bytes | bytearray | memoryview,
    *,
    trust: SignerTrust,
    expected_bundle_id: str | None = None,
    limits: BundleLimits = DEFAULT_LIMITS,
) -> VerifiedBundle[Manifest]:
    """Verify a rewrite bundle held in memory and return its manifest and records.

    ``trust`` says which signers are acceptable (see SignerTrust); ``expected_bundle_id`` is the
    id the bundle was stored or requested under. Nothing is extracted to disk. Raises
    BundleRejected with a reason code for the first check that fails.
    """
    return open_container(
        REWRITE_BUNDLE, data, trust=trust, expected_bundle_id=expected_bundle_id, limits=limits
    )


def open_container[M: ManifestBase](
    kind: BundleKind[M],
    data: bytes | bytearray | memoryview,
    *,
    trust: SignerTrust,
    expected_bundle_id: str | None = None,
    limits: BundleLimits = DEFAULT_LIMITS,
) -> VerifiedBundle[M]:
    """Verify a bundle of ``kind`` held in memory (see :func:`open_bundle`); raises BundleRejected.

    Another kind's bundle is refused at its mimetype, before its manifest is read.
    """
    data = bytes(data)  # immutable (bytes are not copied): nothing can change under the checks
    member_list = read_zip_members(data, limits)
    _check_mimetype(data, member_list, kind.mimetype)
    members = {member.name: member for member in member_list}
    for required in (MANIFEST_MEMBER, SIGNATURE_MEMBER):
        if required not in members:
            raise BundleRejected(RejectReason.MISSING_MEMBER, f"{required!r} is missing")
    manifest_bytes = _read_capped(data, members[MANIFEST_MEMBER], limits.max_manifest_bytes)
    signature_bytes = _read_capped(data, members[SIGNATURE_MEMBER], limits.max_signature_bytes)
    manifest = parse_manifest(manifest_bytes, kind.manifest_type)
    bundle_id = bundle_id_for(manifest_bytes)
    if expected_bundle_id is not None and bundle_id != expected_bundle_id:
        raise BundleRejected(
            RejectReason.BUNDLE_ID_MISMATCH, f"bundle id is {bundle_id}, expected {expected_bundle_id}"
        )
    trusted_comment = _check_signature(manifest, manifest_bytes, signature_bytes, bundle_id)
    signer_known = trust.check(manifest.signer.name, manifest.signer.fingerprint)
    _check_member_set(members, manifest)
    _check_declared_sizes(members, manifest)
    records = _read_listed_files(data, members, manifest, kind, limits)
    declared = kind.record_count(manifest)
    if len(records) != declared:
        raise BundleRejected(
            RejectReason.COUNT_MISMATCH,
            f"manifest counts {declared} {kind.name} but the bundle holds {len(records)}",
        )
    return VerifiedBundle(
        bundle_id=bundle_id,
        manifest=manifest,
        manifest_bytes=manifest_bytes,
        records=tuple(records),
        signer_public_key=manifest.signer.parsed_public_key(),
        signer_known=signer_known,
        trusted_comment=trusted_comment,
    )
