"""The last step of every importer: checked values in, a :class:`TaskInput` out.

Importers check types themselves (to say ``"response" must be a string, got a number``); this
module adds the rules every format shares: the output must not be blank, an empty prompt is no
prompt, text must be storable (no lone UTF-16 surrogates from ``\\ud83d``-style JSON escapes), and
any pydantic complaint is turned into a sentence instead of a traceback.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from workstation.core.formats.fields import kind_of
from workstation.core.formats.messages import ChatTurn
from workstation.core.formats.records import RecordProblem
from workstation.core.models import TaskInput

EMPTY_OUTPUT_MESSAGE = "the model output to rewrite is empty"

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def may_hold_lone_surrogate(json_text: str) -> bool:
    """Cheap test on raw JSON text: could parsing it have produced a lone surrogate?"""
    return "\\u" in json_text and _SURROGATE_ESCAPE.search(json_text) is not None


def check_no_lone_surrogate(value: object) -> None:
    """Raise :class:`RecordProblem` if any string inside ``value`` holds an unpaired surrogate.

    JSON may spell half of an emoji as ``\\ud83d`` alone; Python accepts it but UTF-8 cannot
    store it, so the record would fail later in the store. Only called when
    :func:`may_hold_lone_surrogate` says the raw text needs a look.
    """
    if isinstance(value, str):
        found = _LONE_SURROGATE.search(value)
        if found:
            code = ord(found.group())
            raise RecordProblem(
                f"the text holds a lone surrogate escape (\\u{code:04x} without its pair), "
                "which is not valid Unicode"
            )
    elif isinstance(value, dict):
        for key, item in value.items():
            check_no_lone_surrogate(key)
            check_no_lone_surrogate(item)
    elif isinstance(value, list):
        for item in value:
            check_no_lone_surrogate(item)


def _sentence(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    message = str(first["msg"]).removeprefix("Value error, ")
    if where in ("original", "id"):
        return message
    return f'"{where}": {message}'


def build_task(
    *,
    original: object,
    original_label: str,
    task_id: str | None = None,
    prompt: str | None = None,
    messages: list[ChatTurn] | None = None,
    model: str | None = None,
    metadata: dict[str, Any] | None = None,
) -> TaskInput:
    """Make the :class:`TaskInput`, raising :class:`RecordProblem` with a sentence if it is bad.

    ``original_label`` is the field name the output came from, used in the type error.
    """
    if not isinstance(original, str):
        raise RecordProblem(f'"{original_label}" must be a string, got {kind_of(original)}')
    if not original.strip():
        raise RecordProblem(EMPTY_OUTPUT_MESSAGE)
    try:
        return TaskInput.model_validate(
            {
                "id": task_id,
                "prompt": prompt or None,
                "messages": messages or None,
                "original": original,
                "model": model,
                "metadata": metadata or {},
            }
        )
    except ValidationError as error:
        raise RecordProblem(_sentence(error)) from None
