"""Bytes the signature does not cover are refused, so a bundle id always names one container.

Each hostile archive below is one the stdlib ``zipfile`` opens to exactly the sealed content (so
a lenient reader would accept it under the same bundle id); the verifier refuses each with
``unsigned_bytes`` and says which bytes.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest

from tests.core.bundles.raw_zip import Extras, RawMember, raw_zip
from workstation.core.bundles import BundleRejected, RejectReason, SealedBundle, SignerTrust, open_bundle
from workstation.core.bundles.spec import (
    MANIFEST_MEMBER,
    MIMETYPE_MEMBER,
    RECORDS_MEMBER,
    SIGNATURE_MEMBER,
)

ANY = SignerTrust.accept_any()
_JUNK = b"unsigned bytes that travel with the bundle"


def _members(kit: Any, sealed: SealedBundle) -> list[RawMember]:
    contents = kit.members(sealed.data)
    return [
        RawMember(MIMETYPE_MEMBER, contents[MIMETYPE_MEMBER], 0),
        RawMember(MANIFEST_MEMBER, contents[MANIFEST_MEMBER], 0),
        RawMember(SIGNATURE_MEMBER, contents[SIGNATURE_MEMBER], 0),
        RawMember(RECORDS_MEMBER, contents[RECORDS_MEMBER]),
    ]


def _stdlib_reads_the_sealed_content(data: bytes, kit: Any, sealed: SealedBundle) -> bool:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()} == kit.members(sealed.data)


def test_the_raw_writer_alone_makes_an_acceptable_bundle(kit: Any, sealed: SealedBundle) -> None:
    """The control: with no extras, the hand-written container opens under the sealed id."""
    opened = open_bundle(raw_zip(_members(kit, sealed)), trust=ANY, expected_bundle_id=sealed.bundle_id)
    assert len(opened.records) == 3


EXTRAS = {
    "member comment": (Extras(member_comment={RECORDS_MEMBER: _JUNK}), "carries a comment"),
    "comment on the manifest": (Extras(member_comment={MANIFEST_MEMBER: _JUNK}), "carries a comment"),
    "archive comment": (Extras(archive_comment=_JUNK), "has a comment"),
    "local extra field": (
        Extras(local_extra={RECORDS_MEMBER: b"\xfe\xca" + len(_JUNK).to_bytes(2, "little") + _JUNK}),
        "extra fields in its header",
    ),
    "central extra field": (
        Extras(central_extra={SIGNATURE_MEMBER: b"\xfe\xca" + len(_JUNK).to_bytes(2, "little") + _JUNK}),
        "extra fields in the directory",
    ),
    "junk between members": (Extras(junk_before={SIGNATURE_MEMBER: _JUNK}), "before member"),
    "junk before the directory": (Extras(before_directory=_JUNK), "before its central directory"),
    "trailing bytes after the end record": (Extras(suffix=_JUNK), "after its end record"),
    "prepended stub": (Extras(prefix=b"MZ" + bytes(62)), "before the first member"),
}


@pytest.mark.parametrize("kind", sorted(EXTRAS))
def test_unsigned_container_bytes_are_refused(kit: Any, sealed: SealedBundle, kind: str) -> None:
    extras, said = EXTRAS[kind]
    data = raw_zip(_members(kit, sealed), extras)
    assert _stdlib_reads_the_sealed_content(data, kit, sealed)
    with pytest.raises(BundleRejected) as caught:
        open_bundle(data, trust=ANY, expected_bundle_id=sealed.bundle_id)
    assert caught.value.reason_code is RejectReason.UNSIGNED_BYTES
    assert said in caught.value.message


def test_stub_prepended_without_fixing_offsets_is_refused(sealed: SealedBundle) -> None:
    """``cat stub bundle.zip``: zipfile finds the members by the shift; we refuse the extra bytes."""
    data = b"#!/bin/sh\nexit 0\n" + sealed.data
    with pytest.raises(BundleRejected) as caught:
        open_bundle(data, trust=ANY)
    assert caught.value.reason_code is RejectReason.UNSIGNED_BYTES


def test_streamed_zip_with_data_descriptors_is_refused(kit: Any, sealed: SealedBundle) -> None:
    class Unseekable(io.RawIOBase):
        def __init__(self) -> None:
            self.buffer = bytearray()

        def writable(self) -> bool:
            return True

        def write(self, chunk: Any) -> int:
            self.buffer += chunk
            return len(chunk)

    sink = Unseekable()
    with zipfile.ZipFile(sink, "w") as archive:
        for name, content in kit.members(sealed.data).items():
            archive.writestr(name, content)
    with pytest.raises(BundleRejected) as caught:
        open_bundle(bytes(sink.buffer), trust=ANY)
    assert caught.value.reason_code is RejectReason.UNSIGNED_BYTES
    assert "data descriptor" in caught.value.message


def test_sealed_bundles_carry_none_of_these(sealed: SealedBundle) -> None:
    with zipfile.ZipFile(io.BytesIO(sealed.data)) as archive:
        assert archive.comment == b""
        for info in archive.infolist():
            assert (info.comment, info.extra, info.flag_bits & 0x08) == (b"", b"", 0)
