"""Killing the app mid-typing loses at most what was typed since the last autosave."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from workstation.core.store import Store

CHILD = Path(__file__).with_name("typing_child.py")


def test_sigkill_mid_typing_keeps_text_up_to_last_debounce(demo_dir: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(Path(__file__).parents[2]))
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(demo_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    try:
        paused_text = None
        for line in child.stdout:  # type: ignore[union-attr]
            if line.startswith("PAUSED "):
                paused_text = line[len("PAUSED ") :].rstrip("\n").replace("\\n", "\n")
            if line.startswith("TYPING"):
                child.send_signal(signal.SIGKILL)
                break
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL
    assert paused_text and paused_text.startswith("The first burst of typing. ")
    with Store(demo_dir) as store:
        saved = store.rewrites.get("demo-001")
        assert saved is not None
        assert saved.text.startswith("The first burst of typing. ")
        assert paused_text.startswith(saved.text[:200]) or saved.text[:200].startswith(paused_text[:200])
        assert store.database.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
