"""``workstation rewrite`` stores the rewrite's metrics, as the app does, never an empty record."""

from __future__ import annotations

from pathlib import Path

from workstation.cli import main
from workstation.core.analysis.analyser import rewrite_metrics
from workstation.core.prose.counting import count_text
from workstation.core.prose.engine import Linter
from workstation.core.prose.style_pack import default_style_pack
from workstation.core.store import Store

DATA = Path(__file__).parents[1] / "core" / "formats" / "data"
REWRITE = "Thanks for the note.\r\nIt is important to note that we will leverage the plan — twice.\r\n"


def test_a_cli_rewrite_is_stored_with_full_metrics_for_its_exact_text(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    assert main(["--data-dir", str(data_dir), "import", str(DATA / "native_tasks.jsonl")]) == 0
    text_file = tmp_path / "rewrite.txt"
    text_file.write_bytes(REWRITE.encode("utf-8"))
    for extra in ([], ["--submit"]):
        assert (
            main(["--data-dir", str(data_dir), "rewrite", "email-001", "--text-file", str(text_file), *extra])
            == 0
        )
        with Store(data_dir) as store:
            rewrite, task = store.rewrites.get("email-001"), store.tasks.get("email-001")
        assert rewrite is not None and task is not None
        metrics = rewrite.metrics
        assert set(metrics) == {"edit", "original", "rewrite", "sentences"}
        counts = count_text(rewrite.text)
        assert (
            (metrics["rewrite"]["words"], metrics["rewrite"]["sentences"])
            == (16, 2)
            == (
                counts.word_count,
                counts.sentence_count,
            )
        )
        assert metrics["rewrite"]["findings"] >= 2  # "it is important to note", "leverage"
        assert metrics["rewrite"]["em_dashes"] == 1
        assert metrics["edit"]["words_original"] == count_text(task.original).word_count
        assert metrics == rewrite_metrics(task.original, rewrite.text, Linter(default_style_pack()))


def test_a_new_text_replaces_the_metrics_of_the_old_one(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    assert main(["--data-dir", str(data_dir), "import", str(DATA / "native_tasks.jsonl")]) == 0
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text("One short line.", encoding="utf-8")
    second.write_text("Two lines now. And a second sentence here.", encoding="utf-8")
    for path in (first, second):
        assert main(["--data-dir", str(data_dir), "rewrite", "email-001", "--text-file", str(path)]) == 0
    with Store(data_dir) as store:
        rewrite = store.rewrites.get("email-001")
    assert rewrite is not None
    assert (rewrite.metrics["rewrite"]["words"], rewrite.metrics["rewrite"]["sentences"]) == (8, 2)
