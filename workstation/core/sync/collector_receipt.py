"""The collector's receipt: the small JSON document that makes a `200 OK` proof of storage.

Anything can answer `200 OK` — a captive portal's login page, a proxy's error page, a web server
that ignores PUT. So a 200 counts as "the collector holds this bundle" only when its body is a
receipt (docs/upload-protocol.md): Content-Type `application/vnd.rewrite-workstation.receipt.v1+json`,
a JSON object naming the bundle id, the SHA-256 and the size of the bytes the collector holds.
A 201 may carry the same receipt; if it does, it must agree too.

`check_receipt` returns the receipt or raises `NotProof` with a sentence saying what arrived
instead, built from our own words plus short, sanitised quotes of the server's.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

from workstation.core.text.safe_text import one_line

RECEIPT_MEDIA_TYPE = "application/vnd.rewrite-workstation.receipt.v1+json"
"""The Content-Type of a collector receipt (parameters such as `; charset=utf-8` are allowed)."""

_HEX_64 = re.compile(r"[0-9a-fA-F]{64}")
_HTML_START = re.compile(
    rb"\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE | re.DOTALL
)
_HTML_TITLE = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
_QUOTE_CHARS = 60


class NotProof(Exception):
    """The answer does not prove the collector stored the bundle; `reason` says what arrived."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class CollectorReceipt:
    """A receipt that matched the upload; `location` is the collector's (sanitised) word for where."""

    bundle_id: str
    sha256: str
    size: int
    location: str | None


def status_words(status: int) -> str:
    """`HTTP 200 OK`: the status with the standard phrase, never the server's own phrase."""
    try:
        return f"HTTP {status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"HTTP {status}"


def media_type(content_type: str | None) -> str:
    """`text/html` from `Text/HTML; charset=utf-8`; empty when there is none."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def is_receipt_type(content_type: str | None) -> bool:
    """Whether the Content-Type announces a collector receipt."""
    return media_type(content_type) == RECEIPT_MEDIA_TYPE


def check_receipt(
    status: int,
    content_type: str | None,
    body: bytes,
    body_problem: str | None,
    *,
    bundle_id: str,
    sha256: str,
    size: int,
) -> CollectorReceipt:
    """The receipt in this answer, if it proves the collector holds exactly these bytes.

    `sha256` is the hex SHA-256 and `size` the byte count of what was sent. Raises `NotProof`
    otherwise, e.g. "HTTP 200 OK with an HTML page, not a collector receipt — a captive portal
    or proxy?".
    """
    said = status_words(status)
    if not is_receipt_type(content_type):
        hint = " — a captive portal or proxy?" if looks_like_html(content_type, body) else ""
        what = describe_body(content_type, body, body_problem)
        raise NotProof(f"{said} with {what}, not a collector receipt{hint}")
    if body_problem is not None:
        raise NotProof(f"{said} with a receipt that did not arrive whole ({body_problem})")
    document = _json_object(body)
    if document is None:
        raise NotProof(f"{said} with a receipt that is not a JSON object")
    named = document.get("bundle_id")
    if not isinstance(named, str):
        raise NotProof(f"{said} with a receipt that names no bundle_id")
    if named != bundle_id:
        raise NotProof(f"{said} with a receipt for another bundle, '{one_line(named, 24)}'")
    stated_sha256 = document.get("sha256")
    if not (isinstance(stated_sha256, str) and _HEX_64.fullmatch(stated_sha256)):
        raise NotProof(f"{said} with a receipt whose sha256 is missing or not 64 hex digits")
    if stated_sha256.lower() != sha256:
        raise NotProof(f"{said} with a receipt for other bytes (sha256 {stated_sha256[:16].lower()}…)")
    stated_size = document.get("size")
    if type(stated_size) is not int or stated_size != size:
        stated = one_line(json.dumps(stated_size), 40)
        raise NotProof(f"{said} with a receipt whose size is {stated}, not the {size} bytes sent")
    location = document.get("location")
    return CollectorReceipt(
        bundle_id, sha256, size, one_line(location, 500) if isinstance(location, str) and location else None
    )


def describe_body(content_type: str | None, body: bytes, body_problem: str | None = None) -> str:
    """What a non-receipt body looks like, in a few words ("an HTML page (title: …)", "an empty body")."""
    kind = media_type(content_type)
    if body_problem is not None and not body:
        return f"a {kind or 'body'} we could not read ({body_problem})"
    if not body:
        return "an empty body"
    if looks_like_html(content_type, body):
        title = _HTML_TITLE.search(body.decode("utf-8", errors="replace"))
        if title and title.group(1).strip():
            return f"an HTML page (title: {_quoted(html.unescape(title.group(1)))})"
        return "an HTML page"
    if kind == "application/json" or kind.endswith("+json"):
        return f"a JSON body sent as {_quoted(kind)} (a receipt is sent as {RECEIPT_MEDIA_TYPE})"
    text = body[:256].decode("utf-8", errors="replace")
    return f"a {_quoted(kind) if kind else 'body with no Content-Type'} body: {_quoted(text)}"


def looks_like_html(content_type: str | None, body: bytes) -> bool:
    """Said to be HTML, or starts like an HTML document whatever the Content-Type claims."""
    return media_type(content_type) in ("text/html", "application/xhtml+xml") or bool(
        _HTML_START.match(body[:2048])
    )


def _json_object(body: bytes) -> dict[str, Any] | None:
    """The body as a JSON object, or None (bad UTF-8, bad JSON, too deep, duplicate keys, not an object)."""
    try:
        document = json.loads(body.decode("utf-8"), object_pairs_hook=_refuse_duplicate_keys)
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    return document if isinstance(document, dict) else None


def _refuse_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    document = dict(pairs)
    if len(document) != len(pairs):
        raise ValueError("a receipt names a field twice")
    return document


def _quoted(value: object) -> str:
    """A server-chosen value as a short, safe, quoted phrase."""
    text = value if isinstance(value, str) else json.dumps(value)
    return f"'{one_line(text, _QUOTE_CHARS)}'"
