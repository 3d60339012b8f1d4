"""target_from_url: the one place a configured URL becomes an upload target."""

from __future__ import annotations

from pathlib import Path

import pytest

from workstation.core.sync.target_file import FileTarget
from workstation.core.sync.target_http import HttpTarget
from workstation.core.sync.target_url import target_from_url
from workstation.core.sync.targets_base import UploadTarget


def test_each_scheme_gets_its_target(tmp_path: Path) -> None:
    file_target = target_from_url(f"  {tmp_path.as_uri()}\n")
    assert isinstance(file_target, FileTarget) and file_target.folder == tmp_path
    assert isinstance(target_from_url("https://collect.example/bundles"), HttpTarget)
    assert isinstance(target_from_url("HTTP://127.0.0.1:8080/x", timeout_s=3), HttpTarget)
    assert isinstance(file_target, UploadTarget)


@pytest.mark.parametrize("url", ["ftp://host/x", "sftp://host/x", "/just/a/path", "", "bundles"])
def test_unsupported_urls_name_the_supported_ones(url: str) -> None:
    with pytest.raises(ValueError, match=r"file:///dir, https://host/path, s3://bucket"):
        target_from_url(url)
