"""The data dir lock on broken machines: each failure is a sentence naming the folder, and nothing in
the data dir is changed by a refusal."""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path

import pytest

from workstation.core.files import datadir
from workstation.core.files.datadir import (
    LOCK_FILE_NAME,
    DataDirBusy,
    DataDirError,
    DataDirLock,
    DataDirUnusable,
    check_data_dir,
)


def test_a_file_given_as_the_data_folder_is_named_for_what_it_is(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("mine")
    with pytest.raises(DataDirUnusable) as refused:
        DataDirLock(notes).acquire()
    assert str(refused.value) == (
        f"the data folder {notes} is a regular file, not a folder; choose a folder for the data"
    )
    assert notes.read_text() == "mine"
    with pytest.raises(DataDirUnusable, match="is a regular file, not a folder"):
        check_data_dir(notes)


def test_a_missing_data_folder_passes_the_check_and_is_made_by_the_lock(tmp_path: Path) -> None:
    check_data_dir(tmp_path / "new")
    with DataDirLock(tmp_path / "new" / "deeper") as lock:
        assert lock.held and (tmp_path / "new" / "deeper" / LOCK_FILE_NAME).is_file()


def test_a_folder_where_the_lock_file_goes_is_refused_and_left(tmp_path: Path) -> None:
    (tmp_path / LOCK_FILE_NAME).mkdir()
    with pytest.raises(DataDirUnusable) as refused:
        DataDirLock(tmp_path).acquire()
    assert str(refused.value) == (
        f"the lock file {tmp_path / LOCK_FILE_NAME} is a folder, not a file; "
        "move it out of the data folder and try again"
    )
    assert (tmp_path / LOCK_FILE_NAME).is_dir()


def test_a_fifo_where_the_lock_file_goes_is_refused_at_once(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / LOCK_FILE_NAME)
    started = time.monotonic()
    with pytest.raises(DataDirUnusable, match=r"is a pipe \(FIFO\), not a file"):
        DataDirLock(tmp_path).acquire()
    assert time.monotonic() - started < 1.0


@pytest.mark.parametrize(
    ("failing", "code", "words"),
    [
        ("mkdir", errno.EROFS, "cannot be created: it is on a read-only disk"),
        ("mkdir", errno.EACCES, "cannot be created: permission denied"),
        ("open", errno.EROFS, "cannot be written: it is on a read-only disk"),
        ("open", errno.ENOSPC, "cannot be written: the disk is full"),
    ],
)
def test_a_folder_that_cannot_be_made_or_written_is_one_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str, code: int, words: str
) -> None:
    """Tests run as root, where permissions are not enforced: the system's answer is simulated at
    the one call that meets it (tests/cli/test_cli_broken_machines.py uses a real read-only mount)."""
    target = tmp_path / "data"

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OSError(code, os.strerror(code), str(target))

    if failing == "mkdir":
        monkeypatch.setattr(Path, "mkdir", refuse)
    else:
        target.mkdir()
        monkeypatch.setattr(datadir.os, "open", refuse)
    with pytest.raises(DataDirUnusable) as refused:
        DataDirLock(target).acquire()
    assert str(refused.value).startswith(f"the data folder {target} {words}")


def test_a_full_disk_while_writing_the_pid_still_takes_the_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(*_args: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(datadir.os, "write", disk_full)
    lock = DataDirLock(tmp_path)
    lock.acquire()
    assert lock.held
    with pytest.raises(DataDirBusy, match=r"already open in another Rewrite Workstation \(process unknown\)"):
        DataDirLock(tmp_path).acquire()
    lock.release()  # nothing buffered is left to fail on close
    assert not lock.held


def test_every_refusal_is_a_data_dir_error() -> None:
    assert issubclass(DataDirBusy, DataDirError) and issubclass(DataDirUnusable, DataDirError)
