"""``workstation review``: the reviewer's commands, one module per part of the job.

The group's subcommands are :data:`~workstation.cli.command_table.REVIEW_COMMANDS`; each one's
module (inbox, item, window, seal, report) is imported only when that subcommand runs.
"""

from __future__ import annotations

from typing import Any

from workstation.cli.command_table import REVIEW_COMMANDS
from workstation.cli.lazy_commands import add_command_group


def register(subparsers: Any) -> None:
    review = subparsers.add_parser("review")
    add_command_group(review, REVIEW_COMMANDS, dest="review_command", metavar="REVIEW_COMMAND", required=True)
