"""Shared helpers for the format tests: fixture paths, golden files, and model builders.

Golden files live in ``golden/``; a mismatch fails with a unified diff, and running the tests with
``UPDATE_GOLDEN=1`` rewrites them from the current output (review the diff before committing).
"""

from __future__ import annotations

import difflib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from workstation.core.formats import ParsedRecord, RecordError, read_tasks
from workstation.core.models import Message, Rewrite, RewriteStatus, Task, TaskInput, sha256_text

HERE = Path(__file__).parent
DATA_DIR = HERE / "data"
GOLDEN_DIR = HERE / "golden"


def assert_golden(name: str, actual: str, directory: Path = GOLDEN_DIR) -> None:
    """Compare ``actual`` with ``directory/<name>``; show a unified diff, or rewrite with UPDATE_GOLDEN=1."""
    path = directory / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
        return
    if not path.exists():
        pytest.fail(f"golden file {path} is missing; run the tests with UPDATE_GOLDEN=1 to create it")
    expected = path.read_text(encoding="utf-8")
    if expected != actual:
        diff = difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            fromfile=f"golden/{name}",
            tofile="actual",
        )
        pytest.fail("output differs from the golden file (UPDATE_GOLDEN=1 to accept):\n" + "".join(diff))


def render(items: Iterable[ParsedRecord | RecordError]) -> str:
    """A readable, stable text form of an importer's output, one line per record or error."""
    lines: list[str] = []
    for item in items:
        if isinstance(item, RecordError):
            lines.append(f"ERROR {item}")
        else:
            task = item.task.model_dump(mode="json")
            lines.append(f"line {item.line}: " + json.dumps(task, ensure_ascii=False, indent=2))
    return "\n".join(lines) + "\n"


def collect(path: Path | str, **options: Any) -> tuple[list[ParsedRecord], list[RecordError]]:
    """Read a file fully and split the results into records and errors."""
    records: list[ParsedRecord] = []
    errors: list[RecordError] = []
    for item in read_tasks(path, **options):
        (records if isinstance(item, ParsedRecord) else errors).append(item)  # type: ignore[arg-type]
    return records, errors


def error_texts(path: Path | str, **options: Any) -> list[str]:
    """Just the error sentences (``file:line: message``) of reading a file."""
    return [str(error) for error in collect(path, **options)[1]]


def make_task(
    task_id: str = "t-1",
    *,
    original: str = "Certainly! Here is a robotic answer.",
    prompt: str | None = "Say something.",
    messages: list[dict[str, str]] | None = None,
    metadata: dict[str, Any] | None = None,
    seq: int = 1,
) -> Task:
    """A stored task, as the store would hand it to an exporter."""
    return Task(
        id=task_id,
        seq=seq,
        project="demo",
        prompt=prompt,
        messages=tuple(Message(**turn) for turn in messages) if messages else None,  # type: ignore[arg-type]
        original=original,
        original_sha256=sha256_text(original),
        model="chat-model-7b",
        metadata=metadata if metadata is not None else {"batch": "b1"},
        source="tasks.jsonl",
        status=RewriteStatus.SUBMITTED,
    )


def make_rewrite(task: Task, text: str = "A plain, human answer.", **fields: Any) -> Rewrite:
    """A submitted rewrite of ``task``."""
    values: dict[str, Any] = {
        "rewrite_id": f"rw-{task.id}",
        "task_id": task.id,
        "text": text,
        "status": RewriteStatus.SUBMITTED,
        "ratings": {"clarity": 2, "tone": 1},
        "tags": ("hedging", "filler"),
        "notes": "Cut the opener.",
        "active_seconds": 142.5,
        "metrics": {"words_changed": 31},
        "created_at": "2024-06-03T09:12:00Z",
        "updated_at": "2024-06-03T09:14:22Z",
        "submitted_at": "2024-06-03T09:14:22Z",
    }
    values.update(fields)
    return Rewrite(**values)


def same_task(left: TaskInput, right: TaskInput) -> bool:
    """Whether two task inputs carry the same content."""
    return left.model_dump() == right.model_dump()
