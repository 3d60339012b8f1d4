"""What the operating system refused, as one sentence naming the path and what to do about it.

An ``OSError`` carries an errno and the system's terse words ("No space left on device"). A writer
needs to know which file, why, and what would fix it, so every caller that reports a file
failure to a person goes through :func:`describe_os_error`; the errno decides the words, never
the message text (which changes with the platform and the language).
"""

from __future__ import annotations

import errno
import os

_ADVICE: dict[int, str] = {
    errno.ENOSPC: "the disk is full; free some space and try again",
    errno.EDQUOT: "your disk quota is used up; free some space and try again",
    errno.EROFS: "it is on a read-only disk; choose a folder on a disk you can write to",
    errno.EACCES: "permission denied; choose a place you may write to, or ask who owns it",
    errno.EPERM: "the operating system does not allow this; choose another place",
    errno.ENOENT: "no such file or folder; check the path",
    errno.ENOTDIR: "a part of the path is a file, not a folder; check the path",
    errno.EISDIR: "it is a folder; give the path of a file",
    errno.ELOOP: "it is a loop of symbolic links; check the path",
    errno.ENAMETOOLONG: "the name is too long for this disk; choose a shorter one",
    errno.EIO: "the disk reported a read or write error; check the disk and try again",
    errno.EMFILE: "too many files are open; close some programs and try again",
    errno.ENXIO: "it is a device or socket that is not there; give the path of a regular file",
    errno.ETXTBSY: "another program is using it; close that program and try again",
    errno.EBUSY: "another program is using it; close that program and try again",
    errno.EEXIST: "something is already there; move it aside or choose another name",
    errno.EXDEV: "it is on another disk than its folder expects; choose a folder on the same disk",
}


def describe_os_error(exc: OSError, path: str | os.PathLike[str] | None = None) -> str:
    """``"<path>: <what happened and what to do>"``, one sentence without a final full stop.

    ``path`` is the file the caller was working on; it defaults to the error's own file name,
    because a low-level error (a write that hit a full disk) often carries none.
    """
    where = path if path is not None else exc.filename
    advice = os_error_advice(exc)
    return f"{where}: {advice}" if where not in (None, "") else advice


def os_error_advice(exc: OSError) -> str:
    """What went wrong and what to do, without the path: "the disk is full; free some space ..."."""
    advice = _ADVICE.get(exc.errno or -1)
    if advice is None:
        detail = exc.strerror or str(exc) or type(exc).__name__
        advice = f"{detail[:1].lower()}{detail[1:]}"
    return advice
