"""Whose verdict bundles a writer's app accepts: any reviewer on first sight, then only that key.

A writer has no keyring of reviewers to start from, so the first verdict bundle from a reviewer
is accepted on first use and its key is shown with every verdict (name and short fingerprint).
From then on the reviewer's name is tied to the keys already seen: a verdict bundle in that name
signed by another key is refused (``signer_key_changed``), as is a seen key under another name.
"""

from __future__ import annotations

from workstation.core.bundles import SignerTrust
from workstation.core.store import Store
from workstation.core.verdicts.spec import VERDICT_KIND_NAME


def reviewer_trust(store: Store) -> SignerTrust:
    """Trust on first use, pinned to the reviewer keys of the verdict bundles already received."""
    known: dict[str, set[str]] = {}
    for bundle in store.inbox.bundles(kind=VERDICT_KIND_NAME):
        known.setdefault(bundle.signer_name, set()).add(bundle.signer_fingerprint)
    return SignerTrust.from_known_writers(known, allow_unknown_signers=True)
