"""The import measured against the floor of its schema, in the same run (used by bench_store.py).

The floor is what no importer of this schema can beat: the very rows the import stored (read back
from its database), in one ``executemany`` into a fresh store's ``tasks`` table (the same columns,
constraints and indexes, foreign keys on, WAL, ``synchronous=FULL``: the store's own connection),
then one pass of the search index over them (``INDEX_NEW_TASKS``), then the commit. No reading,
no checking, no JSON. The import is ``Store.import_file`` of the same file into an empty store,
timed around the call in a child process of its own. Interpreter start-up, loading the modules
and opening the store are left out of both: the importer's modules (with the formats and the
task models) take 0.13-0.19 s to load, once a session, reported as ``import_modules_seconds``.
Rounds alternate import and floor, so both see the same machine load.

The same floor is also measured with the schema-4 index (positions and column sizes kept, as
before schema 5), so the figures show what the lean index saves on the same rows in the same run.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]

TASK_ROW_COLUMNS = (
    "id, project, prompt, messages, original, original_sha256, model, metadata, source, imported_at"
)

_IMPORT = """
import json, sys, time
from pathlib import Path
from workstation.core.store import Store
loading = time.perf_counter()
import workstation.core.store.importer  # loaded before the clock, as the floor loads its modules
loaded_s = time.perf_counter() - loading
started = time.perf_counter()
stages = {}
def heard(progress):
    stages.setdefault(progress.stage.value, round(time.perf_counter() - started, 3))
with Store(Path(sys.argv[1])) as store:
    started = time.perf_counter()
    result = store.import_file(Path(sys.argv[2]), project=sys.argv[3], on_progress=heard)
    seconds = time.perf_counter() - started
figures = {"seconds": seconds, "added": result.added, "stage_started_at": stages, "modules_s": loaded_s}
print(json.dumps(figures))
"""

_FLOOR = """
import json, sqlite3, sys, time
from pathlib import Path
from workstation.core.store import DB_FILE_NAME
from workstation.core.store.database import connect
from workstation.core.store.projects import ensure_project
from workstation.core.store.schema import SCHEMA_VERSION, migrate
from workstation.core.store.search_index import INDEX_NEW_TASKS
source, target, schema, columns = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
with sqlite3.connect(source / DB_FILE_NAME) as read:
    rows = read.execute(f"SELECT {columns} FROM tasks ORDER BY seq").fetchall()
target.mkdir(parents=True)
conn = connect(target / DB_FILE_NAME)
migrate(conn, up_to=schema or SCHEMA_VERSION)
insert = f"INSERT INTO tasks ({columns}) VALUES ({', '.join('?' * len(rows[0]))})"
started = time.perf_counter()
conn.execute("BEGIN IMMEDIATE")
ensure_project(conn, str(rows[0][1]))
conn.executemany(insert, rows)
inserted = time.perf_counter()
conn.execute(INDEX_NEW_TASKS, (0,))
indexed = time.perf_counter()
conn.execute("COMMIT")
done = time.perf_counter()
conn.close()
print(json.dumps({"seconds": done - started, "insert_seconds": inserted - started,
                  "index_seconds": indexed - inserted, "commit_seconds": done - indexed}))
"""


def _child(script: str, *args: str) -> dict[str, Any]:
    found = subprocess.run(
        [sys.executable, "-c", script, *args], cwd=REPO, capture_output=True, text=True, check=False
    )
    if found.returncode != 0:
        raise RuntimeError(f"benchmark child failed: {found.stderr[-2000:]}")
    figures: dict[str, Any] = json.loads(found.stdout)
    figures["load_average"] = round(os.getloadavg()[0], 2)
    return figures


def _store_mb(data_dir: Path) -> float:
    return round(sum(path.stat().st_size for path in data_dir.glob("*.sqlite3*")) / 1e6, 1)


def _median(values: Sequence[float]) -> float:
    return round(statistics.median(values), 2)


def bench_import_vs_floor(
    source: Path, rows_from: Path, folder: Path, *, project: str, rounds: int, schema_4: int
) -> dict[str, Any]:
    """``rounds`` rounds of: the import in-process, the floor, the floor with the schema-4 index.

    ``rows_from`` is a data dir the file was already imported into (the floor's rows).
    """
    imports: list[dict[str, Any]] = []
    floors: list[dict[str, Any]] = []
    old_floors: list[dict[str, Any]] = []
    for _ in range(rounds):
        target = folder / "import-in-process"
        imports.append(_child(_IMPORT, str(target), str(source), project))
        imports[-1]["store_mb"] = _store_mb(target)
        shutil.rmtree(target)
        for runs, schema in ((floors, None), (old_floors, schema_4)):
            target = folder / "floor"
            version = "0" if schema is None else str(schema)
            runs.append(_child(_FLOOR, str(rows_from), str(target), version, TASK_ROW_COLUMNS))
            runs[-1]["store_mb"] = _store_mb(target)
            shutil.rmtree(target)
    return _summary(imports, floors, old_floors)


def _summary(
    imports: list[dict[str, Any]], floors: list[dict[str, Any]], old_floors: list[dict[str, Any]]
) -> dict[str, Any]:
    ratios = [run["seconds"] / floor["seconds"] for run, floor in zip(imports, floors, strict=True)]
    floor_parts = {
        part: _median([floor[part] for floor in floors])
        for part in ("insert_seconds", "index_seconds", "commit_seconds")
    }
    old_parts = {
        part: _median([floor[part] for floor in old_floors])
        for part in ("seconds", "index_seconds", "store_mb")
    }
    return {
        "import_seconds": _median([run["seconds"] for run in imports]),
        "import_modules_seconds": _median([run["modules_s"] for run in imports]),
        "floor_seconds": _median([floor["seconds"] for floor in floors]),
        "import_vs_floor": round(statistics.median(ratios), 2),
        "import_vs_floor_every_round": [round(ratio, 2) for ratio in ratios],
        "import_every_round_seconds": [round(run["seconds"], 2) for run in imports],
        "floor_every_round_seconds": [round(floor["seconds"], 2) for floor in floors],
        "import_stage_started_at_seconds": sorted(imports, key=lambda run: run["seconds"])[len(imports) // 2][
            "stage_started_at"
        ],
        "floor_parts": floor_parts,
        "store_mb": imports[0]["store_mb"],
        "floor_store_mb": floors[0]["store_mb"],
        "floor_with_schema_4_index": {
            **old_parts,
            "vs_floor": round(old_parts["seconds"] / _median([f["seconds"] for f in floors]), 2),
            "index_vs_floor_index": round(old_parts["index_seconds"] / floor_parts["index_seconds"], 2),
        },
        "load_average_per_round": [run["load_average"] for run in imports],
    }
