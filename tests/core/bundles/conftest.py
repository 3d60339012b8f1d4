"""Fixtures for bundle tests: fixed keys, sample records, and a kit for building hostile zips by hand."""

from __future__ import annotations

import hashlib
import io
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.core.bundles.seal_testkit import DATA
from workstation.core.bundles import SealedBundle, seal_bundle
from workstation.core.bundles.canonical_json import canonical_json_bytes
from workstation.core.bundles.spec import (
    MANIFEST_MEMBER,
    MIMETYPE,
    MIMETYPE_MEMBER,
    RECORDS_MEMBER,
    SIGNATURE_MEMBER,
    SIGNATURE_UNTRUSTED_COMMENT,
    bundle_id_for,
    trusted_comment_for,
)
from workstation.core.signing import SecretKey, sign_minisig
from workstation.core.store import Store

CREATED_AT = datetime(2025, 3, 1, 12, 30, 15, tzinfo=UTC)
WRITER = "Ada Writer"


def make_record(index: int, **overrides: Any) -> dict[str, Any]:
    original = f"As an AI language model, I can say that item {index} is very important. ✨"
    record: dict[str, Any] = {
        "rewrite_id": f"rw-{index:04d}",
        "task_id": f"task-{index:04d}",
        "original_sha256": hashlib.sha256(original.encode("utf-8")).hexdigest(),
        "original": original,
        "rewrite": f"Item {index} matters.",
        "status": "submitted",
        "prompt": "Describe the item.",
        "ratings": {"fluency": 4},
        "tags": ["tone"],
        "active_seconds": 61.5,
    }
    record.update(overrides)
    return record


@dataclass
class MemberSpec:
    """One zip member for hand-built archives."""

    name: str
    data: bytes
    method: int = zipfile.ZIP_DEFLATED
    external_attr: int = 0o100644 << 16
    extra: bytes = b""


def patch_member_header(
    data: bytes, name: str, *, local_at: int, central_at: int, value: int, size: int
) -> bytes:
    """Overwrite one little-endian field (``size`` bytes) in a member's local and central headers."""
    patched = bytearray(data)
    encoded = name.encode()
    for signature, name_len_at, header_len, field_at in (
        (b"PK\x03\x04", 26, 30, local_at),
        (b"PK\x01\x02", 28, 46, central_at),
    ):
        header = patched.find(signature)
        while header != -1:
            name_len = int.from_bytes(patched[header + name_len_at : header + name_len_at + 2], "little")
            if patched[header + header_len : header + header_len + name_len] == encoded:
                patched[header + field_at : header + field_at + size] = value.to_bytes(size, "little")
            header = patched.find(signature, header + 4)
    return bytes(patched)


def patch_member_sizes(data: bytes, name: str, *, size: int) -> bytes:
    """Rewrite a member's declared uncompressed size in both headers (zipfile will not write a lie)."""
    return patch_member_header(data, name, local_at=22, central_at=24, value=size, size=4)


def patch_member_flags(data: bytes, name: str, *, flags: int) -> bytes:
    """Rewrite a member's general-purpose flags in both headers."""
    return patch_member_header(data, name, local_at=6, central_at=8, value=flags, size=2)


def rename_member(data: bytes, old: str, new: bytes) -> bytes:
    """Replace a member name of the same length in every header, e.g. to smuggle in a NUL byte."""
    assert len(old.encode()) == len(new)
    return data.replace(old.encode(), new)


class BundleKit:
    """Builds bundles and near-bundles so each test can change exactly one thing.

    Tests reach every helper through the ``kit`` fixture, so nothing imports this conftest.
    """

    Member = MemberSpec
    created_at = CREATED_AT
    writer = WRITER
    record = staticmethod(make_record)

    def __init__(self, writer_key: SecretKey) -> None:
        self.key = writer_key

    patch_sizes = staticmethod(patch_member_sizes)
    patch_flags = staticmethod(patch_member_flags)
    rename = staticmethod(rename_member)

    def seal(self, records: list[dict[str, Any]] | None = None, **overrides: Any) -> SealedBundle:
        arguments: dict[str, Any] = {
            "signer": self.key,
            "signer_name": WRITER,
            "bundle_seq": 1,
            "prev_bundle_id": None,
            "created_at": CREATED_AT,
        }
        arguments.update(overrides)
        return seal_bundle(
            records if records is not None else [make_record(i) for i in range(3)], **arguments
        )

    @staticmethod
    def members(data: bytes) -> dict[str, bytes]:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return {info.filename: archive.read(info) for info in archive.infolist()}

    @staticmethod
    def build_zip(members: list[MemberSpec], *, comment: bytes = b"") -> bytes:
        buffer = io.BytesIO()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # duplicate names are the point of some tests
            with zipfile.ZipFile(buffer, "w") as archive:
                for member in members:
                    info = zipfile.ZipInfo(member.name, date_time=(1980, 1, 1, 0, 0, 0))
                    info.compress_type = member.method
                    info.create_system = 3
                    info.external_attr = member.external_attr
                    info.extra = member.extra
                    archive.writestr(info, member.data)
                archive.comment = comment
        return buffer.getvalue()

    @staticmethod
    def standard_members(manifest: bytes, signature: bytes, records: bytes) -> list[MemberSpec]:
        return [
            MemberSpec(MIMETYPE_MEMBER, MIMETYPE.encode(), zipfile.ZIP_STORED),
            MemberSpec(MANIFEST_MEMBER, manifest, zipfile.ZIP_STORED),
            MemberSpec(SIGNATURE_MEMBER, signature, zipfile.ZIP_STORED),
            MemberSpec(RECORDS_MEMBER, records),
        ]

    @staticmethod
    def manifest_dict(sealed: SealedBundle) -> dict[str, Any]:
        return sealed.manifest.model_dump(mode="json")

    def sign(
        self,
        manifest: bytes,
        *,
        key: SecretKey | None = None,
        signer_name: str = WRITER,
        trusted_comment: str | None = None,
        untrusted_comment: str = SIGNATURE_UNTRUSTED_COMMENT,
        prehashed: bool = True,
    ) -> bytes:
        key = key or self.key
        if trusted_comment is None:
            signer_name = "".join(char if char.isprintable() else "?" for char in signer_name)
            trusted_comment = trusted_comment_for(
                bundle_id_for(manifest), signer_name, key.public_key.fingerprint
            )
        signature = sign_minisig(
            manifest,
            key,
            trusted_comment=trusted_comment,
            untrusted_comment=untrusted_comment,
            prehashed=prehashed,
        )
        return signature.to_text().encode()

    def resealed(self, manifest: dict[str, Any], records: bytes, *, key: SecretKey | None = None) -> bytes:
        """A correctly signed bundle around an arbitrary manifest dict and records bytes."""
        manifest_bytes = canonical_json_bytes(manifest)
        signature = self.sign(manifest_bytes, key=key, signer_name=manifest["signer"]["name"])
        return self.build_zip(self.standard_members(manifest_bytes, signature, records))

    @staticmethod
    def manifest_listing(
        manifest: dict[str, Any], records: bytes, count: int | None = None
    ) -> dict[str, Any]:
        """``manifest`` updated so its records entry and count describe ``records``."""
        updated = dict(manifest)
        updated["files"] = [
            {"path": RECORDS_MEMBER, "sha256": hashlib.sha256(records).hexdigest(), "size": len(records)}
        ]
        lines = records.count(b"\n")
        updated["counts"] = {"rewrites": lines if count is None else count}
        return updated


@pytest.fixture(scope="session")
def writer_key() -> SecretKey:
    return SecretKey(key_id=bytes.fromhex("0102030405060708"), seed=bytes(range(32)))


@pytest.fixture(scope="session")
def second_key() -> SecretKey:
    return SecretKey(key_id=bytes.fromhex("1112131415161718"), seed=bytes(range(32, 64)))


@pytest.fixture
def kit(writer_key: SecretKey) -> BundleKit:
    return BundleKit(writer_key)


@pytest.fixture
def sealed(kit: BundleKit) -> SealedBundle:
    return kit.seal()


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    """A store holding the native and OpenAI chat sample tasks, in projects Mail and Chat."""
    with Store(data_dir) as opened:
        opened.import_file(DATA / "native_tasks.jsonl", project="Mail")
        opened.import_file(DATA / "openai_chat.jsonl", project="Chat")
        yield opened
