"""The bundled demo project: a data dir a new user can try the whole app on."""

from __future__ import annotations

from pathlib import Path

from workstation.core.models import Project
from workstation.core.store import Store
from workstation.resources import resource_path

DEMO_FOLDER = "demo"


def load_demo_project() -> Project:
    """The demo's project record: guidelines (Markdown), rubric, tags and flag reasons."""
    # Imported here: the task file formats are only needed when the demo is filled in, and the
    # writer's window imports this module on its way to the first paint.
    from workstation.core.formats.project_file import read_project_file

    return read_project_file(resource_path(DEMO_FOLDER, "project.json"))


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
