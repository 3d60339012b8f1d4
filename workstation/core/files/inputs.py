"""Reading a file someone named: a regular file (or ``-`` for standard input), never past a cap.

A path typed on a command line or picked in a dialog can name anything: a folder, a device that
never ends (``/dev/zero``), a FIFO that blocks until someone writes to it, a socket, or a file far
larger than what it claims to be. Every reader of such a path goes through this module, so each
of them refuses the same things in the same words:

- a folder, device, FIFO or socket is refused before it is opened, with one sentence naming the
  path (:class:`InputRefused`); a FIFO swapped in between the check and the open is caught too,
  because the file is opened without blocking and checked again on the open descriptor;
- each kind of input has a named cap (:class:`InputKind`); a file over it is refused, never cut
  short, and reading stops one byte past the cap, so standard input fed from ``/dev/zero`` costs
  at most the cap in memory;
- ``-`` means standard input for the kinds where that makes sense (a text, a bundle, a
  passphrase), read with the same cap.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

from workstation.core.files.os_errors import describe_os_error
from workstation.core.files.path_kinds import kind_of

STDIN_NAME = "-"
"""The path that means standard input."""

READ_CHUNK_BYTES = 1024 * 1024
"""How much is asked of a pipe at a time while reading standard input."""

_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO opens at once instead of waiting for a writer
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


@dataclass(frozen=True)
class InputKind:
    """One kind of input a command reads: what to call it, its cap, whether ``-`` may stand for it.

    ``noun`` comes with its article ("a passphrase file"); ``limit_bytes`` is the largest size
    accepted, in bytes.
    """

    noun: str
    limit_bytes: int
    stdin_allowed: bool


KIB = 1024
MIB = 1024 * KIB
GIB = 1024 * MIB

TEXT_INPUT = InputKind("a text file", 64 * MIB, stdin_allowed=True)
"""A rewrite or a text to lint: as large as the largest record an import accepts (64 MiB)."""

PASSPHRASE_FILE = InputKind("a passphrase file", 64 * KIB, stdin_allowed=True)
"""Only the first line is the passphrase; a file larger than 64 KiB is the wrong file."""

KEY_FILE = InputKind("a minisign key file", 64 * KIB, stdin_allowed=False)
"""Key files are a few hundred bytes; 64 KiB leaves room for long comments."""

TASK_FILE = InputKind("a task file", 16 * GIB, stdin_allowed=False)
"""Task files are streamed, never held whole; 16 GiB is about ten million tasks."""

STORE_BACKUP = InputKind("a store backup", 64 * GIB, stdin_allowed=False)
"""A backup is a whole SQLite store; it is checked in place, never read into memory."""


class InputRefused(Exception):
    """A named input is the wrong kind of file, too large, or unreadable; the message says which."""

    def __init__(self, path: str | os.PathLike[str], message: str) -> None:
        super().__init__(message)
        self.path = str(path)
        self.message = message


class InputTooLarge(InputRefused):
    """The input is over its kind's cap (a reader may report this as its own kind of refusal)."""


def format_size(size_bytes: int) -> str:
    """``65536`` → ``"64 KiB"``: sizes in the binary units the caps are set in."""
    for unit, scale in (("GiB", GIB), ("MiB", MIB), ("KiB", KIB)):
        if size_bytes >= scale:
            value = size_bytes / scale
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{size_bytes} bytes"


def _too_large(name: str, kind: InputKind, size: int | None) -> InputTooLarge:
    limit = format_size(kind.limit_bytes)
    how_big = f"is {format_size(size)}, more than" if size is not None else "holds more than"
    return InputTooLarge(
        name, f"{name} {how_big} the {limit} {kind.noun} may hold; check that this is the right file"
    )


def _wrong_kind(name: str, kind: InputKind, st_mode: int) -> InputRefused:
    found = kind_of(st_mode)
    if stat.S_ISDIR(st_mode):
        advice = "give the path of a file inside it"
    elif kind.stdin_allowed:
        advice = f"give a regular file, or {STDIN_NAME} and send the data to standard input"
    else:
        advice = "give the path of a regular file"
    return InputRefused(name, f"{name} is {found}, not {kind.noun}; {advice}")


def check_input_file(path: str | os.PathLike[str], kind: InputKind) -> os.stat_result:
    """Refuse ``path`` unless it is a regular file within ``kind``'s cap; returns its ``stat``.

    For readers that open the file themselves (the importers, the key loader): nothing is
    opened here, so a FIFO or a device is refused without being touched. Symbolic links are
    followed, as every program reading a file does.
    """
    name = os.fspath(path)
    try:
        info = os.stat(name)
    except OSError as exc:
        raise InputRefused(name, describe_os_error(exc, name)) from None
    if not stat.S_ISREG(info.st_mode):
        raise _wrong_kind(name, kind, info.st_mode)
    if info.st_size > kind.limit_bytes:
        raise _too_large(name, kind, info.st_size)
    return info


def read_input(source: str | os.PathLike[str], kind: InputKind, *, stdin: BinaryIO | None = None) -> bytes:
    """The bytes of ``source`` (a path, or ``-`` for ``stdin``), refused as the module says.

    ``stdin`` defaults to the process's standard input (binary). Raises :class:`InputRefused`
    with a sentence naming the path for every refusal, including an unreadable file.
    """
    name = os.fspath(source)
    if name == STDIN_NAME:
        if not kind.stdin_allowed:
            raise InputRefused(name, f"{kind.noun} cannot be read from standard input; give its path")
        stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", None)
        if stream is None:  # stdin replaced by a text-only stream (an embedding program, a test)
            raise InputRefused(name, "standard input cannot be read as bytes here; give a file instead")
        data = _read_capped(stream.read, kind.limit_bytes, READ_CHUNK_BYTES)
        if data is None:
            raise _too_large("standard input", kind, None)
        return data
    check_input_file(name, kind)
    try:
        descriptor = os.open(name, _OPEN_FLAGS)
    except OSError as exc:
        raise InputRefused(name, describe_os_error(exc, name)) from None
    try:
        info = os.fstat(descriptor)  # the path may have been swapped since the check
        if not stat.S_ISREG(info.st_mode):
            raise _wrong_kind(name, kind, info.st_mode)
        data = _read_capped(lambda size: os.read(descriptor, size), kind.limit_bytes, info.st_size + 1)
    except OSError as exc:
        raise InputRefused(name, describe_os_error(exc, name)) from None
    finally:
        os.close(descriptor)
    if data is None:
        raise _too_large(name, kind, None)
    return data


def _read_capped(read: Callable[[int], bytes], limit: int, first_request: int) -> bytes | None:
    """Everything ``read`` gives until it ends, or None once it gives more than ``limit`` bytes.

    ``first_request`` is the expected size plus one, so a regular file is read in one call and
    nothing larger than the cap is ever asked for.
    """
    chunks: list[bytes] = []
    total = 0
    request = max(1, first_request)
    while total <= limit:
        chunk = read(min(request, limit + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        request = READ_CHUNK_BYTES
    return None
