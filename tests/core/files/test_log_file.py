"""The log file: in the data folder, one line format, rotated at its size limit, re-pointable."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from workstation.core.files.log_file import (
    LOG_FILE_NAME,
    LOG_FILES_KEPT,
    LOG_MAX_BYTES,
    SUMMARY_MAX_CHARS,
    close_log_file,
    current_log_path,
    error_summary,
    log_path,
    setup_log_file,
)

LINE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} "
    r"(?P<level>[A-Z]+) \[(?P<thread>[^\]]+)\] (?P<logger>\S+): (?P<msg>.*)$"
)


@pytest.fixture(autouse=True)
def _close_log_after_test() -> Iterator[None]:
    yield
    close_log_file()


def _app_handlers() -> list[logging.Handler]:
    return [h for h in logging.getLogger("workstation").handlers if isinstance(h, logging.FileHandler)]


def test_the_log_is_in_the_data_folder_and_names_time_level_thread_and_logger(data_dir: Path) -> None:
    path = setup_log_file(data_dir)
    assert path == data_dir / "logs" / LOG_FILE_NAME == log_path(data_dir)
    assert current_log_path() == path
    assert not path.exists()  # nothing logged yet: no empty file in the writer's folder

    def work() -> None:
        logging.getLogger("workstation.core.sync.pusher").warning("upload to %s failed", "s3://bucket")

    worker = threading.Thread(target=work, name="upload-worker")
    worker.start()
    worker.join()
    logging.getLogger("workstation.gui.app").info("started")
    logging.getLogger("workstation.gui.app").debug("too chatty for the file")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    first, second = (LINE.match(line) for line in lines)
    assert first and first["level"] == "WARNING" and first["thread"] == "upload-worker"
    assert (
        first["logger"] == "workstation.core.sync.pusher" and first["msg"] == "upload to s3://bucket failed"
    )
    assert second and second["level"] == "INFO" and second["thread"] == "MainThread"


def test_setting_up_again_keeps_one_file_and_a_new_data_folder_moves_the_log(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    setup_log_file(first)
    setup_log_file(first)
    assert len(_app_handlers()) == 1
    log = logging.getLogger("workstation.test")
    log.warning("written while on the first folder")
    assert setup_log_file(second) == log_path(second)
    log.warning("written after the switch")
    assert len(_app_handlers()) == 1
    assert current_log_path() == log_path(second)
    first_text = log_path(first).read_text(encoding="utf-8")
    second_text = log_path(second).read_text(encoding="utf-8")
    assert "written while on the first folder" in first_text and "after the switch" not in first_text
    assert "after the switch" in second_text and "first folder" not in second_text


def test_the_log_rotates_at_its_size_limit_and_keeps_a_bounded_number_of_files(data_dir: Path) -> None:
    path = setup_log_file(data_dir)
    assert path is not None
    log = logging.getLogger("workstation.test")
    record = "x" * 1000
    for _ in range(LOG_MAX_BYTES // 1000 + 50):
        log.info(record)
    assert path.with_name(LOG_FILE_NAME + ".1").exists()
    assert path.stat().st_size <= LOG_MAX_BYTES
    for index in range(LOG_FILES_KEPT * LOG_MAX_BYTES // 1000 + 50):
        log.info("%d %s", index, record)
    files = sorted(path.parent.iterdir())
    assert [f.name for f in files] == [
        LOG_FILE_NAME,
        *(f"{LOG_FILE_NAME}.{n}" for n in range(1, LOG_FILES_KEPT)),
    ]
    assert all(f.stat().st_size <= LOG_MAX_BYTES for f in files)
    assert path.read_text(encoding="utf-8").splitlines()[-1].endswith(f"{index} {record}")


def test_a_data_folder_that_cannot_hold_a_log_does_not_stop_anything(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    not_a_folder = tmp_path / "data"
    not_a_folder.write_text("a file where the data folder should be", encoding="utf-8")
    assert setup_log_file(not_a_folder) is None
    assert current_log_path() is None
    assert "cannot write the log" in capsys.readouterr().err
    logging.getLogger("workstation.test").error("still fine")  # no handler, no exception


def test_outside_text_is_kept_literally_even_with_lone_surrogates(data_dir: Path) -> None:
    path = setup_log_file(data_dir)
    assert path is not None
    logging.getLogger("workstation.test").error("pasted <b>x</b> and \ud800 here")
    text = path.read_text(encoding="utf-8")
    assert "pasted <b>x</b> and \\ud800 here" in text


class _Unprintable(Exception):
    def __str__(self) -> str:
        raise RuntimeError("no")


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (ValueError("bad value"), "ValueError: bad value"),
        (ValueError("line one\n  line two"), "ValueError: line one line two"),
        (KeyError("task-7"), "KeyError: 'task-7'"),
        (RuntimeError(), "RuntimeError"),
        (_Unprintable(), "_Unprintable: (the message could not be read)"),
    ],
)
def test_error_summary_names_the_error_in_one_line(exc: BaseException, expected: str) -> None:
    assert error_summary(exc) == expected


def test_error_summary_of_a_huge_message_stays_short() -> None:
    summary = error_summary(ValueError("word " * 10_000))
    assert len(summary) == SUMMARY_MAX_CHARS and summary.startswith("ValueError: word") and summary[-1] == "…"
