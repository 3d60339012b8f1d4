"""Field mapping (``--field response=COLUMN``) and typed reads of JSON values with good sentences.

Every importer reads the same five things: the output to rewrite (``response``), its context
(``prompt`` and/or ``messages``), an ``id`` and a ``model``. Formats have their own default names
for them; the user's field map overrides those names. In JSON formats a dotted path such as
``data.question`` reaches into nested objects; CSV uses the column name as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from workstation.core.formats.records import RecordProblem

FIELD_TARGETS: tuple[str, ...] = ("response", "prompt", "id", "model", "messages")
"""What ``--field TARGET=SOURCE`` may name as TARGET."""

_MISSING = object()


@dataclass(frozen=True)
class FieldMap:
    """The user's field overrides, as given (``names``) and split into JSON paths (``paths``)."""

    names: Mapping[str, str] = field(default_factory=dict)
    paths: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def source(self, target: str) -> str | None:
        """The field or column the user named for ``target``, or None to use the format's default."""
        return self.names.get(target)


def build_field_map(field_map: Mapping[str, str] | None) -> FieldMap:
    """Check a ``{target: source}`` mapping and prepare it; raises ValueError with a clear message."""
    if not field_map:
        return FieldMap()
    names: dict[str, str] = {}
    for target, source in field_map.items():
        if target not in FIELD_TARGETS:
            raise ValueError(
                f"unknown field {target!r} in the field mapping; "
                f"the fields that can be mapped are {', '.join(FIELD_TARGETS)}"
            )
        if not isinstance(source, str) or not source.strip():
            raise ValueError(f"the field mapping for {target!r} needs a field or column name")
        names[target] = source.strip()
    return FieldMap(names, {target: tuple(name.split(".")) for target, name in names.items()})


def parse_field_options(options: Iterable[str]) -> dict[str, str]:
    """Turn command-line ``TARGET=SOURCE`` strings into a mapping; raises ValueError when malformed."""
    mapping: dict[str, str] = {}
    for option in options:
        target, sep, source = option.partition("=")
        if not sep or not target.strip() or not source.strip():
            raise ValueError(f"--field expects TARGET=SOURCE (for example response=answer), got {option!r}")
        mapping[target.strip()] = source.strip()
    build_field_map(mapping)
    return mapping


def kind_of(value: object) -> str:
    """How a JSON value is named in error messages: "a string", "a number", "null", ..."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def lookup(record: Mapping[str, Any], name: str, path: tuple[str, ...]) -> Any:
    """The value at ``name`` (a literal key) or else at the dotted ``path``; ``MISSING`` if absent."""
    if name in record:
        return record[name]
    if len(path) < 2:
        return _MISSING
    value: Any = record
    for part in path:
        if not isinstance(value, dict) or part not in value:
            return _MISSING
        value = value[part]
    return value


def is_missing(value: object) -> bool:
    """Whether :func:`lookup` found nothing."""
    return value is _MISSING


def without(record: Mapping[str, Any], name: str, path: tuple[str, ...]) -> dict[str, Any]:
    """A copy of ``record`` without the value :func:`lookup` found, copying nested objects on the way.

    Used so that the fields an importer consumed do not show up again in the task's metadata.
    """
    if name in record or len(path) < 2:
        return {key: value for key, value in record.items() if key != name}
    copy = dict(record)
    parent = copy
    for part in path[:-1]:
        child = parent.get(part)
        if not isinstance(child, dict):
            return copy
        child = dict(child)
        parent[part] = child
        parent = child
    parent.pop(path[-1], None)
    return copy


def optional_string(value: object, label: str) -> str | None:
    """A string field that may be absent or null; raises :class:`RecordProblem` for other types."""
    if value is None or value is _MISSING:
        return None
    if isinstance(value, str):
        return value
    raise RecordProblem(f'"{label}" must be a string, got {kind_of(value)}')


def optional_id(value: object, label: str) -> str | None:
    """An id: a string, or a whole number turned into a string (Label Studio ids are numbers)."""
    if value is None or value is _MISSING:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise RecordProblem(f'"{label}" must be a string or a whole number, got {kind_of(value)}')


def optional_object(value: object, label: str) -> dict[str, Any]:
    """A JSON object field such as ``metadata``; absent or null gives an empty dict."""
    if value is None or value is _MISSING:
        return {}
    if isinstance(value, dict):
        return value
    raise RecordProblem(f'"{label}" must be an object, got {kind_of(value)}')
