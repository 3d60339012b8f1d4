"""``workstation review seal``: the reviewer's verdicts signed into a verdict bundle, out via the outbox."""

from __future__ import annotations

import io
import sys
import uuid
from pathlib import Path

import pytest

from tests.cli.test_cli_bundles import PASSPHRASE, WRITER, Cli, make_writer
from workstation.core.bundles import SignerTrust, open_bundle
from workstation.core.models import Verdict, VerdictKind, sha256_text
from workstation.core.signing.identity import load_identity
from workstation.core.store import Store
from workstation.core.verdicts import verify_verdict_bundle


@pytest.fixture(autouse=True)
def _no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKSTATION_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr(sys, "stdin", io.StringIO())


def _judge_own_bundle(cli: Cli, tmp_path: Path) -> str:
    """Seal two rewrites, then record a verdict on one as the same person (writer and reviewer)."""
    for task_id in cli.task_ids()[:2]:
        cli.submit(task_id)
    bundle_id = cli.seal()
    identity = load_identity(cli.data_dir)
    assert identity is not None
    with Store(cli.data_dir) as store:
        record = open_bundle(store.outbox.get_bytes(bundle_id), trust=SignerTrust.accept_any()).records[0]
        store.verdicts.add(
            Verdict(
                verdict_id="vd-" + uuid.uuid4().hex,
                bundle_id=bundle_id,
                rewrite_id=record["rewrite_id"],
                task_id=record["task_id"],
                rewrite_sha256=sha256_text(record["rewrite"]),
                verdict=VerdictKind.REVISE,
                reason="the tone is still stiff",
                reviewer_name=WRITER,
                reviewer_fingerprint=identity.fingerprint,
                created_at="2025-06-01T08:00:00Z",
            )
        )
    return bundle_id


def test_review_seal_signs_the_verdicts_into_the_outbox_and_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli = make_writer(tmp_path, capsys)
    assert cli("review", "seal") == 0 and "nothing to seal" in cli.out
    reviewed = _judge_own_bundle(cli, tmp_path)
    out = tmp_path / "verdicts.zip"

    assert cli("review", "seal", "--out", str(out)) == 0, cli.err

    verdict_bundle_id = cli.out.splitlines()[0]
    assert "sealed 1 verdict on 1 bundle as verdict bundle #1" in cli.out
    opened = verify_verdict_bundle(out.read_bytes(), SignerTrust.accept_any())
    assert opened.bundle_id == verdict_bundle_id and opened.reviewed_bundles == (reviewed,)
    listed = {row["bundle_id"]: row for row in cli.json("outbox", "--json")}
    assert set(listed) == {reviewed, verdict_bundle_id}
    assert cli("review", "seal") == 0 and "nothing to seal" in cli.out  # never sealed twice

    target = tmp_path / "collected"
    target.mkdir()
    assert cli("outbox", "push", "--target", target.as_uri()) == 0, cli.err
    pushed = {path.read_bytes() for path in target.rglob("*") if path.is_file()}
    assert out.read_bytes() in pushed


def test_review_seal_with_a_wrong_passphrase_seals_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cli = make_writer(tmp_path, capsys)
    _judge_own_bundle(cli, tmp_path)
    monkeypatch.setenv("WORKSTATION_PASSPHRASE", "not it")
    assert cli("review", "seal") == 1 and "wrong passphrase" in cli.err
    with Store(cli.data_dir) as store:
        assert [row.kind for row in store.outbox.rows()] == ["rewrites"]
