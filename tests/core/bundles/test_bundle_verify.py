"""Opening good bundles: what a reviewer gets back, under each trust policy."""

from __future__ import annotations

from typing import Any

import pytest

from workstation.core.bundles import BundleRejected, RejectReason, SealedBundle, SignerTrust, open_bundle
from workstation.core.signing import SecretKey


def test_open_returns_manifest_and_sorted_records(kit: Any, sealed: SealedBundle) -> None:
    opened = open_bundle(sealed.data, trust=SignerTrust.only_key(kit.key.public_key))
    assert opened.bundle_id == sealed.bundle_id
    assert opened.manifest == sealed.manifest
    assert opened.manifest_bytes == sealed.manifest_bytes
    assert list(opened.records) == [kit.record(i) for i in range(3)]
    assert opened.signer_public_key == kit.key.public_key
    assert opened.signer_known
    assert f"bundle_id:{sealed.bundle_id}" in opened.trusted_comment


def test_expected_bundle_id_matches(kit: Any, sealed: SealedBundle) -> None:
    opened = open_bundle(sealed.data, trust=SignerTrust.accept_any(), expected_bundle_id=sealed.bundle_id)
    assert opened.bundle_id == sealed.bundle_id


def test_accept_any_reports_an_unknown_signer(sealed: SealedBundle) -> None:
    assert not open_bundle(sealed.data, trust=SignerTrust.accept_any()).signer_known


def test_known_writer_is_accepted(kit: Any, sealed: SealedBundle) -> None:
    trust = SignerTrust.from_known_writers({kit.writer: [kit.key.public_key]})
    assert open_bundle(sealed.data, trust=trust).signer_known


def test_writer_with_a_rotated_key_may_list_both(kit: Any, second_key: SecretKey) -> None:
    trust = SignerTrust.from_known_writers(
        {kit.writer: [kit.key.public_key, second_key.public_key.fingerprint]}
    )
    assert open_bundle(kit.seal(signer=second_key).data, trust=trust).signer_known


def test_verification_accepts_bytearray_and_memoryview(kit: Any, sealed: SealedBundle) -> None:
    trust = SignerTrust.accept_any()
    assert open_bundle(bytearray(sealed.data), trust=trust).bundle_id == sealed.bundle_id
    assert open_bundle(memoryview(sealed.data), trust=trust).bundle_id == sealed.bundle_id


def test_unicode_signer_name_round_trips(kit: Any) -> None:
    sealed = kit.seal(signer_name="Zoë Ωmega 李")
    opened = open_bundle(sealed.data, trust=SignerTrust.accept_any())
    assert opened.manifest.signer.name == "Zoë Ωmega 李"


def test_rejection_names_its_reason(sealed: SealedBundle) -> None:
    with pytest.raises(BundleRejected) as caught:
        open_bundle(sealed.data[:-1], trust=SignerTrust.accept_any())
    assert caught.value.reason_code is RejectReason.TRUNCATED
    assert str(caught.value).startswith("truncated: ")
