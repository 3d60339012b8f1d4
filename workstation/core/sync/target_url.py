"""Pick the upload target a URL names: `file:///dir`, `http(s)://host/path`, `s3://bucket/prefix`."""

from __future__ import annotations

import time
import urllib.parse
from collections.abc import Callable

from workstation.core.sync.target_file import FileTarget, folder_from_file_url
from workstation.core.sync.target_http import DEFAULT_TIMEOUT_S, HttpTarget
from workstation.core.sync.targets_base import UploadTarget

SUPPORTED_SCHEMES = ("file", "http", "https", "s3")


def target_from_url(
    url: str, *, timeout_s: float = DEFAULT_TIMEOUT_S, clock: Callable[[], float] = time.time
) -> UploadTarget:
    """Build the target for `url`.

    `timeout_s` (seconds) is, for network targets, the longest wait for any one step and the
    base of each attempt's whole budget (`targets_base.attempt_limit_s`); `clock` stamps receipts
    (epoch seconds). Raises ValueError for a malformed or unsupported URL, and `TargetUnavailable` for an
    `s3://` URL when boto3 is not installed.
    """
    scheme = urllib.parse.urlsplit(url.strip()).scheme.lower()
    if scheme == "file":
        return FileTarget(folder_from_file_url(url.strip()), clock=clock)
    if scheme in ("http", "https"):
        return HttpTarget(url.strip(), timeout_s=timeout_s, clock=clock)
    if scheme == "s3":
        from workstation.core.sync.target_s3 import s3_target_from_url

        return s3_target_from_url(url.strip(), timeout_s=timeout_s, clock=clock)
    raise ValueError(
        f"unsupported upload target {url!r}; use one of: file:///dir, https://host/path, s3://bucket"
    )
