"""``workstation portfolio``: the writer's sealed rewrites as a signed static site, checked end to end."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_cli_bundles import PASSPHRASE, Cli, make_writer
from tests.minisign_tool import needs_minisign, run_minisign
from workstation.core.models import Verdict, VerdictKind
from workstation.core.store import Store

REPO = Path(__file__).resolve().parents[2]
HOSTILE = 'Plain words <script>alert("x")</script> & <img src="http://example.com/a.png">'


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    monkeypatch.setenv("WORKSTATION_PASSPHRASE", PASSPHRASE)
    return make_writer(tmp_path, capsys)


def _accept(cli: Cli, bundle_id: str, task_id: str, verdict: VerdictKind = VerdictKind.ACCEPT) -> None:
    with Store(cli.data_dir) as store:
        rewrite = store.rewrites.get(task_id)
        assert rewrite is not None
        judged = Verdict(
            verdict_id=f"v-{task_id}-{verdict.value}",
            bundle_id=bundle_id,
            rewrite_id=rewrite.rewrite_id,
            task_id=task_id,
            rewrite_sha256=hashlib.sha256(rewrite.text.encode()).hexdigest(),
            verdict=verdict,
            reason=None if verdict is VerdictKind.ACCEPT else "tone",
            comment="Clear & kind <b>work</b>",
            reviewer_name="Rita Reviewer",
            reviewer_fingerprint="cd" * 32,
            created_at="2030-01-02T00:00:00Z",
        )
        with store.database.write() as conn:
            store.verdicts.add_received(conn, [judged], "sha256:" + "ee" * 32)


@pytest.fixture
def sealed(cli: Cli, tmp_path: Path) -> tuple[str, list[str], Path]:
    """Two rewrites sealed (one with hostile text), the first accepted by a reviewer."""
    ids = cli.task_ids()[:2]
    cli.submit(ids[0])
    cli.submit(ids[1], HOSTILE)
    bundles = tmp_path / "bundles"
    bundles.mkdir()
    bundle_id = cli.seal("--out", str(bundles / "b1.zip"))
    _accept(cli, bundle_id, ids[0])
    return bundle_id, ids, bundles


def test_a_portfolio_is_a_safe_static_site_with_a_signed_manifest(
    cli: Cli, tmp_path: Path, sealed: tuple[str, list[str], Path]
) -> None:
    bundle_id, ids, bundles = sealed
    out = tmp_path / "folio"
    assert cli("portfolio", "--out", str(out), "--no-pdf") == 0, cli.err
    assert "portfolio of 2 rewrites" in cli.out
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["bundles"] == [bundle_id]
    pages = {row["task_id"]: out / row["page"] for row in manifest["rewrites"]}
    hostile_page = pages[ids[1]].read_text(encoding="utf-8")
    assert "<script" not in hostile_page and "&lt;script&gt;" in hostile_page
    assert "<img" not in hostile_page and "http://" not in hostile_page.replace("http://example.com", "")
    for page in [out / "index.html", *pages.values()]:
        text = page.read_text(encoding="utf-8")
        assert "<script" not in text and not re.search(r'(src|href)="(https?:)?//', text)
    accepted_page = pages[ids[0]].read_text(encoding="utf-8")
    assert "Rita Reviewer" in accepted_page and "Clear &amp; kind &lt;b&gt;work&lt;/b&gt;" in accepted_page
    assert "<del>" in accepted_page and "<ins>" in accepted_page
    assert "prefers-color-scheme: dark" in (out / "style.css").read_text(encoding="utf-8")
    row = next(r for r in manifest["rewrites"] if r["task_id"] == ids[1])
    assert row["rewrite_sha256"] == hashlib.sha256(HOSTILE.encode()).hexdigest()
    assert row["bundle_id"] == bundle_id and row["effort"]["status"] == "not recorded"

    assert cli("verify-record", str(out / "manifest.json"), "--bundles", str(bundles)) == 0, cli.err
    assert "record       portfolio" in cli.out and "against its bundle" in cli.out


def test_a_changed_page_or_a_bundle_that_differs_is_named(
    cli: Cli, tmp_path: Path, sealed: tuple[str, list[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "folio"
    assert cli("portfolio", "--out", str(out), "--no-pdf") == 0, cli.err
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    page = out / manifest["rewrites"][0]["page"]
    page.write_text(page.read_text(encoding="utf-8").replace("Sealed", "Sealt", 1), encoding="utf-8")
    assert cli("verify-record", str(out / "manifest.json")) == 1
    assert "was changed after the portfolio was signed" in cli.err and "REJECTED" in cli.err
    # Another writer's bundles are not the ones the portfolio came from.
    other = make_writer(tmp_path / "other", capsys, name="Eve Writer")
    other.submit(other.task_ids()[0])
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    other.seal("--out", str(elsewhere / "eve.zip"))
    assert cli("portfolio", "--out", str(out), "--no-pdf") == 0, cli.err  # rewritten in place
    assert cli("verify-record", str(out / "manifest.json"), "--bundles", str(elsewhere), "--json") == 1
    result = json.loads(cli.out)
    assert not result["ok"] and any("was not among the bundles given" in p for p in result["problems"])


def test_accepted_keeps_only_what_every_reviewer_accepted(
    cli: Cli, tmp_path: Path, sealed: tuple[str, list[str], Path]
) -> None:
    bundle_id, ids, _bundles = sealed
    out = tmp_path / "accepted"
    assert cli("portfolio", "--out", str(out), "--accepted", "--no-pdf") == 0, cli.err
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [row["task_id"] for row in manifest["rewrites"]] == [ids[0]] and manifest["accepted_only"]
    _accept(cli, bundle_id, ids[0], VerdictKind.REVISE)  # the same reviewer changes their mind
    assert cli("portfolio", "--out", str(out), "--accepted", "--no-pdf") == 0, cli.err
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["rewrites"] == [] and "No sealed rewrites" in (out / "index.html").read_text("utf-8")


def test_a_folder_of_other_files_is_refused(cli: Cli, tmp_path: Path, sealed: object) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me", encoding="utf-8")
    assert cli("portfolio", "--out", str(folder), "--no-pdf") == 1 and "empty folder" in cli.err
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "keep me"
    assert cli("portfolio", "--out", "-") == 2


@needs_minisign
def test_the_portfolio_with_its_pdf_verifies_with_real_minisign(
    cli: Cli, tmp_path: Path, sealed: tuple[str, list[str], Path]
) -> None:
    """In a plain process, as a writer runs it: the PDF renderer makes its own offscreen Qt
    application, which must not happen inside this test process (pytest-qt owns the one here)."""
    out = tmp_path / "folio"
    env = {**os.environ, "PYTHONPATH": str(REPO), "WORKSTATION_PASSPHRASE": PASSPHRASE}
    env.pop("QT_QPA_PLATFORM", None)
    command = [sys.executable, "-m", "workstation.cli", "--data-dir", str(cli.data_dir), "portfolio"]
    result = subprocess.run(
        [*command, "--out", str(out)], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert (out / "portfolio.pdf").read_bytes().startswith(b"%PDF-")
    assert cli("keys", "export", "--out", str(tmp_path / "ada.pub")) == 0
    result = run_minisign("-Vm", str(out / "manifest.json"), "-p", str(tmp_path / "ada.pub"))
    assert result.returncode == 0, result.stderr
    assert "record:portfolio" in result.stdout
