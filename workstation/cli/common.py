"""What every command shares: opening the store under the data dir lock, errors in words, JSON out.

Text rule for everything a command prints: human lines show outside text (ids, names, file
names, reasons, server words) only through :func:`one_line`, so no escape sequence, carriage
return or bidirectional override reaches the terminal; JSON output stays exact but escapes every
character that is not printable (see :func:`json_text`).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from workstation.core.files.datadir import DataDirError, DataDirLock, check_data_dir, resolve_data_dir
from workstation.core.store import DB_FILE_NAME, Store, StoreError
from workstation.core.text.safe_text import one_line

UNEXPECTED_ERROR_EXIT = 1
MESSAGE_LIMIT_CHARS = 1000
"""The longest error line the CLI prints: room for two paths and a sentence, not a document."""

_NON_ASCII_RUN = re.compile(r"[^\x00-\x7e]+")  # DEL too: the encoder leaves it raw


class CliError(Exception):
    """A failure to report in one line, with the exit status to use."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def say_error(message: str) -> None:
    """Print ``workstation: <message>`` on stderr as one safe line."""
    print(f"workstation: {one_line(message, MESSAGE_LIMIT_CHARS)}", file=sys.stderr)


def say_each(problems: Iterable[object]) -> None:
    """Print each problem (a left-out rewrite, a refused row) on stderr as its own safe line.

    The sentences quote outside text (task ids, field names, stored values), so each goes
    through :func:`one_line`: an escape sequence or a line break in it cannot reach the terminal.
    """
    for problem in problems:
        print(one_line(str(problem), MESSAGE_LIMIT_CHARS), file=sys.stderr)


def log_to_data_dir(args: argparse.Namespace, exc: BaseException) -> str:
    """Log ``exc`` with its traceback in the data folder's log; returns "; the details are in X".

    The log is the data folder's (the one the app writes too) when that folder exists; a
    command that never had one is not worth creating a folder for, so then there is no log.
    """
    try:
        # Imported only when there is something to log: logging and its file handlers are
        # about a tenth of a read command's start-up.
        import logging

        from workstation.core.files.log_file import close_log_file, setup_log_file
    except Exception:  # a broken log must not hide the error the writer needs to hear about
        return ""
    where = ""
    try:
        data_dir = resolve_data_dir(getattr(args, "data_dir", None))
        log_file = setup_log_file(data_dir) if data_dir.is_dir() else None
        if log_file is not None:
            logging.getLogger(__name__).error(
                "Unexpected error in `workstation %s`", getattr(args, "command", None), exc_info=exc
            )
            where = f"; the details are in {log_file}"
    except Exception:  # a broken log must not hide the error the writer needs to hear about
        where = ""
    finally:
        close_log_file()
    return where


def report_unexpected_error(args: argparse.Namespace, exc: Exception) -> int:
    """Name an error nobody planned for in one sentence; its traceback goes to the log file."""
    from workstation.core.files.log_file import error_summary

    where = log_to_data_dir(args, exc)
    say_error(f"unexpected error: {error_summary(exc)}{where}")
    return UNEXPECTED_ERROR_EXIT


@contextmanager
def open_store(args: argparse.Namespace, *, write: bool) -> Iterator[Store]:
    """Open the data dir's store. Writers take the data dir lock so a running app refuses them."""
    data_dir = resolve_data_dir(args.data_dir)
    lock = DataDirLock(data_dir)
    try:
        if write:
            lock.acquire()
        else:
            check_data_dir(data_dir)
    except DataDirError as exc:
        raise CliError(str(exc)) from None
    if not write and not (data_dir / DB_FILE_NAME).exists():
        raise CliError(f"no tasks in {data_dir} yet; import some first (`workstation import FILE`)")
    try:
        try:
            store = Store(data_dir, readonly=not write)
        except StoreError as exc:
            raise CliError(str(exc)) from None
        try:
            yield store
        except StoreError as exc:
            raise CliError(str(exc)) from None
        finally:
            store.close()
    finally:
        lock.release()


def json_text(value: Any, *, indent: int | None = 2, sort_keys: bool = True) -> str:
    """``value`` as JSON that reads back to exactly ``value`` and is safe to print.

    Non-ASCII text is written as itself, except characters that are not printable (C1 controls
    such as the 8-bit CSI, bidirectional overrides, zero-width and line-separator characters,
    lone surrogates): those are ``\\u`` escapes, like the C0 controls the encoder escapes
    already, so a terminal never acts on them. Characters beyond the Basic Multilingual Plane
    that are not printable are written as surrogate pairs, as JSON requires.
    """
    text = json.dumps(value, ensure_ascii=False, indent=indent, sort_keys=sort_keys)
    return _NON_ASCII_RUN.sub(_escape_unprintable, text)


def _escape_unprintable(match: re.Match[str]) -> str:
    run = match.group()
    if run.isprintable():
        return run
    pieces = []
    for char in run:
        if char.isprintable():
            pieces.append(char)
        elif ord(char) > 0xFFFF:
            high, low = divmod(ord(char) - 0x10000, 0x400)
            pieces.append(f"\\u{0xD800 + high:04x}\\u{0xDC00 + low:04x}")
        else:
            pieces.append(f"\\u{ord(char):04x}")
    return "".join(pieces)


def print_json(value: Any) -> None:
    sys.stdout.write(json_text(value))
    sys.stdout.write("\n")


def parse_field_map(pairs: list[str] | None) -> dict[str, str]:
    """``["response=answer", "id=uid"]`` → ``{"response": "answer", "id": "uid"}``."""
    mapping: dict[str, str] = {}
    for pair in pairs or []:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise CliError(f"--field wants FIELD=SOURCE, like response=answer; got {pair!r}", 2)
        mapping[key.strip()] = value.strip()
    return mapping
