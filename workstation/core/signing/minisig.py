"""minisign signatures (``.minisig`` files): make them and check them.

A signature file has four lines::

    untrusted comment: <free text, not protected>
    base64(algorithm(2) || key_id(8) || signature(64))
    trusted comment: <text protected by the global signature>
    base64(global_signature(64))

With algorithm ``ED`` (prehashed, what we write) the signature covers BLAKE2b-512 of the data; with
the legacy ``Ed`` it covers the data itself. The global signature covers ``signature || trusted
comment`` so the trusted comment cannot be changed without the secret key.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature

from workstation.core.signing.errors import SignatureError, SignatureFormatError
from workstation.core.signing.keys import KEY_ID_BYTES, PublicKey, SecretKey

PREHASHED_ALGORITHM = b"ED"
LEGACY_ALGORITHM = b"Ed"
SIGNATURE_BYTES = 64
UNTRUSTED_PREFIX = "untrusted comment: "
TRUSTED_PREFIX = "trusted comment: "
DEFAULT_UNTRUSTED_COMMENT = "signature from minisign secret key"
MAX_TRUSTED_COMMENT_BYTES = 8173
"""minisign reads the trusted comment line into 8192 bytes, prefix, newline and NUL included."""
MAX_UNTRUSTED_COMMENT_BYTES = 1003
"""minisign reads the untrusted comment line into 1024 bytes, prefix, newline and NUL included."""
_SIGNATURE_BLOB_BYTES = 2 + KEY_ID_BYTES + SIGNATURE_BYTES


@dataclass(frozen=True)
class MinisignSignature:
    """The parsed content of a ``.minisig`` file."""

    algorithm: bytes
    key_id: bytes
    signature: bytes
    trusted_comment: str
    global_signature: bytes
    untrusted_comment: str = DEFAULT_UNTRUSTED_COMMENT

    @property
    def is_prehashed(self) -> bool:
        """True for the ``ED`` form (signature over BLAKE2b-512 of the data)."""
        return self.algorithm == PREHASHED_ALGORITHM

    def to_text(self) -> str:
        """The exact four-line ``.minisig`` text, newline-terminated, as minisign writes it."""
        blob = self.algorithm + self.key_id + self.signature
        return (
            f"{UNTRUSTED_PREFIX}{self.untrusted_comment}\n"
            f"{base64.b64encode(blob).decode('ascii')}\n"
            f"{TRUSTED_PREFIX}{self.trusted_comment}\n"
            f"{base64.b64encode(self.global_signature).decode('ascii')}\n"
        )


def _check_comment_line(comment: str, limit: int, what: str) -> None:
    if "\n" in comment or "\r" in comment or "\x00" in comment:
        raise ValueError(f"{what} must be one line without NUL characters")
    if len(comment.encode("utf-8")) > limit:
        raise ValueError(f"{what} may hold at most {limit} bytes (minisign's limit)")


def _signed_message(data: bytes, algorithm: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=64).digest() if algorithm == PREHASHED_ALGORITHM else data


def sign_minisig(
    data: bytes,
    key: SecretKey,
    *,
    trusted_comment: str,
    untrusted_comment: str = DEFAULT_UNTRUSTED_COMMENT,
    prehashed: bool = True,
) -> MinisignSignature:
    """Sign ``data`` as ``minisign -S`` does (prehashed ``ED`` unless ``prehashed=False``).

    Ed25519 is deterministic, so the same data, key and comments always give the same signature;
    nothing time-dependent is added (unlike minisign's default trusted comment).
    """
    _check_comment_line(trusted_comment, MAX_TRUSTED_COMMENT_BYTES, "the trusted comment")
    _check_comment_line(untrusted_comment, MAX_UNTRUSTED_COMMENT_BYTES, "the untrusted comment")
    algorithm = PREHASHED_ALGORITHM if prehashed else LEGACY_ALGORITHM
    signature = key.sign_bytes(_signed_message(data, algorithm))
    global_signature = key.sign_bytes(signature + trusted_comment.encode("utf-8"))
    return MinisignSignature(
        algorithm=algorithm,
        key_id=key.key_id,
        signature=signature,
        trusted_comment=trusted_comment,
        global_signature=global_signature,
        untrusted_comment=untrusted_comment,
    )


def _decode_line(line: str, expected_bytes: int, what: str) -> bytes:
    try:
        blob = base64.b64decode(line, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise SignatureFormatError(f"{what} is not valid base64") from exc
    if len(blob) != expected_bytes:
        raise SignatureFormatError(f"{what} should decode to {expected_bytes} bytes, not {len(blob)}")
    return blob


def parse_minisig(text: str | bytes) -> MinisignSignature:
    """Parse a ``.minisig`` file; raises SignatureFormatError naming the first problem found."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise SignatureFormatError("signature file is not UTF-8 text") from exc
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    lines = [line.removesuffix("\r") for line in lines]
    if len(lines) != 4:
        raise SignatureFormatError(f"signature file must have 4 lines, found {len(lines)}")
    untrusted_line, signature_line, trusted_line, global_line = lines
    if not untrusted_line.startswith(UNTRUSTED_PREFIX):
        raise SignatureFormatError(f"line 1 must start with {UNTRUSTED_PREFIX!r}")
    if not trusted_line.startswith(TRUSTED_PREFIX):
        raise SignatureFormatError(f"line 3 must start with {TRUSTED_PREFIX!r}")
    trusted_comment = trusted_line[len(TRUSTED_PREFIX) :]
    if len(trusted_comment.encode("utf-8")) > MAX_TRUSTED_COMMENT_BYTES:
        raise SignatureFormatError("trusted comment is longer than minisign allows")
    untrusted_comment = untrusted_line[len(UNTRUSTED_PREFIX) :]
    if len(untrusted_comment.encode("utf-8")) > MAX_UNTRUSTED_COMMENT_BYTES:
        raise SignatureFormatError("untrusted comment is longer than minisign allows")
    blob = _decode_line(signature_line, _SIGNATURE_BLOB_BYTES, "signature line")
    algorithm = blob[:2]
    if algorithm not in (PREHASHED_ALGORITHM, LEGACY_ALGORITHM):
        raise SignatureFormatError(f"unsupported signature algorithm {algorithm!r}")
    return MinisignSignature(
        algorithm=algorithm,
        key_id=blob[2 : 2 + KEY_ID_BYTES],
        signature=blob[2 + KEY_ID_BYTES :],
        trusted_comment=trusted_comment,
        global_signature=_decode_line(global_line, SIGNATURE_BYTES, "global signature line"),
        untrusted_comment=untrusted_comment,
    )


def verify_minisig(
    data: bytes,
    signature: MinisignSignature | str | bytes,
    public_key: PublicKey,
    *,
    allow_legacy: bool = True,
) -> str:
    """Check a minisign signature of ``data`` and its trusted comment; return the trusted comment.

    Accepts both the prehashed ``ED`` and the legacy ``Ed`` form unless ``allow_legacy`` is False.
    Raises SignatureFormatError for unparseable text and SignatureError(reason) otherwise.
    """
    parsed = signature if isinstance(signature, MinisignSignature) else parse_minisig(signature)
    if parsed.algorithm == LEGACY_ALGORITHM and not allow_legacy:
        raise SignatureError("legacy_not_allowed", "legacy (non-prehashed) signatures are not accepted here")
    if parsed.key_id != public_key.key_id:
        raise SignatureError(
            "key_id_mismatch",
            f"signature was made by key {_key_id_hex(parsed.key_id)}, "
            f"but the public key is {public_key.key_id_hex}",
        )
    verifier = public_key.verifier()
    try:
        verifier.verify(parsed.signature, _signed_message(data, parsed.algorithm))
    except InvalidSignature as exc:
        raise SignatureError("bad_signature", "signature does not match the data") from exc
    try:
        verifier.verify(parsed.global_signature, parsed.signature + parsed.trusted_comment.encode("utf-8"))
    except InvalidSignature as exc:
        raise SignatureError(
            "bad_trusted_comment_signature", "the trusted comment was changed after signing"
        ) from exc
    return parsed.trusted_comment


def _key_id_hex(key_id: bytes) -> str:
    return f"{int.from_bytes(key_id, 'little'):016X}"
