"""The reviewer's trust in writers' keys, as the bundle verifier and the import apply it.

The keyring (``store.writers``) holds trusted and pending keys. Verification runs with the trusted
ones: a bundle in a trusted writer's name signed by another key is refused (``signer_key_changed``),
a trusted key under another name too (``signer_name_mismatch``), and a writer nobody has seen
passes verification as *unknown*, so the import can record the key as pending and keep the bundle
out until a person has compared its fingerprint with the writer's (``review trust``).
"""

from __future__ import annotations

from workstation.core.bundles import SignerTrust
from workstation.core.signing import PublicKey, short_fingerprint
from workstation.core.store import Store
from workstation.core.store.writers import Writer


def trust_for_inbox(store: Store) -> SignerTrust:
    """The verifier's policy for bundles coming into this store's inbox (see the module docstring)."""
    known: dict[str, set[str]] = {}
    for writer in store.writers.trusted():
        known.setdefault(writer.name, set()).add(writer.fingerprint)
    return SignerTrust.from_known_writers(known, allow_unknown_signers=True)


def pending_name_problem(store: Store, name: str, fingerprint: str) -> str | None:
    """Why a bundle from an unknown signer cannot even wait for confirmation, or None.

    A key already waiting to be confirmed under one name that now signs as another is the
    pending form of a name clash; a second pending key for the same name is allowed (both are
    shown, the reviewer confirms the right one).
    """
    writer = store.writers.by_fingerprint(fingerprint)
    if writer is not None and writer.name != name:
        return (
            f"key {short_fingerprint(fingerprint)} waits to be confirmed as writer {writer.name!r}, "
            f"but this bundle names {name!r}"
        )
    return None


def record_first_key(store: Store, name: str, public_key: PublicKey) -> Writer:
    """Keep a first-seen key as pending, to be shown with its fingerprint and confirmed."""
    return store.writers.pending(name, public_key)
