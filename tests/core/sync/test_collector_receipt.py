"""The collector receipt: only a receipt that names exactly what was sent proves an upload."""

from __future__ import annotations

import hashlib
import json
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workstation.core.sync.collector_receipt import (
    RECEIPT_MEDIA_TYPE,
    NotProof,
    check_receipt,
    describe_body,
)

DATA = b"bundle bytes"
BUNDLE_ID = "sha256:" + "ab" * 32
SHA256 = hashlib.sha256(DATA).hexdigest()
GOOD = {"bundle_id": BUNDLE_ID, "sha256": SHA256, "size": len(DATA)}


def _check(body: bytes, content_type: str | None = RECEIPT_MEDIA_TYPE, problem: str | None = None) -> object:
    return check_receipt(200, content_type, body, problem, bundle_id=BUNDLE_ID, sha256=SHA256, size=len(DATA))


def _reason(body: bytes, content_type: str | None = RECEIPT_MEDIA_TYPE, problem: str | None = None) -> str:
    with pytest.raises(NotProof) as caught:
        _check(body, content_type, problem)
    return caught.value.reason


def test_a_matching_receipt_is_proof_and_keeps_a_safe_location() -> None:
    body = json.dumps({**GOOD, "location": "s3://team/\x1b[31mx\ny", "extra": [1, 2]}).encode()
    receipt = _check(body, f"{RECEIPT_MEDIA_TYPE.upper()}; charset=utf-8")
    assert receipt.location == "s3://team/\ufffd[31mx y"  # type: ignore[attr-defined]


def test_uppercase_hex_is_the_same_digest() -> None:
    assert _check(json.dumps({**GOOD, "sha256": SHA256.upper()}).encode())


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"bundle_id": "sha256:" + "cd" * 32}, "a receipt for another bundle, 'sha256:cdcdcdcdcdcdcdcd…'"),
        ({"bundle_id": "\x1b[2J"}, "a receipt for another bundle, '\ufffd[2J'"),
        ({"bundle_id": None}, "a receipt that names no bundle_id"),
        ({"sha256": "00" * 32}, "a receipt for other bytes (sha256 0000000000000000…)"),
        ({"sha256": "not hex"}, "sha256 is missing or not 64 hex digits"),
        ({"size": len(DATA) + 1}, "a receipt whose size is 13, not the 12 bytes sent"),
        ({"size": str(len(DATA))}, 'a receipt whose size is "12", not'),
        ({"size": float(len(DATA))}, "a receipt whose size is 12.0, not"),
        ({"size": True}, "a receipt whose size is true, not"),
        ({"size": None}, "a receipt whose size is null, not"),
    ],
)
def test_a_receipt_that_disagrees_is_not_proof(change: dict[str, object], words: str) -> None:
    document = {**GOOD, **change}
    if change.get("bundle_id", "") is None:
        del document["bundle_id"]
    assert words in _reason(json.dumps(document).encode())


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b"[1, 2]", "a receipt that is not a JSON object"),
        (b"{not json", "a receipt that is not a JSON object"),
        (b"\xff\xfe{}", "a receipt that is not a JSON object"),
        (b"[" * 100_000, "a receipt that is not a JSON object"),
        (
            json.dumps(GOOD).replace("{", f'{{"bundle_id": "{BUNDLE_ID}", ', 1).encode(),  # named twice
            "a receipt that is not a JSON object",
        ),
    ],
)
def test_a_malformed_receipt_is_not_proof(body: bytes, words: str) -> None:
    assert _reason(body) == f"HTTP 200 OK with {words}"


def test_a_receipt_cut_short_is_not_proof() -> None:
    reason = _reason(json.dumps(GOOD).encode()[:10], problem="timed out after 3.0 s reading the body")
    assert (
        reason
        == "HTTP 200 OK with a receipt that did not arrive whole (timed out after 3.0 s reading the body)"
    )


@pytest.mark.parametrize(
    ("content_type", "body", "reason"),
    [
        (
            "application/json",
            json.dumps(GOOD).encode(),
            "HTTP 200 OK with a JSON body sent as 'application/json' (a receipt is sent as "
            f"{RECEIPT_MEDIA_TYPE}), not a collector receipt",
        ),
        (
            "text/plain",
            b"  <!-- portal -->\n<!DOCTYPE HTML><html><title>Sign &amp; in</title>",
            "HTTP 200 OK with an HTML page (title: 'Sign & in'), not a collector receipt — a captive "
            "portal or proxy?",
        ),
        (
            "text/html",
            b"",
            "HTTP 200 OK with an empty body, not a collector receipt — a captive portal or proxy?",
        ),
        (
            "text/plain",
            b"OK\r\n\x1b[2Jdone",
            "HTTP 200 OK with a 'text/plain' body: 'OK \ufffd[2Jdone', not a collector receipt",
        ),
        (
            None,
            b"stored",
            "HTTP 200 OK with a body with no Content-Type body: 'stored', not a collector receipt",
        ),
    ],
)
def test_what_arrived_instead_is_described(content_type: str | None, body: bytes, reason: str) -> None:
    assert _reason(body, content_type) == reason


def test_an_unread_body_is_described_as_such() -> None:
    words = describe_body(
        "text/html", b"", "1073741824 bytes declared, over the 64 KiB cap (not read further)"
    )
    assert (
        words
        == "a text/html we could not read (1073741824 bytes declared, over the 64 KiB cap (not read further))"
    )


@given(st.binary(max_size=300), st.sampled_from([RECEIPT_MEDIA_TYPE, "text/html", "application/json", None]))
def test_no_arbitrary_body_is_proof_and_every_reason_is_one_safe_line(
    body: bytes, content_type: str | None
) -> None:
    try:
        _check(body, content_type)
    except NotProof as not_proof:
        reason = not_proof.reason
        assert not any(
            unicodedata.category(character) in ("Cc", "Cf", "Cs", "Zl", "Zp") for character in reason
        )
        return
    pytest.fail("random bytes were taken as a receipt")
