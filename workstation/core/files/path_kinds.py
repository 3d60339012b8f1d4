"""What kind of thing a path names, in the words a refusal uses ("a folder", "a pipe (FIFO)").

Readers and writers of user-named paths decide by kind before they open anything: opening a
FIFO blocks until someone writes to it, reading a device may never end, and renaming a temp
file over a device node or a link replaces it. This module only names the kinds; the policies
are in :mod:`~workstation.core.files.inputs` and :mod:`~workstation.core.files.atomic`.
"""

from __future__ import annotations

import stat

REGULAR_FILE = "a regular file"


def kind_of(st_mode: int) -> str:
    """The kind of file ``st_mode`` (from ``os.stat``) describes, with its article."""
    if stat.S_ISREG(st_mode):
        return REGULAR_FILE
    if stat.S_ISDIR(st_mode):
        return "a folder"
    if stat.S_ISCHR(st_mode):
        return "a device"
    if stat.S_ISBLK(st_mode):
        return "a disk device"
    if stat.S_ISFIFO(st_mode):
        return "a pipe (FIFO)"
    if stat.S_ISSOCK(st_mode):
        return "a socket"
    return "a special file"


def is_stream_device(st_mode: int) -> bool:
    """A character device or a FIFO: it takes bytes in order and cannot be renamed over."""
    return stat.S_ISCHR(st_mode) or stat.S_ISFIFO(st_mode)
