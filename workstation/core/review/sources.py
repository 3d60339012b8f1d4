"""Where received bundles come from: files, folders, and the targets the outbox pushes to.

A source the reviewer names becomes a list of :class:`Candidate` bundles, each read only when its
turn comes and never past the verifier's size limit:

- a file path (a FIFO, a device or a socket is refused in words when its turn comes);
- a folder: its regular files, and those of its ``sha256/`` subfolder (the layout a ``file://``
  target writes, so a shared drive can be named either way); names starting with a dot (a write
  in progress, a desktop's index file) are not bundles and are skipped;
- ``file:///dir`` and ``s3://bucket/prefix``: the bundles a writer's outbox pushed there, each
  expected under the id it is stored as.

A source that cannot be listed (missing, unreachable, an unsupported URL) is one refusal.
"""

from __future__ import annotations

import os
import stat
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from workstation.core.bundles import DEFAULT_LIMITS
from workstation.core.files.inputs import InputKind, read_input
from workstation.core.files.os_errors import describe_os_error
from workstation.core.sync.target_file import FileTarget, folder_from_file_url
from workstation.core.sync.targets_base import UploadError

BUNDLE_INPUT = InputKind("a bundle", DEFAULT_LIMITS.max_bundle_bytes, stdin_allowed=False)
"""A received bundle file: at most what the verifier accepts (320 MiB)."""
TARGET_LAYOUT_FOLDER = "sha256"


@dataclass(frozen=True)
class Candidate:
    """One bundle to receive: where it is (for messages and the inbox row) and how to read it.

    ``read`` raises ``InputRefused`` or an ``UploadError`` with a sentence when it cannot.
    ``expected_bundle_id`` is the id a target stores it under (None for a file a person named).
    """

    source: str
    read: Callable[[], bytes]
    expected_bundle_id: str | None = None


class SourceRefused(Exception):
    """A named source cannot be listed; the message says why in one sentence."""


def candidates_of(
    source: str, *, max_bytes: int = DEFAULT_LIMITS.max_bundle_bytes, kind: InputKind = BUNDLE_INPUT
) -> list[Candidate]:
    """The bundles ``source`` names (see the module docstring); raises SourceRefused.

    ``kind`` names what a file must be in the refusal of one that is not (a FIFO, a device).
    """
    scheme = urllib.parse.urlsplit(source.strip()).scheme.lower() if "://" in source else ""
    if scheme == "file":
        return _from_file_target(source.strip(), max_bytes)
    if scheme == "s3":
        return _from_s3_target(source.strip(), max_bytes)
    if scheme:
        raise SourceRefused(
            "bundles can be pulled from file:///dir and s3://bucket/prefix targets only; "
            "download the bundle and import the file"
        )
    return _from_path(Path(source), kind)


def _from_path(path: Path, kind: InputKind) -> list[Candidate]:
    try:
        info = os.stat(path)
    except OSError as exc:
        raise SourceRefused(describe_os_error(exc, path)) from None
    if not stat.S_ISDIR(info.st_mode):
        return [_file_candidate(path, kind)]
    files = _folder_files(path)
    layout = path / TARGET_LAYOUT_FOLDER
    if layout.is_dir():
        files += _folder_files(layout)
    return [_file_candidate(file, kind) for file in files]


def _folder_files(folder: Path) -> list[Path]:
    """The folder's entries that may be bundles: not hidden, not folders, sorted by name."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as exc:
        raise SourceRefused(describe_os_error(exc, folder)) from None
    found: list[Path] = []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_folder = entry.is_dir()
        except OSError:
            is_folder = False
        if not is_folder:
            found.append(Path(entry.path))
    return found


def _file_candidate(path: Path, kind: InputKind) -> Candidate:
    return Candidate(str(path), lambda: read_input(path, kind))


def _from_file_target(url: str, max_bytes: int) -> list[Candidate]:
    try:
        target = FileTarget(folder_from_file_url(url))
        ids = target.list_bundle_ids()
    except (ValueError, UploadError) as exc:
        raise SourceRefused(str(exc)) from None
    return [
        Candidate(
            str(target.path_for(bundle_id)),
            lambda bundle_id=bundle_id: target.fetch(bundle_id, max_bytes=max_bytes),  # type: ignore[misc]
            bundle_id,
        )
        for bundle_id in ids
    ]


def _from_s3_target(url: str, max_bytes: int) -> list[Candidate]:
    from workstation.core.sync.s3_pull import fetch_s3_bundle, list_s3_bundle_ids
    from workstation.core.sync.target_s3 import s3_target_from_url

    try:
        target = s3_target_from_url(url)
        ids = list_s3_bundle_ids(target)
    except (ValueError, UploadError) as exc:
        raise SourceRefused(str(exc)) from None
    return [
        Candidate(
            f"s3://{target.bucket}/{target.key_for(bundle_id)}",
            lambda bundle_id=bundle_id: fetch_s3_bundle(target, bundle_id, max_bytes=max_bytes),  # type: ignore[misc]
            bundle_id,
        )
        for bundle_id in ids
    ]
