"""One byte representation per JSON value, so hashes and signatures over JSON are reproducible.

Canonical form: keys sorted, no insignificant whitespace, UTF-8 (non-ASCII kept as is), no NaN or
infinities, nested at most :data:`MAX_RECORD_DEPTH` levels. Parsing is strict the other way round:
duplicate keys, non-finite numbers (``NaN``, ``1e400``) and deeper nesting are refused, the depth
before the decoder recurses. Writing and reading apply the same limits (the importers' too), so a
record that seals always opens again.
"""

from __future__ import annotations

import json
from typing import Any

from workstation.core.formats.json_limits import (
    MAX_RECORD_DEPTH,
    JsonLimitError,
    depth_problem,
    finite_float,
    non_finite_problem,
    reject_constant,
)


class JsonInputError(ValueError):
    """The bytes are not strict JSON (bad UTF-8, duplicate keys, NaN, too deep, ...)."""


def canonical_json_bytes(value: Any) -> bytes:
    """Serialize ``value`` canonically; raises JsonInputError for values JSON cannot hold exactly."""
    try:
        text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
        encoded = text.encode("utf-8")
    except RecursionError as exc:
        raise JsonInputError(f"not canonical-JSON serializable: {exc}") from exc
    except (TypeError, ValueError) as exc:
        problem = non_finite_problem(value)
        if problem is not None:
            raise JsonInputError(problem) from exc
        raise JsonInputError(f"not canonical-JSON serializable: {exc}") from exc
    problem = depth_problem(encoded, MAX_RECORD_DEPTH)
    if problem is not None:
        raise JsonInputError(f"not canonical-JSON serializable: {problem}")
    return encoded


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise JsonInputError(f"duplicate key {key!r}")
            seen.add(key)
    return result


_STRICT_DECODER = json.JSONDecoder(
    object_pairs_hook=_refuse_duplicates, parse_constant=reject_constant, parse_float=finite_float
)


def loads_strict(data: bytes) -> Any:
    """Parse UTF-8 JSON bytes, refusing duplicate keys, non-finite numbers and nesting deeper than
    :data:`MAX_RECORD_DEPTH`; raises JsonInputError."""
    problem = depth_problem(data, MAX_RECORD_DEPTH)
    if problem is not None:
        raise JsonInputError(problem)
    try:
        return _STRICT_DECODER.decode(data.decode("utf-8"))
    except JsonInputError:
        raise
    except JsonLimitError as exc:
        raise JsonInputError(str(exc)) from exc
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise JsonInputError(str(exc)) from exc
