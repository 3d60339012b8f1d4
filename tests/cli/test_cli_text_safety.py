"""What the CLI prints cannot steer the terminal: outside text in human lines goes through one_line,
and JSON output stays exact while escaping every character that is not printable."""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path

import pytest

from tests.cli.test_cli_bundles import Cli
from workstation.cli import lint as lint_command
from workstation.cli.common import json_text

# An OSC title change, a bell, a right-to-left override, the 8-bit CSI, a carriage return that
# would hide the start of the line, a full-screen clear and a Unicode line separator.
HOSTILE_ID = "evil\x1b]0;owned\x07\u202eid\x9b31m"
HOSTILE_TEXT = "first words\r\x1b[2Jhidden \u2028 next line"
UNSAFE = ("\x1b", "\x07", "\x9b", "\u202e", "\u2028", "\r")


def _unsafe_in(text: str) -> list[str]:
    return [repr(character) for character in UNSAFE if character in text]


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    monkeypatch.setattr(sys, "stdin", io.StringIO())
    tasks = tmp_path / "hostile.jsonl"
    record = {"id": HOSTILE_ID, "prompt": "Say hello", "response": HOSTILE_TEXT}
    tasks.write_text(json.dumps(record) + "\n", encoding="utf-8")
    runner = Cli(tmp_path / "data", capsys)
    assert runner("import", str(tasks)) == 0, runner.err
    return runner


def test_the_task_list_shows_hostile_ids_and_texts_defused(cli: Cli) -> None:
    assert cli("tasks") == 0
    assert _unsafe_in(cli.out) == []
    line = cli.out.splitlines()[0]
    assert line.startswith("evil\ufffd]0;owned\ufffd\ufffdid\ufffd31m  open")
    assert line.endswith("first words \ufffd[2Jhidden next line")


def test_the_task_list_as_json_is_exact_and_escaped(cli: Cli) -> None:
    assert cli("tasks", "--json") == 0
    assert _unsafe_in(cli.out) == []
    assert "\\u202e" in cli.out and "\\u009b" in cli.out and "\\u2028" in cli.out
    (row,) = json.loads(cli.out)["tasks"]
    assert row["id"] == HOSTILE_ID and row["original_start"] == HOSTILE_TEXT


def test_rewrite_and_its_refusals_name_the_id_defused(cli: Cli, tmp_path: Path) -> None:
    text = tmp_path / "rewrite.txt"
    text.write_text("A plain answer.", encoding="utf-8")
    assert cli("rewrite", HOSTILE_ID, "--text-file", str(text), "--submit") == 0
    assert cli.out == "evil\ufffd]0;owned\ufffd\ufffdid\ufffd31m: submitted\n"
    assert cli("rewrite", HOSTILE_ID + "\x1b[0m", "--text-file", str(text)) == 1
    assert _unsafe_in(cli.err) == [] and cli.err.startswith("workstation: no task with id ")


def test_a_file_name_with_escapes_is_defused_in_every_line(cli: Cli, tmp_path: Path) -> None:
    evil = tmp_path / "tasks\x1b[31m\u202e.jsonl"
    evil.write_text('{"id": "x", "response": 5}\n', encoding="utf-8")
    assert cli("import", str(evil)) == 1
    assert _unsafe_in(cli.err) == [] and "not imported" in cli.err
    assert cli("bundle", "verify", str(evil)) == 1
    assert _unsafe_in(cli.out + cli.err) == [] and "REJECTED" in cli.err


def test_lint_findings_from_a_hostile_style_are_defused(tmp_path: Path) -> None:
    style = tmp_path / "Evil"
    style.mkdir()
    (style / "Owned.yml").write_text(
        'extends: existence\nmessage: "\\e]0;owned\\a\\u202e %s\\r"\nlevel: error\ntokens: [synergy]\n',
        encoding="utf-8",
    )
    draft = tmp_path / "draft\x1b[2J.txt"
    draft.write_text("We want synergy again.", encoding="utf-8")
    parser = lint_command.register(argparse.ArgumentParser(prog="workstation").add_subparsers())
    args = parser.parse_args([str(draft), "--style", str(style)])
    stdout, stderr = io.StringIO(), io.StringIO()
    assert lint_command.run_lint(args, stdout=stdout, stderr=stderr) == 1
    assert _unsafe_in(stdout.getvalue() + stderr.getvalue()) == []
    assert "Evil.Owned" in stdout.getvalue()
    args = parser.parse_args([str(draft), "--style", str(style), "--json"])
    stdout = io.StringIO()
    lint_command.run_lint(args, stdout=stdout, stderr=io.StringIO())
    assert _unsafe_in(stdout.getvalue()) == []
    assert json.loads(stdout.getvalue())["path"] == str(draft)


@pytest.mark.parametrize(
    "text",
    [
        "plain ASCII",
        "café, naïve, 日本語, emoji 🙂 and a family 👩\u200d👩\u200d👧",
        "C0 \x00\x1b\x7f and C1 \x85\x9b",
        "bidi \u202a\u202e\u2066\u2069 zero-width \u200b\ufeff separators \u2028\u2029",
        "a lone surrogate \ud800 and a private-use \ue000 and a tag \U000e0041",
    ],
)
def test_json_text_reads_back_exactly_and_prints_nothing_unprintable(text: str) -> None:
    printed = json_text({"text": text})
    assert json.loads(printed) == {"text": text}
    body = printed.replace("\n", "").replace(" ", "")
    assert all(character.isprintable() for character in body), printed
    printed.encode("utf-8")  # a lone surrogate would make printing it fail
    if text.isprintable():
        assert text in printed  # readable text is written as itself, not as \u escapes
