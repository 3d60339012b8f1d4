"""Turning one parsed JSON object into a checked task, shared by every JSON-based format.

Formats differ only in their default field names and in whether values may be conversations
(a list of chat turns): a :class:`JsonShape` says which. The user's field map overrides names.
Keys the importer did not consume are kept in the task's metadata, so nothing is lost; an explicit
``metadata`` object wins over a stray top-level key of the same name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from workstation.core.formats.fields import (
    FieldMap,
    is_missing,
    kind_of,
    lookup,
    optional_id,
    optional_object,
    optional_string,
    without,
)
from workstation.core.formats.messages import ChatTurn, parse_turns, split_last_assistant
from workstation.core.formats.records import CheckedTask, RecordProblem
from workstation.core.formats.task_building import build_task

RecordMapper = Callable[[dict[str, Any]], CheckedTask]

_NOT_FOUND = (None, None)


@dataclass(frozen=True)
class JsonShape:
    """A JSON format's default field names and rules.

    ``response_names`` are tried in order for the output to rewrite; when none is present the
    last assistant turn of the ``messages_names`` field is used. ``conversations`` lets ``prompt``
    be a list of turns and the output be a conversation ending in an assistant turn (TRL).
    ``missing_response`` words the error when no output is found at all.
    """

    response_names: tuple[str, ...]
    prompt_names: tuple[str, ...] = ("prompt",)
    messages_names: tuple[str, ...] = ("messages",)
    conversations: bool = False
    missing_response: Callable[[dict[str, Any]], str] | None = None


@dataclass(frozen=True)
class _Source:
    names: tuple[str, ...]
    path: tuple[str, ...] | None  # set when the user mapped the field (dotted path allowed)

    def find(self, record: dict[str, Any]) -> tuple[Any, str | None]:
        if self.path is not None:
            name = self.names[0]
            value = lookup(record, name, self.path)
            return _NOT_FOUND if is_missing(value) else (value, name)
        for name in self.names:
            if name in record:
                return record[name], name
        return _NOT_FOUND


def _source(fields: FieldMap, target: str, defaults: tuple[str, ...]) -> _Source:
    mapped = fields.source(target)
    if mapped is None:
        return _Source(defaults, None)
    return _Source((mapped,), fields.paths[target])


def _default_missing_response(names: tuple[str, ...]) -> str:
    quoted = ", ".join(f'"{name}"' for name in names)
    return (
        f"the model output to rewrite is missing; expected one of {quoted} "
        "(or name the field with --field response=NAME)"
    )


def make_mapper(shape: JsonShape, fields: FieldMap) -> RecordMapper:
    """Build the function that maps one JSON object of this shape to a task."""
    response_source = _source(fields, "response", shape.response_names)
    prompt_source = _source(fields, "prompt", shape.prompt_names)
    messages_source = _source(fields, "messages", shape.messages_names)
    id_source = _source(fields, "id", ("id",))
    model_source = _source(fields, "model", ("model",))
    response_mapped = fields.source("response")
    conversations = shape.conversations
    nested = [
        source
        for source in (response_source, prompt_source, messages_source, id_source, model_source)
        if source.path is not None and len(source.path) > 1
    ]

    def missing_response(record: dict[str, Any]) -> str:
        if response_mapped is not None:
            return f'the field "{response_mapped}" (mapped to the output to rewrite) is missing'
        if shape.missing_response is not None:
            return shape.missing_response(record)
        return _default_missing_response(shape.response_names or shape.messages_names)

    def map_record(record: dict[str, Any]) -> CheckedTask:
        consumed: list[str] = []
        turns: list[ChatTurn] = []

        messages_value, messages_name = messages_source.find(record)
        if messages_name is not None:
            consumed.append(messages_name)
            if messages_value is not None:
                turns = parse_turns(messages_value, messages_name)

        original, response_name = response_source.find(record)
        if response_name is not None:
            consumed.append(response_name)
            if isinstance(original, list) and (conversations or response_mapped is not None):
                context, original = split_last_assistant(parse_turns(original, response_name), response_name)
                turns = turns + context
        elif messages_value is not None and response_mapped is None:
            turns, original = split_last_assistant(turns, messages_name or "messages")
            response_name = messages_name
        else:
            raise RecordProblem(missing_response(record))

        prompt: str | None = None
        prompt_value, prompt_name = prompt_source.find(record)
        if prompt_name is not None:
            consumed.append(prompt_name)
            if isinstance(prompt_value, list) and conversations:
                turns = parse_turns(prompt_value, prompt_name) + turns
            elif prompt_value is not None and not isinstance(prompt_value, str):
                expected = "a string or a list of messages" if conversations else "a string"
                raise RecordProblem(f'"{prompt_name}" must be {expected}, got {kind_of(prompt_value)}')
            else:
                prompt = prompt_value

        id_value, id_name = id_source.find(record)
        if id_name is not None:
            consumed.append(id_name)
        model_value, model_name = model_source.find(record)
        if model_name is not None:
            consumed.append(model_name)

        metadata = optional_object(record.get("metadata"), "metadata")
        extras = _remaining(record, consumed, nested)
        if extras:
            metadata = {**extras, **metadata}

        return build_task(
            original=original,
            original_label=response_name or "response",
            task_id=optional_id(id_value, id_name or "id"),
            prompt=prompt,
            messages=turns,
            model=optional_string(model_value, model_name or "model"),
            metadata=metadata,
        )

    return map_record


def _remaining(record: dict[str, Any], consumed: list[str], nested: list[_Source]) -> dict[str, Any]:
    """The record without the fields the importer used (nested mapped paths removed in copies)."""
    rest = {key: value for key, value in record.items() if key not in consumed and key != "metadata"}
    for source in nested:
        assert source.path is not None
        if source.path[0] in rest:
            rest = without(rest, source.names[0], source.path)
    return rest
