"""``workstation review report``: the scoreboard from a real store, in each form, to stdout or a file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.core.review.batch_factory import sample_batch
from workstation import cli
from workstation.cli import review
from workstation.core.models import sha256_text
from workstation.core.review.items import AuditItem
from workstation.core.store import Store
from workstation.core.store.inbox import InboxBundle, NewItem


@pytest.fixture(autouse=True)
def _review_group_registered(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the review group whether or not the command list names it yet."""
    if review not in cli.COMMAND_MODULES:
        monkeypatch.setattr(cli, "COMMAND_MODULES", (*cli.COMMAND_MODULES, review))


def _new_item(item: AuditItem) -> NewItem:
    return NewItem(
        item_id=item.item_id,
        task_id=item.task_id,
        project=item.project,
        model=item.model,
        status=item.status,
        rewrite_sha256=sha256_text(item.item_id),
        record={"rewrite_id": item.item_id},
        figures=item.figures,
        active_seconds=item.active_seconds,
        flagged=item.flagged,
    )


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A store whose inbox holds the sample batch (one inbox bundle per sample bundle) and its verdicts."""
    directory = tmp_path / "data"
    directory.mkdir()
    items, verdicts = sample_batch()
    store = Store(directory)
    try:
        for bundle_id in sorted({item.bundle_id for item in items}):
            members = [item for item in items if item.bundle_id == bundle_id]
            bundle = InboxBundle(
                bundle_id=bundle_id,
                kind="rewrites",
                signer_fingerprint=members[0].writer_fingerprint,
                signer_name=members[0].writer_name,
                bundle_seq=1,
                prev_bundle_id=None,
                created_at="2025-03-01T08:00:00.000Z",
                received_at="2025-03-01T09:00:00.000Z",
                source="test",
                record_count=len(members),
                size=3,
                chain_problem=None,
            )
            with store.database.write() as conn:
                store.inbox.add_bundle(conn, bundle, b"zip", [_new_item(item) for item in members])
        for verdict in verdicts:
            store.verdicts.add(verdict)
    finally:
        store.close()
    return directory


def _run(data_dir: Path, *args: str) -> int:
    return cli.main(["--data-dir", str(data_dir), "review", "report", *args])


def test_default_is_a_table_by_model(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(data_dir) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split()[:3] == ["model", "items", "unchanged"]
    assert any(line.startswith("gpt-4o ") for line in out.splitlines())
    assert "Cohen's kappa for rita and sam: 0.50" in out


def test_json_by_writer_reads_back(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(data_dir, "--by", "writer", "--json") == 0
    report = json.loads(capsys.readouterr().out)
    assert report["by"] == "writer" and [group["label"] for group in report["groups"]] == ["alice", "bob"]
    assert report["total"]["items"] == 8 and report["agreement"]["kappa"] == 0.5


def test_html_to_a_file_says_what_it_wrote(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "board.html"
    assert _run(data_dir, "--html", "--out", str(target)) == 0
    assert capsys.readouterr().out.strip() == f"{target}: 8 items in 4 groups by model"
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "&lt;script&gt;" in page and "<script" not in page
    assert target.stat().st_mode & 0o777 == 0o644


def test_csv_by_bundle(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(data_dir, "--by", "bundle", "--csv") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("key,label,items,") and len(lines) == 5


def test_two_forms_at_once_is_a_usage_error(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        _run(data_dir, "--json", "--csv")
    assert stopped.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_an_unwritable_out_is_one_sentence(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(data_dir, "--json", "--out", str(tmp_path / "missing" / "r.json")) == 1
    err = capsys.readouterr().err
    assert err.startswith("workstation: ") and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_an_empty_inbox_prints_an_empty_board(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    directory = tmp_path / "empty"
    directory.mkdir()
    Store(directory).close()
    assert _run(directory) == 0
    assert "(no items in the inbox)" in capsys.readouterr().out
