"""Where ``--out`` goes: ``-`` is standard output (the report moves to stderr), a FIFO or device is
written through, a link keeps pointing where it did, and a failed write leaves the old file."""

from __future__ import annotations

import io
import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.cli.test_cli_bundles import PASSPHRASE, Cli, make_writer

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKSTATION_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr(sys, "stdin", io.StringIO())


@pytest.fixture
def writer(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    """A plain task then a chat task, both submitted: a TRL export must convert the plain one."""
    cli = make_writer(tmp_path, capsys)  # imports the native tasks, the first of them email-001
    chat = tmp_path / "chat.jsonl"
    turns = [{"role": "user", "content": "Say hi"}, {"role": "assistant", "content": "Greetings, human."}]
    chat.write_text(json.dumps({"id": "chat-1", "messages": turns}) + "\n", encoding="utf-8")
    assert cli("import", str(chat)) == 0, cli.err
    cli.submit("email-001", "A plain rewrite.")
    cli.submit("chat-1", "Hi!")
    return cli


def _run(cli: Cli, *args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "WORKSTATION_PASSPHRASE": PASSPHRASE}
    command = [sys.executable, "-m", "workstation.cli", "--data-dir", str(cli.data_dir), *args]
    return subprocess.run(
        command, input=stdin, capture_output=True, env=env, timeout=60, cwd=cli.data_dir.parent
    )


def _file_export(cli: Cli, tmp_path: Path, fmt: str) -> bytes:
    out = tmp_path / f"reference.{fmt}.jsonl"
    assert cli("export", "--format", fmt, "--out", str(out)) == 0, cli.err
    return out.read_bytes()


@pytest.mark.parametrize("fmt", ["trl-preference", "jsonl"])
def test_export_to_stdout_writes_exactly_the_rows_and_reports_on_stderr(
    writer: Cli, tmp_path: Path, fmt: str
) -> None:
    result = _run(writer, "export", "--format", fmt, "--out", "-")
    assert result.returncode == 0, result.stderr
    assert result.stdout == _file_export(writer, tmp_path, fmt)
    assert result.stderr.decode() == f"standard output: 2 rewrites written as {fmt}\n"
    assert not (writer.data_dir.parent / "-").exists()  # no file named "-"


def test_a_trl_export_through_stdout_uses_one_form_for_every_row(writer: Cli) -> None:
    result = _run(writer, "export", "--format", "trl-preference", "--out", "-")
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(rows) == 2
    assert rows[0]["chosen"] == [{"role": "assistant", "content": "A plain rewrite."}]  # converted
    assert all(isinstance(row["prompt"], list) for row in rows)


def test_export_into_a_fifo_reaches_its_reader_and_the_fifo_stays(writer: Cli, tmp_path: Path) -> None:
    fifo = tmp_path / "to-the-trainer"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    assert writer("export", "--format", "trl-preference", "--out", str(fifo)) == 0, writer.err
    reader.join(timeout=10)
    assert received == [_file_export(writer, tmp_path, "trl-preference")]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_export_through_a_link_replaces_the_file_it_points_to(writer: Cli, tmp_path: Path) -> None:
    target = tmp_path / "datasets" / "current.jsonl"
    target.parent.mkdir()
    target.write_text("last week's export\n")
    link = tmp_path / "latest.jsonl"
    link.symlink_to(target)
    assert writer("export", "--format", "jsonl", "--out", str(link)) == 0, writer.err
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_bytes() == _file_export(writer, tmp_path, "jsonl")


def test_a_failed_export_says_the_old_file_was_kept(
    writer: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "export.jsonl"
    out.write_text("the old export\n")

    def disk_full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("workstation.core.files.atomic.os.fsync", disk_full)
    assert writer("export", "--format", "jsonl", "--out", str(out)) == 1
    assert writer.err == (
        f"workstation: {out}: the disk is full; free some space and try again; {out} was left as it was\n"
    )
    assert out.read_text() == "the old export\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".export")) == []


def test_bundle_export_to_stdout_is_the_sealed_bytes_and_verifies_from_stdin(
    writer: Cli, tmp_path: Path
) -> None:
    bundle_id = writer.seal()
    sealed = tmp_path / "sealed.zip"
    assert writer("bundle", "export", bundle_id, "--out", str(sealed)) == 0, writer.err
    exported = _run(writer, "bundle", "export", bundle_id, "--out", "-")
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout == sealed.read_bytes()
    assert exported.stderr.decode().startswith(f"standard output: {bundle_id} (")
    verified = _run(writer, "bundle", "verify", "-", "--json", stdin=exported.stdout)
    assert verified.returncode == 0, verified.stderr
    assert json.loads(verified.stdout)["bundle_id"] == bundle_id


def test_keys_export_to_stdout_is_the_public_key_file(writer: Cli, tmp_path: Path) -> None:
    pub = tmp_path / "writer.pub"
    assert writer("keys", "export", "--out", str(pub)) == 0, writer.err
    result = _run(writer, "keys", "export", "--out", "-")
    assert result.returncode == 0 and result.stdout == pub.read_bytes()
    assert result.stderr.decode().startswith("standard output: public key of Ada Writer")


def test_a_passphrase_can_come_from_stdin(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if k != "WORKSTATION_PASSPHRASE"}
    env["PYTHONPATH"] = str(REPO)
    command = [sys.executable, "-m", "workstation.cli", "--data-dir", str(data), "keys"]
    made = subprocess.run(
        [*command, "init", "--passphrase-file", "-", "--kdf", "interactive"],
        input=b"from a password manager\nits notes\n",
        capture_output=True,
        env=env,
        timeout=60,
    )
    assert made.returncode == 0, made.stderr
    changed = subprocess.run(
        [*command, "passwd", "--passphrase-file", "-", "--new-passphrase-file", "-"],
        capture_output=True,
        env=env,
        timeout=60,
    )
    assert changed.returncode == 2
    assert (
        b"only one of --passphrase-file and --new-passphrase-file can read standard input" in changed.stderr
    )
