"""Where the writer's data lives, and the lock that keeps a second instance out of it."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from pathlib import Path
from types import TracebackType
from typing import IO

from workstation import APP_ID
from workstation.core.files.os_errors import os_error_advice
from workstation.core.files.path_kinds import kind_of

ENV_DATA_DIR = "WORKSTATION_DATA_DIR"
LOCK_FILE_NAME = "workstation.lock"


def resolve_data_dir(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """The data dir: ``--data-dir`` first, then ``WORKSTATION_DATA_DIR``, then the platform default."""
    if cli_value:
        return Path(cli_value).expanduser().resolve()
    from_env = os.environ.get(ENV_DATA_DIR)
    if from_env:
        return Path(from_env).expanduser().resolve()
    import platformdirs  # here: with --data-dir or $WORKSTATION_DATA_DIR, start-up skips it (~5 ms)

    return Path(platformdirs.user_data_dir(APP_ID, appauthor=False))


class DataDirError(RuntimeError):
    """The data dir cannot be used; the message is one sentence naming the path and what to do."""


class DataDirBusy(DataDirError):
    """Another Rewrite Workstation process holds this data dir."""


class DataDirUnusable(DataDirError):
    """The data dir is not a folder, cannot be created or written, or its lock file is not a file."""


_LOCK_OPEN_FLAGS = (
    os.O_RDWR
    | os.O_CREAT
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO in the lock's place must not hang the start-up
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


def check_data_dir(data_dir: Path) -> None:
    """Refuse a data dir path that names something other than a folder (or nothing yet).

    Reading commands call this before they look for the store, so ``--data-dir notes.txt`` is
    named for what it is instead of reported as a folder with no tasks.
    """
    try:
        st_mode = os.stat(data_dir).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise DataDirUnusable(f"the data folder {data_dir} cannot be used: {os_error_advice(exc)}") from None
    if not stat.S_ISDIR(st_mode):
        raise DataDirUnusable(
            f"the data folder {data_dir} is {kind_of(st_mode)}, not a folder; choose a folder for the data"
        )


class DataDirLock:
    """An exclusive advisory lock on ``<data dir>/workstation.lock``.

    The operating system drops the lock when the holder dies, so a crash never leaves the data
    dir locked. The file records the holder's pid so the refusal can name it.
    """

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.path = data_dir / LOCK_FILE_NAME
        self._handle: IO[str] | None = None

    def acquire(self) -> None:
        """Take the lock, creating the data dir if needed.

        Raises DataDirBusy when another process holds it, DataDirUnusable when the folder cannot
        be made or written (a file in its place, a read-only disk, no permission) or the lock
        file is a folder, FIFO or device; nothing in the data dir is changed then.
        """
        check_data_dir(self.data_dir)
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DataDirUnusable(
                f"the data folder {self.data_dir} cannot be created: {os_error_advice(exc)}"
            ) from None
        handle = self._open_lock_file()
        try:
            _lock_exclusive(handle)
        except OSError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            handle.close()
            raise DataDirBusy(
                f"The data folder {self.data_dir} is already open in another Rewrite Workstation "
                f"(process {holder}). Close that window first, or choose another data folder."
            ) from None
        # The pid only names the holder for the refusal above; a full disk must not stop us. It is
        # written unbuffered, so nothing is left to fail when the handle is closed.
        with contextlib.suppress(OSError):
            os.ftruncate(handle.fileno(), 0)
            os.lseek(handle.fileno(), 0, os.SEEK_SET)
            os.write(handle.fileno(), str(os.getpid()).encode("ascii"))
        self._handle = handle

    def _open_lock_file(self) -> IO[str]:
        try:
            descriptor = os.open(self.path, _LOCK_OPEN_FLAGS, 0o644)
        except OSError as exc:
            try:
                st_mode: int | None = os.stat(self.path).st_mode
            except OSError:
                st_mode = None
            if st_mode is not None and not stat.S_ISREG(st_mode):
                raise self._not_a_lock_file(st_mode) from None
            raise DataDirUnusable(
                f"the data folder {self.data_dir} cannot be written: {os_error_advice(exc)}"
            ) from None
        st_mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(st_mode):
            os.close(descriptor)
            raise self._not_a_lock_file(st_mode)
        return open(descriptor, "a+", encoding="utf-8")  # held for the lock's lifetime

    def _not_a_lock_file(self, st_mode: int) -> DataDirUnusable:
        return DataDirUnusable(
            f"the lock file {self.path} is {kind_of(st_mode)}, not a file; "
            "move it out of the data folder and try again"
        )

    def release(self) -> None:
        if self._handle is not None:
            _unlock(self._handle)
            self._handle.close()
            self._handle = None

    @property
    def held(self) -> bool:
        return self._handle is not None

    def __enter__(self) -> DataDirLock:
        self.acquire()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock_exclusive(handle: IO[str]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle: IO[str]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock_exclusive(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
