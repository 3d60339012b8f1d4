"""Signed records: our check and the real minisign agree; any change, swap or loss is named."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.minisign_tool import needs_minisign, run_minisign
from workstation.core.reports.signed_record import (
    RecordKind,
    RecordRejected,
    RejectCode,
    check_record,
    check_record_file,
    sign_record,
    signature_path,
    write_signed_record,
)
from workstation.core.signing import SecretKey, parse_minisig, save_public_key, sign_minisig

KEY = SecretKey.generate()
OTHER = SecretKey.generate()
WHEN = datetime(2025, 3, 31, 17, 30, tzinfo=UTC)


def signed(tmp_path: Path, data: bytes = b"date,week\r\n2025-03-03,2025-W10\r\n") -> Path:
    path = tmp_path / "timesheet.csv"
    write_signed_record(path, data, KEY, kind=RecordKind.TIMESHEET, signer_name="Ada Writer", signed_at=WHEN)
    return path


def test_a_record_names_its_kind_signer_key_hash_and_time(tmp_path: Path) -> None:
    path = signed(tmp_path)
    check = check_record(
        path.read_bytes(), signature_path(path).read_text(), [OTHER.public_key, KEY.public_key]
    )
    assert (check.kind, check.signer_name, check.signed_at) == (
        "timesheet",
        "Ada Writer",
        "2025-03-31T17:30:00.000Z",
    )
    assert check.fingerprint == KEY.public_key.fingerprint and check.key_id == KEY.public_key.key_id_hex
    assert parse_minisig(signature_path(path).read_text()).is_prehashed


@needs_minisign
def test_real_minisign_verifies_it_and_shows_the_trusted_comment(tmp_path: Path) -> None:
    path = signed(tmp_path)
    save_public_key(tmp_path / "writer.pub", KEY.public_key)
    result = run_minisign("-Vm", str(path), "-p", str(tmp_path / "writer.pub"))
    assert result.returncode == 0, result.stderr
    assert "record:timesheet\tsigner:Ada Writer" in result.stdout
    path.write_bytes(path.read_bytes() + b" ")
    assert run_minisign("-Vm", str(path), "-p", str(tmp_path / "writer.pub")).returncode != 0


@pytest.mark.parametrize("position", [0, 10, -1])
def test_a_file_edited_by_one_byte_fails_with_a_reason(tmp_path: Path, position: int) -> None:
    path = signed(tmp_path)
    data = bytearray(path.read_bytes())
    data[position] ^= 0x01
    with pytest.raises(RecordRejected) as rejected:
        check_record(bytes(data), signature_path(path).read_text(), [KEY.public_key])
    assert rejected.value.code is RejectCode.DOES_NOT_MATCH
    assert "changed after it was signed" in rejected.value.message


def test_a_signature_for_another_file_fails(tmp_path: Path) -> None:
    first = signed(tmp_path)
    second = tmp_path / "other.csv"
    write_signed_record(second, b"other", KEY, kind=RecordKind.TIMESHEET, signer_name="Ada Writer")
    with pytest.raises(RecordRejected) as rejected:
        check_record(first.read_bytes(), signature_path(second).read_text(), [KEY.public_key])
    assert rejected.value.code is RejectCode.DOES_NOT_MATCH and "another file" in rejected.value.message


def test_a_missing_signature_is_a_sentence(tmp_path: Path) -> None:
    path = signed(tmp_path)
    with pytest.raises(RecordRejected, match=r"timesheet.csv.minisig is missing") as rejected:
        check_record_file(path, [KEY.public_key], data=path.read_bytes(), signature=None)
    assert rejected.value.code is RejectCode.NO_SIGNATURE


def test_another_key_a_damaged_signature_or_a_changed_comment_fail(tmp_path: Path) -> None:
    path = signed(tmp_path)
    data, text = path.read_bytes(), signature_path(path).read_text()
    with pytest.raises(RecordRejected) as unknown:
        check_record(data, text, [OTHER.public_key])
    assert unknown.value.code is RejectCode.UNKNOWN_KEY
    with pytest.raises(RecordRejected) as damaged:
        check_record(data, text.replace("trusted comment", "trusted remark"), [KEY.public_key])
    assert damaged.value.code is RejectCode.BAD_SIGNATURE_FILE
    lines = text.split("\n")
    lines[2] = lines[2].replace("Ada Writer", "Eve Writer")
    with pytest.raises(RecordRejected) as changed:
        check_record(data, "\n".join(lines), [KEY.public_key])
    assert changed.value.code is RejectCode.COMMENT_CHANGED


def test_a_valid_signature_that_is_not_a_record_is_not_accepted() -> None:
    plain = sign_minisig(b"data", KEY, trusted_comment="timestamp:1700000000").to_text()
    with pytest.raises(RecordRejected) as rejected:
        check_record(b"data", plain, [KEY.public_key])
    assert rejected.value.code is RejectCode.NOT_A_RECORD


def test_a_name_with_a_tab_cannot_sign() -> None:
    with pytest.raises(ValueError, match="tab"):
        sign_record(b"x", KEY, kind=RecordKind.WORK_RECEIPT, signer_name="Ada\tWriter")
