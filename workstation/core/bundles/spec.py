"""The fixed facts of rewrite bundle v1: names, media type, member layout and limits.

Everything a second implementation would need to write or check a bundle byte for byte lives
here, so the sealer and the verifier cannot drift apart. The container rules (member order,
timestamps, the signature, the limits) hold for every bundle kind; a kind brings its own format
name, media type and records member (verdict bundles: ``core/verdicts/spec.py``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Final

FORMAT_NAME: Final = "rewrite-workstation.bundle"
FORMAT_VERSION: Final = 2
"""The version of rewrite bundle this program seals (there are no minor versions).

Version 2 adds each record's ``effort`` object (the writer's effort signals, or "not recorded").
The container is unchanged, so this reader opens both; a version 1 reader refuses a version 2
bundle as an unsupported version, rather than show it without the effort signals."""
READABLE_FORMAT_VERSIONS: Final = frozenset({1, 2})
"""The rewrite bundle versions this program opens: every one it has sealed."""
CONTAINER_FORMAT_VERSION: Final = 1
"""The version of every other bundle kind (verdict bundles), and of the container itself."""

MIMETYPE = "application/vnd.rewrite-workstation.bundle.v1+zip"
"""The media type names the container (its ``v1`` is the layout, which version 2 keeps), so
tools that sniff it need no change; ``format_version`` in the manifest names the records' form."""
MIMETYPE_MEMBER = "mimetype"
MANIFEST_MEMBER = "manifest.json"
SIGNATURE_MEMBER = "manifest.json.minisig"
RECORDS_MEMBER = "records/rewrites.jsonl"
RESERVED_MEMBERS = frozenset({MIMETYPE_MEMBER, MANIFEST_MEMBER, SIGNATURE_MEMBER})
"""Members that are never listed in the manifest's ``files`` (the manifest cannot hash itself)."""

BUNDLE_ID_PREFIX = "sha256:"
SIGNATURE_UNTRUSTED_COMMENT = "rewrite-workstation bundle manifest signature"
"""The untrusted comment the sealer writes. Readers accept any one-line comment: minisign signs
nothing in it, and stock ``minisign -S`` writes its own, so refusing others would refuse valid
signatures. Rewriting it changes the signature member's bytes but not the bundle id."""

ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)
"""The earliest time zip can store; every member carries it so sealing never depends on the clock."""
ZIP_FILE_MODE = 0o100644
"""Regular file, rw-r--r--, stored in the high 16 bits of each member's external attributes."""
ZIP_CREATE_SYSTEM_UNIX = 3
RECORDS_COMPRESSLEVEL = 1
"""Fastest deflate: on ~300-word rewrites it is ~6x faster than level 6 for ~20% larger bundles."""


def bundle_id_for(manifest_bytes: bytes) -> str:
    """The bundle id: ``sha256:`` + hex SHA-256 of the exact manifest bytes (storage/upload key)."""
    return BUNDLE_ID_PREFIX + hashlib.sha256(manifest_bytes).hexdigest()


SHORT_BUNDLE_ID_CHARS = 12


def short_bundle_id(bundle_id: str) -> str:
    """A bundle id as lists and labels show it: the first 12 hex digits, without ``sha256:``.

    Enough to tell a person's bundles apart at a glance; the whole id is kept for tooltips and
    copying (``short_fingerprint`` is the matching rule for keys).
    """
    return bundle_id.removeprefix(BUNDLE_ID_PREFIX)[:SHORT_BUNDLE_ID_CHARS]


def trusted_comment_for(
    bundle_id: str,
    signer_name: str,
    fingerprint: str,
    format_name: str = FORMAT_NAME,
    format_version: int = FORMAT_VERSION,
) -> str:
    """The minisign trusted comment of a bundle's manifest signature.

    It repeats the bundle id, signer and format (``format_name`` and ``format_version``, a
    rewrite bundle's as sealed now unless another kind or version is named) so ``minisign -V``
    alone shows what was signed; it holds no wall-clock time so sealing stays deterministic.
    """
    return (
        f"bundle_id:{bundle_id}\tsigner:{signer_name}\tfingerprint:{fingerprint}"
        f"\tformat:{format_name}/{format_version}"
    )


@dataclass(frozen=True)
class BundleLimits:
    """Size limits a verifier enforces before and while reading, so hostile zips cannot exhaust memory.

    Sizes are bytes. ``max_total_bytes`` is the overall memory cap: the most a verifier inflates
    from all members together, checked on the declared sizes before anything is inflated and
    enforced while inflating. Only the parsed records are kept (1.2 to 1.5 times their JSON size),
    so with the bundle bytes the caller holds and one record's transient copies (at most
    ``max_record_bytes`` each) that bounds a verifier's memory. ``max_compression_ratio``
    applies to members larger than ``ratio_floor_bytes`` (tiny members compress absurdly well
    without being dangerous). The sealer refuses to write what these limits refuse.

    A 10,000-rewrite bundle of ~300-word texts holds about 50 MB of records, so the defaults
    leave room for about 50,000 rewrites in one bundle.
    """

    max_bundle_bytes: int = 320 * 1024**2
    max_members: int = 16
    max_member_bytes: int = 256 * 1024**2
    max_total_bytes: int = 258 * 1024**2
    max_record_bytes: int = 64 * 1024**2
    max_manifest_bytes: int = 1024**2
    max_signature_bytes: int = 16 * 1024
    max_compression_ratio: float = 100.0
    ratio_floor_bytes: int = 1024**2


DEFAULT_LIMITS = BundleLimits()
