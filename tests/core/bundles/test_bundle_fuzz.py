"""The bundle reader and the minisig parser under fuzzing (a few hundred examples; -m heavy for more)."""

from __future__ import annotations

import pytest

from tests.core.bundles.bundle_fuzz_targets import BASE, BUNDLE_TARGETS, check_bundle, resigned_bundles
from tests.core.formats.fuzz_harness import NORMAL_EXAMPLES, FuzzTarget, hypothesis_check
from workstation.core.bundles import BundleRejected, SignerTrust, open_bundle


@pytest.mark.parametrize("target", BUNDLE_TARGETS, ids=lambda target: target.name)
def test_only_worded_refusals_come_out(target: FuzzTarget) -> None:
    hypothesis_check(target, NORMAL_EXAMPLES, derandomize=True)()


def test_the_fuzzed_bundles_reach_past_the_signature() -> None:
    """Not a vacuous target: the rebuilt bundles open, or fail on records and sizes, not only early."""
    reasons: set[str] = set()

    def note(data: bytes) -> None:
        try:
            open_bundle(data, trust=SignerTrust.accept_any())
            reasons.add("opened")
        except BundleRejected as rejection:
            reasons.add(rejection.reason_code.value)

    hypothesis_check(FuzzTarget("probe", resigned_bundles(), note), 200, derandomize=True)()
    check_bundle(BASE.data)
    assert {"opened", "record_invalid", "size_mismatch"} <= reasons, reasons
