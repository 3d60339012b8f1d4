"""The ``workstation`` command line. Every headless feature is reachable here.

Each command group lives in its own module with a ``register(subparsers)`` function; the handler
it sets returns the exit status. :mod:`~workstation.cli.command_table` lists every command with
its help line and module, and a command's module is imported only when it runs
(:mod:`~workstation.cli.lazy_commands`), so ``--help``, ``--version`` and the read commands start
in a fraction of the time importing everything takes. No command at all (or ``--demo``) opens
the window.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from workstation import __version__
from workstation.cli.command_table import COMMANDS
from workstation.cli.common import CliError, log_to_data_dir, report_unexpected_error, say_error
from workstation.cli.lazy_commands import add_command_group, check_command_modules
from workstation.core.files.datadir import DataDirError
from workstation.core.files.inputs import InputRefused
from workstation.core.files.os_errors import describe_os_error
from workstation.core.store import StoreError

# A frozen build that lost a command's module fails here, at start-up, instead of shipping
# without the command.
check_command_modules()


def build_parser() -> argparse.ArgumentParser:
    """The ``workstation`` parser; each command's own parser is built when it is chosen."""
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
    add_command_group(parser, COMMANDS, dest="command", metavar="COMMAND")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; every failure becomes one line on stderr and an exit status, never a traceback.

    1 for a refused input, a broken machine (full or read-only disk, no permission, wrong kind
    of path, locked or newer store) and anything unexpected (whose traceback goes to the log);
    2 for a usage error; 130 when interrupted.
    """
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
        say_error(str(exc))
        return exc.exit_code
    except (InputRefused, DataDirError, StoreError) as exc:
        say_error(str(exc))
        return 1
    except KeyboardInterrupt:
        say_error("interrupted")
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except OSError as exc:
        say_error(describe_os_error(exc))
        return 1
    except RecursionError as exc:
        say_error(f"the input is nested too deeply to read; nothing was changed{log_to_data_dir(args, exc)}")
        return 1
    except MemoryError as exc:
        say_error(
            f"there is not enough memory for this input; nothing was changed{log_to_data_dir(args, exc)}"
        )
        return 1
    except Exception as exc:
        return report_unexpected_error(args, exc)


def _silence_stdout() -> None:
    """The reader of our output went away (``| head``): drop what is left instead of failing at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # stdout may not be a real file (tests, embedding)
        pass


if __name__ == "__main__":
    raise SystemExit(main())
