"""Subcommands whose module is imported only when they run, so ``workstation tasks`` answers at once.

:func:`add_command_group` adds one stand-in parser per :class:`~workstation.cli.command_table.Command`:
it carries the help line (so ``--help`` lists every command) and nothing else. When argparse
picks a stand-in, the stand-in imports the command's module, lets its ``register`` function add
the real parser, and hands the rest of the command line to it: the real parser's options,
defaults (the ``handler``), errors and ``--help`` are exactly what they would be if every module
had been imported at start-up, which costs about half a second (Qt-free, but pydantic, the
signing code, the prose rules, the upload targets ...).

:func:`check_command_modules` keeps what importing every module up front gave: a build that
lost a command's module fails at start-up instead of shipping without the command.
"""

from __future__ import annotations

import argparse
import importlib.util
from collections.abc import Iterable, Sequence
from importlib import import_module
from typing import Any

from workstation.cli.command_table import Command, command_modules


class CommandNotDefined(LookupError):
    """A command table names a module whose ``register`` does not add that command (a bug)."""


def add_command_group(parser: argparse.ArgumentParser, commands: Iterable[Command], **options: Any) -> Any:
    """Give ``parser`` the subcommands ``commands``, in order, each a :class:`CommandStandIn`.

    ``options`` go to :meth:`argparse.ArgumentParser.add_subparsers` (``dest``, ``metavar``,
    ``required``); the subparsers action is returned.
    """
    subparsers = parser.add_subparsers(parser_class=CommandStandIn, **options)
    for command in commands:
        subparsers.add_parser(command.name, help=command.help, command=command)
    return subparsers


class _Registrar:
    """Takes the place of an argparse subparsers action while a command module registers.

    It makes the parsers the module asks for, with the program name the real action would give
    them, and keeps them by name; the help line is the table's, so the module's is left out.
    """

    def __init__(self, prog_prefix: str) -> None:
        self._prog_prefix = prog_prefix
        self.parsers: dict[str, argparse.ArgumentParser] = {}

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser:
        kwargs.pop("help", None)
        kwargs.setdefault("prog", f"{self._prog_prefix} {name}")
        parser = argparse.ArgumentParser(**kwargs)
        self.parsers[name] = parser
        return parser


def build_command_parser(command: Command, prog: str) -> argparse.ArgumentParser:
    """The real parser of ``command`` (program name ``prog``), from its module's ``register``."""
    registrar = _Registrar(prog.rpartition(" ")[0])
    getattr(import_module(command.module), command.register)(registrar)
    try:
        return registrar.parsers[command.name]
    except KeyError:
        raise CommandNotDefined(
            f"{command.module}.{command.register} does not add the {command.name!r} command"
        ) from None


class CommandStandIn(argparse.ArgumentParser):
    """A subcommand's parser until it is chosen: its help line only, its module not yet imported."""

    def __init__(self, *, command: Command, **kwargs: Any) -> None:
        super().__init__(add_help=False, **kwargs)
        self.command = command
        self._real: argparse.ArgumentParser | None = None

    def real_parser(self) -> argparse.ArgumentParser:
        """The command's own parser, built (and its module imported) on the first call."""
        if self._real is None:
            self._real = build_command_parser(self.command, self.prog)
        return self._real

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        """What argparse calls on the chosen subcommand: the real parser does the parsing."""
        return self.real_parser().parse_known_args(args, namespace)

    def format_help(self) -> str:
        return self.real_parser().format_help()

    def format_usage(self) -> str:
        return self.real_parser().format_usage()


def check_command_modules() -> None:
    """Raise :class:`ModuleNotFoundError` naming the first command module this build cannot import.

    Finding a module reads the package's directory listing (or a frozen build's table of
    contents) without running it: well under a millisecond for every command together.
    """
    for name in command_modules():
        if importlib.util.find_spec(name) is None:
            raise ModuleNotFoundError(f"this build lacks the command module {name}", name=name)
