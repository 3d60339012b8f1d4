"""Work sessions in the store: saved with their rewrite in one transaction, read back per task,
range, day and project, and bad input refused in words."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from workstation.core.models import Rewrite, RewriteStatus, WorkSession, WorkSessionSource
from workstation.core.store import (
    RewriteSealed,
    Store,
    StoreError,
    UnknownTask,
    WorkSessionConflict,
    new_rewrite,
    work_sessions,
)


def session_for(
    task_id: str, started_at: str, ended_at: str | None = None, seconds: float = 0.0, **changes: Any
) -> WorkSession:
    fields: dict[str, Any] = {
        "id": f"ws-{task_id}-{started_at}",
        "task_id": task_id,
        "project": "whatever the caller thought",
        "started_at": started_at,
        "ended_at": ended_at or started_at,
        "active_seconds": seconds,
        "source": WorkSessionSource.APP,
    }
    return WorkSession(**{**fields, **changes})


@pytest.fixture
def store(data_dir: Path, tmp_path: Path) -> Iterator[Store]:
    def tasks(prefix: str) -> Path:
        path = tmp_path / f"{prefix}.jsonl"
        lines = [
            json.dumps({"id": f"{prefix}{n}", "prompt": "p", "response": f"Output {n}."}) for n in range(3)
        ]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    with Store(data_dir) as opened:
        opened.import_file(tasks("m"), project="Mail")
        opened.import_file(tasks("c"), project="Chat")
        yield opened


def draft(store: Store, task_id: str, **changes: Any) -> Rewrite:
    task = store.tasks.get(task_id)
    assert task is not None
    return (store.rewrites.get(task_id) or new_rewrite(task)).model_copy(update=changes)


def session_total(store: Store, task_id: str) -> float:
    return math.fsum(s.active_seconds for s in store.work_sessions.for_task(task_id))


def test_save_work_stores_the_rewrite_and_its_session(store: Store) -> None:
    session = session_for("m0", "2025-03-01T09:00:00Z", "2025-03-01T09:05:00Z", 240.0)
    saved, recorded = store.save_work(draft(store, "m0", text="Mine.", active_seconds=240.0), session)

    assert store.rewrites.get("m0") == saved and saved.text == "Mine."
    assert store.tasks.get("m0").status is RewriteStatus.DRAFT  # type: ignore[union-attr]
    assert recorded.project == "Mail"  # the task's project, not what the caller said
    assert store.work_sessions.for_task("m0") == [recorded]
    assert store.work_sessions.get(session.id) == recorded


def test_later_saves_of_a_sitting_move_its_end_and_seconds_only(store: Store) -> None:
    first = session_for("m0", "2025-03-01T09:00:00Z", "2025-03-01T09:01:00Z", 50.0)
    store.save_work(draft(store, "m0", active_seconds=50.0), first)
    later = first.model_copy(update={"ended_at": "2025-03-01T09:30:00.000Z", "active_seconds": 900.0})
    store.save_work(draft(store, "m0", active_seconds=900.0), later)

    [stored] = store.work_sessions.for_task("m0")
    assert (stored.started_at, stored.ended_at, stored.active_seconds) == (
        "2025-03-01T09:00:00.000Z",
        "2025-03-01T09:30:00.000Z",
        900.0,
    )
    assert session_total(store, "m0") == store.rewrites.get("m0").active_seconds  # type: ignore[union-attr]


def test_a_sitting_id_cannot_move_to_another_task(store: Store) -> None:
    first = session_for("m0", "2025-03-01T09:00:00Z")
    store.work_sessions.begin(first)
    moved = first.model_copy(update={"task_id": "m1"})
    with pytest.raises(WorkSessionConflict, match="already on record"):
        store.save_work(draft(store, "m1", text="Other."), moved)
    assert store.rewrites.get("m1") is None
    assert store.work_sessions.for_task("m1") == []


def test_begin_records_the_sitting_before_any_save(store: Store) -> None:
    began = store.work_sessions.begin(session_for("c1", "2025-03-02T10:00:00Z"))
    assert store.work_sessions.for_task("c1") == [began] and began.project == "Chat"
    with pytest.raises(ValueError, match="begins with no active seconds"):
        store.work_sessions.begin(session_for("c2", "2025-03-02T10:00:00Z", seconds=5.0))
    assert store.work_sessions.for_task("c2") == []


@pytest.mark.parametrize(
    ("name", "after"),
    [("write_session", False), ("write_session", True), ("write_rewrite", False), ("write_rewrite", True)],
)
@pytest.mark.parametrize("error", [OSError("disk full"), KeyboardInterrupt()], ids=["error", "interrupt"])
def test_a_failure_inside_save_work_stores_neither(
    store: Store, monkeypatch: pytest.MonkeyPatch, name: str, after: bool, error: BaseException
) -> None:
    session = session_for("m0", "2025-03-01T09:00:00Z", "2025-03-01T09:01:00Z", 10.0)
    before_rewrite, before_session = store.save_work(
        draft(store, "m0", text="One.", active_seconds=10.0), session
    )
    real = getattr(work_sessions, name)

    def failing(*args: Any) -> Any:
        if after:
            real(*args)
        raise error

    monkeypatch.setattr(work_sessions, name, failing)
    grown = session.model_copy(update={"ended_at": "2025-03-01T09:02:00.000Z", "active_seconds": 70.0})
    with pytest.raises(type(error)):
        store.save_work(draft(store, "m0", text="Two.", active_seconds=70.0), grown)
    monkeypatch.undo()

    assert not store.database.conn.in_transaction
    assert store.rewrites.get("m0") == before_rewrite
    assert store.work_sessions.for_task("m0") == [before_session]
    saved, _ = store.save_work(draft(store, "m0", text="Two.", active_seconds=70.0), grown)  # next one runs
    assert saved.text == "Two." and session_total(store, "m0") == 70.0


def test_a_sealed_rewrite_refuses_the_whole_save(store: Store) -> None:
    store.save_work(draft(store, "m0", text="Done."), session_for("m0", "2025-03-01T09:00:00Z"))
    with store.database.write() as conn:
        conn.execute(
            "INSERT INTO outbox(bundle_id, bundle_seq, signer_fingerprint, data, size, record_count, "
            "created_at, updated_at) VALUES ('sha256:x', 1, 'f', x'00', 1, 1, 'now', 'now')"
        )
        conn.execute("UPDATE rewrites SET sealed_bundle_id = 'sha256:x'")
    later = session_for("m0", "2025-03-05T09:00:00Z", "2025-03-05T09:10:00Z", 600.0)
    with pytest.raises(RewriteSealed):
        store.save_work(draft(store, "m0", text="Changed.", active_seconds=600.0), later)
    assert store.rewrites.get("m0").text == "Done."  # type: ignore[union-attr]
    assert store.work_sessions.get(later.id) is None


def test_an_unknown_task_is_refused_in_words(store: Store) -> None:
    ghost = session_for("no-such-task", "2025-03-01T09:00:00Z")
    with pytest.raises(UnknownTask, match="no task with id 'no-such-task'") as caught:
        store.work_sessions.begin(ghost)
    assert isinstance(caught.value, StoreError)
    task = store.tasks.get("m0")
    assert task is not None
    orphan = new_rewrite(task).model_copy(update={"task_id": "no-such-task"})
    with pytest.raises(UnknownTask):
        store.save_work(orphan, ghost)
    assert store.work_sessions.between() == []


def test_a_session_for_another_task_than_the_rewrite_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="for task 'm1' but the rewrite is for 'm0'"):
        store.save_work(draft(store, "m0"), session_for("m1", "2025-03-01T09:00:00Z"))
    assert store.rewrites.get("m0") is None


# -- reading back by range, day and project ------------------------------------------------------


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


@pytest.fixture
def week(store: Store) -> Store:
    """Mail: 23:30–00:30 across midnight into 3 March (2,400 s), and 10 s on 3 March.
    Chat: 300 s on 2 March."""
    recorded = [
        session_for("m0", "2025-03-02T23:30:00Z", "2025-03-03T00:30:00Z", 2400.0),
        session_for("m1", "2025-03-03T08:00:00Z", "2025-03-03T08:00:00Z", 10.0, source=WorkSessionSource.CLI),
        session_for("c0", "2025-03-02T12:00:00Z", "2025-03-02T12:10:00Z", 300.0),
    ]
    for session in recorded:
        store.save_work(draft(store, session.task_id, active_seconds=session.active_seconds), session)
    return store


def test_a_sitting_past_utc_midnight_counts_on_both_days(week: Store) -> None:
    assert week.work_sessions.seconds_by_day() == {date(2025, 3, 2): 1500.0, date(2025, 3, 3): 1210.0}
    assert week.work_sessions.seconds_by_day(project="Mail") == {
        date(2025, 3, 2): 1200.0,
        date(2025, 3, 3): 1210.0,
    }
    # A range that starts at midnight gets only the part after it.
    assert week.work_sessions.seconds_by_day(at("2025-03-03T00:00:00Z"), at("2025-03-04T00:00:00Z")) == {
        date(2025, 3, 3): 1210.0
    }
    # Offsets are converted: midnight UTC is 01:00 in Paris.
    assert week.work_sessions.seconds_by_day(end=at("2025-03-03T01:00:00+01:00")) == {
        date(2025, 3, 2): 1500.0
    }


def test_totals_per_project_and_range(week: Store) -> None:
    assert week.work_sessions.seconds_by_project() == {"Chat": 300.0, "Mail": 2410.0}
    assert week.work_sessions.seconds_by_project(at("2025-03-03T00:00:00Z")) == {"Mail": 1210.0}
    assert week.work_sessions.seconds_by_project(at("2025-04-01T00:00:00Z")) == {}  # no work: empty


def test_sessions_in_a_range_include_those_that_overlap_it(week: Store) -> None:
    def ids(start: str | None, end: str | None) -> list[str]:
        rows = week.work_sessions.between(start and at(start), end and at(end))
        return [s.task_id for s in rows]

    assert ids(None, None) == ["c0", "m0", "m1"]
    assert ids("2025-03-03T00:00:00Z", None) == ["m0", "m1"]  # m0 runs on past midnight
    assert ids("2025-03-03T08:00:00Z", "2025-03-03T09:00:00Z") == ["m1"]  # an instant at the start
    assert ids("2025-03-03T07:00:00Z", "2025-03-03T08:00:00Z") == []  # ... but not at the end
    assert ids("2025-03-03T00:30:00Z", "2025-03-03T01:00:00Z") == []  # m0 ended as it began
    assert [s.task_id for s in week.work_sessions.between(project="Chat")] == ["c0"]


def test_a_range_without_a_time_zone_is_refused(week: Store) -> None:
    with pytest.raises(ValueError, match="no time zone"):
        week.work_sessions.seconds_by_day(datetime(2025, 3, 3))


# -- bad input the model refuses ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "complaint"),
    [
        ({"active_seconds": -1.0}, "greater than or equal to 0"),
        ({"active_seconds": math.nan}, "finite number"),
        ({"active_seconds": math.inf}, "finite number"),
        ({"keystrokes": -3}, "greater than or equal to 0"),
        ({"largest_paste_chars": -1}, "greater than or equal to 0"),
        ({"longest_idle_seconds": math.inf}, "finite number"),
        ({"ended_at": "2025-03-01T08:59:59Z"}, "cannot end"),
        ({"started_at": "2025-03-01T09:00:00"}, "no UTC offset"),
        ({"started_at": "yesterday"}, "Invalid isoformat"),
        ({"source": "guess"}, "'app', 'cli' or 'migrated'"),
        ({"task_id": ""}, "at least 1 character"),
    ],
)
def test_the_model_refuses_impossible_sessions(changes: dict[str, Any], complaint: str) -> None:
    fine = session_for("m0", "2025-03-01T09:00:00Z").model_dump()
    with pytest.raises(ValidationError, match=complaint):
        WorkSession(**{**fine, **changes})


def test_timestamps_are_stored_in_one_form_whatever_the_offset_given() -> None:
    session = session_for("m0", "2025-03-01T10:00:00+01:00", "2025-03-01T09:00:00.5Z")
    assert (session.started_at, session.ended_at) == ("2025-03-01T09:00:00.000Z", "2025-03-01T09:00:00.500Z")
    assert session.keystrokes is None and session.pasted_chars is None  # not recorded, not zero
    assert at(session.started_at) == datetime(2025, 3, 1, 9, tzinfo=UTC)


def test_every_effort_count_is_stored_and_none_stays_not_recorded(store: Store) -> None:
    counts: dict[str, Any] = {
        "keystrokes": 310,
        "typed_chars": 280,
        "pasted_chars": 1200,
        "paste_events": 3,
        "largest_paste_chars": 900,
        "external_chars": 45,
        "undo_count": 4,
        "redo_count": 1,
        "revisions": 6,
        "longest_idle_seconds": 93.4,
    }
    session = session_for("m0", "2025-03-01T09:00:00Z", "2025-03-01T09:20:00Z", 600.0, **counts)
    store.save_work(draft(store, "m0", active_seconds=600.0), session)
    [stored] = store.work_sessions.for_task("m0")
    assert {name: getattr(stored, name) for name in counts} == counts
    # A later save of the same sitting with recording switched off stores "not recorded", not zeros.
    off = stored.model_copy(update=dict.fromkeys(counts))
    store.save_work(draft(store, "m0", active_seconds=600.0), off)
    assert all(getattr(store.work_sessions.get(session.id), name) is None for name in counts)
