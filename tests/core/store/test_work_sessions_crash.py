"""A process killed while saving work leaves the rewrite and its session exactly as of the last save."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from tests.killed_child import kill_at_line
from workstation.core.store import Store

PAUSED_SAVE = 6

# Saves a growing sitting at task t0 again and again, printing each save once it committed. With
# "between" it stops inside save number PAUSED_SAVE, after the session's row and before the
# rewrite's, and waits to be killed there.
_CHILD = textwrap.dedent(
    f"""
    import sys, time
    from pathlib import Path
    from workstation.core.effort.session_clock import new_work_session
    from workstation.core.models import WorkSessionSource
    from workstation.core.store import Store, new_rewrite, work_sessions

    data_dir, mode = Path(sys.argv[1]), sys.argv[2]
    store = Store(data_dir)
    task = store.tasks.get("t0")
    rewrite = new_rewrite(task)
    session = new_work_session(task, source=WorkSessionSource.APP)
    real_write_rewrite = work_sessions.write_rewrite
    n = 0
    while True:
        n += 1
        if mode == "between" and n == {PAUSED_SAVE}:
            def paused(conn, stored):
                print("between", flush=True)
                time.sleep(60)
            work_sessions.write_rewrite = paused
        rewrite = rewrite.model_copy(update={{"text": f"version {{n}}", "active_seconds": n * 10.0}})
        session = session.model_copy(update={{"active_seconds": n * 10.0}})
        rewrite, session = store.save_work(rewrite, session)
        print("saved", n, flush=True)
    """
)


@pytest.mark.parametrize(
    ("mode", "wait_for", "delay_s"),
    [("between", "between", 0.0), ("free", "saved 20", 0.05)],
    ids=["between-the-two-writes", "while-saving-fast"],
)
def test_sigkill_mid_save_keeps_the_last_save(
    data_dir: Path, tmp_path: Path, mode: str, wait_for: str, delay_s: float
) -> None:
    source = tmp_path / "t.jsonl"
    source.write_text(
        json.dumps({"id": "t0", "prompt": "p", "response": "Robotic."}) + "\n", encoding="utf-8"
    )
    with Store(data_dir) as store:
        store.import_file(source, project="P")

    script = tmp_path / "child.py"
    script.write_text(_CHILD, encoding="utf-8")
    seen = kill_at_line(script, [str(data_dir), mode], wait_for=wait_for, delay_s=delay_s)
    last_printed = max(int(line.split()[1]) for line in seen if line.startswith("saved"))

    with Store(data_dir) as store:
        assert store.database.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rewrite = store.rewrites.get("t0")
        [session] = store.work_sessions.for_task("t0")
    assert rewrite is not None
    stored_save = int(rewrite.text.split()[1])
    assert session.active_seconds == rewrite.active_seconds == stored_save * 10.0
    if mode == "between":
        assert stored_save == last_printed == PAUSED_SAVE - 1  # the interrupted save left no trace
    else:  # a save may have committed just before the kill without printing
        assert stored_save in (last_printed, last_printed + 1)
