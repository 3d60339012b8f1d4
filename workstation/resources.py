"""Find the bundled ``resources/`` folder from a checkout, an installed wheel or a frozen build."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def resources_root() -> Path:
    """Return the folder that holds icons, demo data and rule packs.

    Three layouts are possible: a frozen build unpacks next to ``sys._MEIPASS``; a wheel
    carries the folder inside the package as ``_resources``; a source checkout (and an
    editable install) keeps it beside the package at the repository root.
    """
    frozen_base = getattr(sys, "_MEIPASS", None)
    candidates = []
    if frozen_base:
        candidates.append(Path(frozen_base) / "resources")
    candidates.append(_PACKAGE_DIR / "_resources")
    candidates.append(_PACKAGE_DIR.parent / "resources")
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("resources folder not found; looked in: " + ", ".join(map(str, candidates)))


def resource_path(*parts: str) -> Path:
    """Path of a bundled resource, e.g. ``resource_path("demo", "tasks.jsonl")``."""
    return resources_root().joinpath(*parts)
