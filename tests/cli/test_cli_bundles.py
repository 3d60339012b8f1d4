"""The writer's signing flow from the command line: keys, sealing, verifying, and pushing the outbox.

Keys are made with the hidden ``--kdf interactive`` option so scrypt stays cheap; the passphrase
comes from ``WORKSTATION_PASSPHRASE`` unless a test says otherwise.
"""

from __future__ import annotations

import io
import json
import os
import socket
import stat
import sys
import zipfile
from pathlib import Path
from typing import Any
from unittest import mock

import pytest

from tests.minisign_tool import make_unencrypted_keypair, needs_minisign, run_minisign
from workstation.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core" / "sync"))
from fake_bundle_server import FakeBundleServer

DATA = Path(__file__).resolve().parents[1] / "core" / "formats" / "data"
PASSPHRASE = "correct horse battery staple"
WRITER = "Ada Writer"


class Cli:
    """Runs ``workstation --data-dir DIR ...`` in-process and keeps what it printed."""

    def __init__(self, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.data_dir = data_dir
        self._capsys = capsys
        self.out = ""
        self.err = ""

    def __call__(self, *args: str) -> int:
        self._capsys.readouterr()
        try:
            code = main(["--data-dir", str(self.data_dir), *args])
        except SystemExit as exit_:  # argparse refuses bad usage this way
            code = int(exit_.code or 0)
        captured = self._capsys.readouterr()
        self.out, self.err = captured.out, captured.err
        return code

    def json(self, *args: str) -> Any:
        assert self(*args) == 0, self.err
        return json.loads(self.out)

    def task_ids(self) -> list[str]:
        return [row["id"] for row in self.json("tasks", "--json", "--all")["tasks"]]

    def submit(self, task_id: str, text: str = "A plain, human answer.") -> None:
        path = self.data_dir.parent / f"{task_id}.txt"
        path.write_text(text, encoding="utf-8")
        assert self("rewrite", task_id, "--text-file", str(path), "--submit") == 0, self.err

    def seal(self, *extra: str) -> str:
        assert self("bundle", "seal", *extra) == 0, self.err
        bundle_id = self.out.splitlines()[0]
        assert bundle_id.startswith("sha256:")
        return bundle_id

    @property
    def key_file(self) -> Path:
        return self.data_dir / "identity" / "writer.key"


def make_writer(root: Path, capsys: pytest.CaptureFixture[str], name: str = WRITER) -> Cli:
    cli = Cli(root / "data", capsys)
    assert cli("keys", "init", "--name", name, "--kdf", "interactive") == 0, cli.err
    assert cli("import", str(DATA / "native_tasks.jsonl")) == 0, cli.err
    return cli


@pytest.fixture(autouse=True)
def _no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKSTATION_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr(sys, "stdin", io.StringIO())  # not a terminal: nothing may prompt


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    return make_writer(tmp_path, capsys)


@pytest.fixture
def sealed(cli: Cli, tmp_path: Path) -> Path:
    """A bundle of two rewrites sealed by ``cli``'s writer and written to a file."""
    for task_id in cli.task_ids()[:2]:
        cli.submit(task_id)
    out = tmp_path / "bundle.zip"
    cli.seal("--out", str(out))
    return out


# -- keys ------------------------------------------------------------------------------------------


def test_keys_init_show_and_file_modes(cli: Cli) -> None:
    shown = cli.json("keys", "show", "--json")
    assert shown["name"] == WRITER and shown["encrypted"] is True
    assert len(shown["fingerprint"]) == 64 and len(shown["key_id"]) == 16
    assert stat.S_IMODE(cli.key_file.stat().st_mode) == 0o600
    assert cli("keys", "show") == 0
    for expected in (shown["fingerprint"], "encrypted    yes", shown["public_key"]):
        assert expected in cli.out
    assert cli("keys", "init", "--kdf", "interactive") == 1 and "already exists" in cli.err
    assert cli.json("keys", "show", "--json")["fingerprint"] == shown["fingerprint"]


def test_keys_show_without_a_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cli = Cli(tmp_path / "data", capsys)
    assert cli("keys", "show") == 1 and "keys init" in cli.err
    assert cli("keys", "export", "--out", str(tmp_path / "x.pub")) == 1
    assert cli("import", str(DATA / "native_tasks.jsonl")) == 0
    cli.submit(cli.task_ids()[0])
    assert cli("bundle", "seal") == 1 and "keys init" in cli.err
    assert cli.json("outbox", "--json") == []


def test_passphrase_sources(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("WORKSTATION_PASSPHRASE")
    cli = Cli(tmp_path / "data", capsys)
    assert cli("keys", "init", "--kdf", "interactive") == 1
    assert "a passphrase is needed" in cli.err and "WORKSTATION_PASSPHRASE" in cli.err
    assert not (cli.data_dir / "identity").exists()
    empty = tmp_path / "empty.txt"
    empty.write_text("\n")
    assert cli("keys", "init", "--passphrase-file", str(empty), "--kdf", "interactive") == 1
    assert "empty" in cli.err
    # A terminal: asked twice; a mismatch creates nothing.
    answers = iter(["first", "second", "same", "same"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    monkeypatch.setattr(sys, "stdin", mock.Mock(isatty=lambda: True))
    assert cli("keys", "init", "--kdf", "interactive") == 1 and "do not match" in cli.err
    assert not (cli.data_dir / "identity").exists()
    assert cli("keys", "init", "--name", "Prompted", "--kdf", "interactive") == 0, cli.err
    assert cli.json("keys", "show", "--json")["name"] == "Prompted"


def test_passphrase_file_and_unencrypted_keys(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    secret = tmp_path / "pass.txt"
    secret.write_text("from a file\r\nsecond line ignored\n", encoding="utf-8")
    cli = Cli(tmp_path / "a", capsys)
    assert cli("keys", "init", "--passphrase-file", str(secret), "--kdf", "interactive") == 0, cli.err
    assert cli("import", str(DATA / "native_tasks.jsonl")) == 0
    cli.submit(cli.task_ids()[0])
    assert cli("bundle", "seal") == 1 and "wrong passphrase" in cli.err  # env holds another passphrase
    cli.seal("--passphrase-file", str(secret))
    clear = Cli(tmp_path / "b", capsys)
    assert clear("keys", "init", "--unencrypted") == 0 and "encrypted    NO" in clear.out
    assert clear("keys", "init", "--unencrypted", "--passphrase-file", str(secret)) == 2  # exclusive options


def test_wrong_passphrase_changes_nothing(cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    cli.submit(cli.task_ids()[0])
    key_before = cli.key_file.read_bytes()
    monkeypatch.setenv("WORKSTATION_PASSPHRASE", "not it")
    assert cli("bundle", "seal") == 1 and "wrong passphrase" in cli.err
    assert cli.json("outbox", "--json") == []
    assert cli("keys", "passwd", "--kdf", "interactive") == 1 and "wrong passphrase" in cli.err
    assert cli.key_file.read_bytes() == key_before
    monkeypatch.setenv("WORKSTATION_PASSPHRASE", PASSPHRASE)
    new = tmp_path / "new.txt"
    new.write_text("a brand new passphrase\n")
    assert cli("keys", "passwd", "--new-passphrase-file", str(new), "--kdf", "interactive") == 0, cli.err
    assert stat.S_IMODE(cli.key_file.stat().st_mode) == 0o600
    assert cli("bundle", "seal") == 1 and "wrong passphrase" in cli.err
    cli.seal("--passphrase-file", str(new))


def test_passwd_and_import_can_store_the_key_unencrypted(
    cli: Cli, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    current = tmp_path / "current.txt"
    current.write_text(PASSPHRASE)
    monkeypatch.delenv("WORKSTATION_PASSPHRASE")
    other = Cli(tmp_path / "laptop2", capsys)
    assert other("keys", "import", str(cli.key_file), "--passphrase-file", str(current), "--unencrypted") == 0
    assert other.json("keys", "show", "--json")["encrypted"] is False
    assert cli("keys", "passwd", "--passphrase-file", str(current), "--unencrypted") == 0, cli.err
    assert "UNENCRYPTED" in cli.out and cli.json("keys", "show", "--json")["encrypted"] is False
    assert stat.S_IMODE(cli.key_file.stat().st_mode) == 0o600
    cli.submit(cli.task_ids()[0])
    cli.seal()  # no passphrase needed any more


def test_keys_export_and_import(cli: Cli, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fingerprint = cli.json("keys", "show", "--json")["fingerprint"]
    pub = tmp_path / "writer.pub"
    assert cli("keys", "export", "--out", str(pub)) == 0
    assert pub.read_text().startswith("untrusted comment:")
    other = Cli(tmp_path / "laptop2", capsys)
    assert other("keys", "import", str(cli.key_file), "--name", WRITER) == 0, other.err
    assert other.json("keys", "show", "--json")["fingerprint"] == fingerprint
    assert other.key_file.read_bytes() == cli.key_file.read_bytes()
    third = Cli(tmp_path / "laptop3", capsys)
    with mock.patch.dict(os.environ, {"WORKSTATION_PASSPHRASE": "nope"}):
        assert third("keys", "import", str(cli.key_file)) == 1 and "wrong passphrase" in third.err
    assert not (third.data_dir / "identity").exists()
    garbage = tmp_path / "garbage.key"
    garbage.write_text("hello\n")
    assert third("keys", "import", str(garbage)) == 1 and "Traceback" not in third.err
    assert third("keys", "import", str(tmp_path / "missing.key")) == 1


@needs_minisign
def test_keys_import_a_real_minisign_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_unencrypted_keypair(tmp_path)
    cli = Cli(tmp_path / "data", capsys)
    assert cli("keys", "import", str(tmp_path / "m.key"), "--name", WRITER, "--kdf", "interactive") == 0
    assert cli.json("keys", "show", "--json")["encrypted"] is True  # a clear key is encrypted on import
    assert cli("import", str(DATA / "native_tasks.jsonl")) == 0
    cli.submit(cli.task_ids()[0])
    out = tmp_path / "b.zip"
    cli.seal("--out", str(out))
    assert cli("bundle", "verify", str(out), "--pubkey", str(tmp_path / "m.pub")) == 0, cli.err


def test_replacing_the_key_keeps_old_bundles_verifiable(cli: Cli, sealed: Path) -> None:
    assert cli("keys", "init", "--name", WRITER, "--force", "--kdf", "interactive") == 0
    assert cli("bundle", "verify", str(sealed)) == 0, cli.err
    assert "known key" in cli.out


# -- sealing and verifying --------------------------------------------------------------------------


def test_writer_flow_to_a_folder(cli: Cli, tmp_path: Path) -> None:
    fingerprint = cli.json("keys", "show", "--json")["fingerprint"]
    assert cli("bundle", "seal") == 0 and "nothing to seal" in cli.out
    ids = cli.task_ids()
    cli.submit(ids[0], "Dear landlord, the kitchen tap has dripped for a week.")
    cli.submit(ids[1])
    out = cli.data_dir.parent / "b1.zip"
    bundle_id = cli.seal("--out", str(out))
    assert "sealed 2 rewrites as bundle #1" in cli.out

    assert cli("bundle", "verify", str(out)) == 0, cli.err
    for expected in (bundle_id, WRITER, fingerprint, "rewrites     2", "known key"):
        assert expected in cli.out
    assert cli.json("stats", "--json")["sealed"] == 2

    listed = cli.json("outbox", "--json")
    assert [(row["bundle_id"], row["state"], row["attempts"]) for row in listed] == [
        (bundle_id, "pending", 0)
    ]
    assert cli("outbox") == 0 and "pending" in cli.out and bundle_id[:23] in cli.out

    drop = cli.data_dir.parent / "drop"
    drop.mkdir()
    assert cli("outbox", "push", "--target", drop.as_uri()) == 0, cli.out + cli.err
    assert f"acked     {bundle_id}" in cli.out and "1 acked, 0 rejected, 0 still pending" in cli.out
    stored = drop / "sha256" / f"{bundle_id.removeprefix('sha256:')}.zip"
    assert stored.read_bytes() == out.read_bytes()
    row = cli.json("outbox", "--json")[0]
    assert row["state"] == "acked" and row["receipt"]["location"] == str(stored) and row["acked_at"]
    assert cli("outbox", "push", "--target", drop.as_uri()) == 0 and "nothing to push" in cli.out

    exported = cli.data_dir.parent / "exported.zip"
    assert cli("bundle", "export", bundle_id.removeprefix("sha256:")[:10], "--out", str(exported)) == 0
    assert exported.read_bytes() == out.read_bytes()
    assert cli("bundle", "export", "ffff", "--out", str(exported)) == 1 and "no bundle" in cli.err
    assert [entry["record_count"] for entry in cli.json("bundle", "list", "--json")] == [2]
    assert cli("bundle", "list") == 0 and bundle_id in cli.out


def test_second_seal_continues_the_hash_chain(cli: Cli) -> None:
    ids = cli.task_ids()
    cli.submit(ids[0])
    first = cli.seal()
    cli.submit(ids[1])
    second_path = cli.data_dir.parent / "second.zip"
    second = cli.seal("--out", str(second_path))
    assert "bundle #2" in cli.out
    summary = cli.json("bundle", "verify", str(second_path), "--json")
    assert summary["bundle_id"] == second
    assert (summary["bundle_seq"], summary["prev_bundle_id"]) == (2, first)
    assert summary["count"] == 1 and summary["signer_check"] == "known"
    assert cli("rewrite", ids[0], "--text-file", str(cli.data_dir.parent / f"{ids[0]}.txt")) == 1
    assert "sealed" in cli.err


def _rewrite_member(data: bytes, name: str, change: Any) -> bytes:
    """Rebuild the zip with one member's content changed (headers and CRC stay self-consistent)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            target.writestr(info, change(content) if info.filename == name else content)
    return buffer.getvalue()


def _with_extra_member(data: bytes) -> bytes:
    buffer = io.BytesIO(data)
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("records/extra.jsonl", b"{}\n")
    return buffer.getvalue()


def _flip_byte(content: bytes) -> bytes:
    position = content.index(b"human")
    return content[:position] + b"H" + content[position + 1 :]


def test_tampered_bundles_are_rejected_each_with_its_reason(
    cli: Cli, sealed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = sealed.read_bytes()
    impostor = make_writer(tmp_path / "impostor", capsys)  # another key, same writer name
    impostor.submit(impostor.task_ids()[0])
    forged = tmp_path / "forged.zip"
    impostor.seal("--out", str(forged))
    pub = tmp_path / "ada.pub"
    assert cli("keys", "export", "--out", str(pub)) == 0

    cases = {
        "changed_byte": (_rewrite_member(data, "records/rewrites.jsonl", _flip_byte), "hash_mismatch"),
        "extra_member": (_with_extra_member(data), "unlisted_member"),
        "truncated": (data[: len(data) // 2], "truncated"),
    }
    reasons = {}
    for label, (content, reason) in cases.items():
        path = tmp_path / f"{label}.zip"
        path.write_bytes(content)
        assert cli("bundle", "verify", str(path), "--json") == 1, label
        result = json.loads(cli.out)
        assert result["ok"] is False and result["reason"] == reason, (label, result)
        reasons[label] = reason
    assert cli("bundle", "verify", str(forged)) == 1
    assert "REJECTED (signer_key_changed)" in cli.err and WRITER in cli.err
    assert cli("bundle", "verify", str(forged), "--pubkey", str(pub)) == 1 and "unknown_signer" in cli.err
    assert cli("bundle", "verify", str(sealed), "--pubkey", str(pub)) == 0 and "--pubkey" in cli.out
    assert len(set(reasons.values())) == len(reasons)
    raw_flip = bytearray(data)
    raw_flip[len(raw_flip) // 3] ^= 0x01
    (tmp_path / "raw.zip").write_bytes(bytes(raw_flip))
    assert cli("bundle", "verify", str(tmp_path / "raw.zip")) == 1 and "REJECTED" in cli.err
    assert cli("bundle", "verify", str(tmp_path / "nowhere.zip")) == 1 and "Traceback" not in cli.err


def test_verify_of_an_unknown_signer_fails_unless_integrity_is_enough(
    sealed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reviewer = Cli(tmp_path / "reviewer", capsys)
    assert reviewer("bundle", "verify", str(sealed), "--json") == 1
    assert json.loads(reviewer.out)["reason"] == "unknown_signer"
    assert reviewer("bundle", "verify", str(sealed)) == 1 and "--allow-unknown" in reviewer.err
    summary = reviewer.json("bundle", "verify", str(sealed), "--json", "--allow-unknown")
    assert summary["ok"] is True and summary["signer_check"] == "none" and summary["count"] == 2
    assert (
        reviewer("bundle", "verify", str(sealed), "--allow-unknown") == 0 and "NOT verified" in reviewer.out
    )
    other = make_writer(tmp_path / "bo", capsys, name="Bo Writer")
    assert other("bundle", "verify", str(sealed), "--json") == 1


@needs_minisign
def test_real_minisign_verifies_the_manifest_with_the_exported_key(
    cli: Cli, sealed: Path, tmp_path: Path
) -> None:
    work = tmp_path / "check"
    work.mkdir()
    assert cli("keys", "export", "--out", str(work / "writer.pub")) == 0
    with zipfile.ZipFile(sealed) as archive:
        (work / "manifest.json").write_bytes(archive.read("manifest.json"))
        (work / "manifest.json.minisig").write_bytes(archive.read("manifest.json.minisig"))
    result = run_minisign("-Vm", "manifest.json", "-p", "writer.pub", cwd=work)
    assert result.returncode == 0, result.stderr
    assert "bundle_id:sha256:" in result.stdout and WRITER in result.stdout


# -- pushing the outbox -----------------------------------------------------------------------------


def _seal_each(cli: Cli, count: int) -> list[str]:
    ids = []
    for task_id in cli.task_ids()[:count]:
        cli.submit(task_id)
        ids.append(cli.seal())
    return ids


def test_push_over_http_with_faults_acks_each_bundle_once(cli: Cli, bundle_server: FakeBundleServer) -> None:
    bundle_ids = _seal_each(cli, 3)
    assert cli("outbox", "target", bundle_server.url) == 0
    assert cli("outbox", "target") == 0 and cli.out.strip() == bundle_server.url
    bundle_server.store.faults.extend(["500", "429", "drop_reply"])
    bundle_server.store.retry_after_s = 1
    assert cli("outbox", "push", "--max-time", "30") == 0, cli.out + cli.err
    assert cli.out.count("acked     sha256:") == 3
    assert "attempt 1 failed" in cli.err
    rows = cli.json("outbox", "--json")
    assert [row["state"] for row in rows] == ["acked"] * 3
    assert sorted(row["attempts"] for row in rows) == [2, 2, 2]
    assert set(bundle_server.store.objects) == set(bundle_ids)
    for row in rows:
        exported = cli.data_dir.parent / "x.zip"
        assert cli("bundle", "export", row["bundle_id"], "--out", str(exported)) == 0
        assert bundle_server.store.objects[row["bundle_id"]] == exported.read_bytes()
    assert cli("outbox", "push") == 0 and "nothing to push" in cli.out


def test_rejected_bundle_exits_1_until_retried(cli: Cli, bundle_server: FakeBundleServer) -> None:
    (bundle_id,) = _seal_each(cli, 1)
    bundle_server.store.faults.append("reject")
    assert cli("outbox", "push", "--target", bundle_server.url) == 1
    assert f"rejected  {bundle_id}" in cli.out and "not enrolled" in cli.out
    assert cli("outbox") == 0 and "rejected" in cli.out
    assert cli("outbox", "push", "--target", bundle_server.url) == 0 and "nothing to push" in cli.out
    assert cli("outbox", "retry", bundle_id[7:19]) == 0 and "pending again" in cli.out
    assert cli("outbox", "push", "--target", bundle_server.url) == 0
    assert cli("outbox", "retry", bundle_id) == 1 and "already acked" in cli.err


def _closed_port() -> int:
    """A loopback port nobody listens on (connection refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_push_needs_a_usable_target(cli: Cli, tmp_path: Path) -> None:
    _seal_each(cli, 1)
    assert cli("outbox", "push") == 1 and "no upload target" in cli.err
    assert cli("outbox", "target") == 1
    assert cli("outbox", "push", "--target", "ftp://example.com/x") == 2
    assert cli("outbox", "target", "gopher://x") == 2
    assert cli("outbox", "push", "--target", (tmp_path / "unplugged").as_uri(), "--max-time", "1") == 1
    assert "pending   sha256:" in cli.out and "0 acked" in cli.out
    url = f"http://127.0.0.1:{_closed_port()}/bundles"
    assert cli("outbox", "push", "--target", url, "--max-time", "0.3") == 1
    row = cli.json("outbox", "--json")[0]
    assert row["state"] == "pending" and row["attempts"] >= 2 and row["last_error"]
    assert cli("outbox", "push", "--max-time", "-1") == 2


def test_push_to_s3_compatible_storage(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    boto3 = pytest.importorskip("boto3", reason="boto3 is not installed")
    moto_server = pytest.importorskip("moto.server", reason="moto[server] is not installed")
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "AWS_EC2_METADATA_DISABLED": "true",
    }.items():
        monkeypatch.setenv(name, value)
    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3"):
        monkeypatch.delenv(name, raising=False)
    bundle_ids = _seal_each(cli, 2)
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        endpoint = f"http://{host}:{port}"
        admin = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
        admin.create_bucket(Bucket="team-bundles")
        url = f"s3://team-bundles/writers/ada?endpoint={endpoint}"
        assert cli("outbox", "push", "--target", url) == 0, cli.out + cli.err
        listing = admin.list_objects_v2(Bucket="team-bundles")
        keys = sorted(entry["Key"] for entry in listing.get("Contents", []))
        assert keys == sorted(f"writers/ada/sha256/{b.removeprefix('sha256:')}.zip" for b in bundle_ids)
        for row in cli.json("outbox", "--json"):
            assert row["state"] == "acked" and row["receipt"]["location"].startswith("s3://team-bundles/")
    finally:
        server.stop()
