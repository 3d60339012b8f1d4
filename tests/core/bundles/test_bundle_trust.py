"""Signer trust: unknown keys, changed keys for a known writer, and borrowed keys are all refused."""

from __future__ import annotations

from typing import Any

import pytest

from workstation.core.bundles import BundleRejected, RejectReason, SignerTrust, open_bundle
from workstation.core.signing import SecretKey


def _reason(data: bytes, trust: SignerTrust) -> RejectReason:
    with pytest.raises(BundleRejected) as caught:
        open_bundle(data, trust=trust)
    return caught.value.reason_code


def test_pinned_key_refuses_another_key(kit: Any, second_key: SecretKey) -> None:
    data = kit.seal(signer=second_key).data
    assert _reason(data, SignerTrust.only_key(kit.key.public_key)) is RejectReason.UNKNOWN_SIGNER


def test_unknown_writer_is_refused_by_default(kit: Any) -> None:
    trust = SignerTrust.from_known_writers({"Someone Else": []})
    assert _reason(kit.seal().data, trust) is RejectReason.UNKNOWN_SIGNER


def test_same_writer_different_key_is_detected(kit: Any, second_key: SecretKey) -> None:
    """Someone signs as "Ada Writer" with a key that is not Ada's."""
    trust = SignerTrust.from_known_writers({kit.writer: [kit.key.public_key]}, allow_unknown_signers=True)
    data = kit.seal(signer=second_key).data
    with pytest.raises(BundleRejected) as caught:
        open_bundle(data, trust=trust)
    assert caught.value.reason_code is RejectReason.SIGNER_KEY_CHANGED
    assert kit.writer in caught.value.message


def test_known_key_under_another_name_is_detected(kit: Any) -> None:
    trust = SignerTrust.from_known_writers({kit.writer: [kit.key.public_key]}, allow_unknown_signers=True)
    data = kit.seal(signer_name="Mallory").data
    assert _reason(data, trust) is RejectReason.SIGNER_NAME_MISMATCH


def test_unknown_writer_allowed_when_asked(kit: Any, second_key: SecretKey) -> None:
    trust = SignerTrust.from_known_writers({kit.writer: [kit.key.public_key]}, allow_unknown_signers=True)
    opened = open_bundle(kit.seal(signer=second_key, signer_name="Newcomer").data, trust=trust)
    assert not opened.signer_known


def test_pinning_needs_a_key() -> None:
    with pytest.raises(ValueError):
        SignerTrust.only_key()


def test_fingerprints_are_case_insensitive(kit: Any) -> None:
    trust = SignerTrust.from_known_writers({kit.writer: [kit.key.public_key.fingerprint.upper()]})
    assert open_bundle(kit.seal().data, trust=trust).signer_known
