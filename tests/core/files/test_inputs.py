"""Reading a named input: only a regular file or ``-``, never past its cap, refused in one sentence."""

from __future__ import annotations

import io
import os
import threading
import time
from pathlib import Path

import pytest

from workstation.core.files import inputs
from workstation.core.files.inputs import (
    PASSPHRASE_FILE,
    TASK_FILE,
    TEXT_INPUT,
    InputKind,
    InputRefused,
    InputTooLarge,
    check_input_file,
    format_size,
    read_input,
)

SMALL = InputKind("a test file", 10, stdin_allowed=True)
NO_STDIN = InputKind("a key file", 10, stdin_allowed=False)


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe"
    os.mkfifo(path)
    return path


def test_a_regular_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_bytes(b"0123456789")  # exactly the cap
    assert read_input(path, SMALL) == b"0123456789"
    assert read_input(str(path), SMALL) == b"0123456789"


def test_a_symbolic_link_is_followed(tmp_path: Path) -> None:
    (tmp_path / "real.txt").write_bytes(b"hello")
    (tmp_path / "link.txt").symlink_to("real.txt")
    assert read_input(tmp_path / "link.txt", SMALL) == b"hello"


def test_a_file_one_byte_over_the_cap_is_refused_never_cut(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 11)
    with pytest.raises(InputTooLarge) as refused:
        read_input(path, SMALL)
    assert refused.value.message == (
        f"{path} is 11 bytes, more than the 10 bytes a test file may hold; check that this is the right file"
    )


def test_a_file_that_grows_after_the_check_is_still_stopped_at_the_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "growing.txt"
    path.write_bytes(b"small")
    real_read = os.read

    def growing_read(descriptor: int, size: int) -> bytes:
        chunk = real_read(descriptor, size)
        if chunk:  # someone appends while we read
            with open(path, "ab") as handle:
                handle.write(b"more and more")
        return chunk

    monkeypatch.setattr(inputs.os, "read", growing_read)
    with pytest.raises(InputTooLarge, match="holds more than the 10 bytes"):
        read_input(path, SMALL)


def test_a_passphrase_file_over_64_kib_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "pass.txt"
    path.write_bytes(b"secret\n" + b"#" * (64 * 1024))
    with pytest.raises(InputTooLarge, match=r"is 64\.0 KiB, more than the 64 KiB a passphrase file may hold"):
        read_input(path, PASSPHRASE_FILE)


def test_a_folder_is_refused_with_its_name(tmp_path: Path) -> None:
    with pytest.raises(InputRefused) as refused:
        read_input(tmp_path, TEXT_INPUT)
    assert (
        refused.value.message == f"{tmp_path} is a folder, not a text file; give the path of a file inside it"
    )
    assert refused.value.path == str(tmp_path)


def test_a_fifo_is_refused_at_once_without_waiting_for_a_writer(fifo: Path) -> None:
    started = time.monotonic()
    with pytest.raises(InputRefused, match=r"is a pipe \(FIFO\), not a text file; give a regular file, or -"):
        read_input(fifo, TEXT_INPUT)
    assert time.monotonic() - started < 1.0


def test_a_fifo_swapped_in_after_the_check_is_caught_on_the_open_file(
    tmp_path: Path, fifo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    decoy = tmp_path / "decoy.txt"
    decoy.write_bytes(b"fine")
    real_check = inputs.check_input_file
    monkeypatch.setattr(inputs, "check_input_file", lambda path, kind: real_check(decoy, kind))
    started = time.monotonic()
    with pytest.raises(InputRefused, match="is a pipe"):
        read_input(fifo, TEXT_INPUT)
    assert time.monotonic() - started < 1.0  # opened without blocking, refused on fstat


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_device_is_refused_before_a_byte_is_read(device: str) -> None:
    if not os.path.exists(device):
        pytest.skip(f"no {device} here")
    with pytest.raises(InputRefused, match=f"^{device} is a device, not a text file"):
        read_input(device, TEXT_INPUT)


def test_a_socket_is_refused(unix_socket: Path) -> None:
    with pytest.raises(InputRefused, match="is a socket, not a test file"):
        read_input(unix_socket, SMALL)


def test_a_missing_file_is_named_with_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(InputRefused) as refused:
        read_input(tmp_path / "nope.txt", SMALL)
    assert refused.value.message == f"{tmp_path / 'nope.txt'}: no such file or folder; check the path"


def test_a_path_through_a_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(InputRefused, match="a part of the path is a file, not a folder"):
        read_input(tmp_path / "file" / "inside.txt", SMALL)


def test_dash_reads_stdin_up_to_the_cap() -> None:
    assert read_input("-", SMALL, stdin=io.BytesIO(b"0123456789")) == b"0123456789"


def test_endless_stdin_is_stopped_one_byte_past_the_cap() -> None:
    class Endless(io.RawIOBase):
        requested = 0

        def readable(self) -> bool:
            return True

        def read(self, size: int = -1) -> bytes:
            assert size > 0, "an unbounded read of stdin"
            Endless.requested += size
            return b"\0" * size

    with pytest.raises(
        InputTooLarge, match=r"^standard input holds more than the 10 bytes a test file may hold"
    ):
        read_input("-", SMALL, stdin=Endless())  # type: ignore[arg-type]
    assert Endless.requested == 11


def test_dash_is_refused_where_stdin_makes_no_sense() -> None:
    with pytest.raises(InputRefused, match="a key file cannot be read from standard input; give its path"):
        read_input("-", NO_STDIN, stdin=io.BytesIO(b"x"))


def test_a_fifo_named_where_stdin_is_not_allowed_asks_for_a_regular_file(fifo: Path) -> None:
    with pytest.raises(InputRefused) as refused:
        read_input(fifo, NO_STDIN)
    assert refused.value.message.endswith("not a key file; give the path of a regular file")


def test_check_input_file_refuses_without_opening(fifo: Path, tmp_path: Path) -> None:
    opened = threading.Event()

    def writer() -> None:  # would unblock an open() of the FIFO, if one happened
        with open(fifo, "wb"):
            opened.set()

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    with pytest.raises(InputRefused, match="is a pipe"):
        check_input_file(fifo, TASK_FILE)
    time.sleep(0.1)
    assert not opened.is_set()
    with open(fifo, "rb"):  # let the writer thread finish
        thread.join(timeout=2)
    path = tmp_path / "tasks.jsonl"
    path.write_text("{}\n")
    assert check_input_file(path, TASK_FILE).st_size == 3


@pytest.mark.parametrize(
    ("size", "text"),
    [(0, "0 bytes"), (1023, "1023 bytes"), (1024, "1 KiB"), (1536, "1.5 KiB"), (64 * 1024**2, "64 MiB")],
)
def test_sizes_are_named_in_binary_units(size: int, text: str) -> None:
    assert format_size(size) == text
