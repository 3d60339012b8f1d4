"""The scrypt key derivation minisign uses to encrypt secret keys at rest.

minisign stores libsodium's ``opslimit`` / ``memlimit`` pair in the key file rather than scrypt's
``N, r, p``; libsodium turns the pair into scrypt parameters with a small fixed rule. We apply the
same rule so a key encrypted by either tool decrypts in the other, whatever limits it was made with.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from workstation.core.signing.errors import KeyFormatError

SALT_BYTES = 32
"""Length of the random scrypt salt stored in a minisign secret key file."""

_OPSLIMIT_FLOOR = 32768
"""libsodium raises any smaller opslimit to this value before picking parameters."""

MAX_KDF_MEMORY_BYTES = 4 * 1024**3
"""Refuse key files whose limits ask scrypt for more than this much memory (4 GiB).

A hostile or damaged key file could otherwise make us try to allocate terabytes."""

MAX_KDF_WORK = 8 * (1 << 20) * 8
"""Refuse limits asking for more than 8x minisign's default work (N * r * p), so a key file with a
huge opslimit and small memlimit (a large ``p``) cannot keep us busy for hours."""


@dataclass(frozen=True)
class KdfParams:
    """libsodium scrypt limits: ``opslimit`` (abstract work units) and ``memlimit`` (bytes)."""

    opslimit: int
    memlimit: int


@dataclass(frozen=True)
class ScryptCost:
    """Concrete scrypt parameters: ``n`` (CPU/memory cost, a power of two), ``r`` and ``p``."""

    n: int
    r: int
    p: int

    @property
    def memory_bytes(self) -> int:
        """Approximate working memory scrypt needs, in bytes (128 * r * n)."""
        return 128 * self.r * self.n


MINISIGN_DEFAULT_KDF = KdfParams(opslimit=33_554_432, memlimit=1_073_741_824)
"""minisign's defaults (libsodium's "sensitive" limits): scrypt with N=2^20, r=8, p=1, 1 GiB."""

INTERACTIVE_KDF = KdfParams(opslimit=524_288, memlimit=16_777_216)
"""libsodium's "interactive" limits (N=2^14, 16 MiB): for tests and machines short of memory."""


def scrypt_cost(params: KdfParams) -> ScryptCost:
    """Turn minisign's stored limits into scrypt ``N, r, p`` exactly as libsodium does."""
    opslimit = max(params.opslimit, _OPSLIMIT_FLOOR)
    r = 8
    if opslimit < params.memlimit // 32:
        p = 1
        max_n = opslimit // (r * 4)
        n_log2 = _smallest_log2_above(max_n // 2)
    else:
        max_n = params.memlimit // (r * 128)
        n_log2 = _smallest_log2_above(max_n // 2)
        max_rp = min((opslimit // 4) // (1 << n_log2), 0x3FFFFFFF)
        p = max_rp // r
    return ScryptCost(n=1 << n_log2, r=r, p=max(p, 1))


def scrypt_work(params: KdfParams) -> int:
    """The work scrypt does for these limits, in units of ``N * r * p``: its time grows in step.

    Used to say how long an unlock will take from one measured run with other limits.
    """
    cost = scrypt_cost(params)
    return cost.n * cost.r * cost.p


CALIBRATION_COST = ScryptCost(n=1 << 12, r=8, p=1)
"""A 4 MiB scrypt run (about 25 ms) timed once to estimate the seconds a unit of work takes.

Small runs take a little longer per unit than minisign's 1 GiB ones, so an estimate from this
errs on the long side until a real unlock has been timed."""


def calibrate_seconds_per_work(clock: Callable[[], float] = time.perf_counter) -> float:
    """Time one small scrypt run here; returns seconds per unit of :func:`scrypt_work`."""
    cost = CALIBRATION_COST
    started = clock()
    Scrypt(salt=bytes(SALT_BYTES), length=32, n=cost.n, r=cost.r, p=cost.p).derive(b"calibration")
    return max(clock() - started, 0.0) / (cost.n * cost.r * cost.p)


def _smallest_log2_above(limit: int) -> int:
    """Smallest exponent in 1..63 whose power of two exceeds ``limit`` (libsodium's loop)."""
    n_log2 = 1
    while n_log2 < 63 and (1 << n_log2) <= limit:
        n_log2 += 1
    return n_log2


def derive_keystream(passphrase: bytes, salt: bytes, params: KdfParams, length: int) -> bytes:
    """Derive ``length`` bytes from the passphrase; minisign XORs them over the secret part.

    Raises KeyFormatError when the limits are out of range (too much memory, bad salt).
    """
    if len(salt) != SALT_BYTES:
        raise KeyFormatError(f"scrypt salt must be {SALT_BYTES} bytes, got {len(salt)}")
    if params.opslimit <= 0 or params.memlimit <= 0:
        raise KeyFormatError("scrypt limits in the key file are zero or negative")
    cost = scrypt_cost(params)
    if cost.memory_bytes > MAX_KDF_MEMORY_BYTES:
        raise KeyFormatError(
            f"key file asks scrypt for {cost.memory_bytes // 1024**2} MiB of memory; "
            f"refusing more than {MAX_KDF_MEMORY_BYTES // 1024**2} MiB"
        )
    if cost.n * cost.r * cost.p > MAX_KDF_WORK:
        raise KeyFormatError("key file asks scrypt for far more work than minisign ever uses; refusing")
    return Scrypt(salt=salt, length=length, n=cost.n, r=cost.r, p=cost.p).derive(passphrase)
