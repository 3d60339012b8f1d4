"""Signing the writer's records (timesheets, work receipts, portfolio manifests) and checking them later.

Each exported record ``FILE`` gets a detached minisign signature ``FILE.minisig`` made with the
writer's key, in the prehashed ``ED`` form bundles use, so stock ``minisign -Vm FILE -p KEY``
verifies it too. Its trusted comment (covered by the signature) says what the file is::

    record:timesheet<TAB>signer:Ada Writer<TAB>fingerprint:<hex>
    <TAB>sha256:<hex of the file><TAB>signed_at:2025-03-04T10:00:00.000Z

The SHA-256 lets a reader match a signature to its file by hash alone; ``signed_at`` is when the
writer exported it, by the writer's clock (a claim of the writer, like the rest of the record).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from workstation.core.clock import iso_utc, parse_iso_utc
from workstation.core.files.atomic import write_file_atomically
from workstation.core.signing import (
    PublicKey,
    SecretKey,
    SignatureError,
    SignatureFormatError,
    parse_minisig,
    sign_minisig,
    verify_minisig,
)

SIGNATURE_SUFFIX = ".minisig"
RECORDS_DIR_NAME = "records"
UNTRUSTED_COMMENT = "rewrite-workstation signed record"
RECORD_FILE_MODE = 0o644
_FIELDS = ("record", "signer", "fingerprint", "sha256", "signed_at")


class RecordKind(StrEnum):
    TIMESHEET = "timesheet"
    WORK_RECEIPT = "work-receipt"
    PORTFOLIO = "portfolio"


class RejectCode(StrEnum):
    """Why a record was not accepted; stable words for scripts (``verify-record --json``)."""

    NO_SIGNATURE = "no_signature"
    BAD_SIGNATURE_FILE = "bad_signature_file"
    UNKNOWN_KEY = "unknown_key"
    DOES_NOT_MATCH = "does_not_match"
    COMMENT_CHANGED = "comment_changed"
    NOT_A_RECORD = "not_a_record"


class RecordRejected(Exception):
    """A record that failed its check; ``message`` is one sentence for the reader."""

    def __init__(self, code: RejectCode, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class RecordAuthor:
    """The writer a record is by, as the record itself names them (the signature proves the key)."""

    name: str
    fingerprint: str


@dataclass(frozen=True)
class RecordCheck:
    """A record whose signature holds: what it is, who signed it (by key) and when they say."""

    kind: str
    signer_name: str
    fingerprint: str
    key_id: str
    sha256: str
    signed_at: str


def records_dir(data_dir: Path) -> Path:
    """Where exported records go unless the writer names another place: ``<data dir>/records``."""
    return Path(data_dir) / RECORDS_DIR_NAME


def signature_path(path: Path) -> Path:
    """Where the detached signature of ``path`` lives: beside it, with ``.minisig`` added."""
    return path.with_name(path.name + SIGNATURE_SUFFIX)


def record_trusted_comment(
    kind: RecordKind, signer_name: str, fingerprint: str, sha256: str, signed_at: str
) -> str:
    """The trusted comment of a record's signature (see the module docstring)."""
    return (
        f"record:{kind.value}\tsigner:{signer_name}\tfingerprint:{fingerprint}"
        f"\tsha256:{sha256}\tsigned_at:{signed_at}"
    )


def sign_record(
    data: bytes,
    key: SecretKey,
    *,
    kind: RecordKind,
    signer_name: str,
    signed_at: datetime | None = None,
) -> str:
    """The ``.minisig`` text signing ``data`` as a record of ``kind`` by ``signer_name``.

    ``signed_at`` (aware; default now) is stored to the millisecond in UTC. Raises ValueError
    for a signer name that cannot stand in a one-line comment.
    """
    if "\t" in signer_name:
        raise ValueError("a signer name cannot hold a tab")
    moment = iso_utc(signed_at or datetime.now(UTC))
    comment = record_trusted_comment(
        kind, signer_name, key.public_key.fingerprint, hashlib.sha256(data).hexdigest(), moment
    )
    signature = sign_minisig(data, key, trusted_comment=comment, untrusted_comment=UNTRUSTED_COMMENT)
    return signature.to_text()


def write_signed_record(
    path: Path,
    data: bytes,
    key: SecretKey,
    *,
    kind: RecordKind,
    signer_name: str,
    signed_at: datetime | None = None,
) -> Path:
    """Write ``data`` to ``path`` and its signature beside it, each replaced whole; returns the
    signature's path. The signature is made first, so a refused name writes nothing; OSError
    from either write reaches the caller (a record without its signature then fails to verify)."""
    signature = sign_record(data, key, kind=kind, signer_name=signer_name, signed_at=signed_at)
    target = signature_path(path)
    write_file_atomically(path, data, mode=RECORD_FILE_MODE)
    write_file_atomically(target, signature.encode("utf-8"), mode=RECORD_FILE_MODE)
    return target


def _comment_fields(comment: str) -> dict[str, str] | None:
    """The trusted comment's named fields, or None when it is not a record's comment."""
    fields: dict[str, str] = {}
    for part in comment.split("\t"):
        name, sep, value = part.partition(":")
        if not sep:
            return None
        fields[name] = value
    return fields if all(name in fields for name in _FIELDS) else None


def _mismatch(data: bytes, claimed: str | None) -> RecordRejected:
    actual = hashlib.sha256(data).hexdigest()
    detail = ""
    if claimed and claimed != actual:
        detail = f" (the signature is for a file with SHA-256 {claimed[:16]}…, this one has {actual[:16]}…)"
    return RecordRejected(
        RejectCode.DOES_NOT_MATCH,
        "the file does not match its signature: it was changed after it was signed, "
        f"or the signature belongs to another file{detail}",
    )


def check_record(data: bytes, signature_text: str | bytes, keys: Sequence[PublicKey]) -> RecordCheck:
    """Check ``data`` against its ``.minisig`` text, accepting only signatures by one of ``keys``.

    Returns what the signature vouches for; raises RecordRejected naming the reason.
    """
    try:
        parsed = parse_minisig(signature_text)
    except SignatureFormatError as exc:
        raise RecordRejected(RejectCode.BAD_SIGNATURE_FILE, f"the signature file is damaged: {exc}") from None
    key = next((candidate for candidate in keys if candidate.key_id == parsed.key_id), None)
    if key is None:
        key_id = f"{int.from_bytes(parsed.key_id, 'little'):016X}"
        raise RecordRejected(
            RejectCode.UNKNOWN_KEY, f"it was signed by key {key_id}, which is not among the keys trusted here"
        )
    fields = _comment_fields(parsed.trusted_comment)
    try:
        verify_minisig(data, parsed, key)
    except SignatureError as exc:
        if exc.reason == "bad_trusted_comment_signature":
            raise RecordRejected(
                RejectCode.COMMENT_CHANGED, "the signature's trusted comment was changed after signing"
            ) from None
        raise _mismatch(data, fields.get("sha256") if fields else None) from None
    if fields is None or fields["record"] not in set(RecordKind):
        raise RecordRejected(
            RejectCode.NOT_A_RECORD,
            "the signature is valid but does not describe a Rewrite Workstation record",
        )
    if fields["fingerprint"] != key.fingerprint or fields["sha256"] != hashlib.sha256(data).hexdigest():
        raise _mismatch(data, fields["sha256"])
    try:
        signed_at = iso_utc(parse_iso_utc(fields["signed_at"]))
    except ValueError:
        raise RecordRejected(RejectCode.NOT_A_RECORD, "the signature's signing time cannot be read") from None
    return RecordCheck(
        kind=fields["record"],
        signer_name=fields["signer"],
        fingerprint=key.fingerprint,
        key_id=key.key_id_hex,
        sha256=fields["sha256"],
        signed_at=signed_at,
    )


def check_record_file(
    path: Path, keys: Sequence[PublicKey], *, data: bytes, signature: bytes | None
) -> RecordCheck:
    """:func:`check_record` for a file already read, with a sentence when its signature is missing."""
    if signature is None:
        raise RecordRejected(
            RejectCode.NO_SIGNATURE,
            f"there is no signature beside it ({signature_path(path).name} is missing), "
            "so nothing shows who made it",
        )
    return check_record(data, signature, keys)
