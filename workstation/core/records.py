"""The one mapping between a task with its rewrite and the flat record other people read.

A bundle's ``records/rewrites.jsonl`` and the native ``jsonl`` export carry the same fields,
named the same way, so a field added here reaches both. They differ only where they must: the
export names the task ``id`` (what the native importer reads back) and adds what is local to this
data dir (the import file's name and the bundle a rewrite was sealed into); the bundle record
names it ``task_id`` and leaves those out, as a bundle is sealed before it has an id and a
reviewer has no use for a writer's file names.

:func:`work_from_record` reads a bundle record back into models, for the reviewer's inbox, and
:func:`effort_of_record` its effort signals. Only bundle records carry ``effort`` (the signals of
the task's sittings up to the seal, see ``effort.sealed_effort``): the export is made from the
store, where the sittings themselves are, and bundles of format version 1 have none.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from workstation.core.effort.sealed_effort import RECORD_FIELD as EFFORT_FIELD
from workstation.core.effort.sealed_effort import effort_from_record
from workstation.core.effort.signals import EffortSignals
from workstation.core.models import Message, Rewrite, RewriteStatus, Task

Record = dict[str, Any]


def _task_fields(task: Task) -> Record:
    """The task's part of a record: its context, the exact original and where it came from."""
    return {
        "project": task.project,
        "prompt": task.prompt,
        "messages": [message.model_dump() for message in task.messages] if task.messages else None,
        "original": task.original,
        "original_sha256": task.original_sha256,
        "model": task.model,
        "metadata": task.metadata,
    }


def _rewrite_fields(rewrite: Rewrite) -> Record:
    """The writer's part of a record: the rewrite, its judgements and its time (seconds)."""
    return {
        "rewrite_id": rewrite.rewrite_id,
        "rewrite": rewrite.text,
        "status": rewrite.status.value,
        "ratings": rewrite.ratings,
        "tags": list(rewrite.tags),
        "notes": rewrite.notes,
        "flag_reason": rewrite.flag_reason,
        "active_seconds": rewrite.active_seconds,
        "metrics": rewrite.metrics,
        "started_from": rewrite.started_from,
        "created_at": rewrite.created_at,
        "updated_at": rewrite.updated_at,
        "submitted_at": rewrite.submitted_at,
    }


def _revision_fields(rewrite: Rewrite) -> Record:
    """``revision_of`` when the rewrite revises a sealed one; left out otherwise, so records of
    first drafts keep the form bundles had before revisions existed."""
    return {"revision_of": dict(rewrite.revision_of)} if rewrite.revision_of else {}


def bundle_record(task: Task, rewrite: Rewrite, effort: EffortSignals) -> Record:
    """The bundle record of one rewrite: the work, the exact original and its context, and the
    ``effort`` signals of its sittings (``summarise_effort``; "not recorded" when switched off)."""
    return {
        "task_id": task.id,
        **_task_fields(task),
        **_rewrite_fields(rewrite),
        **_revision_fields(rewrite),
        EFFORT_FIELD: effort.as_record(),
    }


def export_record(task: Task, rewrite: Rewrite) -> Record:
    """The native ``jsonl`` export row: every field we hold, flat, in a reader-friendly order.

    ``id`` and ``original`` re-import as the task with the ``native`` importer.
    """
    return {
        "id": task.id,
        **_task_fields(task),
        "source": task.source,
        **_rewrite_fields(rewrite),
        "sealed_bundle_id": rewrite.sealed_bundle_id,
        **_revision_fields(rewrite),
    }


def work_from_record(
    record: Mapping[str, Any], *, seq: int = 0, bundle_id: str | None = None
) -> tuple[Task, Rewrite]:
    """The task and rewrite a bundle record was made from (the inverse of :func:`bundle_record`).

    A record has no queue position, import file or editor cursor: ``seq`` is the position to give
    the task, ``bundle_id`` the bundle it was read from (it becomes ``sealed_bundle_id``), and the
    cursor starts at 0; ``revision_of`` is read when present (older bundles lack it). Raises
    KeyError for a missing field and pydantic's ValidationError for a value of the wrong kind;
    check records with ``bundles.validate_record`` first.
    """
    status = RewriteStatus(record["status"])
    messages = record["messages"]
    task = Task(
        id=record["task_id"],
        seq=seq,
        project=record["project"],
        prompt=record["prompt"],
        messages=tuple(Message.model_validate(message) for message in messages) if messages else None,
        original=record["original"],
        original_sha256=record["original_sha256"],
        model=record["model"],
        metadata=record["metadata"],
        status=status,
    )
    rewrite = Rewrite(
        rewrite_id=record["rewrite_id"],
        task_id=record["task_id"],
        text=record["rewrite"],
        status=status,
        started_from=record["started_from"],
        ratings=record["ratings"],
        tags=tuple(record["tags"]),
        notes=record["notes"],
        flag_reason=record["flag_reason"],
        active_seconds=record["active_seconds"],
        metrics=record["metrics"],
        created_at=record["created_at"],
        updated_at=record["updated_at"],
        submitted_at=record["submitted_at"],
        sealed_bundle_id=bundle_id,
        revision_of=record.get("revision_of"),
    )
    return task, rewrite


def effort_of_record(record: Mapping[str, Any]) -> EffortSignals:
    """The effort signals a bundle record carries; "not recorded" when it has none (version 1).

    Raises ``EffortRecordError`` (a ValueError) for an effort object that contradicts itself,
    KeyError when the record has no ``rewrite``.
    """
    return effort_from_record(record.get(EFFORT_FIELD), len(record["rewrite"]))
