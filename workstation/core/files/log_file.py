"""The app's log file: ``<data dir>/logs/workstation.log``, rotated so it never grows without bound.

A writer who hits an unexpected error can send this folder to whoever supports them, so the log
lives next to the data it talks about and moves with it when the app switches data folders.
Everything the app logs goes under the ``workstation`` logger (``logging.getLogger(__name__)`` in
any module of the package), so one handler here catches the GUI, the CLI and the core alike.
"""

from __future__ import annotations

import logging
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

from workstation.core.text.safe_text import one_line

APP_LOGGER_NAME = "workstation"
LOG_FOLDER_NAME = "logs"
LOG_FILE_NAME = "workstation.log"
LOG_MAX_BYTES = 1024 * 1024  # one file grows to 1 MiB before it is rotated
LOG_FILES_KEPT = 5  # the live file plus four rotated ones: at most about 5 MiB on disk
LOG_FORMAT = "%(asctime)s.%(msecs)03d %(levelname)s [%(threadName)s] %(name)s: %(message)s"
LOG_DATE_FORMAT = "%Y-%m-%d %H:%M:%S"
SUMMARY_MAX_CHARS = 300  # an error message can quote a whole document; the summary stays short


def log_folder(data_dir: Path) -> Path:
    """The folder the log files live in (the one "Open log folder" shows)."""
    return data_dir / LOG_FOLDER_NAME


def log_path(data_dir: Path) -> Path:
    """The live log file for ``data_dir``; it may not exist until something is logged."""
    return log_folder(data_dir) / LOG_FILE_NAME


class _AppLogHandler(RotatingFileHandler):
    """Marks the one handler this module owns, so setting up again finds and replaces it."""


def _app_logger() -> logging.Logger:
    return logging.getLogger(APP_LOGGER_NAME)


def _installed_handler() -> _AppLogHandler | None:
    for handler in _app_logger().handlers:
        if isinstance(handler, _AppLogHandler):
            return handler
    return None


def setup_log_file(data_dir: Path, *, level: int = logging.INFO) -> Path | None:
    """Send the ``workstation`` loggers to ``data_dir``'s log file; returns its path.

    Idempotent: called again for the same folder it changes nothing; for another folder (the app
    switched data folders) the old file is closed and the new one used from the next record on.
    The file is created lazily, at the first record. Returns None, and logs nowhere new, when the
    log folder cannot be created (a read-only or vanished data folder): a missing log must never
    stop the app from starting.
    """
    target = log_path(data_dir).absolute()
    current = _installed_handler()
    if current is not None and Path(current.baseFilename) == target:
        return target
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"workstation: cannot write the log in {target.parent}: {exc}", file=sys.stderr)
        return None
    handler = _AppLogHandler(
        target,
        maxBytes=LOG_MAX_BYTES,
        backupCount=LOG_FILES_KEPT - 1,
        encoding="utf-8",
        errors="backslashreplace",  # lone surrogates from pasted text must not lose the record
        delay=True,
    )
    handler.setFormatter(logging.Formatter(LOG_FORMAT, LOG_DATE_FORMAT))
    logger = _app_logger()
    if current is not None:
        logger.removeHandler(current)
        current.close()
    logger.addHandler(handler)
    logger.setLevel(level)
    return target


def current_log_path() -> Path | None:
    """The file the app is logging to now, or None when :func:`setup_log_file` has not succeeded."""
    handler = _installed_handler()
    return Path(handler.baseFilename) if handler is not None else None


def close_log_file() -> None:
    """Flush and detach the log file (at exit, and between tests)."""
    handler = _installed_handler()
    if handler is not None:
        _app_logger().removeHandler(handler)
        handler.close()


def error_summary(exc: BaseException) -> str:
    """``"ValueError: the message"`` in one line, cut to :data:`SUMMARY_MAX_CHARS` characters.

    The one way an unexpected error is named to a person, on screen and in the CLI. The message
    may hold outside text, so it goes through :func:`one_line` (no control characters); callers
    still show it as plain text, never as markup.
    """
    name = type(exc).__qualname__
    try:
        message = str(exc)
    except Exception:  # a broken __str__ must not hide the error it belongs to
        message = "(the message could not be read)"
    return one_line(f"{name}: {message}" if message else name, SUMMARY_MAX_CHARS)
