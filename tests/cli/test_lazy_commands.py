"""A command's parser is built from its module only when it is chosen, and reads exactly as before."""

from __future__ import annotations

import argparse

import pytest

from workstation.cli import main
from workstation.cli.command_table import Command
from workstation.cli.lazy_commands import CommandNotDefined, CommandStandIn, add_command_group


def _parser(*commands: Command) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="workstation")
    add_command_group(parser, commands, dest="command")
    return parser


def test_the_chosen_command_gets_its_own_options_defaults_and_handler() -> None:
    parser = _parser(
        Command("tasks", "list tasks", "workstation.cli.queue_cmds"),
        Command("stats", "count tasks", "workstation.cli.queue_cmds"),
    )
    args = parser.parse_args(["tasks", "--limit", "3", "--status", "draft", "--json"])
    assert (args.command, args.limit, args.status, args.json) == ("tasks", 3, ["draft"], True)
    assert args.handler.__name__ == "run_tasks"


def test_a_bad_option_is_refused_by_the_commands_own_parser(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["tasks", "--limit", "many"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: workstation tasks [-h]") and "[--status {open,draft," in err
    assert "argument --limit: invalid int value: 'many'" in err


def test_a_table_entry_whose_module_lacks_the_command_names_both() -> None:
    parser = _parser(Command("ghost", "nothing", "workstation.cli.queue_cmds"))
    with pytest.raises(CommandNotDefined, match=r"workstation\.cli\.queue_cmds\.register.*'ghost'"):
        parser.parse_args(["ghost"])


def test_a_stand_in_shows_the_real_help_when_asked_directly() -> None:
    parser = _parser(Command("stats", "count tasks", "workstation.cli.queue_cmds"))
    (stand_in,) = (
        action.choices["stats"]
        for action in parser._actions
        if isinstance(action, argparse._SubParsersAction)
    )
    assert isinstance(stand_in, CommandStandIn)
    assert stand_in.format_help().startswith("usage: workstation stats [-h] [--json]")
    assert stand_in.real_parser() is stand_in.real_parser()  # built once
