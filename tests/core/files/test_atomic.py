"""The atomic writer never replaces what it should not: links are followed, devices and FIFOs are
written through, folders and sockets are refused, and a full disk leaves the old file as it was."""

from __future__ import annotations

import errno
import os
import stat
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.core.files.device_nodes import device_node
from workstation.core.files import atomic
from workstation.core.files.atomic import (
    OutputRefused,
    atomic_text_writer,
    resolve_output,
    write_file_atomically,
    writes_through,
)
from workstation.core.files.os_errors import describe_os_error

Write = Callable[[Path, str], None]


def write_text(path: Path, text: str) -> None:
    with atomic_text_writer(path) as stream:
        stream.write(text)


def write_bytes(path: Path, text: str) -> None:
    write_file_atomically(path, text.encode(), mode=0o644)


WRITERS: dict[str, Write] = {"text writer": write_text, "bytes writer": write_bytes}


@pytest.fixture(params=sorted(WRITERS))
def write(request: pytest.FixtureRequest) -> Write:
    return WRITERS[request.param]


def test_a_symbolic_link_stays_and_the_file_it_points_to_is_replaced(tmp_path: Path, write: Write) -> None:
    (tmp_path / "real.txt").write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to("real.txt")
    write(link, "new")
    assert link.is_symlink() and os.readlink(link) == "real.txt"
    assert (tmp_path / "real.txt").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.txt", "real.txt"]  # no temp file left


def test_a_link_into_another_folder_is_replaced_there(tmp_path: Path, write: Write) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "data.jsonl").write_text("old")
    (tmp_path / "here.jsonl").symlink_to(elsewhere / "data.jsonl")
    write(tmp_path / "here.jsonl", "new")
    assert (elsewhere / "data.jsonl").read_text() == "new"
    assert (tmp_path / "here.jsonl").is_symlink()


def test_a_dangling_link_creates_the_file_it_names(tmp_path: Path, write: Write) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to("target.txt")
    write(link, "made")
    assert link.is_symlink() and (tmp_path / "target.txt").read_text() == "made"


def test_dev_null_is_written_through_and_stays_a_device(tmp_path: Path, write: Write) -> None:
    null = device_node(tmp_path, "null")
    before = os.stat(null)
    assert writes_through(null)
    write(null, "gone")
    after = os.stat(null)
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev and after.st_ino == before.st_ino


def test_dev_full_reports_a_full_disk_naming_the_path_and_stays_a_device(
    tmp_path: Path, write: Write
) -> None:
    full = device_node(tmp_path, "full")
    with pytest.raises(OSError) as failed:
        write(full, "x" * 10)
    assert failed.value.errno == errno.ENOSPC and failed.value.filename == str(full)
    assert describe_os_error(failed.value) == f"{full}: the disk is full; free some space and try again"
    assert stat.S_ISCHR(os.stat(full).st_mode)


def test_a_link_to_a_device_writes_through_and_keeps_both(tmp_path: Path, write: Write) -> None:
    null = device_node(tmp_path, "null")
    link = tmp_path / "out"
    link.symlink_to(null)
    write(link, "data")
    assert link.is_symlink() and stat.S_ISCHR(os.stat(null).st_mode)


def test_a_fifo_is_written_through_to_its_reader(tmp_path: Path, write: Write) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    write(fifo, "through the pipe\n")
    reader.join(timeout=5)
    assert received == [b"through the pipe\n"]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)  # still a FIFO, not a regular file
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_a_folder_is_refused_and_left_alone(tmp_path: Path, write: Write) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    with pytest.raises(OutputRefused) as refused:
        write(folder, "x")
    assert refused.value.errno == errno.EISDIR and refused.value.filename == str(folder)
    assert describe_os_error(refused.value) == f"{folder}: it is a folder; give the path of a file"
    assert list(folder.iterdir()) == [] and list(tmp_path.iterdir()) == [folder]


def test_a_socket_is_refused(unix_socket: Path, write: Write) -> None:
    with pytest.raises(OutputRefused) as refused:
        write(unix_socket, "x")
    assert (
        describe_os_error(refused.value)
        == f"{unix_socket}: it is a socket, which cannot hold a file; give another path"
    )
    assert stat.S_ISSOCK(os.stat(unix_socket).st_mode)


def test_a_path_through_a_file_is_refused(tmp_path: Path, write: Write) -> None:
    (tmp_path / "file").write_text("keep")
    with pytest.raises(OSError, match="a part of the path is a file"):
        write(tmp_path / "file" / "out.txt", "x")
    assert (tmp_path / "file").read_text() == "keep"


@pytest.mark.parametrize(
    ("writer", "failing_call"),
    [
        ("bytes writer", "write"),
        ("bytes writer", "fsync"),
        ("text writer", "fsync"),
        ("text writer", "replace"),
    ],
)
def test_a_full_disk_leaves_the_old_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, writer: str, failing_call: str
) -> None:
    """(A real full disk under the text writer is in tests/cli/test_cli_broken_machines.py.)"""
    write = WRITERS[writer]
    target = tmp_path / "export.jsonl"
    target.write_text("the old, complete export\n")

    def disk_full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, failing_call, disk_full)
    with pytest.raises(OSError) as failed:
        write(target, "the new export " * 1000)
    assert failed.value.errno == errno.ENOSPC and failed.value.filename == str(target)
    assert target.read_text() == "the old, complete export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["export.jsonl"]


def test_the_text_writer_keeps_the_replaced_files_permissions_through_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old")
    real.chmod(0o600)
    (tmp_path / "link.txt").symlink_to(real)
    write_text(tmp_path / "link.txt", "new")
    assert stat.S_IMODE(real.stat().st_mode) == 0o600


def test_resolve_output_names_what_it_will_write(tmp_path: Path) -> None:
    assert resolve_output(tmp_path / "new.txt") == (tmp_path / "new.txt", False)
    (tmp_path / "link").symlink_to("new.txt")
    assert resolve_output(tmp_path / "link") == (tmp_path / "new.txt", False)
    null = device_node(tmp_path, "null")
    assert resolve_output(null) == (null, True)
