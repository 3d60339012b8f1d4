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
