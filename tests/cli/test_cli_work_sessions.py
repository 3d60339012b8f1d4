"""``workstation rewrite`` records a work session with every change it stores."""

from __future__ import annotations

from pathlib import Path

import pytest

from workstation.cli import main
from workstation.core.models import WorkSessionSource
from workstation.core.store import Store

DATA = Path(__file__).parents[1] / "core" / "formats" / "data"


def test_each_cli_rewrite_records_an_untimed_session(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "data"
    assert main(["--data-dir", str(data_dir), "import", str(DATA / "native_tasks.jsonl")]) == 0
    text = tmp_path / "t.txt"
    text.write_text("Plain words.", encoding="utf-8")
    for extra in ([], ["--submit"]):
        assert (
            main(["--data-dir", str(data_dir), "rewrite", "email-001", "--text-file", str(text), *extra]) == 0
        )
    assert capsys.readouterr().out.splitlines()[-1] == "email-001: submitted"

    with Store(data_dir) as store:
        sessions = store.work_sessions.for_task("email-001")
        rewrite = store.rewrites.get("email-001")
        task = store.tasks.get("email-001")
    assert rewrite is not None and rewrite.text == "Plain words."
    assert len(sessions) == 2 and len({s.id for s in sessions}) == 2
    for session in sessions:
        assert session.source is WorkSessionSource.CLI and session.active_seconds == 0.0
        assert session.started_at == session.ended_at  # the command line cannot time the writer
        assert task is not None and session.project == task.project
