"""``bundle verify`` in scripts: unknown signers fail, --pubkey and --keyring, folders and chains."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from tests.cli.test_cli_bundles import Cli
from tests.core.review.review_testkit import ADA, ADA_KEY, BEN, BEN_KEY, chain, record, seal, write
from workstation.core.signing import save_public_key


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    monkeypatch.setattr(sys, "stdin", io.StringIO())
    return Cli(tmp_path / "reviewer", capsys)


def _pub(tmp_path: Path, name: str, key: object) -> str:
    path = tmp_path / f"{name}.pub"
    save_public_key(path, key.public_key)  # type: ignore[attr-defined]
    return str(path)


def test_several_pubkeys_each_accept_their_signer(cli: Cli, tmp_path: Path) -> None:
    ada = write(tmp_path, "ada.zip", chain(ADA_KEY, ADA, 1)[0])
    ben = write(tmp_path, "ben.zip", chain(BEN_KEY, BEN, 1)[0])
    keys = ["--pubkey", _pub(tmp_path, "ada", ADA_KEY), "--pubkey", _pub(tmp_path, "ben", BEN_KEY)]
    assert cli("bundle", "verify", str(ada), *keys) == 0, cli.err
    short = ADA_KEY.public_key.fingerprint[:16]
    assert f"signer       {ADA} (key {short})" in cli.out and "--pubkey" in cli.out
    assert cli("bundle", "verify", str(ben), *keys[:2]) == 1 and "unknown_signer" in cli.err
    assert cli("bundle", "verify", str(ada), str(ben), *keys) == 0, cli.err
    assert "2 of 2 bundles OK" in cli.out


def test_the_keyring_vouches_for_trusted_writers_only(cli: Cli, tmp_path: Path) -> None:
    ada = write(tmp_path, "ada.zip", chain(ADA_KEY, ADA, 1)[0])
    assert cli("bundle", "verify", str(ada), "--keyring") == 1 and "no keyring" in cli.err
    assert cli("review", "import", str(ada)) == 1  # Ada's key is now pending, not trusted
    assert cli("bundle", "verify", str(ada), "--keyring") == 1 and "unknown_signer" in cli.err
    assert cli("review", "trust", ADA_KEY.public_key.fingerprint[:16]) == 0, cli.err
    summary = cli.json("bundle", "verify", str(ada), "--keyring", "--json")
    assert summary["signer_check"] == "known" and summary["key"] == ADA_KEY.public_key.fingerprint[:16]
    renamed = write(tmp_path, "eve.zip", chain(ADA_KEY, "Eve", 1)[0])
    assert cli("bundle", "verify", str(renamed), "--keyring", "--allow-unknown") == 1
    assert "signer_name_mismatch" in cli.err


def test_a_folder_checks_every_bundle_and_the_chain(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "drop"
    first, second, third = chain(ADA_KEY, ADA, 3)
    for name, bundle in (("1.zip", first), ("3.zip", third)):
        write(folder, name, bundle)
    write(folder, "notes.txt", b"hello")
    key = ["--pubkey", _pub(tmp_path, "ada", ADA_KEY)]
    assert cli("bundle", "verify", str(folder), *key) == 1
    assert "notes.txt: REJECTED (not_a_zip)" in cli.err
    assert "chain: bundle #2 of writer 'Ada Writer'" in cli.out and "2 of 3 bundles OK" in cli.out
    (folder / "notes.txt").unlink()
    assert cli("bundle", "verify", str(folder), *key) == 0  # a gap is reported, not a failure
    write(folder, "2.zip", second)
    write(folder, "2-rival.zip", seal(ADA_KEY, ADA, 2, first.bundle_id, [record(ADA, 90)]))
    assert cli("bundle", "verify", str(folder), *key, "--json") == 1
    report = json.loads(cli.out)
    assert report["ok"] is False and len(report["bundles"]) == 4
    assert [problem["kind"] for problem in report["chain_problems"]] == ["fork"]
    assert "Traceback" not in cli.err
