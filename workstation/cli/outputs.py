"""Where a command's ``--out`` goes: ``-`` is standard output, anything else a path.

A path is written by :mod:`workstation.core.files.atomic` (a file replaced whole or left as it
was, a device or FIFO written through, a folder refused). When the data goes to standard output,
the command's own report goes to standard error, so a pipe receives the data and nothing else.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TextIO

from workstation.cli.common import CliError
from workstation.core.files.atomic import OutputRefused, write_file_atomically, writes_through
from workstation.core.files.os_errors import describe_os_error

STDOUT_NAME = "-"


def is_stdout(target: Path | str) -> bool:
    return str(target) == STDOUT_NAME


def report_stream(target: Path | str) -> TextIO:
    """Where to print what a command did: stderr when its data went to stdout."""
    return sys.stderr if is_stdout(target) else sys.stdout


def output_failed(exc: OSError, target: Path | str) -> CliError:
    """One sentence for a failed write to ``target``, saying the old file is intact when it is."""
    message = describe_os_error(exc, target)
    if not isinstance(exc, OutputRefused) and not is_stdout(target):
        try:
            replaced_whole = not writes_through(Path(target))
        except OSError:
            replaced_whole = False
        if replaced_whole:
            kept = os.path.lexists(target)
            message += f"; {target} was left as it was" if kept else "; nothing was written"
    return CliError(message)


def write_bytes_out(target: Path | str, data: bytes, *, mode: int) -> None:
    """Write ``data`` to ``target`` (``-`` for stdout); a file gets permissions ``mode``."""
    try:
        if is_stdout(target):
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        else:
            write_file_atomically(Path(target), data, mode=mode)
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise output_failed(exc, target) from None
