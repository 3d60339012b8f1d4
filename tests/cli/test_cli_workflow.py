"""The command line end to end: import every format, rewrite, export every format, and bad input."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from workstation.cli import main
from workstation.core.files.datadir import DataDirLock
from workstation.core.store import DB_FILE_NAME

DATA = Path(__file__).parents[1] / "core" / "formats" / "data"
IMPORT_FILES = {
    "native": "native_tasks.jsonl",
    "openai-chat": "openai_chat.jsonl",
    "trl": "trl_prompt_completion.jsonl",
    "label-studio": "label_studio_export.json",
    "csv": "tasks.csv",
    "tsv": "tasks.tsv",
}


def run(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), *args])


def task_ids(data_dir: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> list[str]:
    capsys.readouterr()
    assert run(data_dir, "tasks", "--json", "--all", *extra) == 0
    return [row["id"] for row in json.loads(capsys.readouterr().out)["tasks"]]


@pytest.mark.parametrize("fmt", sorted(IMPORT_FILES))
def test_import_rewrite_export_round_trip(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "data"
    assert run(data_dir, "import", str(DATA / IMPORT_FILES[fmt]), "--project", "RT") == 0
    assert "added" in capsys.readouterr().out
    ids = task_ids(data_dir, capsys)
    assert ids
    rewrite_file = tmp_path / "rewrite.txt"
    rewrite_file.write_text("A plain, human answer.\n", encoding="utf-8")
    assert run(data_dir, "rewrite", ids[0], "--text-file", str(rewrite_file), "--submit") == 0
    for export_format in ("trl-preference", "sft-messages", "openai-dpo", "jsonl"):
        out = tmp_path / f"{export_format}.jsonl"
        assert run(data_dir, "export", "--format", export_format, "--out", str(out)) == 0
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert len(rows) == 1
        flat = json.dumps(rows[0], ensure_ascii=False)
        assert "A plain, human answer." in flat
    # The native export re-imports as the same task: nothing new is added.
    assert (
        run(data_dir, "import", str(tmp_path / "jsonl.jsonl"), "--format", "native", "--project", "RT") == 0
    )
    assert "0 added, 1 already present" in capsys.readouterr().out


def test_stats_and_search(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data_dir = tmp_path / "data"
    assert run(data_dir, "import", str(DATA / "native_tasks.jsonl")) == 0
    ids = task_ids(data_dir, capsys)
    text = tmp_path / "t.txt"
    text.write_text("Zebras gallop nightly.", encoding="utf-8")
    assert run(data_dir, "rewrite", ids[0], "--text-file", str(text)) == 0
    assert task_ids(data_dir, capsys, "--search", "zebras") == [ids[0]]
    assert task_ids(data_dir, capsys, "--status", "draft") == [ids[0]]
    capsys.readouterr()
    assert run(data_dir, "stats", "--json") == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["tasks"] == len(ids) and stats["draft"] == 1 and stats["submitted"] == 0
    assert run(data_dir, "tasks") == 0
    assert ids[0] in capsys.readouterr().out


def test_rewrite_from_stdin(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import io
    import sys

    data_dir = tmp_path / "data"
    run(data_dir, "import", str(DATA / "native_tasks.jsonl"))
    first = task_ids(data_dir, capsys)[0]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"From stdin.\r\n")))
    assert run(data_dir, "rewrite", first, "--text-file", "-", "--submit") == 0
    out = tmp_path / "x.jsonl"
    run(data_dir, "export", "--format", "jsonl", "--out", str(out))
    assert json.loads(out.read_text(encoding="utf-8"))["rewrite"] == "From stdin.\n"


def test_bad_file_is_reported_by_line_and_rolled_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.jsonl"
    good = json.dumps({"id": "a", "prompt": "p", "response": "fine"})
    bad.write_bytes(
        (
            good
            + "\r\n\r\n"
            + '{"id": "b", "response": 5}\n'
            + "not json\n"
            + '{"id": "c", "response": "trunc'
        ).encode()
    )
    data_dir = tmp_path / "data"
    assert run(data_dir, "import", str(bad)) == 1
    err = capsys.readouterr().err
    assert "bad.jsonl:3:" in err and "bad.jsonl:4:" in err and "bad.jsonl:5:" in err
    assert "Traceback" not in err
    assert "nothing from this file was added" in err
    assert task_ids(data_dir, capsys) == []


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("caf\xe9".encode("latin-1") + b"\n", "UTF-8"),
        ('{"id": "x", "response": "hi"}'.encode("utf-16"), "UTF-16"),
    ],
)
def test_wrong_encoding_is_a_clear_error(
    content: bytes, fragment: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "enc.jsonl"
    path.write_bytes(content)
    assert run(tmp_path / "data", "import", str(path), "--format", "native") == 1
    err = capsys.readouterr().err
    assert fragment in err and "Traceback" not in err


def test_field_mapping_from_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "custom.csv"
    path.write_text("uid,question,answer\nq1,What is tea?,Tea is a drink.\n", encoding="utf-8")
    data_dir = tmp_path / "data"
    assert (
        run(
            data_dir,
            "import",
            str(path),
            "--field",
            "response=answer",
            "--field",
            "prompt=question",
            "--field",
            "id=uid",
        )
        == 0
    )
    assert task_ids(data_dir, capsys) == ["q1"]
    assert run(data_dir, "import", str(path), "--field", "nonsense") == 2


def test_import_into_a_data_dir_held_by_the_app_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "data"
    with DataDirLock(data_dir):
        assert run(data_dir, "import", str(DATA / "native_tasks.jsonl")) == 1
    assert "already open in another Rewrite Workstation" in capsys.readouterr().err
    assert not (data_dir / DB_FILE_NAME).exists()


def test_corrupt_database_is_reported_and_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    db = data_dir / DB_FILE_NAME
    db.write_bytes(b"\x00garbage" * 4096)
    before = db.read_bytes()
    assert run(data_dir, "import", str(DATA / "native_tasks.jsonl")) == 1
    assert "damaged" in capsys.readouterr().err
    assert db.read_bytes() == before
    assert run(data_dir, "doctor") == 1
    out = capsys.readouterr().out
    assert "problem:" in out


def test_doctor_backs_up_and_restores(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data_dir = tmp_path / "data"
    run(data_dir, "import", str(DATA / "native_tasks.jsonl"))
    capsys.readouterr()
    assert run(data_dir, "doctor") == 0
    out = capsys.readouterr().out
    assert "integrity: ok" in out
    assert f"tasks     {len(task_ids(data_dir, capsys))} rows" in out
    backup = Path(out.split("backup: ")[1].strip())
    conn = sqlite3.connect(backup)
    assert conn.execute("SELECT count(*) FROM tasks").fetchone()[0] > 0
    conn.close()
    (data_dir / DB_FILE_NAME).write_bytes(b"ruined" * 1000)
    for suffix in ("-wal", "-shm"):
        (data_dir / (DB_FILE_NAME + suffix)).unlink(missing_ok=True)
    assert run(data_dir, "doctor", "--restore", "latest") == 0
    assert task_ids(data_dir, capsys)


def test_missing_file_and_unknown_task(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data_dir = tmp_path / "data"
    assert run(data_dir, "import", str(tmp_path / "nope.jsonl")) == 1
    assert "no such file" in capsys.readouterr().err
    run(data_dir, "import", str(DATA / "native_tasks.jsonl"))
    text = tmp_path / "t.txt"
    text.write_text("x", encoding="utf-8")
    assert run(data_dir, "rewrite", "no-such-task", "--text-file", str(text)) == 1
    assert "no task with id" in capsys.readouterr().err


def test_export_files_load_with_hugging_face_datasets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    datasets = pytest.importorskip("datasets")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    data_dir = tmp_path / "data"
    run(data_dir, "import", str(DATA / "openai_chat.jsonl"))
    run(data_dir, "import", str(DATA / "native_tasks.jsonl"))
    text = tmp_path / "t.txt"
    text.write_text("Better words.", encoding="utf-8")
    for task_id in task_ids(data_dir, capsys):
        assert run(data_dir, "rewrite", task_id, "--text-file", str(text), "--submit") == 0
    for export_format in ("trl-preference", "sft-messages", "openai-dpo", "jsonl"):
        out = tmp_path / f"{export_format}.jsonl"
        run(data_dir, "export", "--format", export_format, "--out", str(out))
        count = len(out.read_text(encoding="utf-8").splitlines())
        dataset = datasets.load_dataset(
            "json", data_files=str(out), split="train", cache_dir=str(tmp_path / "hf-cache")
        )
        assert dataset.num_rows == count > 0


def test_rewriting_a_flagged_task_clears_the_flag_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from workstation.core.models import RewriteStatus
    from workstation.core.store import Store, new_rewrite

    data_dir = tmp_path / "data"
    run(data_dir, "import", str(DATA / "native_tasks.jsonl"))
    first = task_ids(data_dir, capsys)[0]
    with Store(data_dir) as store:
        draft = new_rewrite(store.tasks.get(first))
        store.rewrites.save(
            draft.model_copy(update={"status": RewriteStatus.FLAGGED, "flag_reason": "Unclear"})
        )
    text = tmp_path / "t.txt"
    text.write_text("Fixed it anyway.", encoding="utf-8")
    assert run(data_dir, "rewrite", first, "--text-file", str(text)) == 0
    with Store(data_dir) as store:
        saved = store.rewrites.get(first)
        assert saved.status is RewriteStatus.DRAFT and saved.flag_reason is None


def test_read_only_commands_never_create_a_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run(empty, "tasks") == 1
    assert "import some first" in capsys.readouterr().err
    assert list(empty.iterdir()) == []


def test_training_exports_write_the_originals_line_breaks_like_the_rewrites(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "crlf.jsonl"
    source.write_text(
        json.dumps({"id": "w", "prompt": "p", "response": "Line one.\r\nLine two."}) + "\n", encoding="utf-8"
    )
    data_dir = tmp_path / "data"
    run(data_dir, "import", str(source))
    text = tmp_path / "t.txt"
    text.write_text("First.\nSecond.", encoding="utf-8")
    run(data_dir, "rewrite", "w", "--text-file", str(text), "--submit")
    out = tmp_path / "prefs.jsonl"
    run(data_dir, "export", "--format", "trl-preference", "--out", str(out))
    row = json.loads(out.read_text(encoding="utf-8"))
    assert row["rejected"] == "Line one.\nLine two." and row["chosen"] == "First.\nSecond."
    full = tmp_path / "full.jsonl"
    run(data_dir, "export", "--format", "jsonl", "--out", str(full))
    assert json.loads(full.read_text(encoding="utf-8"))["original"] == "Line one.\r\nLine two."
