"""Writing a file so that it is either complete or not there: temp file → fsync → rename → fsync
of the folder. One implementation for exports, key files, bundles and the user dictionary.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

WRITE_BUFFER_BYTES = 1024 * 1024


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

    The temp file lives in the target's folder (a rename is only atomic within one file system).
    If the block raises, the temp file is removed and ``target`` is left as it was. ``mode``
    defaults to the replaced file's permissions, or 0644 for a new file.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    temp_path = Path(temp_name)
    try:
        with open(handle, "w", encoding="utf-8", newline="\n", buffering=WRITE_BUFFER_BYTES) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp_path, _mode_for(target) if mode is None else mode)
        os.replace(temp_path, target)
    except BaseException:
        temp_path.unlink(missing_ok=True)
        raise
    fsync_folder(target.parent)


def write_file_atomically(path: Path, data: bytes, *, mode: int) -> None:
    """Replace ``path`` with ``data``, leaving it with exactly ``mode`` (0600 for secret keys).

    The temp file is created with ``mode`` from the start, so a secret is never readable by
    others, not even for a moment.
    """
    path = Path(path)
    directory = path.parent
    temp_path = directory / f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
    descriptor = os.open(temp_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        try:
            os.fchmod(descriptor, mode)  # the umask may have narrowed it; make it exact
            view = memoryview(data)
            while view:
                written = os.write(descriptor, view)
                view = view[written:]
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        os.replace(temp_path, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_path)
        raise
    fsync_folder(directory)
