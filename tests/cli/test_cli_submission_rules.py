"""The command line follows the app's submission rules: a project's incomplete-rubric rule, the
edited-after-submit mark, and sealed work listed as sealed."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from tests.cli.test_cli_bundles import PASSPHRASE, Cli, make_writer
from workstation.core.models import Criterion, IncompleteRubric, Rewrite, RewriteStatus, Rubric
from workstation.core.store import QUEUE_STATES, Store, new_rewrite

RUBRIC = Rubric(
    criteria=(
        Criterion(id="voice", name="Natural voice"),
        Criterion(id="concision", name="Concision"),
        Criterion(id="tone", name="Tone fit"),
    )
)


@pytest.fixture(autouse=True)
def _no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKSTATION_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr(sys, "stdin", io.StringIO())


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    return make_writer(tmp_path, capsys)


def set_rubric(cli: Cli, rule: IncompleteRubric, *, ratings: dict[str, dict[str, int]] | None = None) -> None:
    """Give the tasks' project ``RUBRIC`` under ``rule``, and drafts rated with ``ratings``."""
    with Store(cli.data_dir) as store:
        first = store.tasks.get(cli_ids(store)[0])
        assert first is not None
        project = store.projects.get(first.project)
        assert project is not None
        store.projects.save(project.model_copy(update={"rubric": RUBRIC, "incomplete_rubric": rule}))
        for task_id, rated in (ratings or {}).items():
            task = store.tasks.get(task_id)
            assert task is not None
            store.rewrites.save(new_rewrite(task).model_copy(update={"ratings": rated}))


def cli_ids(store: Store) -> list[str]:
    return [row.id for row in store.tasks.queue()]


def rewrite_file(cli: Cli, text: str) -> str:
    path = cli.data_dir.parent / "rewrite.txt"
    path.write_text(text, encoding="utf-8")
    return str(path)


def stored(cli: Cli, task_id: str) -> Rewrite:
    with Store(cli.data_dir, readonly=True) as store:
        rewrite = store.rewrites.get(task_id)
    assert rewrite is not None, f"{task_id} has no stored rewrite"
    return rewrite


def nothing_stored(cli: Cli, task_id: str) -> bool:
    with Store(cli.data_dir, readonly=True) as store:
        return store.rewrites.get(task_id) is None


def test_block_refuses_the_submit_and_stores_nothing(cli: Cli) -> None:
    set_rubric(cli, IncompleteRubric.BLOCK)
    first = cli.task_ids()[0]
    assert cli("rewrite", first, "--text-file", rewrite_file(cli, "A human answer."), "--submit") == 1
    assert cli.err.startswith(
        "workstation: not submitted: 3 of 3 rubric questions are unanswered: Natural voice, Concision, "
        "Tone fit. This project asks for every rubric question to be answered"
    )
    assert nothing_stored(cli, first)
    assert cli("rewrite", first, "--text-file", rewrite_file(cli, "A human answer.")) == 0  # a draft is fine
    assert stored(cli, first).status is RewriteStatus.DRAFT


def test_block_lets_a_fully_rated_rewrite_through(cli: Cli) -> None:
    first = cli.task_ids()[0]
    set_rubric(cli, IncompleteRubric.BLOCK, ratings={first: {"voice": 2, "concision": 3, "tone": 4}})
    assert cli("rewrite", first, "--text-file", rewrite_file(cli, "Rated."), "--submit") == 0
    assert cli.err == "" and stored(cli, first).status is RewriteStatus.SUBMITTED


def test_warn_submits_with_a_warning_on_stderr(cli: Cli) -> None:
    first = cli.task_ids()[0]
    set_rubric(cli, IncompleteRubric.WARN, ratings={first: {"voice": 2}})
    assert cli("rewrite", first, "--text-file", rewrite_file(cli, "Half rated."), "--submit") == 0
    assert cli.err == (
        "workstation: warning: 2 of 3 rubric questions are unanswered: Concision, Tone fit. "
        "Submitted anyway: this project allows it.\n"
    )
    assert cli.out == f"{first}: submitted\n"
    assert stored(cli, first).status is RewriteStatus.SUBMITTED


def test_no_rubric_no_word(cli: Cli) -> None:
    first = cli.task_ids()[0]
    assert cli("rewrite", first, "--text-file", rewrite_file(cli, "No rubric here."), "--submit") == 0
    assert cli.err == ""


def test_new_text_for_a_submitted_rewrite_waits_for_a_new_submit_before_sealing(cli: Cli) -> None:
    first, second = cli.task_ids()[:2]
    cli.submit(first, "Submitted words.")
    cli.submit(second, "Other words.")
    assert cli("rewrite", first, "--text-file", rewrite_file(cli, "Polished words.")) == 0
    assert cli.out == f"{first}: submitted, edited after submit (submit it again to seal it)\n"
    edited = stored(cli, first)
    assert edited.status is RewriteStatus.SUBMITTED and edited.edited_after_submit is not None

    cli.seal()
    assert "1 submitted rewrite was edited after submit and waits until you submit it again." in cli.out
    assert cli("bundle", "seal") == 0
    assert cli.out == (
        "nothing to seal: 1 submitted rewrite was edited after submit and waits until you submit it again.\n"
    )
    cli.submit(first, "Polished words.")
    assert stored(cli, first).edited_after_submit is None
    cli.seal()
    assert stored(cli, first).sealed_bundle_id is not None


def test_tasks_lists_sealed_work_as_sealed_and_filters_by_it(cli: Cli) -> None:
    first, second, third = cli.task_ids()[:3]
    cli.submit(first)
    cli.seal()
    cli.submit(second)
    cli.submit(third)
    assert cli("rewrite", third, "--text-file", rewrite_file(cli, "Changed since.")) == 0
    rows = {row["id"]: row for row in cli.json("tasks", "--json")["tasks"]}
    assert rows[first]["status"] == "sealed" and rows[second]["status"] == "submitted"
    assert rows[third]["edited_after_submit"] and not rows[second]["edited_after_submit"]
    assert [row["id"] for row in cli.json("tasks", "--json", "--status", "sealed")["tasks"]] == [first]
    assert sorted(
        row["id"] for row in cli.json("tasks", "--json", "--status", "submitted")["tasks"]
    ) == sorted([second, third])
    assert cli("tasks", "--status", "submitted") == 0
    lines = cli.out.splitlines()
    assert any(line.startswith(third) and "submitted*" in line for line in lines)
    assert lines[-1] == "* edited after submit: submit it again to seal it"


def test_stats_counts_each_task_once_in_the_state_the_queue_lists_it_under(cli: Cli) -> None:
    first, second, third = cli.task_ids()[:3]
    cli.submit(first)
    cli.submit(second)
    cli.seal()
    cli.submit(third)
    stats = cli.json("stats", "--json")
    assert (stats["sealed"], stats["submitted"]) == (2, 1)  # sealed work is not counted as submitted too
    assert sum(stats[state] for state in QUEUE_STATES) == stats["tasks"]
    for state in QUEUE_STATES:
        listed = cli.json("tasks", "--json", "--all", "--status", state)["total"]
        assert stats[state] == listed, state


def test_an_export_leaves_out_a_rewrite_edited_after_submit_and_says_so(cli: Cli) -> None:
    first, second = cli.task_ids()[:2]
    cli.submit(first, "Submitted words.")
    cli.submit(second, "Other words.")
    assert cli("rewrite", first, "--text-file", rewrite_file(cli, "Polished, not confirmed.")) == 0
    out = cli.data_dir.parent / "export.jsonl"
    assert cli("export", "--format", "jsonl", "--out", str(out)) == 0
    exported = out.read_text(encoding="utf-8")
    assert "Other words." in exported
    assert "Submitted words." not in exported and "Polished, not confirmed." not in exported
    assert cli.out.splitlines()[-1] == (
        "1 submitted rewrite was edited after submit and was left out: submit it again to export it"
    )
    cli.submit(first, "Polished, not confirmed.")  # confirmed now
    assert cli("export", "--format", "jsonl", "--out", str(out)) == 0
    assert "Polished, not confirmed." in out.read_text(encoding="utf-8")
    assert "left out" not in cli.out
