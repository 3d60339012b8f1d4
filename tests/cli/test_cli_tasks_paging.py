"""``workstation tasks`` shows a page of the queue and says how many more match; JSON carries the total."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_cli_bundles import Cli

TASKS = 120


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    records = [
        {
            "id": f"t{i:03}",
            "prompt": f"Note {i}",
            "response": f"Otters hold {i} kettles." if i % 3 == 0 else f"Otters swim {i} times.",
        }
        for i in range(TASKS)
    ]
    source = tmp_path / "tasks.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    runner = Cli(tmp_path / "data", capsys)
    assert runner("import", str(source)) == 0, runner.err
    return runner


def _ids(out: str) -> list[str]:
    return [line.split()[0] for line in out.splitlines()]


def test_the_list_shows_a_first_page_and_says_how_many_match(cli: Cli) -> None:
    assert cli("tasks") == 0
    assert _ids(cli.out) == [f"t{i:03}" for i in range(50)]
    assert cli.err == "50 of 120 tasks match; --limit/--offset for more, --all for every one\n"


def test_a_search_pages_on_with_limit_and_offset(cli: Cli) -> None:
    assert cli("tasks", "--search", "kettles", "--limit", "10", "--offset", "35") == 0
    assert _ids(cli.out) == [f"t{i:03}" for i in range(105, TASKS, 3)]
    assert cli.err.startswith("5 of 40 tasks match after the first 35;")
    assert cli("tasks", "--search", "kettles", "--status", "open", "--all") == 0
    assert len(_ids(cli.out)) == 40 and cli.err == ""  # everything shown: nothing to say


def test_json_carries_the_page_and_the_total(cli: Cli) -> None:
    found = cli.json("tasks", "--json", "--search", "otters", "--limit", "3", "--offset", "117")
    assert found["total"] == TASKS and (found["offset"], found["limit"]) == (117, 3)
    assert [row["id"] for row in found["tasks"]] == ["t117", "t118", "t119"]
    assert cli.err == ""
    beyond = cli.json("tasks", "--json", "--search", "kettles", "--offset", "500")
    assert beyond["tasks"] == [] and beyond["total"] == 40


@pytest.mark.parametrize("typed", ['"', "NEAR(otters", "-kettles", "a:b", "*", "otters*"])
def test_search_syntax_is_taken_as_words(cli: Cli, typed: str) -> None:
    assert cli("tasks", f"--search={typed}", "--json") == 0, cli.err
    assert json.loads(cli.out)["total"] == {"-kettles": 40, "otters*": TASKS}.get(typed, 0)


def test_no_match_is_said_in_words(cli: Cli) -> None:
    assert cli("tasks", "--search", "zebras") == 0
    assert cli.out == "" and cli.err == "no task matches\n"


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--limit", "0"], "--limit wants a number of tasks, 1 or more"),
        (["--offset", "-1"], "--offset wants 0 or more"),
        (["--all", "--limit", "5"], "not allowed with argument"),
    ],
)
def test_bad_paging_is_refused_in_words(cli: Cli, args: list[str], says: str) -> None:
    assert cli("tasks", *args) == 2
    assert says in cli.err and cli.out == ""
