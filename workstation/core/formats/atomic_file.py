"""Writing a file so that it is either complete or not there: temp file → fsync → rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

WRITE_BUFFER_BYTES = 1024 * 1024


@contextlib.contextmanager
def atomic_text_writer(target: Path) -> Iterator[TextIO]:
    """Yield a UTF-8, LF-only text stream whose content replaces ``target`` only on success.

    The temp file lives in the target's folder (a rename is only atomic within one file system)
    and is flushed and fsynced before the rename, then the folder is fsynced so the rename
    itself survives a power cut. If the block raises, the temp file is removed and ``target`` is
    left as it was.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    temp_path = Path(temp_name)
    try:
        with open(handle, "w", encoding="utf-8", newline="\n", buffering=WRITE_BUFFER_BYTES) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp_path, _mode_for(target))
        os.replace(temp_path, target)
    except BaseException:
        temp_path.unlink(missing_ok=True)
        raise
    _fsync_folder(target.parent)


def _mode_for(target: Path) -> int:
    """Keep the permissions of the file being replaced; a new file is readable by all (0644).

    (mkstemp creates 0600; reading the umask would mean changing it, which races other threads.)
    """
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        return 0o644


def _fsync_folder(folder: Path) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # some platforms (Windows) cannot open folders; the rename is still atomic there
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
