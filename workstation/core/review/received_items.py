"""The inbox items of a verified rewrite bundle: each record read back (figures come later).

Each item keeps the pasted share of its sealed effort signals (``records.effort_of_record``;
None when not recorded, as in every version 1 bundle) for the triage list.

Records passed the bundle's checks (required fields, the original's hash); here each is also
read back into a task and a rewrite (``records.work_from_record``), so the audit view can show
any item later without meeting a record it cannot read. One unreadable record refuses the whole
bundle: a bundle is taken whole or not at all. The reviewer's own figures (edit rate, lint
densities) cost milliseconds an item, so they are computed after the bundle is in, by the
figures pass (``review.figures_pass``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import ValidationError

from workstation.core.models import RewriteStatus, sha256_text
from workstation.core.records import effort_of_record, work_from_record
from workstation.core.store.inbox import NewItem
from workstation.core.store.json_columns import dumps


class RecordUnreadable(ValueError):
    """A record of a verified bundle cannot be read back as a task and a rewrite."""


def items_from_records(records: Sequence[Mapping[str, Any]]) -> list[NewItem]:
    """One NewItem per record, in the bundle's order; raises RecordUnreadable naming the record."""
    return [_item(record) for record in records]


def _item(record: Mapping[str, Any]) -> NewItem:
    try:
        task, rewrite = work_from_record(record)
        shares = effort_of_record(record).shares
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "record"
        raise RecordUnreadable(
            f"record {record['rewrite_id']!r} cannot be read: {where}: {first['msg']}"
        ) from None
    except (KeyError, ValueError, TypeError) as exc:
        raise RecordUnreadable(f"record {record['rewrite_id']!r} cannot be read: {exc!s}") from None
    return NewItem(
        item_id=rewrite.rewrite_id,
        task_id=task.id,
        project=task.project,
        model=task.model,
        status=rewrite.status.value,
        rewrite_sha256=sha256_text(rewrite.text),
        record=dict(record),
        active_seconds=rewrite.active_seconds,
        flagged=rewrite.status is RewriteStatus.FLAGGED,
        revision_of=_revision_of(record.get("revision_of")),
        pasted_share=shares.pasted if shares is not None else None,
    )


def _revision_of(value: object) -> str | None:
    """The ``{bundle_id, rewrite_id}`` a resubmission names, as the JSON text the inbox keeps."""
    if isinstance(value, Mapping) and all(
        isinstance(value.get(key), str) for key in ("bundle_id", "rewrite_id")
    ):
        return dumps({"bundle_id": value["bundle_id"], "rewrite_id": value["rewrite_id"]})
    return None
