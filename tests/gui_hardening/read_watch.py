"""A file that tells whether anything opened it for reading: a FIFO watched by a child process.

Qt reads a file named by ``<img src=…>`` with a plain blocking open. On a FIFO that open waits for
a writer, holding Python's GIL, so the watcher must be another process: it keeps trying a
non-blocking open for writing, which succeeds only while someone holds the reading end, notes
each such open in a log file and closes at once, so the reader sees an empty file (EOF) and goes
on. A test asserts ``opened`` stayed False.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType

_WATCHER = r"""
import errno, os, sys, time
fifo, log = sys.argv[1], sys.argv[2]
while True:
    try:
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
    except OSError as exc:
        if exc.errno not in (errno.ENXIO, errno.EINTR):
            raise
        time.sleep(0.002)
        continue
    with open(log, "a") as out:
        out.write("open\n")
    os.close(fd)
    time.sleep(0.02)
"""


class ReadWatch:
    """``with ReadWatch(path) as watch: …`` then ``watch.opened``; ``path`` must not exist yet."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._log = path.with_name(path.name + ".opens")
        self._child: subprocess.Popen[bytes] | None = None

    @property
    def opens(self) -> int:
        time.sleep(0.05)  # let the watcher note an open still under way
        return len(self._log.read_text().splitlines()) if self._log.exists() else 0

    @property
    def opened(self) -> bool:
        return self.opens > 0

    def __enter__(self) -> ReadWatch:
        os.mkfifo(self.path)
        self._child = subprocess.Popen([sys.executable, "-c", _WATCHER, str(self.path), str(self._log)])
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._child is not None:
            self._child.kill()
            self._child.wait()
