"""A strict, in-memory reader for bundle zips that trusts nothing in the headers.

We parse the end record, the central directory and every local header ourselves and insist that
they agree and tile the file exactly. Members are inflated in chunks with a running cap at the
declared size (:func:`iter_member_chunks`), so a zip bomb that lies about its sizes is stopped
there and a big member is never held whole unless its reader keeps it. Nothing is written to disk.

**Unsigned bytes are refused, not canonicalised.** The signature covers ``manifest.json``, and
through its hashes the content of every listed member, but not the zip container. Any container
field of variable length could carry bytes no signature covers while the bundle keeps its id, so
each is refused (reason ``unsigned_bytes``): the archive comment, member comments, extra fields
(local or central), data descriptors, and any byte before the first member, between members,
between the last member and the directory, or after the end record. Refusing is the safe choice
because a bundle is stored and forwarded as the exact bytes received: a canonicalising reader
would accept bytes it then passes on unchanged, and our sealer never writes any of these, so
nothing genuine is lost.

Tolerated (ignored) metadata, because each is a fixed-width field that cannot grow, carry a
payload or change any member's content, and other zip writers set it differently: timestamps,
"version made by" / "version needed", internal attributes, external-attribute bits that keep the
member a regular file (permissions, MS-DOS read-only/archive bits), the deflate-option and UTF-8
flag bits, and the unused padding bits in the last byte of a deflate stream. How a member was
deflated is not fixed either (zlib versions differ): the id names the signed content, not the
container's bytes. Everything else (names, sizes, CRCs, methods, other flags, offsets, member
data, the end record) is checked, and member data is then covered by SHA-256 and the signature.
"""

from __future__ import annotations

import stat
import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from workstation.core.bundles.errors import BundleRejected, RejectReason
from workstation.core.bundles.member_paths import member_path_problem
from workstation.core.bundles.spec import BundleLimits

_END_RECORD = struct.Struct("<4sHHHHIIH")
_CENTRAL_HEADER = struct.Struct("<4sHHHHHHIIIHHHHHII")
_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")
_END_SIGNATURE = b"PK\x05\x06"
_CENTRAL_SIGNATURE = b"PK\x01\x02"
_LOCAL_SIGNATURE = b"PK\x03\x04"
_ZIP64_LOCATOR_SIGNATURE = b"PK\x06\x07"
_FLAG_ENCRYPTED = 0x0001 | 0x0040 | 0x2000
_FLAG_DATA_DESCRIPTOR = 0x0008
_FLAGS_ALLOWED = 0x0002 | 0x0004 | 0x0800
METHOD_STORED = 0
METHOD_DEFLATED = 8
_MSDOS_DIRECTORY_BIT = 0x10

INFLATE_INPUT_BYTES = 256 * 1024
"""How much compressed data is handed to zlib at a time."""
INFLATE_OUTPUT_BYTES = 1024 * 1024
"""The most inflated data one chunk holds: with the input piece, a member reader's working memory."""


@dataclass(frozen=True)
class ZipMember:
    """One member as the central directory and its local header agree it is."""

    name: str
    method: int
    crc32: int
    compressed_size: int
    size: int
    data_offset: int
    local_header_offset: int


def _reject(reason: RejectReason, message: str) -> BundleRejected:
    return BundleRejected(reason, message)


def _locate_end_record(data: bytes) -> tuple[int, int, int, int]:
    """Return (entries, central size, central offset, end record offset) or raise."""
    size = len(data)
    end_offset = size - _END_RECORD.size
    if end_offset < 0 or data[end_offset : end_offset + 4] != _END_SIGNATURE:
        found_at = data.rfind(_END_SIGNATURE, max(0, size - 65_557))
        if found_at >= 0 and found_at + _END_RECORD.size <= size:
            raise _reject(RejectReason.UNSIGNED_BYTES, "archive has a comment or bytes after its end record")
        if found_at >= 0 or data.startswith(_LOCAL_SIGNATURE):
            raise _reject(RejectReason.TRUNCATED, "zip end record is cut short: the archive is truncated")
        raise _reject(RejectReason.NOT_A_ZIP, "the data is not a zip archive")
    _sig, disk, cd_disk, disk_entries, entries, cd_size, cd_offset, comment_len = _END_RECORD.unpack_from(
        data, end_offset
    )
    if comment_len != 0:
        raise _reject(RejectReason.UNSIGNED_BYTES, "bundle archives carry no archive comment")
    if disk != 0 or cd_disk != 0 or disk_entries != entries:
        raise _reject(RejectReason.MALFORMED_ZIP, "multi-part (spanned) archives are not bundles")
    if entries == 0xFFFF or cd_size == 0xFFFFFFFF or cd_offset == 0xFFFFFFFF:
        raise _reject(RejectReason.MALFORMED_ZIP, "zip64 archives are not bundles")
    if end_offset >= 20 and data[end_offset - 20 : end_offset - 16] == _ZIP64_LOCATOR_SIGNATURE:
        raise _reject(RejectReason.MALFORMED_ZIP, "zip64 archives are not bundles")
    if cd_offset + cd_size != end_offset:
        if cd_offset + cd_size > end_offset:
            raise _reject(RejectReason.TRUNCATED, "central directory runs past the end: archive is truncated")
        raise _reject(
            RejectReason.UNSIGNED_BYTES,
            "the archive has bytes outside its members and directory (a prepended stub or padding)",
        )
    return entries, cd_size, cd_offset, end_offset


def _decode_name(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _reject(RejectReason.UNSAFE_PATH, f"member name {raw!r} is not UTF-8") from exc


def _check_entry_kind(name: str, external_attr: int) -> None:
    mode = external_attr >> 16
    kind = stat.S_IFMT(mode)
    if kind == stat.S_IFLNK:
        raise _reject(RejectReason.SYMLINK, f"member {name!r} is a symbolic link")
    if kind not in (0, stat.S_IFREG) or external_attr & _MSDOS_DIRECTORY_BIT:
        raise _reject(RejectReason.SPECIAL_FILE, f"member {name!r} is not a regular file")


def _check_sizes(name: str, compressed: int, size: int, limits: BundleLimits) -> None:
    if size > limits.max_member_bytes:
        raise _reject(
            RejectReason.MEMBER_TOO_LARGE,
            f"member {name!r} declares {size} bytes; the limit is {limits.max_member_bytes}",
        )
    if size > limits.ratio_floor_bytes and size > compressed * limits.max_compression_ratio:
        raise _reject(
            RejectReason.COMPRESSION_RATIO,
            f"member {name!r} claims to inflate {compressed} bytes to {size} "
            f"(more than {limits.max_compression_ratio:g}:1)",
        )


@dataclass(frozen=True)
class _CentralEntry:
    name: str
    raw_name: bytes
    flags: int
    method: int
    crc32: int
    compressed_size: int
    size: int
    local_header_offset: int


def _parse_central_entry(
    data: bytes, position: int, end: int, limits: BundleLimits
) -> tuple[_CentralEntry, int]:
    """Parse and check one central directory record; return it and where the next one starts."""
    if position + _CENTRAL_HEADER.size > end:
        raise _reject(RejectReason.MALFORMED_ZIP, "central directory is shorter than its entry count")
    fields = _CENTRAL_HEADER.unpack_from(data, position)
    signature, flags, method, crc = fields[0], fields[3], fields[4], fields[7]
    compressed, size, name_len, extra_len, comment_len = fields[8:13]
    disk_start, external, local_offset = fields[13], fields[15], fields[16]
    if signature != _CENTRAL_SIGNATURE:
        raise _reject(RejectReason.MALFORMED_ZIP, "central directory record has a bad signature")
    name_start = position + _CENTRAL_HEADER.size
    raw_name = data[name_start : name_start + name_len]
    next_position = name_start + name_len + extra_len + comment_len
    if next_position > end:
        raise _reject(RejectReason.MALFORMED_ZIP, "central directory record runs past its end")
    name = _decode_name(raw_name)
    problem = member_path_problem(name)
    if problem:
        raise _reject(RejectReason.UNSAFE_PATH, problem)
    if flags & _FLAG_ENCRYPTED:
        raise _reject(RejectReason.ENCRYPTED_MEMBER, f"member {name!r} is encrypted")
    if flags & _FLAG_DATA_DESCRIPTOR:
        raise _reject(
            RejectReason.UNSIGNED_BYTES, f"member {name!r} is followed by a data descriptor (a streamed zip)"
        )
    if comment_len:
        raise _reject(RejectReason.UNSIGNED_BYTES, f"member {name!r} carries a comment")
    if extra_len:
        raise _reject(RejectReason.UNSIGNED_BYTES, f"member {name!r} carries extra fields in the directory")
    if flags & ~_FLAGS_ALLOWED:
        raise _reject(RejectReason.MALFORMED_ZIP, f"member {name!r} has unexpected flags {flags:#06x}")
    if method not in (METHOD_STORED, METHOD_DEFLATED):
        raise _reject(RejectReason.UNSUPPORTED_COMPRESSION, f"member {name!r} uses compression {method}")
    if method == METHOD_STORED and compressed != size:
        raise _reject(RejectReason.MALFORMED_ZIP, f"stored member {name!r} has two different sizes")
    if disk_start != 0:
        raise _reject(RejectReason.MALFORMED_ZIP, f"member {name!r} lives on another disk")
    _check_entry_kind(name, external)
    _check_sizes(name, compressed, size, limits)
    entry = _CentralEntry(name, raw_name, flags, method, crc, compressed, size, local_offset)
    return entry, next_position


def _check_local_header(data: bytes, entry: _CentralEntry, data_area_end: int) -> int:
    """Check the local header agrees with the directory; return where the member's data starts."""
    offset = entry.local_header_offset
    if offset + _LOCAL_HEADER.size > data_area_end:
        raise _reject(
            RejectReason.MALFORMED_ZIP, f"local header of {entry.name!r} lies outside the data area"
        )
    fields = _LOCAL_HEADER.unpack_from(data, offset)
    name_len, extra_len = fields[9], fields[10]
    name_start = offset + _LOCAL_HEADER.size
    agrees = (
        fields[0] == _LOCAL_SIGNATURE
        and data[name_start : name_start + name_len] == entry.raw_name
        and (fields[2], fields[3], fields[6], fields[7], fields[8])
        == (entry.flags, entry.method, entry.crc32, entry.compressed_size, entry.size)
    )
    if not agrees:
        raise _reject(
            RejectReason.MALFORMED_ZIP, f"local header of {entry.name!r} disagrees with the directory"
        )
    if extra_len:
        raise _reject(
            RejectReason.UNSIGNED_BYTES, f"member {entry.name!r} carries extra fields in its header"
        )
    return name_start + name_len


def read_zip_members(data: bytes, limits: BundleLimits) -> list[ZipMember]:
    """Check the archive's structure and return its members in stored order (or raise BundleRejected)."""
    if len(data) > limits.max_bundle_bytes:
        raise _reject(
            RejectReason.OVERSIZED, f"bundle is {len(data)} bytes; the limit is {limits.max_bundle_bytes}"
        )
    entry_count, cd_size, cd_offset, _end = _locate_end_record(data)
    if entry_count > limits.max_members:
        raise _reject(
            RejectReason.TOO_MANY_MEMBERS, f"archive has {entry_count} members; at most {limits.max_members}"
        )
    entries: list[_CentralEntry] = []
    position = cd_offset
    for _ in range(entry_count):
        entry, position = _parse_central_entry(data, position, cd_offset + cd_size, limits)
        entries.append(entry)
    if position != cd_offset + cd_size:
        raise _reject(RejectReason.UNSIGNED_BYTES, "central directory has bytes beyond its records")
    seen: set[str] = set()
    for entry in entries:
        if entry.name.casefold() in seen:
            raise _reject(RejectReason.DUPLICATE_MEMBER, f"member name {entry.name!r} appears more than once")
        seen.add(entry.name.casefold())
    total = sum(entry.size for entry in entries)
    if total > limits.max_total_bytes:
        raise _reject(
            RejectReason.MEMBER_TOO_LARGE,
            f"members add up to {total} bytes; the limit is {limits.max_total_bytes}",
        )
    members: list[ZipMember] = []
    expected_offset = 0
    for entry in entries:
        if entry.local_header_offset > expected_offset:
            where = "before the first member" if expected_offset == 0 else f"before member {entry.name!r}"
            raise _reject(RejectReason.UNSIGNED_BYTES, f"the archive has bytes {where}")
        if entry.local_header_offset != expected_offset:
            raise _reject(
                RejectReason.MALFORMED_ZIP, f"member {entry.name!r} is not where the previous one ended"
            )
        data_offset = _check_local_header(data, entry, cd_offset)
        expected_offset = data_offset + entry.compressed_size
        if expected_offset > cd_offset:
            raise _reject(RejectReason.TRUNCATED, f"data of {entry.name!r} runs past the data area")
        members.append(
            ZipMember(
                entry.name,
                entry.method,
                entry.crc32,
                entry.compressed_size,
                entry.size,
                data_offset,
                entry.local_header_offset,
            )
        )
    if expected_offset != cd_offset:
        raise _reject(RejectReason.UNSIGNED_BYTES, "the archive has bytes before its central directory")
    return members


def read_member_bytes(data: bytes, member: ZipMember) -> bytes:
    """Inflate one small member whole (mimetype, manifest, signature); see :func:`iter_member_chunks`."""
    return b"".join(iter_member_chunks(data, member))


def iter_member_chunks(data: bytes, member: ZipMember) -> Iterator[bytes]:
    """Yield a member's content in chunks of at most :data:`INFLATE_OUTPUT_BYTES`.

    Never produces more than the declared size plus one byte, whatever the deflate stream holds.
    The checks that need the whole member (its length, CRC-32, a clean end of the deflate
    stream) run after the last chunk, so a caller hashing the chunks learns of them before it
    trusts its own result. Raises BundleRejected.
    """
    view = memoryview(data)[member.data_offset : member.data_offset + member.compressed_size]
    crc = 0
    if member.method == METHOD_STORED:
        for start in range(0, len(view), INFLATE_OUTPUT_BYTES):
            chunk = bytes(view[start : start + INFLATE_OUTPUT_BYTES])
            crc = zlib.crc32(chunk, crc)
            yield chunk
        produced = len(view)
    else:
        produced = 0
        for chunk in _inflate(view, member):
            produced += len(chunk)
            crc = zlib.crc32(chunk, crc)
            yield chunk
    if produced != member.size:
        raise _reject(RejectReason.CORRUPT_MEMBER, f"member {member.name!r} is shorter than declared")
    if crc != member.crc32:
        raise _reject(RejectReason.CORRUPT_MEMBER, f"member {member.name!r} fails its CRC-32 check")


def _inflate(compressed: memoryview, member: ZipMember) -> Iterator[bytes]:
    """Raw-deflate ``compressed`` chunk by chunk, refusing output past ``member.size``."""
    inflater = zlib.decompressobj(-15)
    room = member.size + 1  # one byte more than declared shows a member that lies about its size
    fed = 0
    try:
        while fed < len(compressed) and not inflater.eof:
            piece: bytes | memoryview = compressed[fed : fed + INFLATE_INPUT_BYTES]
            fed += len(piece)
            while piece and not inflater.eof:
                chunk = inflater.decompress(piece, min(INFLATE_OUTPUT_BYTES, room))
                room -= len(chunk)
                if room <= 0:
                    raise _too_large(member)
                if chunk:
                    yield chunk
                piece = inflater.unconsumed_tail
        while not inflater.eof:  # output zlib may still hold after the last input
            chunk = inflater.decompress(b"", min(INFLATE_OUTPUT_BYTES, room))
            if not chunk:
                break
            room -= len(chunk)
            if room <= 0:
                raise _too_large(member)
            yield chunk
    except zlib.error as exc:
        raise _reject(RejectReason.CORRUPT_MEMBER, f"member {member.name!r} does not inflate: {exc}") from exc
    if not inflater.eof or inflater.unused_data or fed < len(compressed):
        raise _reject(RejectReason.CORRUPT_MEMBER, f"member {member.name!r} has a broken deflate stream")


def _too_large(member: ZipMember) -> BundleRejected:
    return _reject(
        RejectReason.MEMBER_TOO_LARGE,
        f"member {member.name!r} inflates past its declared {member.size} bytes",
    )
