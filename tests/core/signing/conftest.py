"""Shared fixtures for the signing tests: fixed keys and a cheap scrypt setting."""

from __future__ import annotations

import pytest

from workstation.core.signing import KdfParams, SecretKey

FAST_KDF = KdfParams(opslimit=32_768, memlimit=16_777_216)
"""libsodium's minimum limits (scrypt N=2^10): keeps encrypted-key tests fast."""


@pytest.fixture
def fast_kdf() -> KdfParams:
    return FAST_KDF


@pytest.fixture
def fixed_key() -> SecretKey:
    """A deterministic key so failures reproduce byte for byte."""
    return SecretKey(key_id=bytes(range(1, 9)), seed=bytes(range(100, 132)))


@pytest.fixture
def other_key() -> SecretKey:
    return SecretKey(key_id=bytes(range(11, 19)), seed=bytes(range(200, 232)))
