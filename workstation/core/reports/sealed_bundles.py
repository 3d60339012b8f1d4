"""Reading the writer's own sealed bundles back for a record: verified again, never trusted blind.

A receipt or a portfolio vouches for what a bundle holds, so the exact bytes in the outbox are
verified again first (their own signature, whoever signed) and the record refused in words if
they do not hold together.
"""

from __future__ import annotations

from workstation.core.bundles import BundleRejected, SignerTrust, VerifiedBundle, open_bundle
from workstation.core.store import Store


def reopen_sealed(store: Store, bundle_id: str, *, error: type[Exception], made: str) -> VerifiedBundle:
    """The outbox bundle ``bundle_id``, verified; raises ``error`` saying no ``made`` was made."""
    data = store.outbox.get_bytes(bundle_id)
    try:
        return open_bundle(data, trust=SignerTrust.accept_any(), expected_bundle_id=bundle_id)
    except BundleRejected as rejection:
        raise error(
            f"bundle {bundle_id[:19]}… in the outbox does not verify "
            f"({rejection.reason_code.value}: {rejection.message}); no {made} was made"
        ) from None
