"""Sealing: turn rewrite records into a signed, content-addressed, byte-reproducible bundle.

Layout (stdlib zipfile, in this order): ``mimetype`` (stored, first, so ``file`` and other tools can
sniff it), ``manifest.json``, ``manifest.json.minisig``, ``records/rewrites.jsonl`` (deflated). Every
member has the same fixed timestamp and mode, nothing depends on the clock, and Ed25519 signatures
are deterministic: the same records, key and arguments give the same bytes (given the same zlib).

:func:`seal_container` seals any bundle kind (see ``kind.BundleKind``); :func:`seal_bundle` and
:func:`seal_records_file` are the rewrite bundle's front doors.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from workstation import APP_ID, __version__
from workstation.core.bundles.errors import BundleInputError
from workstation.core.bundles.kind import REWRITE_BUNDLE, BundleKind
from workstation.core.bundles.manifest import (
    AppInfo,
    FileEntry,
    Manifest,
    ManifestBase,
    SignerInfo,
    format_created_at,
    signer_name_problem,
)
from workstation.core.bundles.records import RecordError, serialize_records
from workstation.core.bundles.spec import (
    DEFAULT_LIMITS,
    MANIFEST_MEMBER,
    MIMETYPE_MEMBER,
    RECORDS_COMPRESSLEVEL,
    SIGNATURE_MEMBER,
    ZIP_CREATE_SYSTEM_UNIX,
    ZIP_FILE_MODE,
    ZIP_TIMESTAMP,
    BundleLimits,
    bundle_id_for,
    trusted_comment_for,
)
from workstation.core.signing import SecretKey, sign_minisig


@dataclass(frozen=True)
class SealedBundle[M: ManifestBase]:
    """A freshly sealed bundle: its id, the zip bytes to store/upload, and the manifest it carries."""

    bundle_id: str
    data: bytes
    manifest: M
    manifest_bytes: bytes
    signature_text: str


@dataclass(frozen=True)
class ManifestHeader:
    """Who signs a bundle, where it stands in their chain, when, and with which app.

    ``bundle_seq`` counts this signer's bundles of one kind from 1; ``prev_bundle_id`` is the id of
    bundle ``bundle_seq - 1`` (None for the first), forming a hash chain. ``created_at`` must be
    timezone-aware; it is stored in UTC to the second. One value every sealer passes down whole.
    """

    signer: SecretKey
    signer_name: str
    bundle_seq: int
    prev_bundle_id: str | None
    created_at: datetime
    app_name: str = APP_ID
    app_version: str = __version__


def _zip_member(name: str, compress_type: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_TIMESTAMP)
    info.compress_type = compress_type
    info.create_system = ZIP_CREATE_SYSTEM_UNIX
    info.external_attr = ZIP_FILE_MODE << 16
    return info


def _zip(
    kind: BundleKind[Any], manifest_bytes: bytes, signature_text: str, records_bytes: bytes, method: int
) -> tuple[bytes, int]:
    """The bundle zip with the records member written by ``method``, and its compressed size."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(_zip_member(MIMETYPE_MEMBER, zipfile.ZIP_STORED), kind.mimetype.encode("ascii"))
        archive.writestr(_zip_member(MANIFEST_MEMBER, zipfile.ZIP_STORED), manifest_bytes)
        archive.writestr(_zip_member(SIGNATURE_MEMBER, zipfile.ZIP_STORED), signature_text.encode("utf-8"))
        records = _zip_member(kind.records_member, method)
        archive.writestr(records, records_bytes, compresslevel=RECORDS_COMPRESSLEVEL)
    return buffer.getvalue(), records.compress_size


def build_manifest[M: ManifestBase](
    kind: BundleKind[M],
    records_bytes: bytes,
    record_count: int,
    header: ManifestHeader,
    *,
    manifest_fields: Mapping[str, Any] | None = None,
) -> M:
    """The manifest of ``kind`` describing ``records_bytes``, with the kind's own ``manifest_fields``.

    Raises BundleInputError for bad signer details or fields the kind's manifest refuses.
    """
    problem = signer_name_problem(header.signer_name)
    if problem:
        raise BundleInputError(problem)
    public_key = header.signer.public_key
    try:
        return kind.manifest_type.model_validate(
            {
                "format": kind.format_name,
                "format_version": kind.manifest_type.FORMAT_VERSION,
                "bundle_seq": header.bundle_seq,
                "prev_bundle_id": header.prev_bundle_id,
                "created_at": format_created_at(header.created_at),
                "signer": SignerInfo(
                    name=header.signer_name,
                    fingerprint=public_key.fingerprint,
                    key_id=public_key.key_id_hex,
                    public_key=public_key.to_base64(),
                ),
                "app": AppInfo(name=header.app_name, version=header.app_version),
                "files": (
                    FileEntry(
                        path=kind.records_member,
                        sha256=hashlib.sha256(records_bytes).hexdigest(),
                        size=len(records_bytes),
                    ),
                ),
                "counts": {kind.name: record_count},
                **(manifest_fields or {}),
            }
        )
    except ValueError as exc:  # pydantic's ValidationError is a ValueError
        raise BundleInputError(f"cannot build the manifest: {exc}") from exc


def seal_bundle(
    records: Sequence[Mapping[str, Any]],
    *,
    signer: SecretKey,
    signer_name: str,
    bundle_seq: int,
    prev_bundle_id: str | None,
    created_at: datetime,
    app_name: str = APP_ID,
    app_version: str = __version__,
) -> SealedBundle[Manifest]:
    """Seal ``records`` into a signed bundle (the keywords are a :class:`ManifestHeader`'s).

    Raises BundleInputError when a record lacks
    a required field or holds a value JSON cannot hold exactly, a rewrite id repeats, there are no
    records, they are more than one bundle holds, or the signer details are invalid.
    """
    if not records:
        raise BundleInputError("there are no records to seal")
    try:
        records_bytes = serialize_records(records)
    except RecordError as exc:
        raise BundleInputError(str(exc)) from exc
    header = ManifestHeader(
        signer, signer_name, bundle_seq, prev_bundle_id, created_at, app_name, app_version
    )
    return seal_records_file(records_bytes, len(records), header)


def seal_records_file(
    records_bytes: bytes,
    record_count: int,
    header: ManifestHeader,
    *,
    limits: BundleLimits = DEFAULT_LIMITS,
) -> SealedBundle[Manifest]:
    """Seal an already written rewrite records file (see ``records.join_records``) of
    ``record_count`` records (see :func:`seal_container`)."""
    return seal_container(REWRITE_BUNDLE, records_bytes, record_count, header, limits=limits)


def seal_container[M: ManifestBase](
    kind: BundleKind[M],
    records_bytes: bytes,
    record_count: int,
    header: ManifestHeader,
    *,
    limits: BundleLimits = DEFAULT_LIMITS,
    manifest_fields: Mapping[str, Any] | None = None,
) -> SealedBundle[M]:
    """Seal a records file of ``kind`` (already checked and joined by the kind's record rules).

    ``manifest_fields`` are the kind's own manifest fields. Refuses (BundleInputError) records too
    large for a verifier under ``limits``, and stores the records uncompressed in the rare case
    deflate would shrink them past the verifier's ratio limit, so a sealed bundle always opens again.
    """
    if len(records_bytes) > limits.max_member_bytes:
        raise BundleInputError(
            f"the records are {len(records_bytes)} bytes, more than the {limits.max_member_bytes} "
            f"one bundle may hold; seal fewer {kind.name} at a time"
        )
    manifest = build_manifest(kind, records_bytes, record_count, header, manifest_fields=manifest_fields)
    manifest_bytes = manifest.to_bytes()
    bundle_id = bundle_id_for(manifest_bytes)
    signature = sign_minisig(
        manifest_bytes,
        header.signer,
        trusted_comment=trusted_comment_for(
            bundle_id,
            header.signer_name,
            manifest.signer.fingerprint,
            kind.format_name,
            manifest.format_version,
        ),
        untrusted_comment=kind.untrusted_comment,
    )
    signature_text = signature.to_text()
    data, records_compressed = _zip(kind, manifest_bytes, signature_text, records_bytes, zipfile.ZIP_DEFLATED)
    size = len(records_bytes)
    if size > limits.ratio_floor_bytes and size > records_compressed * limits.max_compression_ratio:
        data, _ = _zip(kind, manifest_bytes, signature_text, records_bytes, zipfile.ZIP_STORED)
    return SealedBundle(
        bundle_id=bundle_id,
        data=data,
        manifest=manifest,
        manifest_bytes=manifest_bytes,
        signature_text=signature_text,
    )
