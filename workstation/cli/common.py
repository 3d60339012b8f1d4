"""What every command shares: opening the store under the data dir lock, errors in words, JSON out."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from workstation.core.files.datadir import DataDirBusy, DataDirLock, resolve_data_dir
from workstation.core.files.log_file import close_log_file, error_summary, setup_log_file
from workstation.core.store import DB_FILE_NAME, Store, StoreError

UNEXPECTED_ERROR_EXIT = 1
_log = logging.getLogger(__name__)


class CliError(Exception):
    """A failure to report in one line, with the exit status to use."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def report_unexpected_error(args: argparse.Namespace, exc: Exception) -> int:
    """Name an error nobody planned for in one sentence; its traceback goes to the log file.

    The log is the data folder's (the one the app writes too) when that folder exists; a
    command that never had one is not worth creating a folder for, so then there is no log.
    """
    where = ""
    try:
        data_dir = resolve_data_dir(getattr(args, "data_dir", None))
        log_file = setup_log_file(data_dir) if data_dir.is_dir() else None
        if log_file is not None:
            _log.error("Unexpected error in `workstation %s`", getattr(args, "command", None), exc_info=exc)
            where = f"; the details are in {log_file}"
    except Exception:  # a broken log must not hide the error the writer needs to hear about
        where = ""
    finally:
        close_log_file()
    print(f"workstation: unexpected error: {error_summary(exc)}{where}", file=sys.stderr)
    return UNEXPECTED_ERROR_EXIT


@contextmanager
def open_store(args: argparse.Namespace, *, write: bool) -> Iterator[Store]:
    """Open the data dir's store. Writers take the data dir lock so a running app refuses them."""
    data_dir = resolve_data_dir(args.data_dir)
    lock = DataDirLock(data_dir)
    if write:
        try:
            lock.acquire()
        except DataDirBusy as exc:
            raise CliError(str(exc)) from None
    elif not (data_dir / DB_FILE_NAME).exists():
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


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, sort_keys=True)
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
