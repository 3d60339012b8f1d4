"""minisign signatures: ours round trip, and every kind of damage is named."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workstation.core.signing import (
    MinisignSignature,
    PublicKey,
    SecretKey,
    SignatureError,
    SignatureFormatError,
    parse_minisig,
    sign_minisig,
    verify_minisig,
)
from workstation.core.signing.minisig import MAX_TRUSTED_COMMENT_BYTES

DATA = b"manifest bytes\n"


def _lines(signature: MinisignSignature) -> list[str]:
    return signature.to_text().splitlines()


def test_sign_and_verify_prehashed(fixed_key: SecretKey) -> None:
    signature = sign_minisig(DATA, fixed_key, trusted_comment="bundle_id:x")
    assert signature.is_prehashed
    assert verify_minisig(DATA, signature.to_text(), fixed_key.public_key) == "bundle_id:x"


def test_prehashed_signature_covers_blake2b_512(fixed_key: SecretKey) -> None:
    signature = sign_minisig(DATA, fixed_key, trusted_comment="c")
    digest = hashlib.blake2b(DATA, digest_size=64).digest()
    fixed_key.public_key.verifier().verify(signature.signature, digest)
    fixed_key.public_key.verifier().verify(signature.global_signature, signature.signature + b"c")


def test_text_layout_is_minisigs(fixed_key: SecretKey) -> None:
    signature = sign_minisig(DATA, fixed_key, trusted_comment="tc", untrusted_comment="uc")
    text = signature.to_text()
    lines = text.split("\n")
    assert lines[0] == "untrusted comment: uc"
    assert base64.b64decode(lines[1])[:10] == b"ED" + fixed_key.key_id
    assert lines[2] == "trusted comment: tc"
    assert len(base64.b64decode(lines[3])) == 64
    assert text.endswith("\n") and lines[4] == ""
    assert parse_minisig(text) == signature
    assert parse_minisig(text.encode()) == signature


def test_signing_is_deterministic(fixed_key: SecretKey) -> None:
    first = sign_minisig(DATA, fixed_key, trusted_comment="same").to_text()
    assert sign_minisig(DATA, fixed_key, trusted_comment="same").to_text() == first


def test_legacy_signatures_verify_unless_refused(fixed_key: SecretKey) -> None:
    signature = sign_minisig(DATA, fixed_key, trusted_comment="old", prehashed=False)
    assert signature.algorithm == b"Ed"
    assert verify_minisig(DATA, signature, fixed_key.public_key) == "old"
    with pytest.raises(SignatureError) as caught:
        verify_minisig(DATA, signature, fixed_key.public_key, allow_legacy=False)
    assert caught.value.reason == "legacy_not_allowed"


def test_changed_data_is_a_bad_signature(fixed_key: SecretKey) -> None:
    signature = sign_minisig(DATA, fixed_key, trusted_comment="c")
    with pytest.raises(SignatureError) as caught:
        verify_minisig(DATA + b"x", signature, fixed_key.public_key)
    assert caught.value.reason == "bad_signature"


def test_changed_trusted_comment_is_caught(fixed_key: SecretKey) -> None:
    lines = _lines(sign_minisig(DATA, fixed_key, trusted_comment="bundle_id:a"))
    lines[2] = "trusted comment: bundle_id:b"
    with pytest.raises(SignatureError) as caught:
        verify_minisig(DATA, "\n".join(lines) + "\n", fixed_key.public_key)
    assert caught.value.reason == "bad_trusted_comment_signature"


def test_changed_untrusted_comment_still_verifies(fixed_key: SecretKey) -> None:
    lines = _lines(sign_minisig(DATA, fixed_key, trusted_comment="c"))
    lines[0] = "untrusted comment: anything at all"
    assert verify_minisig(DATA, "\n".join(lines) + "\n", fixed_key.public_key) == "c"


def test_untrusted_comment_longer_than_minisign_reads_is_refused(fixed_key: SecretKey) -> None:
    lines = _lines(sign_minisig(DATA, fixed_key, trusted_comment="c"))
    lines[0] = "untrusted comment: " + "é" * 502  # 1,004 bytes: one past minisign's line buffer
    with pytest.raises(SignatureFormatError, match="untrusted comment is longer"):
        parse_minisig("\n".join(lines) + "\n")
    lines[0] = "untrusted comment: " + "é" * 501 + "x"
    assert parse_minisig("\n".join(lines) + "\n").untrusted_comment.endswith("éx")


def test_other_key_is_a_key_id_mismatch(fixed_key: SecretKey, other_key: SecretKey) -> None:
    signature = sign_minisig(DATA, fixed_key, trusted_comment="c")
    with pytest.raises(SignatureError) as caught:
        verify_minisig(DATA, signature, other_key.public_key)
    assert caught.value.reason == "key_id_mismatch"


def test_same_key_id_but_other_key_is_a_bad_signature(fixed_key: SecretKey, other_key: SecretKey) -> None:
    impostor = PublicKey(key_id=fixed_key.key_id, raw=other_key.public_key.raw)
    with pytest.raises(SignatureError) as caught:
        verify_minisig(DATA, sign_minisig(DATA, fixed_key, trusted_comment="c"), impostor)
    assert caught.value.reason == "bad_signature"


def test_crlf_line_endings_are_accepted(fixed_key: SecretKey) -> None:
    text = sign_minisig(DATA, fixed_key, trusted_comment="c").to_text().replace("\n", "\r\n")
    assert verify_minisig(DATA, text, fixed_key.public_key) == "c"


def _valid_lines(key: SecretKey) -> list[str]:
    return _lines(sign_minisig(DATA, key, trusted_comment="c"))


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda lines: lines[:3], "4 lines"),
        (lambda lines: [*lines, "extra"], "4 lines"),
        (lambda lines: ["comment: x", *lines[1:]], "line 1"),
        (lambda lines: [lines[0], lines[1], "comment: c", lines[3]], "line 3"),
        (lambda lines: [lines[0], "!!!!", lines[2], lines[3]], "base64"),
        (lambda lines: [lines[0], lines[1][:-8], lines[2], lines[3]], "base64|bytes"),
        (lambda lines: [lines[0], lines[1], lines[2], base64.b64encode(bytes(10)).decode()], "64 bytes"),
        (
            lambda lines: [lines[0], base64.b64encode(b"Xx" + bytes(72)).decode(), lines[2], lines[3]],
            "algorithm",
        ),
    ],
)
def test_malformed_signatures_are_named(
    fixed_key: SecretKey, edit: Callable[[list[str]], list[str]], message: str
) -> None:
    text = "\n".join(edit(_valid_lines(fixed_key))) + "\n"
    with pytest.raises(SignatureFormatError, match=message):
        parse_minisig(text)


def test_non_utf8_signature_file(fixed_key: SecretKey) -> None:
    with pytest.raises(SignatureFormatError, match="UTF-8"):
        parse_minisig(b"\xff\xfe" + sign_minisig(DATA, fixed_key, trusted_comment="c").to_text().encode())


@pytest.mark.parametrize("comment", ["two\nlines", "carriage\rreturn", "nul\x00"])
def test_trusted_comment_must_be_one_line(fixed_key: SecretKey, comment: str) -> None:
    with pytest.raises(ValueError, match="one line"):
        sign_minisig(DATA, fixed_key, trusted_comment=comment)


def test_trusted_comment_length_limit(fixed_key: SecretKey) -> None:
    longest = "x" * MAX_TRUSTED_COMMENT_BYTES
    assert verify_minisig(DATA, sign_minisig(DATA, fixed_key, trusted_comment=longest), fixed_key.public_key)
    with pytest.raises(ValueError, match="at most"):
        sign_minisig(DATA, fixed_key, trusted_comment=longest + "x")


_COMMENTS = st.text(alphabet=st.characters(codec="utf-8", blacklist_characters="\r\n\x00"), max_size=80)


@settings(derandomize=True, max_examples=80, deadline=None)
@given(data=st.binary(max_size=2000), comment=_COMMENTS)
def test_round_trip_for_any_data_and_comment(data: bytes, comment: str) -> None:
    key = SecretKey(key_id=bytes(8), seed=bytes(32))
    text = sign_minisig(data, key, trusted_comment=comment).to_text()
    assert verify_minisig(data, text, key.public_key) == comment


@settings(derandomize=True, max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=400), st.binary(max_size=400)))
def test_parser_only_raises_its_own_error(text: str | bytes) -> None:
    with pytest.raises(SignatureFormatError):
        parse_minisig(text)
