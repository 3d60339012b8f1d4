"""``export --status accepted`` and ``--verdict``: only what every reviewer's latest verdict judged so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.core.bundles.seal_testkit import KEY
from tests.core.verdicts.verdict_testkit import WriterDesk, seal_for
from workstation.cli import main
from workstation.core.models import VerdictKind
from workstation.core.verdicts import apply_verdict_bundle, reviewer_trust, verify_verdict_bundle
from workstation.core.verdicts.export_filter import judged_pairs

SECOND = KEY  # another reviewer (any other key will do)


def _import(desk: WriterDesk, data: bytes) -> None:
    apply_verdict_bundle(desk.store, verify_verdict_bundle(data, reviewer_trust(desk.store)), data, "v.zip")


def _export(desk: WriterDesk, tmp_path: Path, capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    out = tmp_path / "out.jsonl"
    code = main(
        ["--data-dir", str(desk.store.data_dir), "export", "--format", "jsonl", "--out", str(out), *args]
    )
    assert code == 0, capsys.readouterr().err
    return [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]


def test_accepted_means_every_reviewers_latest_verdict_is_accept(
    desk: WriterDesk, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    agreed, changed_mind, disputed = list(desk.records)
    first = [
        desk.verdict(agreed),
        desk.verdict(changed_mind, "reject", created_at="2025-06-01T08:00:00Z"),
        desk.verdict(changed_mind, created_at="2025-06-01T09:00:00Z"),  # the later verdict counts
        desk.verdict(disputed),
    ]
    _import(desk, seal_for(first))
    other = {"reviewer_name": "Sam Second", "reviewer_fingerprint": SECOND.public_key.fingerprint}
    _import(desk, seal_for([desk.verdict(disputed, "reject", **other)], key=SECOND, name="Sam Second"))

    expected = sorted([agreed, changed_mind])
    assert sorted(_export(desk, tmp_path, capsys, "--status", "accepted")) == expected
    assert sorted(_export(desk, tmp_path, capsys, "--verdict", "accept")) == expected
    assert _export(desk, tmp_path, capsys, "--verdict", "reject") == []  # one reviewer accepted it
    assert sorted(_export(desk, tmp_path, capsys)) == sorted(desk.records)  # no filter: all submitted
    pairs = desk.store.rewrites.pairs(statuses=["submitted"])
    assert (
        sorted(t.id for t, _ in judged_pairs(pairs, desk.store.verdicts.all(), VerdictKind.ACCEPT))
        == expected
    )


def test_a_task_sent_back_for_revision_is_in_no_verdict_export(
    desk: WriterDesk, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    revised = next(iter(desk.records))
    _import(desk, seal_for([desk.anchored_revise(revised)]))
    assert _export(desk, tmp_path, capsys, "--verdict", "revise", "--status", "draft") == []


def test_contradicting_filters_are_refused(desk: WriterDesk, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        [
            "--data-dir",
            str(desk.store.data_dir),
            "export",
            "--format",
            "jsonl",
            "--out",
            "-",
            "--status",
            "accepted",
            "--verdict",
            "reject",
        ]
    )
    assert code == 2 and "contradict" in capsys.readouterr().err
