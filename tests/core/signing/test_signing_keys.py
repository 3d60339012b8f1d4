"""Keys in minisign's formats: round trips, encryption, and refusal of damaged files."""

from __future__ import annotations

import base64
import contextlib
import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workstation.core.signing import (
    KdfParams,
    KeyFormatError,
    PassphraseRequired,
    PublicKey,
    SecretKey,
    SigningError,
    WrongPassphrase,
    inspect_secret_key_text,
)
from workstation.core.signing import keys as keys_module

FAST_KDF = KdfParams(opslimit=32_768, memlimit=16_777_216)


def _blob(text: str) -> bytearray:
    return bytearray(base64.b64decode(text.splitlines()[1]))


def _with_blob(text: str, blob: bytes | bytearray) -> str:
    comment = text.splitlines()[0]
    return f"{comment}\n{base64.b64encode(bytes(blob)).decode()}\n"


def test_public_key_identity_fields(fixed_key: SecretKey) -> None:
    public = fixed_key.public_key
    assert public.fingerprint == hashlib.sha256(public.raw).hexdigest()
    assert public.key_id_hex == f"{int.from_bytes(bytes(range(1, 9)), 'little'):016X}"
    assert len(public.key_id_hex) == 16


def test_public_key_file_round_trip(fixed_key: SecretKey) -> None:
    text = fixed_key.public_key.to_file_text()
    assert text.startswith(f"untrusted comment: minisign public key {fixed_key.public_key.key_id_hex}\n")
    assert PublicKey.from_file_text(text) == fixed_key.public_key
    assert PublicKey.from_base64(fixed_key.public_key.to_base64()) == fixed_key.public_key
    assert PublicKey.from_file_text(fixed_key.public_key.to_base64() + "\n") == fixed_key.public_key


def test_public_key_base64_is_minisign_layout(fixed_key: SecretKey) -> None:
    blob = base64.b64decode(fixed_key.public_key.to_base64())
    assert blob == b"Ed" + fixed_key.key_id + fixed_key.public_key.raw


def test_generated_keys_differ() -> None:
    first, second = SecretKey.generate(), SecretKey.generate()
    assert first.public_key != second.public_key
    assert first.key_id != second.key_id


def test_secret_key_repr_hides_the_seed(fixed_key: SecretKey) -> None:
    assert fixed_key.seed.hex() not in repr(fixed_key)
    assert repr(list(fixed_key.seed)) not in repr(fixed_key)


def test_encrypted_round_trip(fixed_key: SecretKey) -> None:
    text = fixed_key.to_file_text(passphrase="correct horse", kdf=FAST_KDF)
    assert text.startswith("untrusted comment: minisign encrypted secret key\n")
    loaded = SecretKey.from_file_text(text, "correct horse")
    assert loaded == fixed_key
    assert loaded.public_key == fixed_key.public_key


def test_encrypted_file_hides_the_seed_and_stores_the_limits(fixed_key: SecretKey) -> None:
    text = fixed_key.to_file_text(passphrase="pw", kdf=FAST_KDF)
    blob = _blob(text)
    assert blob[:6] == b"EdScB2"
    assert fixed_key.seed not in bytes(blob)
    info = inspect_secret_key_text(text)
    assert info.encrypted
    assert info.kdf == FAST_KDF


def test_encryption_falls_back_to_less_memory_like_minisign(
    fixed_key: SecretKey, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_derive = keys_module.derive_keystream

    def short_of_memory(password: bytes, salt: bytes, params: KdfParams, length: int) -> bytes:
        if params.memlimit > 16_777_216:
            raise MemoryError
        return real_derive(password, salt, params, length)

    monkeypatch.setattr(keys_module, "derive_keystream", short_of_memory)
    text = fixed_key.to_file_text(passphrase="pw", kdf=KdfParams(opslimit=131_072, memlimit=67_108_864))
    assert inspect_secret_key_text(text).kdf == KdfParams(opslimit=32_768, memlimit=16_777_216)
    assert SecretKey.from_file_text(text, "pw") == fixed_key


def test_encryption_salt_is_fresh_each_time(fixed_key: SecretKey) -> None:
    first = fixed_key.to_file_text(passphrase="pw", kdf=FAST_KDF)
    second = fixed_key.to_file_text(passphrase="pw", kdf=FAST_KDF)
    assert first != second


def test_non_ascii_passphrase_round_trips(fixed_key: SecretKey) -> None:
    text = fixed_key.to_file_text(passphrase="pässwörd 🔑", kdf=FAST_KDF)
    assert SecretKey.from_file_text(text, "pässwörd 🔑".encode()) == fixed_key


def test_unencrypted_round_trip_only_when_asked(fixed_key: SecretKey) -> None:
    with pytest.raises(ValueError, match="non-empty passphrase"):
        fixed_key.to_file_text()
    text = fixed_key.to_file_text(unencrypted=True)
    blob = _blob(text)
    assert blob[:6] == b"Ed\x00\x00B2"
    assert blob[6:54] == bytes(48)  # salt and limits zeroed, as minisign -W writes them
    assert blob[-32:] == fixed_key.checksum()
    assert not inspect_secret_key_text(text).encrypted
    assert SecretKey.from_file_text(text) == fixed_key
    assert SecretKey.from_file_text(text, "ignored") == fixed_key


def test_passphrase_and_unencrypted_together_is_an_error(fixed_key: SecretKey) -> None:
    with pytest.raises(ValueError, match="not both"):
        fixed_key.to_file_text(passphrase="pw", unencrypted=True)


def test_empty_passphrase_is_refused(fixed_key: SecretKey) -> None:
    with pytest.raises(ValueError):
        fixed_key.to_file_text(passphrase="", kdf=FAST_KDF)


def test_minisign_zero_checksum_is_accepted_for_unencrypted_keys(fixed_key: SecretKey) -> None:
    text = fixed_key.to_file_text(unencrypted=True)
    blob = _blob(text)
    blob[-32:] = bytes(32)
    assert SecretKey.from_file_text(_with_blob(text, blob)) == fixed_key


def test_checksum_is_blake2b_over_alg_id_seed_public(fixed_key: SecretKey) -> None:
    expected = hashlib.blake2b(
        b"Ed" + fixed_key.key_id + fixed_key.seed + fixed_key.public_key.raw, digest_size=32
    ).digest()
    assert fixed_key.checksum() == expected


def test_wrong_passphrase(fixed_key: SecretKey) -> None:
    text = fixed_key.to_file_text(passphrase="right", kdf=FAST_KDF)
    with pytest.raises(WrongPassphrase, match="wrong passphrase"):
        SecretKey.from_file_text(text, "wrong")


def test_missing_passphrase_is_its_own_error(fixed_key: SecretKey) -> None:
    text = fixed_key.to_file_text(passphrase="right", kdf=FAST_KDF)
    with pytest.raises(PassphraseRequired):
        SecretKey.from_file_text(text)


def test_damaged_unencrypted_seed_is_detected(fixed_key: SecretKey) -> None:
    text = fixed_key.to_file_text(unencrypted=True)
    blob = _blob(text)
    blob[70] ^= 0x01  # inside the seed
    with pytest.raises(KeyFormatError, match="checksum"):
        SecretKey.from_file_text(_with_blob(text, blob))


def test_public_half_must_match_the_seed(fixed_key: SecretKey, other_key: SecretKey) -> None:
    text = fixed_key.to_file_text(unencrypted=True)
    blob = _blob(text)
    blob[-64:-32] = other_key.public_key.raw
    blob[-32:] = bytes(32)  # minisign-style zero checksum so only the public half is wrong
    with pytest.raises(KeyFormatError, match="public half"):
        SecretKey.from_file_text(_with_blob(text, blob))


@pytest.mark.parametrize(
    ("offset", "value", "message"),
    [(0, b"Xx", "signature algorithm"), (2, b"Ar", "key derivation"), (4, b"SH", "checksum algorithm")],
)
def test_unknown_algorithms_are_named(fixed_key: SecretKey, offset: int, value: bytes, message: str) -> None:
    text = fixed_key.to_file_text(unencrypted=True)
    blob = _blob(text)
    blob[offset : offset + 2] = value
    with pytest.raises(KeyFormatError, match=message):
        SecretKey.from_file_text(_with_blob(text, blob))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "untrusted comment: x\n",
        "untrusted comment: x\nnot base64!!\n",
        "untrusted comment: x\nRWQ=\n",
        "untrusted comment: x\nAAAA\nAAAA\n",
        "no comment prefix\nRWQAAA==\n",
    ],
)
def test_malformed_secret_key_files(text: str) -> None:
    with pytest.raises(KeyFormatError):
        SecretKey.from_file_text(text, "pw")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "untrusted comment: x\n",
        "RWQ=",
        "untrusted comment: x\n" + base64.b64encode(b"Xx" + bytes(40)).decode(),
    ],
)
def test_malformed_public_keys(text: str) -> None:
    with pytest.raises(KeyFormatError):
        PublicKey.from_file_text(text)


def test_key_comment_must_be_one_line(fixed_key: SecretKey) -> None:
    with pytest.raises(ValueError, match="single line"):
        fixed_key.public_key.to_file_text("two\nlines")


@settings(derandomize=True, max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_crashes_the_parsers(text: str) -> None:
    with pytest.raises(SigningError):
        SecretKey.from_file_text(text, "pw")
    with contextlib.suppress(KeyFormatError):
        PublicKey.from_file_text(text)


_ENCRYPTED = SecretKey(key_id=bytes(range(1, 9)), seed=bytes(range(100, 132))).to_file_text(
    passphrase="pw", kdf=FAST_KDF
)
_LIMIT_FIELDS = range(38, 54)  # changing these only changes how hard scrypt works


@settings(derandomize=True, max_examples=120, deadline=None)
@given(
    offset=st.integers(min_value=0, max_value=157).filter(lambda value: value not in _LIMIT_FIELDS),
    flip=st.integers(min_value=1, max_value=255),
)
def test_any_change_to_an_encrypted_key_is_refused(offset: int, flip: int) -> None:
    blob = _blob(_ENCRYPTED)
    blob[offset] ^= flip
    with pytest.raises((WrongPassphrase, KeyFormatError)):
        SecretKey.from_file_text(_with_blob(_ENCRYPTED, blob), "pw")
