"""``workstation timesheet``, ``receipt`` and ``verify-record`` end to end, checked by real minisign."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.cli.test_cli_bundles import PASSPHRASE, Cli, make_writer
from tests.minisign_tool import needs_minisign, run_minisign
from tests.timesheet_data import record, sitting
from workstation.core.store import Store

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    monkeypatch.setenv("WORKSTATION_PASSPHRASE", PASSPHRASE)
    writer = make_writer(tmp_path, capsys)
    task_id = writer.task_ids()[0]
    with Store(writer.data_dir) as store:
        record(store, [sitting(task_id, datetime(2025, 3, 3, 22, 30, tzinfo=UTC), 3600, 1800)])
    return writer


def test_timesheet_csv_in_the_writers_zone_with_its_signature(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "march.csv"
    args = (
        "timesheet",
        "--from",
        "2025-03-01",
        "--to",
        "2025-03-31",
        "--tz",
        "Europe/Berlin",
        "--out",
        str(out),
    )
    assert cli(*args) == 0, cli.err
    rows = out.read_text(encoding="utf-8").splitlines()
    assert [row.split(",")[0] for row in rows[1:]] == ["2025-03-03", "2025-03-04"]  # 23:30-00:30 Berlin
    assert "0:30 active on 2 days" in cli.out and "signed by Ada Writer" in cli.out
    assert cli("verify-record", str(out)) == 0, cli.err
    assert "signed by    Ada Writer" in cli.out and "record       timesheet" in cli.out


def test_an_empty_range_is_an_empty_timesheet(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "empty.json"
    assert (
        cli("timesheet", "--from", "2020-01-01", "--to", "2020-01-31", "--format", "json", "--out", str(out))
        == 0
    )
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["entries"] == [] and document["total"]["active_seconds"] == 0.0


def test_bad_ranges_zones_projects_and_stdout_are_refused(cli: Cli) -> None:
    assert cli("timesheet", "--from", "2025-03-02", "--to", "2025-03-01") == 2
    assert "before it starts" in cli.err
    assert cli("timesheet", "--from", "yesterday") == 2
    assert cli("timesheet", "--tz", "Mars/Olympus") == 2 and "time zone" in cli.err
    assert cli("timesheet", "--project", "Nope") == 1 and "no project 'Nope'" in cli.err
    assert cli("timesheet", "--out", "-") == 2 and "signature" in cli.err


def test_verify_record_names_each_failure(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "t.html"
    assert cli("timesheet", "--from", "2025-03-01", "--format", "html", "--out", str(out), "--tz", "UTC") == 0
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page and "2025-03-03" in page
    out.write_bytes(out.read_bytes().replace(b"0:30", b"9:30", 1))
    assert cli("verify-record", str(out)) == 1 and "REJECTED (does_not_match)" in cli.err
    os.remove(str(out) + ".minisig")
    assert cli("verify-record", str(out)) == 1 and "is missing" in cli.err
    assert cli("verify-record", str(out), "--json") == 1 and json.loads(cli.out)["reason"] == "no_signature"


def test_verify_record_with_another_pubkey_fails(
    cli: Cli, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "t.csv"
    assert cli("timesheet", "--out", str(out)) == 0
    other = make_writer(tmp_path / "other", capsys, name="Eve Writer")
    assert other("keys", "export", "--out", str(tmp_path / "eve.pub")) == 0
    assert cli("verify-record", str(out), "--pubkey", str(tmp_path / "eve.pub")) == 1
    assert "unknown_key" in cli.err
    assert cli("keys", "export", "--out", str(tmp_path / "ada.pub")) == 0
    assert cli("verify-record", str(out), "--pubkey", str(tmp_path / "ada.pub"), "--json") == 0
    assert json.loads(cli.out)["signer_name"] == "Ada Writer"


@needs_minisign
def test_receipt_from_a_prefix_verifies_with_real_minisign(cli: Cli, tmp_path: Path) -> None:
    cli.submit(cli.task_ids()[0])
    bundle_id = cli.seal()
    assert cli("receipt", bundle_id[7:19]) == 0, cli.err
    receipts = list((cli.data_dir / "records").glob("receipt-*.json"))
    assert len(receipts) == 1 and "1 rewrite" in cli.out
    receipt = json.loads(receipts[0].read_text(encoding="utf-8"))
    assert receipt["bundle"]["bundle_id"] == bundle_id and receipt["effort"]["status"] == "not recorded"
    assert cli("keys", "export", "--out", str(tmp_path / "ada.pub")) == 0
    result = run_minisign("-Vm", str(receipts[0]), "-p", str(tmp_path / "ada.pub"))
    assert result.returncode == 0, result.stderr
    assert "record:work-receipt" in result.stdout
    assert cli("receipt", "ffff") == 1 and "no bundle" in cli.err


@needs_minisign
def test_pdf_timesheet_from_a_plain_process_verifies_with_real_minisign(cli: Cli, tmp_path: Path) -> None:
    """No Qt application exists in a CLI process: the PDF renderer makes an offscreen one."""
    out = tmp_path / "t.pdf"
    env = {**os.environ, "PYTHONPATH": str(REPO), "WORKSTATION_PASSPHRASE": PASSPHRASE}
    env.pop("QT_QPA_PLATFORM", None)
    command = [sys.executable, "-m", "workstation.cli", "--data-dir", str(cli.data_dir)]
    result = subprocess.run(
        [*command, "timesheet", "--from", "2025-03-01", "--format", "pdf", "--out", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF-")
    assert cli("keys", "export", "--out", str(tmp_path / "ada.pub")) == 0
    assert run_minisign("-Vm", str(out), "-p", str(tmp_path / "ada.pub")).returncode == 0
