"""Every command group is registered and explains itself; a lost command module stops the program."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from workstation.cli import build_parser, main
from workstation.cli.command_table import BUNDLE_ACTIONS, COMMANDS, OUTBOX_ACTIONS, REVIEW_COMMANDS, Command
from workstation.cli.lazy_commands import CommandStandIn

REPO = Path(__file__).resolve().parents[2]
COMMAND_GROUPS = {
    "import": (),
    "export": (),
    "rewrite": (),
    "tasks": (),
    "stats": (),
    "timesheet": (),
    "receipt": (),
    "portfolio": (),
    "verify-record": (),
    "doctor": (),
    "lint": (),
    "keys": ("init", "show", "export", "import", "passwd"),
    "bundle": ("seal", "verify", "list", "export"),
    "outbox": ("push", "target", "retry"),
    "review": ("import", "figures", "trust", "writers", "list", "show", "verdict", "open", "report", "seal"),
}


def _choices(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """The subcommands ``parser`` knows, by name (a command's module is imported to build it)."""
    if isinstance(parser, CommandStandIn):
        parser = parser.real_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def test_every_command_group_is_registered() -> None:
    groups = _choices(build_parser())
    assert set(groups) == set(COMMAND_GROUPS)
    for name, subcommands in COMMAND_GROUPS.items():
        assert set(_choices(groups[name])) == set(subcommands), name


@pytest.mark.parametrize(
    "words",
    [[group] for group in COMMAND_GROUPS]
    + [[group, sub] for group, subs in COMMAND_GROUPS.items() for sub in subs],
    ids=" ".join,
)
def test_each_command_answers_help(words: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([*words, "--help"])
    assert exit_info.value.code == 0
    captured = capsys.readouterr()
    assert captured.out.startswith(f"usage: workstation {' '.join(words)}")
    assert captured.err == ""


def test_top_level_help_lists_every_group_without_a_traceback() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "workstation.cli", "--help"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    assert result.returncode == 0 and result.stderr == ""
    for group in COMMAND_GROUPS:
        assert f"    {group} " in result.stdout or f"    {group}\n" in result.stdout, group


@pytest.mark.parametrize(
    ("words", "table"),
    [
        ((), COMMANDS),
        (("bundle",), BUNDLE_ACTIONS),
        (("outbox",), OUTBOX_ACTIONS),
        (("review",), REVIEW_COMMANDS),
    ],
    ids=["workstation", "bundle", "outbox", "review"],
)
def test_help_lists_every_command_with_its_help_line_in_order(
    words: tuple[str, ...], table: tuple[Command, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    """``--help`` is built without importing the commands: it must still show each one's line."""
    with pytest.raises(SystemExit):
        main([*words, "--help"])
    listed = " ".join(capsys.readouterr().out.split())  # argparse wraps long help lines
    positions = [listed.find(f" {command.name} {command.help} ") for command in table]
    assert -1 not in positions, [command.name for command, at in zip(table, positions, strict=True) if at < 0]
    assert positions == sorted(positions)
    assert all(command.help for command in table)


def test_every_top_level_command_is_in_the_table_once() -> None:
    names = [command.name for command in COMMANDS]
    assert sorted(names) == sorted(COMMAND_GROUPS)


@pytest.mark.parametrize(
    "lost", ["workstation.cli.keys", "workstation.cli.queue_cmds", "workstation.cli.review_seal"]
)
def test_a_build_missing_a_command_module_fails_at_start_up(lost: str) -> None:
    """A frozen build that lost a command's module must not start and quietly lack the command.

    The modules are imported only when their command runs, so this is checked at start-up.
    """
    script = f"import sys\nsys.modules[{lost!r}] = None\nimport workstation.cli\n"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, timeout=60
    )
    assert result.returncode != 0
    assert lost in result.stderr
