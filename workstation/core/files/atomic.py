"""Writing a file so that it is either complete or not there: temp file → fsync → rename → fsync
of the folder. One implementation for exports, key files, bundles and the user dictionary.

What the target path names decides how it is written (:func:`resolve_output`):

- nothing yet, or a regular file: the temp-and-rename above; a failure (a full disk included)
  leaves the old file exactly as it was and no temp file behind;
- a symbolic link: the link is followed and the file it points to is replaced, the link itself
  stays (as a shell's ``>`` does); a dangling link creates the file it names;
- a character device (``/dev/null``, ``/dev/stdout``, a terminal) or a FIFO: written through
  directly, no temp file and no rename, since renaming over it would replace the device node or
  the pipe with a regular file. "Complete or not there" cannot hold for a stream: a reader may
  already have seen part of it when a write fails. Opening a FIFO waits for its reader;
- a folder, a disk device or a socket: refused with :class:`OutputRefused` before anything is
  written.

Every ``OSError`` raised carries the target's path as its ``filename``, so the caller's sentence
can name the file even when the failing call was a bare ``write``.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from workstation.core.files.path_kinds import is_stream_device, kind_of

WRITE_BUFFER_BYTES = 1024 * 1024

_STREAM_FLAGS = (
    os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
)


class OutputRefused(OSError):
    """The target is a kind of file that must not be replaced or written (a folder, a disk, a socket).

    Its ``strerror`` is the sentence to show after the path.
    """


def fsync_folder(folder: Path) -> None:
    """Make a rename inside ``folder`` durable. Best effort: Windows cannot open a folder."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def resolve_output(target: Path) -> tuple[Path, bool]:
    """``(path to write, write through it?)`` for ``target``, or :class:`OutputRefused`.

    Links are followed to the file they point to; see the module docstring for each kind.
    """
    real = Path(os.path.realpath(target))
    try:
        st_mode = os.stat(real).st_mode
    except FileNotFoundError:
        return real, False
    except NotADirectoryError:
        raise OutputRefused(
            errno.ENOTDIR, "a part of the path is a file, not a folder; check the path", str(target)
        ) from None
    if stat.S_ISREG(st_mode):
        return real, False
    if is_stream_device(st_mode):
        return real, True
    if stat.S_ISDIR(st_mode):
        raise OutputRefused(errno.EISDIR, "it is a folder; give a file name inside it", str(target))
    raise OutputRefused(
        errno.EINVAL, f"it is {kind_of(st_mode)}, which cannot hold a file; give another path", str(target)
    )


def writes_through(target: Path) -> bool:
    """Whether writing ``target`` goes straight into a device or pipe (it cannot be read back)."""
    return resolve_output(target)[1]


def _named(exc: OSError, target: Path) -> OSError:
    """``exc`` with ``target`` as its file name when it had none (a bare ``write`` has none)."""
    if exc.filename is not None or exc.errno is None:
        return exc
    return type(exc)(exc.errno, exc.strerror, str(target))


def _mode_for(target: Path) -> int:
    """Keep the permissions of the file being replaced; a new file is readable by all (0644).

    (mkstemp creates 0600; reading the umask would mean changing it, which races other threads.)
    """
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        return 0o644


@contextlib.contextmanager
def atomic_text_writer(target: Path, *, mode: int | None = None) -> Iterator[TextIO]:
    """Yield a UTF-8, LF-only text stream whose content replaces ``target`` only on success.

    The temp file lives in the real target's folder (a rename is only atomic within one file
    system). If the block raises, the temp file is removed and ``target`` is left as it was.
    ``mode`` defaults to the replaced file's permissions, or 0644 for a new file. A device or
    FIFO target is written through (module docstring); ``mode`` does not apply to it.
    """
    real, through = resolve_output(Path(target))
    try:
        if through:
            with open(os.open(real, _STREAM_FLAGS), "w", encoding="utf-8", newline="\n") as stream:
                yield stream
            return
        real.parent.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".partial", dir=real.parent)
    except OSError as exc:
        raise _named(exc, Path(target)) from None
    temp_path = Path(temp_name)
    try:
        with open(handle, "w", encoding="utf-8", newline="\n", buffering=WRITE_BUFFER_BYTES) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp_path, _mode_for(real) if mode is None else mode)
        os.replace(temp_path, real)
    except BaseException as exc:
        temp_path.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _named(exc, Path(target)) from None
        raise
    fsync_folder(real.parent)


def write_file_atomically(path: Path, data: bytes, *, mode: int) -> None:
    """Replace ``path`` with ``data``, leaving it with exactly ``mode`` (0600 for secret keys).

    The temp file is created with ``mode`` from the start, so a secret is never readable by
    others, not even for a moment. A device or FIFO target is written through (module
    docstring); ``mode`` does not apply to it.
    """
    target = Path(path)
    real, through = resolve_output(target)
    if through:
        try:
            _write_through(real, data)
        except OSError as exc:
            raise _named(exc, target) from None
        return
    directory = real.parent
    temp_path = directory / f".{real.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
    try:
        descriptor = os.open(temp_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    except OSError as exc:
        raise _named(exc, target) from None
    try:
        try:
            os.fchmod(descriptor, mode)  # the umask may have narrowed it; make it exact
            _write_all(descriptor, data)
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        os.replace(temp_path, real)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_path)
        if isinstance(exc, OSError):
            raise _named(exc, target) from None
        raise
    fsync_folder(directory)


def _write_through(device: Path, data: bytes) -> None:
    descriptor = os.open(device, _STREAM_FLAGS)
    try:
        _write_all(descriptor, data)
    finally:
        os.close(descriptor)


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(descriptor, view)
        view = view[written:]
