"""What an importer yields: a parsed task with its line, or a problem with its line.

Importers never raise for bad content. They yield :class:`RecordError` values so the caller can
report every bad record of a file (``file:line: what is wrong``) and then roll the file back.
"""

from __future__ import annotations

from dataclasses import dataclass

from workstation.core.models import TaskInput


@dataclass(frozen=True, slots=True)
class ParsedRecord:
    """One task read from a file. ``line`` is the 1-based physical line where the record starts."""

    line: int
    task: TaskInput


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
