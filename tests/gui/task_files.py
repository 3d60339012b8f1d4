"""Task files for import tests: native JSONL, optionally with one broken line."""

from __future__ import annotations

import json
from pathlib import Path


def write_tasks(path: Path, count: int, *, bad_line: int | None = None) -> Path:
    """``count`` tasks ``imp-0``… into ``path``; line ``bad_line`` (1-based) is not JSON."""
    lines = []
    for i in range(count):
        if bad_line is not None and i + 1 == bad_line:
            lines.append("{broken")
        else:
            lines.append(
                json.dumps({"id": f"imp-{i}", "prompt": f"Prompt {i}", "response": f"Response number {i}."})
            )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
