"""file:/// target: bundles copied to a shared drive or USB stick, whole or not at all."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from upload_helpers import make_item

from workstation.core.sync import target_file
from workstation.core.sync.target_file import FileTarget, folder_from_file_url
from workstation.core.sync.targets_base import (
    InvalidBundleId,
    RejectedUpload,
    TargetUnavailable,
    TransientUploadError,
    sha256_hex,
)

GOOD_HEX = "ab" * 32


def _leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in (folder / "sha256").iterdir() if path.name.startswith("."))


def test_new_bundle_lands_under_its_content_address(tmp_path: Path) -> None:
    item = make_item(1)
    receipt = FileTarget(tmp_path, clock=lambda: 1234.5).put(item.bundle_id, item.data)
    expected = tmp_path / "sha256" / f"{item.bundle_id.removeprefix('sha256:')}.zip"
    assert expected.read_bytes() == item.data
    assert receipt.location == str(expected)
    assert receipt.already_present is False
    assert receipt.uploaded_at == 1234.5
    assert receipt.size_bytes == len(item.data)
    assert receipt.content_sha256 == sha256_hex(item.data)
    assert receipt.target_url == tmp_path.as_uri()
    assert _leftovers(tmp_path) == []


def test_same_bytes_already_there_is_reported_as_present(tmp_path: Path) -> None:
    item = make_item(2)
    target = FileTarget(tmp_path)
    target.put(item.bundle_id, item.data)
    again = target.put(item.bundle_id, item.data)
    assert again.already_present is True
    assert len(list((tmp_path / "sha256").iterdir())) == 1


@pytest.mark.parametrize("other", [b"different bytes", b"", None])
def test_different_bytes_under_the_same_id_are_rejected_and_kept(tmp_path: Path, other: bytes | None) -> None:
    item = make_item(3)
    target = FileTarget(tmp_path)
    target.put(item.bundle_id, item.data)
    # Same length, one flipped byte, as the nastiest case of "different".
    changed = other if other is not None else item.data[:-1] + bytes([item.data[-1] ^ 1])
    with pytest.raises(RejectedUpload, match="different file already exists"):
        target.put(item.bundle_id, changed)
    assert target.path_for(item.bundle_id).read_bytes() == item.data


@pytest.mark.parametrize(
    "bad_id",
    [
        "sha256:../../../etc/passwd",
        f"sha256:{GOOD_HEX.upper()}",
        f"sha256:{GOOD_HEX}\n",
        f"sha256:{GOOD_HEX[:-1]}",
        f"sha256:{GOOD_HEX}0",
        f"md5:{GOOD_HEX}",
        f"SHA256:{GOOD_HEX}",
        f"sha256:{GOOD_HEX[:32]}/{GOOD_HEX[33:]}",
        f"sha256:{GOOD_HEX[:-1]}\x00",
        GOOD_HEX,
        "",
    ],
)
def test_malformed_bundle_ids_are_refused_before_touching_disk(tmp_path: Path, bad_id: str) -> None:
    with pytest.raises(InvalidBundleId):
        FileTarget(tmp_path).put(bad_id, b"data")
    assert list(tmp_path.iterdir()) == []


def test_non_string_bundle_id_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidBundleId):
        FileTarget(tmp_path).put(b"sha256:" + GOOD_HEX.encode(), b"data")  # type: ignore[arg-type]


@given(st.text(max_size=90))
def test_no_bundle_id_can_point_outside_the_sha256_folder(text: str) -> None:
    root = Path("/collect")
    target = FileTarget(root)
    try:
        path = target.path_for(text)
    except InvalidBundleId:
        return
    assert path.parent == root / "sha256"
    assert path.name == text.removeprefix("sha256:") + ".zip"


def test_missing_folder_is_not_created_because_the_drive_may_be_unplugged(tmp_path: Path) -> None:
    missing = tmp_path / "usb-stick"
    item = make_item(4)
    with pytest.raises(TargetUnavailable, match="does not exist"):
        FileTarget(missing).put(item.bundle_id, item.data)
    assert not missing.exists()


def test_failed_fsync_leaves_neither_bundle_nor_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    item = make_item(5)
    target = FileTarget(tmp_path)

    def failing_fsync(descriptor: int) -> None:
        raise OSError(errno.EIO, "I/O error")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(TransientUploadError, match="I/O error"):
        target.put(item.bundle_id, item.data)
    assert not target.path_for(item.bundle_id).exists()
    assert _leftovers(tmp_path) == []


def test_crash_before_publishing_leaves_no_partial_bundle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    item = make_item(6)
    target = FileTarget(tmp_path)

    def crash(temp_path: Path, destination: Path) -> bool:
        assert temp_path.read_bytes() == item.data  # fully written before it would become visible
        raise KeyboardInterrupt

    monkeypatch.setattr(target_file, "_publish", crash)
    with pytest.raises(KeyboardInterrupt):
        target.put(item.bundle_id, item.data)
    assert not target.path_for(item.bundle_id).exists()
    assert _leftovers(tmp_path) == []
    monkeypatch.undo()
    assert target.put(item.bundle_id, item.data).already_present is False


def test_filesystems_without_hard_links_fall_back_to_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    item = make_item(7)

    def no_links(source: object, destination: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    receipt = FileTarget(tmp_path).put(item.bundle_id, item.data)
    assert Path(receipt.location).read_bytes() == item.data
    assert _leftovers(tmp_path) == []


def test_rival_writer_winning_the_race_is_detected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    item = make_item(8)
    target = FileTarget(tmp_path)
    real_link = os.link

    def rival_first(source: str, destination: str) -> None:
        Path(destination).write_bytes(item.data)
        real_link(source, destination)

    monkeypatch.setattr(os, "link", rival_first)
    assert target.put(item.bundle_id, item.data).already_present is True
    assert _leftovers(tmp_path) == []


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores permissions")
def test_read_only_folder_is_a_configuration_problem(tmp_path: Path) -> None:
    item = make_item(9)
    (tmp_path / "sha256").mkdir()
    (tmp_path / "sha256").chmod(0o500)
    try:
        with pytest.raises(TargetUnavailable, match="cannot write"):
            FileTarget(tmp_path).put(item.bundle_id, item.data)
    finally:
        (tmp_path / "sha256").chmod(0o700)


def test_file_urls_are_parsed_strictly(tmp_path: Path) -> None:
    assert folder_from_file_url(tmp_path.as_uri()) == tmp_path
    assert folder_from_file_url("file://localhost/srv/bundles") == Path("/srv/bundles")
    assert folder_from_file_url("file:///srv/with%20space") == Path("/srv/with space")
    for bad in ("file://fileserver/share", "file:relative/dir", "http://x/y", "file:///srv?x=1", "file://"):
        with pytest.raises(ValueError):
            folder_from_file_url(bad)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (errno.EROFS, TargetUnavailable),
        (errno.EACCES, TargetUnavailable),
        (errno.ENOSPC, TransientUploadError),
    ],
)
def test_disk_errors_split_into_fix_the_setup_and_try_later(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, expected: type[Exception]
) -> None:
    item = make_item(10)

    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(target_file.tempfile, "mkstemp", refuse)
    with pytest.raises(expected, match=os.strerror(code)):
        FileTarget(tmp_path).put(item.bundle_id, item.data)


def test_receipts_say_the_file_was_read_back(tmp_path: Path) -> None:
    item = make_item(11)
    target = FileTarget(tmp_path)
    assert (
        target.put(item.bundle_id, item.data).proof
        == f"written, fsynced and read back: {len(item.data)} bytes, identical"
    )
    assert (
        target.put(item.bundle_id, item.data).proof
        == f"already there, read back: {len(item.data)} bytes, identical"
    )


def test_a_drive_that_loses_the_write_gets_no_ack_and_no_broken_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    item = make_item(12)
    target = FileTarget(tmp_path)
    real_publish = target_file._publish

    def publish_then_rot(temp_path: Path, destination: Path) -> bool:
        created = real_publish(temp_path, destination)
        with destination.open("r+b") as handle:  # what a failing stick hands back
            handle.write(b"\0")
        return created

    monkeypatch.setattr(target_file, "_publish", publish_then_rot)
    with pytest.raises(TransientUploadError, match="read back different; the drive may be failing"):
        target.put(item.bundle_id, item.data)
    assert not target.path_for(item.bundle_id).exists() and _leftovers(tmp_path) == []
    monkeypatch.undo()
    assert target.put(item.bundle_id, item.data).already_present is False
    assert target.path_for(item.bundle_id).read_bytes() == item.data
