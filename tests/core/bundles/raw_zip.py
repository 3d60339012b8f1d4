"""A tiny zip writer for tests that need container bytes zipfile will not write.

Writes the same layout as the sealer (fixed time, regular-file mode, no data descriptors), plus,
on request, exactly one kind of extra bytes: a member comment, extra fields, junk between
members or before the directory, a prepended stub (offsets adjusted, as ``zip -A`` does),
trailing bytes or an archive comment.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass, field

_LOCAL = struct.Struct("<4sHHHHHIIIHH")
_CENTRAL = struct.Struct("<4sHHHHHHIIIHHHHHII")
_END = struct.Struct("<4sHHHHIIH")
_DOS_DATE_1980_01_01 = (1 << 5) | 1
_MODE = 0o100644 << 16


@dataclass(frozen=True)
class RawMember:
    """One member: its name, content and method (0 stored, 8 deflated).

    ``deflated`` with ``size`` and ``crc`` write a prepared deflate stream under declared values
    that may lie (zip bombs); ``data`` is then ignored.
    """

    name: str
    data: bytes
    method: int = 8
    deflated: bytes | None = None
    size: int = 0
    crc: int = 0


@dataclass(frozen=True)
class Extras:
    """The extra bytes to write; each defaults to none. Keys of the dicts are member names."""

    local_extra: dict[str, bytes] = field(default_factory=dict)
    central_extra: dict[str, bytes] = field(default_factory=dict)
    member_comment: dict[str, bytes] = field(default_factory=dict)
    junk_before: dict[str, bytes] = field(default_factory=dict)
    before_directory: bytes = b""
    prefix: bytes = b""
    suffix: bytes = b""
    archive_comment: bytes = b""


def _body(member: RawMember) -> tuple[bytes, int, int]:
    """(bytes written, declared size, declared CRC-32) of a member."""
    if member.deflated is not None:
        return member.deflated, member.size, member.crc
    if member.method == 0:
        return member.data, len(member.data), zlib.crc32(member.data)
    deflater = zlib.compressobj(1, zlib.DEFLATED, -15)
    return deflater.compress(member.data) + deflater.flush(), len(member.data), zlib.crc32(member.data)


def raw_zip(members: list[RawMember], extras: Extras | None = None) -> bytes:
    """The zip bytes of ``members`` with the requested ``extras``."""
    extras = extras or Extras()
    out = bytearray(extras.prefix)
    central = bytearray()
    for member in members:
        out += extras.junk_before.get(member.name, b"")
        name = member.name.encode("utf-8")
        body, size, crc = _body(member)
        offset = len(out)
        local_extra = extras.local_extra.get(member.name, b"")
        out += _LOCAL.pack(
            b"PK\x03\x04", 20, 0, member.method, 0, _DOS_DATE_1980_01_01, crc, len(body), size,
            len(name), len(local_extra),
        )  # fmt: skip
        out += name + local_extra + body
        central_extra = extras.central_extra.get(member.name, b"")
        comment = extras.member_comment.get(member.name, b"")
        central += _CENTRAL.pack(
            b"PK\x01\x02", (3 << 8) | 20, 20, 0, member.method, 0, _DOS_DATE_1980_01_01, crc, len(body),
            size, len(name), len(central_extra), len(comment), 0, 0, _MODE, offset,
        )  # fmt: skip
        central += name + central_extra + comment
    out += extras.before_directory
    directory_at = len(out)
    out += central
    out += _END.pack(
        b"PK\x05\x06",
        0,
        0,
        len(members),
        len(members),
        len(central),
        directory_at,
        len(extras.archive_comment),
    )
    out += extras.archive_comment + extras.suffix
    return bytes(out)
