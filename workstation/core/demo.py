"""The bundled demo project: a data dir a new user can try the whole app on."""

from __future__ import annotations

import json
from pathlib import Path

from workstation.core.models import Criterion, Project, Rubric
from workstation.core.store import Store
from workstation.resources import resource_path

DEMO_FOLDER = "demo"


def load_demo_project() -> Project:
    """The demo's project record: guidelines (Markdown), rubric, tags and flag reasons."""
    folder = resource_path(DEMO_FOLDER)
    spec = json.loads((folder / "project.json").read_text(encoding="utf-8"))
    guidelines = (folder / spec.get("guidelines_file", "guidelines.md")).read_text(encoding="utf-8")
    rubric = spec.get("rubric", {})
    return Project(
        name=spec["name"],
        description=spec.get("description", ""),
        guidelines=guidelines,
        rubric=Rubric(criteria=tuple(Criterion(**c) for c in rubric.get("criteria", []))),
        tags=tuple(spec.get("tags", [])),
        flag_reasons=tuple(spec.get("flag_reasons", [])),
    )


def populate_demo(store: Store) -> Project:
    """Load the demo project and its tasks into ``store`` (idempotent: tasks have fixed ids)."""
    project = load_demo_project()
    store.projects.save(project)
    result = store.import_file(resource_path(DEMO_FOLDER, "tasks.jsonl"), project=project.name, fmt="native")
    if not result.ok:
        raise RuntimeError("the bundled demo tasks failed to import: " + "; ".join(result.errors[:3]))
    return project


def create_demo_data_dir(path: Path) -> Path:
    """Fill a fresh data dir at ``path`` with the demo project; returns the path."""
    with Store(path) as store:
        populate_demo(store)
    return path
