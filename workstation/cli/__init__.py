"""The ``workstation`` command line. Every headless feature is reachable here.

Each command group lives in its own module with a ``register(subparsers)`` function; the handler
it sets returns the exit status. No command at all (or ``--demo``) opens the window.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from types import ModuleType

from workstation import __version__
from workstation.cli import bundle, data_cmds, doctor, keys, lint, outbox, work_cmds
from workstation.cli.common import CliError, report_unexpected_error

# Modules that add subcommands, in the order ``--help`` lists them. Imported by name above, so a
# frozen build that lost one fails at start-up instead of shipping without the command.
COMMAND_MODULES: tuple[ModuleType, ...] = (data_cmds, work_cmds, doctor, lint, keys, bundle, outbox)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="workstation",
        description="Rewrite Workstation: rewrite model outputs into human prose, offline.",
        epilog="With no command, opens the app window.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="where tasks and rewrites are kept (default: $WORKSTATION_DATA_DIR or your user data folder)",
    )
    parser.add_argument(
        "--demo", action="store_true", help="open the app on the bundled demo project in a throwaway data dir"
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            from workstation.cli.app_launch import launch_app

            return launch_app(args)
        if args.demo:
            parser.error("--demo opens the window; it cannot be combined with a command")
        return int(args.handler(args))
    except CliError as exc:
        print(f"workstation: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("workstation: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        return report_unexpected_error(args, exc)


if __name__ == "__main__":
    raise SystemExit(main())
