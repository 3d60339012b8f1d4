"""Work sessions for timesheet tests, benchmarks and screenshots: a believable year of sittings."""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from workstation.core.clock import iso_utc
from workstation.core.models import WorkSession, WorkSessionSource
from workstation.core.store import Store
from workstation.core.store.work_sessions import write_session

PROJECTS = ("Mail", "Support")


def add_tasks(store: Store, folder: Path, count: int = 40) -> list[str]:
    """Import ``count`` tasks split over :data:`PROJECTS`; returns their ids."""
    ids: list[str] = []
    for index, project in enumerate(PROJECTS):
        path = folder / f"{project}.jsonl"
        lines = []
        for n in range(count // len(PROJECTS)):
            task_id = f"{project.lower()}-{n:03d}"
            ids.append(task_id)
            lines.append(json.dumps({"id": task_id, "prompt": "p", "response": f"Robotic text {index}.{n}."}))
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        store.import_file(path, project=project)
    return ids


def sitting(
    task_id: str, start: datetime, span_s: float, active_s: float, *, project: str = "", n: int = 0
) -> WorkSession:
    return WorkSession(
        id=f"ws-{task_id}-{iso_utc(start)}-{n}",
        task_id=task_id,
        project=project,
        started_at=iso_utc(start),
        ended_at=iso_utc(start + timedelta(seconds=span_s)),
        active_seconds=active_s,
        source=WorkSessionSource.APP,
    )


def year_of_sittings(
    task_ids: Sequence[str], count: int, first_day: date, *, seed: int = 12
) -> list[WorkSession]:
    """``count`` sittings on weekdays from ``first_day`` on, 9:00 to 18:00 UTC, 5 to 90 active
    minutes each; a few run past midnight so days get split."""
    rng = random.Random(seed)
    weekdays = [
        first_day + timedelta(days=d) for d in range(365) if (first_day + timedelta(days=d)).weekday() < 5
    ]
    sittings = []
    for n in range(count):
        day = weekdays[n * len(weekdays) // count]
        late = n % 97 == 0
        start = datetime.combine(day, time(23, 30) if late else time(9), tzinfo=UTC)
        start += timedelta(minutes=0 if late else rng.randrange(0, 9 * 60))
        active = rng.uniform(5, 90) * 60
        sittings.append(
            sitting(rng.choice(task_ids), start, active * rng.uniform(1.0, 1.4), round(active, 1), n=n)
        )
    return sittings


def record(store: Store, sittings: Sequence[WorkSession]) -> None:
    """Put ``sittings`` on record in one transaction (the store files each under its task's project)."""
    with store.database.write() as conn:
        for one in sittings:
            write_session(conn, one)
