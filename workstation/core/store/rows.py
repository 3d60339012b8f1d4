"""Turning store rows into models and back. JSON columns are UTF-8 text, compact (see json_columns)."""

from __future__ import annotations

import json
from typing import Any

from workstation.core.models import (
    Criterion,
    IncompleteRubric,
    Message,
    Project,
    Rewrite,
    RewriteStatus,
    Rubric,
    Task,
)
from workstation.core.store.json_columns import dumps

TASK_COLUMNS = (
    "seq, id, project, prompt, messages, original, original_sha256, model, metadata, source, status"
)


def task_from_row(row: tuple[Any, ...]) -> Task:
    seq, task_id, project, prompt, messages, original, sha, model, metadata, source, status = row
    return Task(
        id=task_id,
        seq=seq,
        project=project,
        prompt=prompt,
        messages=tuple(Message(**m) for m in json.loads(messages)) if messages else None,
        original=original,
        original_sha256=sha,
        model=model,
        metadata=json.loads(metadata),
        source=source,
        status=RewriteStatus(status),
    )


REWRITE_COLUMNS = (
    "rewrite_id, task_id, text, status, started_from, ratings, tags, notes, flag_reason, "
    "active_seconds, cursor, metrics, created_at, updated_at, submitted_at, sealed_bundle_id, revision_of, "
    "edited_after_submit"
)


def rewrite_from_row(row: tuple[Any, ...]) -> Rewrite:
    (
        rewrite_id,
        task_id,
        text,
        status,
        started_from,
        ratings,
        tags,
        notes,
        flag_reason,
        active_seconds,
        cursor,
        metrics,
        created_at,
        updated_at,
        submitted_at,
        sealed,
        revision_of,
        edited_after_submit,
    ) = row
    return Rewrite(
        rewrite_id=rewrite_id,
        task_id=task_id,
        text=text,
        status=RewriteStatus(status),
        started_from=started_from,
        ratings=json.loads(ratings),
        tags=tuple(json.loads(tags)),
        notes=notes,
        flag_reason=flag_reason,
        active_seconds=active_seconds,
        cursor=cursor,
        metrics=json.loads(metrics),
        created_at=created_at,
        updated_at=updated_at,
        submitted_at=submitted_at,
        sealed_bundle_id=sealed,
        revision_of=json.loads(revision_of) if revision_of else None,
        edited_after_submit=edited_after_submit,
    )


def rewrite_to_row(rewrite: Rewrite) -> tuple[Any, ...]:
    return (
        rewrite.rewrite_id,
        rewrite.task_id,
        rewrite.text,
        rewrite.status.value,
        rewrite.started_from,
        dumps(rewrite.ratings),
        dumps(list(rewrite.tags)),
        rewrite.notes,
        rewrite.flag_reason,
        rewrite.active_seconds,
        rewrite.cursor,
        dumps(rewrite.metrics),
        rewrite.created_at,
        rewrite.updated_at,
        rewrite.submitted_at,
        rewrite.sealed_bundle_id,
        dumps(rewrite.revision_of) if rewrite.revision_of else None,
        rewrite.edited_after_submit,
    )


def project_from_row(row: dict[str, Any]) -> Project:
    rubric = json.loads(row["rubric"])
    return Project(
        name=row["name"],
        description=row["description"],
        guidelines=row["guidelines"],
        rubric=Rubric(criteria=tuple(Criterion(**c) for c in rubric.get("criteria", []))),
        tags=tuple(json.loads(row["tags"])),
        flag_reasons=tuple(json.loads(row["flag_reasons"])),
        language=row["language"],
        incomplete_rubric=IncompleteRubric(row["incomplete_rubric"]),
    )
