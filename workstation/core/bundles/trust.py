"""Which signers a reader accepts: pinned keys, known writers, or (explicitly) anyone.

A writer is known by name with one or more key fingerprints. A bundle signed in a known writer's
name by a key not on file is refused as ``signer_key_changed`` (someone else, or a lost key that
needs a human to confirm); a known key under another writer's name is ``signer_name_mismatch``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from workstation.core.bundles.errors import BundleRejected, RejectReason
from workstation.core.signing import PublicKey, short_fingerprint


def _fingerprint(key: PublicKey | str) -> str:
    return key.fingerprint if isinstance(key, PublicKey) else key.lower()


@dataclass(frozen=True)
class SignerTrust:
    """The reader's trust policy; build it with one of the class methods."""

    known_writers: Mapping[str, frozenset[str]] = field(default_factory=lambda: MappingProxyType({}))
    pinned_fingerprints: frozenset[str] | None = None
    allow_unknown_signers: bool = False

    @classmethod
    def accept_any(cls) -> SignerTrust:
        """Accept any signer whose signature is valid (integrity only; trust on first use).

        The result says ``signer_known=False`` so the caller can ask a person to confirm the key.
        """
        return cls(allow_unknown_signers=True)

    @classmethod
    def only_key(cls, *keys: PublicKey | str) -> SignerTrust:
        """Accept only bundles signed by one of these keys (``bundle verify --pubkey``)."""
        if not keys:
            raise ValueError("give at least one key to pin")
        return cls(pinned_fingerprints=frozenset(_fingerprint(key) for key in keys))

    @classmethod
    def from_known_writers(
        cls,
        writers: Mapping[str, Iterable[PublicKey | str]],
        *,
        allow_unknown_signers: bool = False,
    ) -> SignerTrust:
        """Accept the listed writers, each with its keys (PublicKey or fingerprint hex).

        With ``allow_unknown_signers`` a writer not listed is accepted too (and reported as
        unknown), but a listed writer with an unlisted key never is.
        """
        table = {name: frozenset(_fingerprint(key) for key in keys) for name, keys in writers.items()}
        return cls(known_writers=MappingProxyType(table), allow_unknown_signers=allow_unknown_signers)

    def check(self, signer_name: str, fingerprint: str) -> bool:
        """Raise BundleRejected if this signer is not acceptable; return whether it was known."""
        if self.pinned_fingerprints is not None and fingerprint not in self.pinned_fingerprints:
            raise BundleRejected(
                RejectReason.UNKNOWN_SIGNER,
                f"signed by key {short_fingerprint(fingerprint)}, which is not the expected key",
            )
        known_keys = self.known_writers.get(signer_name)
        if known_keys is not None:
            if fingerprint not in known_keys:
                on_file = ", ".join(sorted(short_fingerprint(key) for key in known_keys))
                raise BundleRejected(
                    RejectReason.SIGNER_KEY_CHANGED,
                    f"writer {signer_name!r} is known with key {on_file}, "
                    f"but this bundle is signed by key {short_fingerprint(fingerprint)}",
                )
            return True
        for other_name, keys in self.known_writers.items():
            if fingerprint in keys:
                raise BundleRejected(
                    RejectReason.SIGNER_NAME_MISMATCH,
                    f"key {short_fingerprint(fingerprint)} belongs to writer {other_name!r}, "
                    f"but the bundle names {signer_name!r}",
                )
        if self.pinned_fingerprints is not None:
            return True
        if self.allow_unknown_signers:
            return False
        raise BundleRejected(
            RejectReason.UNKNOWN_SIGNER,
            f"writer {signer_name!r} (key {short_fingerprint(fingerprint)}) is not known",
        )
