"""The writer's window is painted before the code only later commands need is imported.

A fresh interpreter starts the app the way ``workstation --data-dir DIR`` does, on a demo data
dir, and reports the modules it had imported when the window was first painted: none may be on
the forbidden list (the lint rules and their RE2/YAML, the key code and cryptography, bundles,
verdict files, uploads and HTTP, the task file formats, review and report code, the reviewer's
window, the Preferences dialog, the timesheet). Importing them is what made the start take 1 s.
The models (pydantic) are not on it: the first task, opened right after the paint, needs them.

Deferred is not dropped: once the start has settled, the first task is open, the Findings dock
lists the rules' categories, the key's state was read and the warm-up has imported what the first
seal, upload, export or Preferences needs, so the writer's first command does not stall on imports.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from workstation.core.demo import create_demo_data_dir
from workstation.gui.common.warm_up import CORE_MODULES, GUI_MODULES

REPO = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("first_paint_modules_child.py")

FORBIDDEN_BEFORE_PAINT: tuple[str, ...] = (
    "re2",
    "_re2",
    "regex",
    "yaml",
    "cryptography",
    "boto3",
    "botocore",
    "sqlite_utils",
    "urllib.request",
    "http.client",
    "workstation.core.prose.engine",
    "workstation.core.prose.style_pack",
    "workstation.core.prose.rules",
    "workstation.core.prose.rule_kinds",
    "workstation.core.prose.spelling_backend",
    "workstation.core.signing.keys",
    "workstation.core.signing.kdf",
    "workstation.core.signing.minisig",
    "workstation.core.signing.identity",
    "workstation.core.bundles.build",
    "workstation.core.bundles.manifest",
    "workstation.core.bundles.seal_work",
    "workstation.core.bundles.verify",
    "workstation.core.verdicts.apply",
    "workstation.core.verdicts.files",
    "workstation.core.verdicts.verify",
    "workstation.core.sync",
    "workstation.core.formats",
    "workstation.core.review",
    "workstation.core.reports",
    "workstation.gui.reviewer",
    "workstation.gui.dialogs.preferences",
    "workstation.gui.dialogs.transfer_dialogs",
    "workstation.gui.common.key_unlock",
    "workstation.gui.writer.outbox_outcomes",
    "workstation.gui.writer.timesheet_view",
)
"""Modules (and everything under them) the window must not import before its first paint."""


def forbidden_in(modules: Iterable[str]) -> list[str]:
    """The modules of ``modules`` that are on :data:`FORBIDDEN_BEFORE_PAINT` or under one."""
    return sorted(
        module
        for module in modules
        if any(module == ban or module.startswith(ban + ".") for ban in FORBIDDEN_BEFORE_PAINT)
    )


@pytest.fixture(scope="module")
def start(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """What one start of the app on a demo data dir reported (settings and logs kept in a temp home)."""
    root = tmp_path_factory.mktemp("gui-budget")
    data_dir = create_demo_data_dir(root / "data")
    home = root / "home"
    home.mkdir()
    out = root / "modules.json"
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
    }
    env.pop("WORKSTATION_DATA_DIR", None)
    result = subprocess.run(
        [sys.executable, str(CHILD), str(data_dir), str(out)],
        capture_output=True,
        cwd=REPO,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")[-3000:]
    assert out.exists(), "the window was never shown"
    report: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return report


def test_the_window_is_painted_before_the_heavy_code_is_imported(start: dict[str, Any]) -> None:
    assert start["painted"], "the window was not painted (the first task opened on the time-out)"
    assert forbidden_in(start["at_first_paint"]) == []


def test_after_the_paint_the_first_task_the_rules_and_the_later_commands_are_ready(
    start: dict[str, Any],
) -> None:
    assert start["first_task"] == "demo-001"
    assert start["categories_listed"] > 0  # the rules were loaded after the paint
    assert start["key_state_read"]  # the status bar says it (blank: the demo has no key)
    missing = [name for name in (*CORE_MODULES, *GUI_MODULES) if name not in start["settled"]]
    assert missing == []
    # The seal, the upload, Preferences and the timesheet now find their code loaded.
    assert {"cryptography", "workstation.core.prose.engine"} <= set(start["settled"])


def test_the_forbidden_list_catches_a_heavy_import(start: dict[str, Any]) -> None:
    """The check can fail: what the settled app has imported is caught by it."""
    caught = forbidden_in(start["settled"])
    assert "cryptography" in caught and "workstation.core.sync.outbox_push" in caught
