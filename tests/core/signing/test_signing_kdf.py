"""scrypt parameters must match libsodium's choice exactly, or minisign keys will not decrypt."""

from __future__ import annotations

import hashlib

import pytest

from workstation.core.signing import INTERACTIVE_KDF, MINISIGN_DEFAULT_KDF, KdfParams, KeyFormatError
from workstation.core.signing.kdf import (
    CALIBRATION_COST,
    ScryptCost,
    calibrate_seconds_per_work,
    derive_keystream,
    scrypt_cost,
    scrypt_work,
)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (MINISIGN_DEFAULT_KDF, ScryptCost(n=2**20, r=8, p=1)),
        (INTERACTIVE_KDF, ScryptCost(n=2**14, r=8, p=1)),
        (KdfParams(opslimit=32_768, memlimit=16_777_216), ScryptCost(n=2**10, r=8, p=1)),
        # below libsodium's floor the opslimit is raised to 32768 first
        (KdfParams(opslimit=1, memlimit=16_777_216), ScryptCost(n=2**10, r=8, p=1)),
        # plenty of work but little memory: libsodium spends the rest on parallelism
        (KdfParams(opslimit=2**30, memlimit=2**24), ScryptCost(n=2**14, r=8, p=2048)),
    ],
)
def test_scrypt_cost_follows_libsodium(params: KdfParams, expected: ScryptCost) -> None:
    assert scrypt_cost(params) == expected


def test_minisign_default_costs_one_gibibyte() -> None:
    assert scrypt_cost(MINISIGN_DEFAULT_KDF).memory_bytes == 1024**3


def test_keystream_is_plain_scrypt_with_those_parameters() -> None:
    salt = bytes(range(32))
    params = KdfParams(opslimit=32_768, memlimit=16_777_216)
    expected = hashlib.scrypt(b"pass", salt=salt, n=2**10, r=8, p=1, dklen=104)
    assert derive_keystream(b"pass", salt, params, 104) == expected


def test_hostile_limits_are_refused_before_allocating() -> None:
    with pytest.raises(KeyFormatError, match="MiB"):
        derive_keystream(b"pass", bytes(32), KdfParams(opslimit=2**62, memlimit=2**62), 104)


def test_hostile_work_factor_is_refused() -> None:
    """Small memory but an enormous opslimit would mean a huge scrypt ``p`` and hours of work."""
    with pytest.raises(KeyFormatError, match="work"):
        derive_keystream(b"pass", bytes(32), KdfParams(opslimit=2**62, memlimit=2**24), 104)


@pytest.mark.parametrize("params", [KdfParams(0, 16_777_216), KdfParams(32_768, 0)])
def test_zero_limits_are_refused(params: KdfParams) -> None:
    with pytest.raises(KeyFormatError):
        derive_keystream(b"pass", bytes(32), params, 104)


def test_short_salt_is_refused() -> None:
    with pytest.raises(KeyFormatError, match="salt"):
        derive_keystream(b"pass", bytes(16), INTERACTIVE_KDF, 104)


def test_scrypt_work_grows_with_the_limits_so_one_timing_scales_to_another_key() -> None:
    assert scrypt_work(INTERACTIVE_KDF) == 2**14 * 8
    assert scrypt_work(MINISIGN_DEFAULT_KDF) == 64 * scrypt_work(INTERACTIVE_KDF)


def test_calibration_times_one_small_run() -> None:
    ticks = iter([10.0, 10.032])  # the small run "took" 32 ms
    rate = calibrate_seconds_per_work(clock=lambda: next(ticks))
    cost = CALIBRATION_COST
    assert rate == pytest.approx(0.032 / (cost.n * cost.r * cost.p))
    assert calibrate_seconds_per_work() > 0  # and for real, on this machine
