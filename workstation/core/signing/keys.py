"""Ed25519 keys in minisign's text formats.

A writer's identity is one Ed25519 key pair. The formats are minisign's, byte for byte, so the
real ``minisign`` can check our signatures and a writer can bring an existing minisign key:

* public key: ``untrusted comment: ...`` then base64 of ``"Ed" || key_id(8) || public(32)``;
* secret key: ``untrusted comment: ...`` then base64 of ``"Ed" || kdf_alg(2) || "B2" || salt(32)
  || opslimit(u64 LE) || memlimit(u64 LE) || key_id(8) || seed(32) || public(32) || checksum(32)``.
  With ``kdf_alg = "Sc"`` the last 104 bytes are XORed with scrypt output from the passphrase;
  with ``kdf_alg = 00 00`` (minisign's ``-W``) they are stored in the clear.

The checksum is BLAKE2b-256 over ``"Ed" || key_id || seed || public``; minisign uses it to tell a
wrong passphrase from a right one.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
from dataclasses import dataclass, field

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from workstation.core.signing.errors import KeyFormatError, PassphraseRequired, WrongPassphrase
from workstation.core.signing.kdf import MINISIGN_DEFAULT_KDF, SALT_BYTES, KdfParams, derive_keystream

SIGNATURE_ALGORITHM = b"Ed"
KDF_SCRYPT = b"Sc"
KDF_NONE = b"\x00\x00"
CHECKSUM_BLAKE2B = b"B2"
KEY_ID_BYTES = 8
PUBLIC_KEY_BYTES = 32
SEED_BYTES = 32
CHECKSUM_BYTES = 32
UNTRUSTED_COMMENT_PREFIX = "untrusted comment: "

_PUBLIC_BLOB_BYTES = 2 + KEY_ID_BYTES + PUBLIC_KEY_BYTES
_SECRET_PART_BYTES = KEY_ID_BYTES + SEED_BYTES + PUBLIC_KEY_BYTES + CHECKSUM_BYTES
_SECRET_HEADER_BYTES = 2 + 2 + 2 + SALT_BYTES + 8 + 8
_SECRET_BLOB_BYTES = _SECRET_HEADER_BYTES + _SECRET_PART_BYTES
_MAX_COMMENT_CHARS = 1003
"""minisign reads comment lines into a 1024-byte buffer, prefix and newline included."""


def _decode_base64_line(line: str, expected_bytes: int, what: str) -> bytes:
    """Strictly decode one base64 line of a key file, checking its decoded length."""
    try:
        blob = base64.b64decode(line.strip(), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise KeyFormatError(f"{what}: base64 is invalid ({exc})") from exc
    if len(blob) != expected_bytes:
        raise KeyFormatError(f"{what}: expected {expected_bytes} bytes, found {len(blob)}")
    return blob


def _check_comment(comment: str) -> str:
    if "\n" in comment or "\r" in comment or "\x00" in comment:
        raise ValueError("a key comment must be a single line without NUL characters")
    if len(comment.encode("utf-8")) > _MAX_COMMENT_CHARS:
        raise ValueError(f"a key comment may hold at most {_MAX_COMMENT_CHARS} bytes")
    return comment


def _split_key_file(text: str, what: str) -> tuple[str, str]:
    """Return (comment, base64 line) of a two-line minisign key file; a bare base64 line is allowed."""
    lines = [line.removesuffix("\r") for line in text.split("\n") if line.strip()]
    if len(lines) == 1 and not lines[0].startswith(UNTRUSTED_COMMENT_PREFIX):
        return "", lines[0]
    if len(lines) != 2:
        raise KeyFormatError(f"{what}: expected a comment line and a base64 line, found {len(lines)} lines")
    if not lines[0].startswith(UNTRUSTED_COMMENT_PREFIX):
        raise KeyFormatError(f"{what}: first line must start with {UNTRUSTED_COMMENT_PREFIX!r}")
    return lines[0][len(UNTRUSTED_COMMENT_PREFIX) :], lines[1]


SHORT_FINGERPRINT_CHARS = 16
"""How many hex digits of a fingerprint name a key to people (64 bits: no accidental clash)."""


def short_fingerprint(fingerprint: str) -> str:
    """The one way a key is shown to people: the first 16 hex digits of its fingerprint.

    Every message, list and column that names a key uses this, so a reviewer can compare what the
    CLI, the app and the writer's ``keys show`` say at a glance. Commands that take a key accept
    this form (or any longer start of the fingerprint) back.
    """
    return fingerprint.lower()[:SHORT_FINGERPRINT_CHARS]


@dataclass(frozen=True)
class PublicKey:
    """A minisign public key: 8-byte key id plus the 32-byte Ed25519 public key."""

    key_id: bytes
    raw: bytes

    def __post_init__(self) -> None:
        if len(self.key_id) != KEY_ID_BYTES:
            raise KeyFormatError(f"key id must be {KEY_ID_BYTES} bytes")
        if len(self.raw) != PUBLIC_KEY_BYTES:
            raise KeyFormatError(f"Ed25519 public key must be {PUBLIC_KEY_BYTES} bytes")

    @property
    def key_id_hex(self) -> str:
        """The key id as minisign prints it: 16 upper-case hex digits of the little-endian u64."""
        return f"{int.from_bytes(self.key_id, 'little'):016X}"

    @property
    def fingerprint(self) -> str:
        """The writer's identity shown in the app: lower-case hex SHA-256 of the 32 public bytes."""
        return hashlib.sha256(self.raw).hexdigest()

    @property
    def short_fingerprint(self) -> str:
        """The fingerprint as people see it (see :func:`short_fingerprint`)."""
        return short_fingerprint(self.fingerprint)

    def to_base64(self) -> str:
        """The one-line form minisign accepts with ``-P``."""
        return base64.b64encode(SIGNATURE_ALGORITHM + self.key_id + self.raw).decode("ascii")

    def to_file_text(self, comment: str | None = None) -> str:
        """The two-line ``.pub`` file minisign reads with ``-p``."""
        comment = _check_comment(comment if comment is not None else f"minisign public key {self.key_id_hex}")
        return f"{UNTRUSTED_COMMENT_PREFIX}{comment}\n{self.to_base64()}\n"

    @classmethod
    def from_base64(cls, line: str) -> PublicKey:
        """Parse the one-line base64 form; raises KeyFormatError on anything else."""
        blob = _decode_base64_line(line, _PUBLIC_BLOB_BYTES, "public key")
        if blob[:2] != SIGNATURE_ALGORITHM:
            raise KeyFormatError(f"public key: unsupported signature algorithm {blob[:2]!r}")
        return cls(key_id=blob[2 : 2 + KEY_ID_BYTES], raw=blob[2 + KEY_ID_BYTES :])

    @classmethod
    def from_file_text(cls, text: str) -> PublicKey:
        """Parse a ``.pub`` file (comment line + base64 line) or a bare base64 line."""
        _comment, line = _split_key_file(text, "public key file")
        return cls.from_base64(line)

    def verifier(self) -> Ed25519PublicKey:
        """The ``cryptography`` object that checks signatures made by this key."""
        return Ed25519PublicKey.from_public_bytes(self.raw)


@dataclass(frozen=True)
class SecretKey:
    """A minisign secret key held in memory: key id and 32-byte Ed25519 seed (never printed)."""

    key_id: bytes
    seed: bytes = field(repr=False)
    public_key: PublicKey = field(init=False, compare=False)
    _signer: Ed25519PrivateKey = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if len(self.key_id) != KEY_ID_BYTES:
            raise KeyFormatError(f"key id must be {KEY_ID_BYTES} bytes")
        if len(self.seed) != SEED_BYTES:
            raise KeyFormatError(f"Ed25519 seed must be {SEED_BYTES} bytes")
        signer = Ed25519PrivateKey.from_private_bytes(self.seed)
        raw_public = signer.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        object.__setattr__(self, "_signer", signer)
        object.__setattr__(self, "public_key", PublicKey(key_id=self.key_id, raw=raw_public))

    @classmethod
    def generate(cls) -> SecretKey:
        """A fresh key pair with a random 8-byte key id, as ``minisign -G`` makes."""
        return cls(key_id=os.urandom(KEY_ID_BYTES), seed=os.urandom(SEED_BYTES))

    def sign_bytes(self, message: bytes) -> bytes:
        """Raw 64-byte Ed25519 signature of ``message`` (deterministic for the same key and input)."""
        return self._signer.sign(message)

    def checksum(self) -> bytes:
        """minisign's BLAKE2b-256 checksum over algorithm, key id, seed and public key."""
        digest = hashlib.blake2b(digest_size=CHECKSUM_BYTES)
        for part in (SIGNATURE_ALGORITHM, self.key_id, self.seed, self.public_key.raw):
            digest.update(part)
        return digest.digest()

    def to_file_text(
        self,
        *,
        passphrase: str | bytes | None = None,
        unencrypted: bool = False,
        kdf: KdfParams = MINISIGN_DEFAULT_KDF,
        comment: str | None = None,
    ) -> str:
        """Serialize as a minisign secret key file.

        Encrypted with scrypt from ``passphrase`` by default; a clear-text key (minisign's ``-W``
        form) is written only when ``unencrypted=True`` is passed explicitly. ``kdf`` sets the
        scrypt limits (minisign's defaults cost about 1 GiB and a few seconds).
        """
        secret_part = self.key_id + self.seed + self.public_key.raw + self.checksum()
        if unencrypted:
            if passphrase is not None:
                raise ValueError("give either a passphrase or unencrypted=True, not both")
            header = SIGNATURE_ALGORITHM + KDF_NONE + CHECKSUM_BLAKE2B + bytes(SALT_BYTES + 16)
            default_comment = "minisign secret key (unencrypted)"
        else:
            password = _passphrase_bytes(passphrase)
            if not password:
                raise ValueError("an encrypted secret key needs a non-empty passphrase")
            salt = os.urandom(SALT_BYTES)
            stream, kdf = _encryption_keystream(password, salt, kdf)
            secret_part = bytes(a ^ b for a, b in zip(secret_part, stream, strict=True))
            header = (
                SIGNATURE_ALGORITHM
                + KDF_SCRYPT
                + CHECKSUM_BLAKE2B
                + salt
                + kdf.opslimit.to_bytes(8, "little")
                + kdf.memlimit.to_bytes(8, "little")
            )
            default_comment = "minisign encrypted secret key"
        line = base64.b64encode(header + secret_part).decode("ascii")
        comment = _check_comment(comment if comment is not None else default_comment)
        return f"{UNTRUSTED_COMMENT_PREFIX}{comment}\n{line}\n"

    @classmethod
    def from_file_text(cls, text: str, passphrase: str | bytes | None = None) -> SecretKey:
        """Parse a minisign secret key file, decrypting it when it is encrypted.

        The scrypt limits are read from the file, so keys made by minisign with its defaults or
        by us with lighter limits both load. Raises PassphraseRequired, WrongPassphrase or
        KeyFormatError.
        """
        info = inspect_secret_key_text(text)
        blob = info.blob
        secret_part = blob[_SECRET_HEADER_BYTES:]
        if info.encrypted:
            if passphrase is None:
                raise PassphraseRequired("this secret key is encrypted; a passphrase is needed")
            assert info.kdf is not None
            stream = derive_keystream(_passphrase_bytes(passphrase), info.salt, info.kdf, _SECRET_PART_BYTES)
            secret_part = bytes(a ^ b for a, b in zip(secret_part, stream, strict=True))
        key_id = secret_part[:KEY_ID_BYTES]
        seed = secret_part[KEY_ID_BYTES : KEY_ID_BYTES + SEED_BYTES]
        stored_public = secret_part[KEY_ID_BYTES + SEED_BYTES : KEY_ID_BYTES + SEED_BYTES + PUBLIC_KEY_BYTES]
        stored_checksum = secret_part[-CHECKSUM_BYTES:]
        key = cls(key_id=key_id, seed=seed)
        checksum_ok = hmac.compare_digest(stored_checksum, key.checksum())
        if info.encrypted and not checksum_ok:
            raise WrongPassphrase()
        # minisign -W leaves the checksum zeroed; any other value must be right.
        if not info.encrypted and not checksum_ok and stored_checksum != bytes(CHECKSUM_BYTES):
            raise KeyFormatError("secret key checksum does not match: the key file is damaged")
        if not hmac.compare_digest(stored_public, key.public_key.raw):
            raise KeyFormatError("secret key file is damaged: its public half does not match the seed")
        return key


@dataclass(frozen=True)
class SecretKeyFileInfo:
    """What can be read from a secret key file without its passphrase."""

    encrypted: bool
    kdf: KdfParams | None
    salt: bytes = field(repr=False)
    blob: bytes = field(repr=False)
    comment: str


def inspect_secret_key_text(text: str) -> SecretKeyFileInfo:
    """Check a secret key file's structure and tell whether it needs a passphrase.

    The GUI uses this to decide whether to ask for a passphrase before loading.
    """
    comment, line = _split_key_file(text, "secret key file")
    blob = _decode_base64_line(line, _SECRET_BLOB_BYTES, "secret key")
    if blob[:2] != SIGNATURE_ALGORITHM:
        raise KeyFormatError(f"secret key: unsupported signature algorithm {blob[:2]!r}")
    if blob[4:6] != CHECKSUM_BLAKE2B:
        raise KeyFormatError(f"secret key: unsupported checksum algorithm {blob[4:6]!r}")
    kdf_algorithm = blob[2:4]
    salt = blob[6 : 6 + SALT_BYTES]
    if kdf_algorithm == KDF_NONE:
        return SecretKeyFileInfo(encrypted=False, kdf=None, salt=salt, blob=blob, comment=comment)
    if kdf_algorithm != KDF_SCRYPT:
        raise KeyFormatError(f"secret key: unsupported key derivation function {kdf_algorithm!r}")
    limits_at = 6 + SALT_BYTES
    kdf = KdfParams(
        opslimit=int.from_bytes(blob[limits_at : limits_at + 8], "little"),
        memlimit=int.from_bytes(blob[limits_at + 8 : limits_at + 16], "little"),
    )
    return SecretKeyFileInfo(encrypted=True, kdf=kdf, salt=salt, blob=blob, comment=comment)


_KDF_FLOOR = KdfParams(opslimit=32_768, memlimit=16_777_216)
"""libsodium's minimum scrypt limits; minisign stops halving its limits here."""


def _encryption_keystream(password: bytes, salt: bytes, kdf: KdfParams) -> tuple[bytes, KdfParams]:
    """Derive the encryption stream, halving the limits on a machine short of memory as minisign does.

    Returns the stream and the limits actually used (they are what the key file must record).
    """
    while True:
        try:
            return derive_keystream(password, salt, kdf, _SECRET_PART_BYTES), kdf
        except MemoryError:
            smaller = KdfParams(opslimit=kdf.opslimit // 2, memlimit=kdf.memlimit // 2)
            if smaller.opslimit < _KDF_FLOOR.opslimit or smaller.memlimit < _KDF_FLOOR.memlimit:
                raise
            kdf = smaller


def _passphrase_bytes(passphrase: str | bytes | None) -> bytes:
    """Passphrases are used as their UTF-8 bytes, exactly as minisign reads them from a terminal."""
    if passphrase is None:
        return b""
    return passphrase.encode("utf-8") if isinstance(passphrase, str) else bytes(passphrase)
