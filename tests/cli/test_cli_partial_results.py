"""Seal and export past records they cannot write: the rest goes through, each one left out is
named on stderr in one safe line, and the exit status says whether anything was done.

The records here hold an infinity (stored before imports refused them) under a key that carries
a screen-clearing escape sequence and a line break, so every sentence that quotes the field
must arrive on the terminal defused.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from tests.cli.test_cli_bundles import PASSPHRASE, Cli, make_writer
from workstation.core.bundles import BundleLimits, seal_work
from workstation.core.store import Store

HOSTILE_KEY = "\x1b[2J\n"
STORED_INFINITY = json.dumps({HOSTILE_KEY: 1e400}, allow_nan=True).replace("Infinity", "1e400")
SHOWN_FIELD = "metadata.\ufffd[2J (inf) is not a finite number, which JSON cannot hold"


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    """A writer with a key and three submitted rewrites."""
    monkeypatch.setenv("WORKSTATION_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr(sys, "stdin", io.StringIO())  # not a terminal: nothing may prompt
    writer = make_writer(tmp_path, capsys)
    for task_id in writer.task_ids()[:3]:
        writer.submit(task_id)
    return writer


def _store_infinity(cli: Cli, *task_ids: str) -> None:
    """Give tasks metadata an older version could have imported."""
    with Store(cli.data_dir) as store:
        for task_id in task_ids:
            store.database.conn.execute(
                "UPDATE tasks SET metadata = ? WHERE id = ?", (STORED_INFINITY, task_id)
            )


def _assert_defused(text: str) -> None:
    assert "\x1b" not in text and "\r" not in text


def test_seal_names_each_rewrite_it_left_out_after_the_success_line(cli: Cli) -> None:
    ids = cli.task_ids()
    _store_infinity(cli, ids[1])
    assert cli("bundle", "seal") == 0, cli.err
    assert cli.out.splitlines()[0].startswith("sha256:")
    assert "sealed 2 rewrites as bundle #1" in cli.out
    _assert_defused(cli.err)
    named, summary = cli.err.splitlines()
    assert named.startswith(f"task {ids[1]!r} was not sealed: record ")
    assert named.endswith(SHOWN_FIELD)
    assert (
        summary == "left out of the bundle: 1 submitted rewrite (listed above), still submitted and unsealed"
    )
    assert [row["state"] for row in cli.json("outbox", "--json")] == ["pending"]
    assert cli.json("stats", "--json")["sealed"] == 2


def test_seal_that_can_bundle_nothing_lists_every_reason_and_fails(cli: Cli) -> None:
    ids = cli.task_ids()
    _store_infinity(cli, *ids[:3])
    assert cli("bundle", "seal") == 1
    _assert_defused(cli.err)
    *named, summary = cli.err.splitlines()
    assert sorted(line.split(" was not sealed: ")[0] for line in named) == sorted(
        f"task {task_id!r}" for task_id in ids[:3]
    )
    assert all(line.endswith(SHOWN_FIELD) for line in named)
    assert summary == (
        "workstation: cannot seal: 3 submitted rewrites could not be put into a bundle "
        "(listed above); nothing was sealed"
    )
    assert cli.json("outbox", "--json") == []


def test_seal_says_how_many_wait_for_the_next_bundle(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    # room for one or two records (each now carries its effort signals)
    monkeypatch.setattr(seal_work, "DEFAULT_LIMITS", BundleLimits(max_member_bytes=3000))
    assert cli("bundle", "seal") == 0, cli.err
    sealed = int(cli.out.split("sealed ")[1].split(" ")[0])
    assert 0 < sealed < 3
    assert f"{3 - sealed} more submitted rewrite" in cli.out and "did not fit into this bundle" in cli.out
    assert cli.err == ""


def test_export_writes_the_rest_and_names_each_refused_rewrite(cli: Cli, tmp_path: Path) -> None:
    ids = cli.task_ids()
    _store_infinity(cli, ids[0])
    out = tmp_path / "export.jsonl"
    assert cli("export", "--format", "jsonl", "--out", str(out)) == 0, cli.err
    assert f"{out}: 2 rewrites written as jsonl" in cli.out
    rows = [json.loads(line, parse_constant=pytest.fail) for line in out.read_text("utf-8").splitlines()]
    assert sorted(row["id"] for row in rows) == sorted(ids[1:3])
    _assert_defused(cli.err)
    named, summary = cli.err.splitlines()
    assert named == f"task {ids[0]!r} was not exported: {SHOWN_FIELD}"
    assert summary.startswith("left out of the export: 1 rewrite (listed above)")


def test_export_of_only_refused_rewrites_fails_and_keeps_the_old_file(cli: Cli, tmp_path: Path) -> None:
    ids = cli.task_ids()
    _store_infinity(cli, *ids[:3])
    out = tmp_path / "export.jsonl"
    out.write_text("last week's export\n", encoding="utf-8")
    assert cli("export", "--format", "jsonl", "--out", str(out)) == 1
    _assert_defused(cli.err)
    *named, summary = cli.err.splitlines()
    assert len(named) == 3 and all(line.endswith(SHOWN_FIELD) for line in named)
    assert summary == (
        f"workstation: nothing was exported: 3 rewrites could not be written as JSON (listed above); "
        f"{out} was left as it was"
    )
    assert out.read_text(encoding="utf-8") == "last week's export\n"
    assert cli("export", "--format", "sft-messages", "--out", str(out)) == 0  # no metadata in SFT rows
    assert cli.err == "" and len(out.read_text("utf-8").splitlines()) == 3
