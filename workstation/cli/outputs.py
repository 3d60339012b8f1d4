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

from workstation.cli.common import MESSAGE_LIMIT_CHARS, CliError
from workstation.core.files.atomic import OutputRefused, write_file_atomically, writes_through
from workstation.core.files.os_errors import describe_os_error
from workstation.core.text.safe_text import one_line

STDOUT_NAME = "-"
BUNDLE_FILE_MODE = 0o644  # a bundle file is signed, not secret: others may read it


def is_stdout(target: Path | str) -> bool:
    return str(target) == STDOUT_NAME


def shown_target(target: Path | str) -> str:
    """How a message names ``target``: "standard output", or the path on one short line."""
    return "standard output" if is_stdout(target) else one_line(str(target), MESSAGE_LIMIT_CHARS)


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


def write_sealed_copy(
    target: Path | str, data: bytes, report: TextIO, *, what: str, still_sealed: str
) -> None:
    """Write a just-sealed bundle's bytes to ``target`` too, and say "<target>: <what> written".

    The seal has already committed, so a failed write raises a CliError that adds ``still_sealed``
    (the clause saying the bundle waits in the outbox and how to get a copy).
    """
    try:
        write_bytes_out(target, data, mode=BUNDLE_FILE_MODE)
    except CliError as exc:
        raise CliError(f"{exc}; {still_sealed}") from None
    print(f"{shown_target(target)}: {what} written", file=report)
