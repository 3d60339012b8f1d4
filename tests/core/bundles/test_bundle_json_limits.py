"""A bundle's JSON is held to the importers' limits: no numbers that are not finite, no deep nesting.

Validly signed bundles (any key) around records or a manifest with ``1e400`` or values nested
1,500 and 100,000 levels deep are refused with a reason and a sentence, never a RecursionError,
and never handed on with an infinity inside.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from workstation.core.bundles import BundleRejected, RejectReason, SealedBundle, SignerTrust, open_bundle
from workstation.core.bundles.canonical_json import canonical_json_bytes
from workstation.core.bundles.spec import RECORDS_MEMBER
from workstation.core.formats.json_limits import MAX_RECORD_DEPTH

ANY = SignerTrust.accept_any()


def _refusal(data: bytes) -> BundleRejected:
    with pytest.raises(BundleRejected) as caught:
        open_bundle(data, trust=ANY)
    return caught.value


def _records_with(kit: Any, raw_value: str) -> bytes:
    """Three good records, the second carrying ``raw_value`` (JSON text) as its metadata."""
    lines = [canonical_json_bytes(kit.record(index)) for index in range(3)]
    lines[1] = lines[1][:-1] + b',"metadata":' + raw_value.encode() + b"}"
    return b"\n".join(lines) + b"\n"


@pytest.mark.parametrize("levels", [1_500, 100_000])
def test_records_nested_too_deeply_are_refused(kit: Any, sealed: SealedBundle, levels: int) -> None:
    records = _records_with(kit, "[" * levels + "]" * levels)
    refusal = _refusal(kit.resealed(kit.manifest_listing(kit.manifest_dict(sealed), records), records))
    assert refusal.reason_code is RejectReason.RECORD_INVALID
    assert (
        f"line 2 is not strict JSON: nested too deeply (more than {MAX_RECORD_DEPTH} levels)"
        in refusal.message
    )


@pytest.mark.parametrize("literal", ["1e400", "-1e400", "1" * 400 + ".0"])
def test_records_with_numbers_that_are_not_finite_are_refused(
    kit: Any, sealed: SealedBundle, literal: str
) -> None:
    records = _records_with(kit, '{"score": ' + literal + "}")
    refusal = _refusal(kit.resealed(kit.manifest_listing(kit.manifest_dict(sealed), records), records))
    assert refusal.reason_code is RejectReason.RECORD_INVALID
    assert (
        "line 2 is not strict JSON: the number" in refusal.message
        and "is too large to hold" in refusal.message
    )


def test_records_at_the_depth_limit_open(kit: Any, sealed: SealedBundle) -> None:
    inner = MAX_RECORD_DEPTH - 1  # the record itself is level 1
    records = _records_with(kit, "[" * (inner - 1) + "]" * (inner - 1))
    opened = open_bundle(
        kit.resealed(kit.manifest_listing(kit.manifest_dict(sealed), records), records), trust=ANY
    )
    assert len(opened.records) == 3


@pytest.mark.parametrize("levels", [1_500, 100_000])
def test_a_manifest_nested_too_deeply_is_refused(kit: Any, sealed: SealedBundle, levels: int) -> None:
    manifest = kit.manifest_dict(sealed)
    text = json.dumps(manifest, sort_keys=True, separators=(",", ":"))
    deep = text[:-1] + ',"x":' + "[" * levels + "]" * levels + "}"
    members = kit.members(sealed.data)
    data = kit.build_zip(
        kit.standard_members(deep.encode(), members["manifest.json.minisig"], members[RECORDS_MEMBER])
    )
    refusal = _refusal(data)
    assert refusal.reason_code is RejectReason.MANIFEST_INVALID
    assert "nested too deeply" in refusal.message
