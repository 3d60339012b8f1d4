"""``outbox push`` against hostile collectors: it ends by --max-time, acks nothing unproven, prints
nothing the server could use to steer the terminal."""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

import pytest

from tests.cli.test_cli_bundles import PASSPHRASE, Cli, make_writer
from tests.core.sync.fake_bundle_server import FakeBundleServer

MARGIN_S = 1.0  # opening the store, printing, and a loaded test machine


@pytest.fixture(autouse=True)
def _no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKSTATION_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr(sys, "stdin", io.StringIO())


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    writer = make_writer(tmp_path, capsys)
    for task_id in writer.task_ids()[:2]:
        writer.submit(task_id)
        writer.seal()
    return writer


@pytest.mark.parametrize("fault", ["slow_headers", "slow_body"])
def test_push_returns_by_max_time_and_leaves_no_row_uploading(
    cli: Cli, bundle_server: FakeBundleServer, fault: str
) -> None:
    bundle_server.store.fault_picker = lambda: fault  # every request, every retry
    started = time.monotonic()
    code = cli("outbox", "push", "--target", bundle_server.url, "--max-time", "2")
    elapsed = time.monotonic() - started
    assert code == 1
    assert 2.0 <= elapsed < 2.0 + MARGIN_S, cli.out + cli.err
    assert "0 acked, 0 rejected, 2 still pending" in cli.out
    assert "timed out" in cli.out
    assert [row["state"] for row in cli.json("outbox", "--json")] == ["pending", "pending"]


def test_a_captive_portal_is_reported_and_nothing_is_acked(cli: Cli, bundle_server: FakeBundleServer) -> None:
    bundle_server.store.fault_picker = lambda: "html_200"
    assert cli("outbox", "push", "--target", bundle_server.url, "--max-time", "1") == 1
    assert "HTML page (title: 'Café Wi-Fi — please log in'), not a collector receipt" in cli.out + cli.err
    assert [row["state"] for row in cli.json("outbox", "--json")] == ["pending", "pending"]
    assert bundle_server.store.objects == {}
    bundle_server.store.fault_picker = None  # the writer logs in to the café's Wi-Fi
    assert cli("outbox", "push", "--target", bundle_server.url) == 0
    assert cli.out.count("acked     sha256:") == 2
    assert sorted(bundle_server.store.stores.values()) == [1, 1]


def test_a_servers_escape_sequences_never_reach_the_terminal(
    cli: Cli, bundle_server: FakeBundleServer
) -> None:
    bundle_server.store.faults.extend(["hostile_reason", "hostile_201"])
    cli("outbox", "push", "--target", bundle_server.url, "--max-time", "5")
    printed = cli.out + cli.err
    assert "rejected  sha256:" in printed and "\ufffd[2J" in printed
    assert not any(character in printed for character in "\x1b\x07\u202e")
    cli("outbox")
    assert "\x1b" not in cli.out
