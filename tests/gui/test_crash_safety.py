"""Killing the app mid-typing loses at most what was typed since the last autosave."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.gui.session_checks import assert_possible_sitting
from workstation.core.clock import now_iso
from workstation.core.store import Store

CHILD = Path(__file__).with_name("typing_child.py")


@dataclass
class KilledWhileTyping:
    """What the typing child said before the SIGKILL, and when the parent sent it."""

    returncode: int
    paused_text: str | None = None
    second_burst_at: str | None = None  # UTC, when the keys the kill interrupts began
    saves: list[dict[str, Any]] = field(default_factory=list)  # each confirmed save, in order
    killed_at: str = ""


def kill_while_typing(data_dir: Path) -> KilledWhileTyping:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(Path(__file__).parents[2]))
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(data_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    report = KilledWhileTyping(returncode=0)

    def read(line: str) -> None:
        word, _, rest = line.rstrip("\n").partition(" ")
        if word == "PAUSED":
            report.paused_text = rest.replace("\\n", "\n")
        elif word == "SECOND":
            report.second_burst_at = rest
        elif word == "SAVED":
            report.saves.append(json.loads(rest))

    try:
        for line in child.stdout:  # type: ignore[union-attr]
            read(line)
            if line.startswith("TYPING"):
                report.killed_at = now_iso()
                child.send_signal(signal.SIGKILL)
                break
        for line in child.stdout.read().splitlines():  # type: ignore[union-attr]  # said before dying
            read(line)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    report.returncode = child.returncode
    return report


def test_sigkill_mid_typing_keeps_text_and_session_up_to_last_save(demo_dir: Path) -> None:
    killed = kill_while_typing(demo_dir)
    assert killed.returncode == -signal.SIGKILL
    paused_text = killed.paused_text
    assert paused_text and paused_text.startswith("The first burst of typing. ")
    assert killed.saves, "the pause after the first burst must have been saved"
    last_save = killed.saves[-1]
    with Store(demo_dir) as store:
        saved = store.rewrites.get("demo-001")
        assert saved is not None
        assert saved.text.startswith("The first burst of typing. ")
        assert paused_text.startswith(saved.text[:200]) or saved.text[:200].startswith(paused_text[:200])
        assert store.database.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # The sitting is on record exactly as the last save left it: no later, no less.
        (session,) = store.work_sessions.for_task("demo-001")
        assert [session.model_dump(mode="json")] == last_save["sessions"]
        assert session.active_seconds == saved.active_seconds == last_save["active_seconds"]
        assert session.active_seconds > 0
        assert_possible_sitting(session)
        assert session.ended_at < killed.killed_at
        assert killed.second_burst_at and session.ended_at <= killed.second_burst_at


def test_sigterm_closes_the_app_and_saves_the_last_keystrokes(tmp_path: Path) -> None:
    """A polite kill (or Ctrl+C) goes through the normal quit path, so nothing typed is lost."""
    data_dir = tmp_path / "data"
    from workstation.core.demo import create_demo_data_dir

    create_demo_data_dir(data_dir)
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtCore import QTimer\n"
        "from workstation.gui import app as app_module\n"
        "def type_then_report():\n"
        "    window = controller_holder[0].window\n"
        "    window.diff_view.rewrite_pane.textCursor().insertText('Saved by the quit path. ')\n"
        "    print('TYPED', flush=True)\n"
        "controller_holder = []\n"
        "original_open = app_module.AppController.open\n"
        "def open_and_type(self, data_dir):\n"
        "    controller_holder.append(self)\n"
        "    result = original_open(self, data_dir)\n"
        "    QTimer.singleShot(300, type_then_report)\n"
        "    return result\n"
        "app_module.AppController.open = open_and_type\n"
        f"sys.exit(app_module.run_app(Path({str(data_dir)!r})))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(Path(__file__).parents[2]))
    child = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=env, stderr=subprocess.DEVNULL
    )
    try:
        for line in child.stdout:  # type: ignore[union-attr]
            if line.startswith("TYPED"):
                child.send_signal(signal.SIGTERM)  # well before the autosave debounce fires
                break
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 0
    with Store(data_dir) as store:
        assert store.rewrites.get("demo-001").text.startswith("Saved by the quit path. ")
