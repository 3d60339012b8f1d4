"""Project files: a project's settings as a data team hands them over, in one JSON object.

``project.json`` (the bundled demo is one) holds the project's ``name`` and, all optional, its
``description``, ``guidelines`` (Markdown text) or ``guidelines_file`` (a Markdown file beside the
project file), ``rubric`` (``{"criteria": [...]}``), suggested ``tags``, ``flag_reasons``,
``language`` ("en-US", "en-GB": what spelling checks against) and ``incomplete_rubric`` ("warn"
or "block": whether a rewrite may be submitted before every rubric question is answered).

The file is outside input: it is read with the importers' JSON limits, a guidelines file must
sit in the project file's folder (no ``..``, no absolute path), unknown keys are refused (a typo
such as ``langauge`` would otherwise be silently ignored) and every problem is one sentence.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePath
from typing import Any

from pydantic import ValidationError

from workstation.core.formats.json_limits import STRICT_JSON, depth_problem, describe_value_error
from workstation.core.formats.reading import describe_bad_utf8
from workstation.core.models import Project

MAX_PROJECT_FILE_BYTES = 16 * 1024 * 1024
"""The largest project file or guidelines file read, in bytes (real ones are a few kilobytes)."""

_KEYS = frozenset(
    {
        "name",
        "description",
        "guidelines",
        "guidelines_file",
        "rubric",
        "tags",
        "flag_reasons",
        "language",
        "incomplete_rubric",
    }
)


class ProjectFileError(ValueError):
    """The project file cannot be used; the message is a sentence naming the problem."""


def read_project_file(path: Path) -> Project:
    """The project ``path`` describes; :class:`ProjectFileError` with a sentence when it cannot be read."""
    spec = _json_object(path)
    unknown = sorted(set(spec) - _KEYS)
    if unknown:
        raise ProjectFileError(f"{path.name}: unknown setting {', '.join(map(repr, unknown))}")
    if "guidelines" in spec and "guidelines_file" in spec:
        raise ProjectFileError(f"{path.name}: give either guidelines or guidelines_file, not both")
    fields = {key: value for key, value in spec.items() if key != "guidelines_file"}
    if "guidelines_file" in spec:
        fields["guidelines"] = _guidelines(path, spec["guidelines_file"])
    try:
        return Project.model_validate(fields)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "the project"
        raise ProjectFileError(f"{path.name}: {where}: {first['msg']}") from None


def _read_bounded(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_PROJECT_FILE_BYTES + 1)
    except OSError as error:
        raise ProjectFileError(f"{path.name} cannot be read: {error.strerror or error}") from None
    if len(raw) > MAX_PROJECT_FILE_BYTES:
        raise ProjectFileError(f"{path.name} is larger than {MAX_PROJECT_FILE_BYTES // (1024 * 1024)} MB")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ProjectFileError(f"{path.name}: {describe_bad_utf8(raw, error)}") from None


def _json_object(path: Path) -> dict[str, Any]:
    text = _read_bounded(path)
    problem = depth_problem(text)
    if problem:
        raise ProjectFileError(f"{path.name}: {problem}")
    try:
        spec = STRICT_JSON.decode(text)
    except json.JSONDecodeError as error:
        raise ProjectFileError(f"{path.name}: not valid JSON (line {error.lineno}: {error.msg})") from None
    except ValueError as error:
        raise ProjectFileError(f"{path.name}: {describe_value_error(error)}") from None
    if not isinstance(spec, dict):
        raise ProjectFileError(f"{path.name}: a project file holds one JSON object")
    return spec


def _guidelines(path: Path, name: object) -> str:
    if not isinstance(name, str) or not name.strip():
        raise ProjectFileError(f"{path.name}: guidelines_file must name a file")
    relative = PurePath(name)
    if relative.is_absolute() or ".." in relative.parts or relative.anchor:
        raise ProjectFileError(f"{path.name}: guidelines_file must be a file in the project file's folder")
    return _read_bounded(path.parent / relative)
