"""A rewrite written in the app and the same text given to ``workstation rewrite`` are stored
with the same metrics, whether the app's analysis had caught up with the text or not."""

from __future__ import annotations

from pathlib import Path

import pytest

from workstation.cli import main
from workstation.core.demo import create_demo_data_dir
from workstation.core.store import Store

TEXTS = {
    "demo-001": "It is important to note that the tap drips. Fix it — please!\n\n- soon\n- e.g. today",
    "demo-002": "Short and plain. Done.",
}


def _cli_metrics(data_dir: Path, task_id: str, text: str, tmp_path: Path) -> dict:  # type: ignore[type-arg]
    source = tmp_path / f"{task_id}.txt"
    source.write_text(text, encoding="utf-8")
    assert (
        main(["--data-dir", str(data_dir), "rewrite", task_id, "--text-file", str(source), "--submit"]) == 0
    )
    with Store(data_dir) as store:
        stored = store.rewrites.get(task_id)
    assert stored is not None and stored.text == text
    return stored.metrics


@pytest.mark.parametrize("wait_for_analysis", [True, False], ids=["analysed", "submitted-at-once"])
def test_the_app_and_the_command_line_store_the_same_metrics(
    make_window, demo_dir: Path, tmp_path: Path, wait_for_analysis: bool
) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)
    app: dict[str, dict] = {}  # type: ignore[type-arg]
    for task_id, text in TEXTS.items():
        assert writer.open_task(task_id)
        if wait_for_analysis:
            with writer.wait_for_analysis():
                writer.replace_rewrite(text)
        else:
            writer.replace_rewrite(text)  # submitted before the debounced analysis runs
        writer.submit()
        stored = writer.stored_rewrite(task_id)
        assert stored is not None and stored.text == text
        app[task_id] = stored.metrics
    writer.quit()

    cli_dir = create_demo_data_dir(tmp_path / "cli-data")
    for task_id, text in TEXTS.items():
        cli = _cli_metrics(cli_dir, task_id, text, tmp_path)
        assert cli and cli["rewrite"]["findings"] >= 0
        assert cli == app[task_id]
