"""One byte representation per JSON value, so hashes and signatures over JSON are reproducible.

Canonical form: keys sorted, no insignificant whitespace, UTF-8 (non-ASCII kept as is), no NaN or
infinities. Parsing is strict the other way round: duplicate keys and non-finite numbers are refused.
"""

from __future__ import annotations

import json
from typing import Any


class JsonInputError(ValueError):
    """The bytes are not strict JSON (bad UTF-8, duplicate keys, NaN, too deep, ...)."""


def canonical_json_bytes(value: Any) -> bytes:
    """Serialize ``value`` canonically; raises JsonInputError for values JSON cannot hold exactly."""
    try:
        text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
        return text.encode("utf-8")
    except (TypeError, ValueError, RecursionError) as exc:
        raise JsonInputError(f"not canonical-JSON serializable: {exc}") from exc


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise JsonInputError(f"duplicate key {key!r}")
            seen.add(key)
    return result


def _refuse_constant(name: str) -> Any:
    raise JsonInputError(f"non-finite number {name} is not allowed")


def loads_strict(data: bytes) -> Any:
    """Parse UTF-8 JSON bytes, refusing duplicate keys and NaN/Infinity; raises JsonInputError."""
    try:
        text = data.decode("utf-8")
        return json.loads(text, object_pairs_hook=_refuse_duplicates, parse_constant=_refuse_constant)
    except JsonInputError:
        raise
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise JsonInputError(str(exc)) from exc
