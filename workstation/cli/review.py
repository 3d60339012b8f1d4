"""``workstation review``: the reviewer's commands, one module per part of the job.

The group's subcommands come from the modules in :data:`REVIEW_MODULES`, each with a
``register(commands)`` function adding its subparsers to the group.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from workstation.cli import review_inbox, review_item, review_report, review_seal, review_window

REVIEW_MODULES: tuple[ModuleType, ...] = (
    review_inbox,
    review_item,
    review_window,
    review_seal,
    review_report,
)


def register(subparsers: Any) -> None:
    review = subparsers.add_parser(
        "review", help="receive bundles, audit rewrites, sign verdicts and report on a batch"
    )
    commands = review.add_subparsers(dest="review_command", metavar="REVIEW_COMMAND", required=True)
    for module in REVIEW_MODULES:
        module.register(commands)
