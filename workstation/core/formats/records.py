"""What an importer yields: a parsed task with its line, or a problem with its line.

Importers never raise for bad content. They yield :class:`RecordError` values so the caller can
report every bad record of a file (``file:line: what is wrong``) and then roll the file back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workstation.core.models import TaskInput, content_task_id


@dataclass(frozen=True, slots=True)
class CheckedTask:
    """One task whose every :class:`TaskInput` rule has already been checked, as plain values.

    Importers build these (``task_building.build_task``) instead of pydantic models: the store
    turns them straight into rows, without validating a model every check has already passed nor
    making :class:`~workstation.core.models.Message` objects only to turn them back into dicts.
    :meth:`to_task_input` gives the model for everyone else. ``messages`` are ``{"role",
    "content"}`` turns; blank ids, empty prompts and empty turn lists are None.
    """

    original: str
    id: str | None = None
    prompt: str | None = None
    messages: tuple[dict[str, str], ...] | None = None
    model: str | None = None
    metadata: dict[str, Any] | None = None

    def stable_id(self) -> str:
        """The id the store files this task under (see :meth:`TaskInput.stable_id`)."""
        if self.id:
            return self.id
        return content_task_id(self.prompt, list(self.messages) if self.messages else None, self.original)

    def to_task_input(self) -> TaskInput:
        """The same task as a validated :class:`TaskInput`."""
        return TaskInput.model_validate(
            {
                "id": self.id,
                "prompt": self.prompt,
                "messages": self.messages,
                "original": self.original,
                "model": self.model,
                "metadata": self.metadata or {},
            }
        )


@dataclass(frozen=True, slots=True)
class ParsedRecord:
    """One task read from a file. ``line`` is the 1-based physical line where the record starts."""

    line: int
    checked: CheckedTask

    @property
    def task(self) -> TaskInput:
        """The task as a :class:`TaskInput` model (built on each call; the store reads ``checked``)."""
        return self.checked.to_task_input()


@dataclass(frozen=True, slots=True)
class RecordError:
    """One bad record (or an unreadable file). ``line`` is 1-based; ``message`` is a sentence."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class RecordProblem(Exception):
    """Raised inside an importer when one record is bad; turned into a :class:`RecordError`.

    The message is a human sentence without the ``file:line:`` prefix.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
