"""The pieces under the bundle: canonical JSON, member paths, manifest and record rules."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workstation.core.bundles import BundleRejected, RejectReason, SealedBundle, parse_manifest
from workstation.core.bundles.canonical_json import JsonInputError, canonical_json_bytes, loads_strict
from workstation.core.bundles.manifest import format_created_at, signer_name_problem
from workstation.core.bundles.member_paths import member_path_problem
from workstation.core.bundles.records import RecordError, parse_records, serialize_records, validate_record

_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(alphabet=st.characters(codec="utf-8")),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(alphabet=st.characters(codec="utf-8"), max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


@settings(derandomize=True, max_examples=200, deadline=None)
@given(_JSON)
def test_canonical_json_is_a_fixed_point(value: Any) -> None:
    encoded = canonical_json_bytes(value)
    assert canonical_json_bytes(loads_strict(encoded)) == encoded


def test_canonical_json_form() -> None:
    assert canonical_json_bytes({"b": [1, 2], "a": "é"}) == '{"a":"é","b":[1,2]}'.encode()


@pytest.mark.parametrize(
    "value", [float("nan"), float("inf"), {"when": datetime(2025, 1, 1)}, b"bytes", "\ud800"]
)
def test_canonical_json_refuses_inexact_values(value: Any) -> None:
    with pytest.raises(JsonInputError):
        canonical_json_bytes(value)


@pytest.mark.parametrize(
    "data",
    [b'{"a":1,"a":2}', b"NaN", b'{"x":Infinity}', b"\xff", b"\xef\xbb\xbf{}", b"[" * 100_000, b"1" * 5000],
)
def test_strict_loading_refuses(data: bytes) -> None:
    with pytest.raises(JsonInputError):
        loads_strict(data)


@pytest.mark.parametrize(
    "path", ["records/rewrites.jsonl", "a", "a/b/c.txt", "dots.in.name", "..hidden", "a..b"]
)
def test_safe_member_paths(path: str) -> None:
    assert member_path_problem(path) is None


@pytest.mark.parametrize(
    "path",
    ["", "/abs", "../x", "a/../b", "a/..", "a\\b", "C:x", "a//b", "a/", "./a", "a/./b", "nul\x00", "x" * 256],
)
def test_unsafe_member_paths(path: str) -> None:
    assert member_path_problem(path)


@pytest.mark.parametrize("name", ["Ada", "Zoë O'Neill", "李雷", "Ana-María (QA)"])
def test_good_signer_names(name: str) -> None:
    assert signer_name_problem(name) is None


@pytest.mark.parametrize(
    "name", ["", " Ada", "Ada ", "A\nB", "A\tB", "A\x7fB", "A\u202eB", "A\u2066B", "x" * 129]
)
def test_bad_signer_names(name: str) -> None:
    assert signer_name_problem(name)


def test_created_at_format() -> None:
    assert format_created_at(datetime(2025, 1, 2, 3, 4, 5, 678, tzinfo=UTC)) == "2025-01-02T03:04:05Z"
    east = timezone(timedelta(hours=5, minutes=30))
    assert format_created_at(datetime(2025, 1, 2, 8, 34, 5, tzinfo=east)) == "2025-01-02T03:04:05Z"
    with pytest.raises(ValueError):
        format_created_at(datetime(2025, 1, 2))


def test_manifest_round_trips_through_its_bytes(sealed: SealedBundle) -> None:
    assert parse_manifest(sealed.manifest_bytes) == sealed.manifest
    assert sealed.manifest.to_bytes() == sealed.manifest_bytes


def test_manifest_problems_are_located(sealed: SealedBundle) -> None:
    data = json.loads(sealed.manifest_bytes)
    data["files"][0]["size"] = "12"
    with pytest.raises(BundleRejected) as caught:
        parse_manifest(canonical_json_bytes(data))
    assert caught.value.reason_code is RejectReason.MANIFEST_INVALID
    assert "files.0.size" in caught.value.message


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda m: m["files"].append(dict(m["files"][0])), "listed twice"),
        (
            lambda m: m["files"].append({"path": "manifest.json", "sha256": "0" * 64, "size": 1}),
            "cannot be listed",
        ),
        (lambda m: m["files"][0].update(path="other.jsonl"), "must list"),
        (lambda m: m["files"][0].update(path="../x"), "climbs"),
        (lambda m: m.update(bundle_seq=2), "prev_bundle_id"),
        (lambda m: m["signer"].update(public_key="not base64"), "public_key"),
        (lambda m: m["app"].update(name=""), "app.name"),
    ],
)
def test_manifest_rules(sealed: SealedBundle, edit: Any, message: str) -> None:
    data = json.loads(sealed.manifest_bytes)
    edit(data)
    with pytest.raises(BundleRejected, match=message):
        parse_manifest(canonical_json_bytes(data))


def _record(rewrite_id: str, original: str = "text") -> dict[str, Any]:
    return {
        "rewrite_id": rewrite_id,
        "task_id": "t",
        "original": original,
        "original_sha256": hashlib.sha256(original.encode()).hexdigest(),
        "rewrite": "r",
        "status": "submitted",
    }


def test_records_round_trip_sorted() -> None:
    records = [_record("b"), _record("a", "ünïcode ✨"), _record("c")]
    data = serialize_records(records)
    assert [record["rewrite_id"] for record in parse_records(data)] == ["a", "b", "c"]
    assert data.count(b"\n") == 3 and data.endswith(b"\n")


def test_records_sort_by_code_point() -> None:
    ids = ["Z", "a", "É", "10", "9"]
    data = serialize_records([_record(rewrite_id) for rewrite_id in ids])
    assert [record["rewrite_id"] for record in parse_records(data)] == sorted(ids)


def test_extra_record_fields_are_kept() -> None:
    record = {**_record("a"), "ratings": {"tone": 5}, "tags": ["x"], "active_seconds": 12.5}
    assert parse_records(serialize_records([record])) == [record]


def test_validate_record_rejects_non_objects() -> None:
    with pytest.raises(RecordError):
        validate_record(["not", "a", "dict"])  # type: ignore[arg-type]


@settings(derandomize=True, max_examples=100, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=10, alphabet=st.characters(codec="utf-8")), unique=True))
def test_records_round_trip_for_any_ids(ids: list[str]) -> None:
    records = [_record(rewrite_id) for rewrite_id in ids]
    assert parse_records(serialize_records(records)) == sorted(
        records, key=lambda record: record["rewrite_id"]
    )
