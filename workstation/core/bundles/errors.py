"""Why a bundle was refused: one stable code per reason, plus a sentence for people."""

from __future__ import annotations

from enum import StrEnum


class RejectReason(StrEnum):
    """Stable reason codes; the CLI prints them and tests assert on them."""

    OVERSIZED = "oversized"
    NOT_A_ZIP = "not_a_zip"
    TRUNCATED = "truncated"
    MALFORMED_ZIP = "malformed_zip"
    UNSIGNED_BYTES = "unsigned_bytes"
    TOO_MANY_MEMBERS = "too_many_members"
    UNSAFE_PATH = "unsafe_path"
    DUPLICATE_MEMBER = "duplicate_member"
    SYMLINK = "symlink"
    SPECIAL_FILE = "special_file"
    ENCRYPTED_MEMBER = "encrypted_member"
    UNSUPPORTED_COMPRESSION = "unsupported_compression"
    MEMBER_TOO_LARGE = "member_too_large"
    COMPRESSION_RATIO = "compression_ratio"
    CORRUPT_MEMBER = "corrupt_member"
    MIMETYPE = "mimetype"
    MISSING_MEMBER = "missing_member"
    UNLISTED_MEMBER = "unlisted_member"
    MANIFEST_INVALID = "manifest_invalid"
    UNKNOWN_FORMAT = "unknown_format"
    UNSUPPORTED_VERSION = "unsupported_version"
    BUNDLE_ID_MISMATCH = "bundle_id_mismatch"
    UNKNOWN_SIGNER = "unknown_signer"
    SIGNER_KEY_CHANGED = "signer_key_changed"
    SIGNER_NAME_MISMATCH = "signer_name_mismatch"
    SIGNATURE_INVALID = "signature_invalid"
    BAD_SIGNATURE = "bad_signature"
    TRUSTED_COMMENT_MISMATCH = "trusted_comment_mismatch"
    SIZE_MISMATCH = "size_mismatch"
    HASH_MISMATCH = "hash_mismatch"
    RECORD_INVALID = "record_invalid"
    COUNT_MISMATCH = "count_mismatch"


class BundleRejected(Exception):
    """A bundle failed verification; ``reason_code`` says which check, the message says what was seen."""

    def __init__(self, reason_code: RejectReason, message: str) -> None:
        super().__init__(f"{reason_code.value}: {message}")
        self.reason_code = reason_code
        self.message = message


class BundleInputError(ValueError):
    """The records or signer details handed to ``seal_bundle`` cannot make a valid bundle."""
