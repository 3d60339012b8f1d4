"""`file:///dir` target: a shared drive or USB stick that collects bundles as plain files.

Layout: `<dir>/sha256/<hex>.zip`. The folder itself must already exist (an unplugged USB stick
must not silently become a folder on the laptop's own disk); the `sha256/` subfolder is created.
Writes are crash-safe: a temp file in the same folder is written, fsynced, then linked or renamed
into place, so a reader never sees half a bundle.

Proof, as strict as the HTTP collector's receipt: a bundle counts as uploaded only once the file
under its name has been read back (with the cached pages dropped first where the OS allows, so
the bytes come from the drive) and is byte for byte what was sent; a bundle already there is
compared the same way. A read-back that differs removes the file it wrote and fails the attempt
(a failing stick), to be tried again later.

Pulling (a reviewer collecting what writers pushed): `list_bundle_ids` lists the `sha256/` files
of that layout and `fetch` reads one, through `files.inputs`, so a FIFO or device dropped there
is refused and a file over the cap is never read whole.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path

from workstation.core.files.atomic import fsync_folder
from workstation.core.files.inputs import InputKind, InputRefused, InputTooLarge, read_input
from workstation.core.sync.targets_base import (
    Receipt,
    RejectedUpload,
    TargetUnavailable,
    TransientUploadError,
    bundle_hex,
    sha256_hex,
)

_COMPARE_CHUNK_BYTES = 1 << 20
_BUNDLE_FILE_NAME = re.compile(r"[0-9a-f]{64}\.zip")
MAX_LISTED_BUNDLES = 1_000_000
"""The most bundles one pull lists from a folder or bucket (about 100 MB of names): a bound."""
# Errors a person has to fix (permissions, read-only media); anything else on disk may clear up.
_CONFIGURATION_ERRNOS = frozenset({errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOTDIR})


def folder_from_file_url(url: str) -> Path:
    """Turn `file:///dir` (or `file://localhost/dir`) into a path; other hosts are refused."""
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme != "file":
        raise ValueError(f"not a file:// URL: {url!r}")
    if parsed.netloc not in ("", "localhost"):
        raise ValueError(f"file URLs must be local (file:///path), got host {parsed.netloc!r}")
    if parsed.query or parsed.fragment:
        raise ValueError(f"file URLs take no query or fragment: {url!r}")
    path = urllib.request.url2pathname(parsed.path)
    if not path or not os.path.isabs(path):
        raise ValueError(f"file URL needs an absolute folder: {url!r}")
    return Path(path)


class FileTarget:
    """Stores bundles as files under a folder; see the module docstring for the layout."""

    def __init__(self, folder: Path, *, clock: Callable[[], float] = time.time) -> None:
        self.folder = Path(folder)
        self._clock = clock

    @property
    def url(self) -> str:
        """The folder as a `file://` URL."""
        return self.folder.absolute().as_uri()

    def path_for(self, bundle_id: str) -> Path:
        """Where a bundle lives in this folder (validates the id first)."""
        return self.folder / "sha256" / f"{bundle_hex(bundle_id)}.zip"

    def put(self, bundle_id: str, data: bytes, *, time_limit_s: float | None = None) -> Receipt:
        """Write the bundle atomically; same bytes already there = already present, others = rejected.

        `time_limit_s` is accepted for the target protocol and not used: local file calls cannot
        be interrupted (a hung network share holds the attempt until the OS gives up).
        """
        destination = self.path_for(bundle_id)
        if not self.folder.is_dir():
            raise TargetUnavailable(f"upload folder {self.folder} does not exist (is the drive mounted?)")
        try:
            destination.parent.mkdir(exist_ok=True)
            if destination.exists():
                return self._receipt_for_existing(bundle_id, destination, data)
            created = _write_new_file(destination, data)
            if not created:
                return self._receipt_for_existing(bundle_id, destination, data)
            if not _file_has_bytes(destination, data):
                with contextlib.suppress(FileNotFoundError):
                    destination.unlink()
                raise TransientUploadError(
                    f"wrote {destination} but it read back different; the drive may be failing"
                )
        except OSError as error:
            raise _classify_os_error(error, destination) from error
        proof = f"written, fsynced and read back: {len(data)} bytes, identical"
        return self._receipt(bundle_id, destination, data, already_present=False, proof=proof)

    def list_bundle_ids(self, *, limit: int = MAX_LISTED_BUNDLES) -> list[str]:
        """The ids of the bundles in this folder (its ``sha256/<hex>.zip`` files), sorted.

        For a reviewer pulling what writers pushed here. Other files (temp files of a write in
        progress, anything a person dropped there) are not bundles of this layout and are left
        out. Raises TargetUnavailable when the folder is missing or cannot be read, or holds more
        than ``limit`` bundles.
        """
        if not self.folder.is_dir():
            raise TargetUnavailable(f"folder {self.folder} does not exist (is the drive mounted?)")
        bundles = self.folder / "sha256"
        try:
            names = sorted(entry.name for entry in os.scandir(bundles)) if bundles.is_dir() else []
        except OSError as error:
            raise TargetUnavailable(f"cannot list {bundles}: {error.strerror or error}") from error
        found = [f"sha256:{name[:-4]}" for name in names if _BUNDLE_FILE_NAME.fullmatch(name)]
        if len(found) > limit:
            raise TargetUnavailable(
                f"{bundles} holds {len(found)} bundles, more than the {limit} one pull takes"
            )
        return found

    def fetch(self, bundle_id: str, *, max_bytes: int) -> bytes:
        """The bytes of one bundle in this folder, refusing a file over ``max_bytes`` or not regular.

        Raises RejectedUpload (this bundle only) for a file that is too large or not a regular
        file, and TargetUnavailable when it cannot be read.
        """
        path = self.path_for(bundle_id)
        try:
            return read_input(path, InputKind("a rewrite bundle", max_bytes, stdin_allowed=False))
        except InputTooLarge as refused:
            raise RejectedUpload(refused.message) from None
        except InputRefused as refused:
            if path.exists() or path.is_symlink():
                raise RejectedUpload(refused.message) from None
            raise TargetUnavailable(refused.message) from None

    def _receipt_for_existing(self, bundle_id: str, destination: Path, data: bytes) -> Receipt:
        if not _file_has_bytes(destination, data):
            raise RejectedUpload(f"a different file already exists at {destination}")
        proof = f"already there, read back: {len(data)} bytes, identical"
        return self._receipt(bundle_id, destination, data, already_present=True, proof=proof)

    def _receipt(
        self, bundle_id: str, destination: Path, data: bytes, *, already_present: bool, proof: str
    ) -> Receipt:
        return Receipt(
            target_url=self.url,
            bundle_id=bundle_id,
            location=str(destination),
            already_present=already_present,
            size_bytes=len(data),
            content_sha256=sha256_hex(data),
            uploaded_at=self._clock(),
            proof=proof,
        )


def _write_new_file(destination: Path, data: bytes) -> bool:
    """Create `destination` with `data` via temp → fsync → link/rename; False if it appeared meanwhile."""
    descriptor, temp_name = tempfile.mkstemp(
        prefix=f".{destination.stem[:16]}.", suffix=".part", dir=destination.parent
    )
    temp_path = Path(temp_name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        created = _publish(temp_path, destination)
        fsync_folder(destination.parent)
        return created
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp_path.unlink()


def _publish(temp_path: Path, destination: Path) -> bool:
    """Make the finished temp file visible under its final name without overwriting a rival copy.

    A hard link fails if the name is taken, which keeps "create if absent" exact; FAT/exFAT sticks
    have no hard links, so there we fall back to rename (a concurrent writer would hold the same
    content-addressed bytes anyway).
    """
    try:
        os.link(temp_path, destination)
        return True
    except FileExistsError:
        return False
    except OSError:
        if destination.exists():
            return False
        os.replace(temp_path, destination)
        return True


def _file_has_bytes(path: Path, data: bytes) -> bool:
    """Compare a file with `data` without loading the whole file at once, reading from the drive.

    Cached pages are dropped first where the OS allows (they are clean after an fsync), so a
    stick that lost the write cannot hide behind the page cache. Stops at the first difference,
    so a file that grew meanwhile is not read to its end.
    """
    if path.stat().st_size != len(data):
        return False
    view = memoryview(data)
    offset = 0
    with path.open("rb") as handle:
        if hasattr(os, "posix_fadvise"):
            with contextlib.suppress(OSError):
                os.posix_fadvise(handle.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
        while offset <= len(data) and (chunk := handle.read(_COMPARE_CHUNK_BYTES)):
            if view[offset : offset + len(chunk)] != chunk:
                return False
            offset += len(chunk)
    return offset == len(data)


def _classify_os_error(error: OSError, destination: Path) -> Exception:
    message = f"cannot write {destination}: {error.strerror or error}"
    if error.errno in _CONFIGURATION_ERRNOS:
        return TargetUnavailable(message)
    return TransientUploadError(message)
