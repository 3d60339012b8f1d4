"""Changing any byte of a sealed bundle is refused, unless it only touches ignorable zip metadata.

Tolerated, because no member content can change through them (see ``zip_structure``'s docstring):
timestamps, "version made by/needed", internal and external attribute bits that keep the member a
regular file, harmless flag bits, and the unused padding bits at the very end of a deflate stream.
A tolerated change must open to exactly the same manifest and records.
"""

from __future__ import annotations

import hashlib
import io
import struct
import zipfile
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workstation.core.bundles import (
    BundleRejected,
    SealedBundle,
    SignerTrust,
    VerifiedBundle,
    open_bundle,
    seal_bundle,
)


@pytest.fixture(scope="module")
def small_bundle(writer_key: Any) -> SealedBundle:
    """Module-scoped, so the hypothesis test can share it across examples."""

    original = "As an AI, I believe this is important."
    records = [
        {
            "rewrite_id": f"rw-{index}",
            "task_id": "task-1",
            "original_sha256": hashlib.sha256(original.encode()).hexdigest(),
            "original": original,
            "rewrite": "This matters." * (index + 1),
            "status": "submitted",
        }
        for index in range(3)
    ]
    return seal_bundle(
        records,
        signer=writer_key,
        signer_name="Ada Writer",
        bundle_seq=1,
        prev_bundle_id=None,
        created_at=datetime(2025, 1, 1, tzinfo=UTC),
    )


def _open(data: bytes, writer_key: Any) -> VerifiedBundle:
    return open_bundle(data, trust=SignerTrust.only_key(writer_key.public_key))


def _assert_same_content(changed: VerifiedBundle, original: VerifiedBundle) -> None:
    assert changed.manifest_bytes == original.manifest_bytes
    assert changed.records == original.records
    assert changed.bundle_id == original.bundle_id


def _metadata_offsets(data: bytes) -> set[int]:
    """Byte offsets of the header fields the verifier deliberately ignores."""
    allowed: set[int] = set()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        central_start = archive.start_dir
    for info in infos:
        header = info.header_offset
        allowed |= set(range(header + 4, header + 8))  # version needed, flags
        allowed |= set(range(header + 10, header + 14))  # time, date
        name_len, extra_len = struct.unpack_from("<HH", data, header + 26)
        if info.compress_type == zipfile.ZIP_DEFLATED:
            data_end = header + 30 + name_len + extra_len + info.compress_size
            allowed.add(data_end - 1)  # padding bits of the final deflate byte
    central = central_start
    for _info in infos:
        allowed |= set(range(central + 4, central + 10))  # made by, needed, flags
        allowed |= set(range(central + 12, central + 16))  # time, date
        allowed |= set(range(central + 36, central + 42))  # internal and external attributes
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", data, central + 28)
        central += 46 + name_len + extra_len + comment_len
    return allowed


@settings(
    derandomize=True,
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_any_single_byte_change_is_refused_or_harmless(
    small_bundle: SealedBundle, writer_key: Any, data: st.DataObject
) -> None:
    original = _open(small_bundle.data, writer_key)
    position = data.draw(st.integers(min_value=0, max_value=len(small_bundle.data) - 1), label="position")
    flip = data.draw(st.integers(min_value=1, max_value=255), label="xor")
    changed = bytearray(small_bundle.data)
    changed[position] ^= flip
    try:
        reopened = _open(bytes(changed), writer_key)
    except BundleRejected:
        return
    _assert_same_content(reopened, original)
    assert position in _metadata_offsets(small_bundle.data)


@pytest.mark.parametrize("flip", [0x01, 0x80, 0xFF])
def test_every_position_exhaustively(small_bundle: SealedBundle, writer_key: Any, flip: int) -> None:
    """Walk every byte: only documented metadata may change without a rejection."""
    original = _open(small_bundle.data, writer_key)
    allowed = _metadata_offsets(small_bundle.data)
    tolerated = []
    for position in range(len(small_bundle.data)):
        changed = bytearray(small_bundle.data)
        changed[position] ^= flip
        try:
            reopened = _open(bytes(changed), writer_key)
        except BundleRejected:
            continue
        _assert_same_content(reopened, original)
        tolerated.append(position)
    assert set(tolerated) <= allowed
    assert tolerated, "timestamps should be tolerated; if not, update the documentation"


def test_every_member_byte_is_protected(small_bundle: SealedBundle, writer_key: Any) -> None:
    """No byte of any stored member's content can change unnoticed, whatever the new value."""
    with zipfile.ZipFile(io.BytesIO(small_bundle.data)) as archive:
        stored = [info for info in archive.infolist() if info.compress_type == zipfile.ZIP_STORED]
    for info in stored:
        name_len, extra_len = struct.unpack_from("<HH", small_bundle.data, info.header_offset + 26)
        start = info.header_offset + 30 + name_len + extra_len
        for position in range(start, start + info.compress_size):
            for flip in (0x01, 0x20, 0xFF):
                changed = bytearray(small_bundle.data)
                changed[position] ^= flip
                with pytest.raises(BundleRejected):
                    _open(bytes(changed), writer_key)
