"""The CLI and the log: ``doctor`` says where the log is; an unexpected error is one sentence."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from workstation.cli import doctor, lint, main
from workstation.core.files.log_file import close_log_file, current_log_path, log_path

DATA = Path(__file__).parents[1] / "core" / "formats" / "data"


@pytest.fixture(autouse=True)
def _close_log_after_test() -> Iterator[None]:
    yield
    close_log_file()


def run(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), *args])


def _explode(*_args: object, **_kwargs: object) -> None:
    raise RuntimeError("disk <b>on fire</b>\nsecond line")


def test_doctor_prints_where_the_log_is(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(data_dir, "import", str(DATA / "native_tasks.jsonl")) == 0
    capsys.readouterr()
    assert run(data_dir, "doctor") == 0
    lines = capsys.readouterr().out.splitlines()
    assert f"log: {log_path(data_dir)} (nothing logged yet)" in lines
    assert "integrity: ok" in lines


def test_doctor_json_includes_the_log(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(data_dir, "import", str(DATA / "native_tasks.jsonl")) == 0
    capsys.readouterr()
    assert run(data_dir, "doctor", "--json") == 0
    found = json.loads(capsys.readouterr().out)
    assert found["log"] == str(log_path(data_dir)) and found["log_exists"] is False
    assert found["integrity"] == "ok" and found["rows"]["tasks"] > 0 and Path(found["backup"]).is_file()


def test_doctor_names_the_log_even_when_the_app_holds_the_data_folder(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from workstation.core.files.datadir import DataDirLock

    with DataDirLock(data_dir):
        assert run(data_dir, "doctor") == 1
    captured = capsys.readouterr()
    assert captured.out.startswith(f"log: {log_path(data_dir)}")
    assert "already open" in captured.err


def test_an_unexpected_error_is_one_sentence_and_its_traceback_goes_to_the_log(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(data_dir, "import", str(DATA / "native_tasks.jsonl")) == 0
    capsys.readouterr()
    monkeypatch.setattr(doctor, "check_integrity", _explode)
    assert run(data_dir, "doctor") == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err == (
        "workstation: unexpected error: RuntimeError: disk <b>on fire</b> second line; "
        f"the details are in {log_path(data_dir)}\n"
    )
    logged = log_path(data_dir).read_text(encoding="utf-8")
    assert "Unexpected error in `workstation doctor`" in logged
    assert "Traceback (most recent call last):" in logged and "in _explode" in logged
    assert "RuntimeError: disk <b>on fire</b>\nsecond line" in logged
    assert current_log_path() is None  # the command let go of the file


def test_an_unexpected_error_without_a_data_folder_creates_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = tmp_path / "draft.txt"
    text.write_text("A short draft.\n", encoding="utf-8")
    missing = tmp_path / "no-data-yet"
    monkeypatch.setattr(lint, "Linter", _explode)
    assert run(missing, "lint", str(text)) == 1
    err = capsys.readouterr().err
    assert err == "workstation: unexpected error: RuntimeError: disk <b>on fire</b> second line\n"
    assert not missing.exists()


def test_expected_failures_still_print_their_own_sentence_and_log_nothing(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(data_dir, "import", str(data_dir / "nope.jsonl")) == 1
    assert "no such file" in capsys.readouterr().err
    assert not log_path(data_dir).exists()
