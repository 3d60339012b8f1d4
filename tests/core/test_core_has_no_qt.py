"""Core must never import Qt: the whole product minus pixels runs headless."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import workstation.core

CORE_DIR = Path(workstation.core.__file__).parent


def test_importing_every_core_module_never_imports_qt() -> None:
    modules = sorted(
        "workstation.core." + ".".join(path.relative_to(CORE_DIR).with_suffix("").parts)
        for path in CORE_DIR.rglob("*.py")
        if path.name != "__init__.py"
    )
    assert len(modules) > 10
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "leaked = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'PyQt')))\n"
        "print(leaked)\n"
        "sys.exit(1 if leaked else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
