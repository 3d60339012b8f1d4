"""Every command's name, its one line of ``--help`` and the module that defines it.

The one place a command's help line is written: ``workstation --help`` (and a group's ``--help``)
is built from these tables alone, without importing a single command module, and a command's
module is imported only when that command runs (see :mod:`workstation.cli.lazy_commands`).
Each table is in the order its ``--help`` lists the commands.
"""

from __future__ import annotations

from typing import NamedTuple


class Command(NamedTuple):
    """A (sub)command: ``module``'s function ``register(subparsers)`` adds the parser called ``name``.

    The function may add sibling commands too (one module per command group); only the parser
    named ``name`` is kept when this command is chosen. (A named tuple, not a dataclass:
    ``dataclasses`` imports ``inspect``, a few milliseconds ``--help`` need not spend.)
    """

    name: str
    help: str
    module: str
    register: str = "register"


_CLI = "workstation.cli"

COMMANDS: tuple[Command, ...] = (
    Command(
        "import", "import task files (JSONL, OpenAI chat, TRL, Label Studio, CSV/TSV)", f"{_CLI}.data_cmds"
    ),
    Command("export", "write rewrites out as training data", f"{_CLI}.data_cmds"),
    Command("rewrite", "set a task's rewrite from a file", f"{_CLI}.work_cmds"),
    Command("tasks", "list tasks with their status", f"{_CLI}.queue_cmds"),
    Command("stats", "counts of tasks by status", f"{_CLI}.queue_cmds"),
    Command("timesheet", "a signed timesheet of your active time", f"{_CLI}.records_cmds"),
    Command("receipt", "a signed work receipt for a sealed bundle", f"{_CLI}.records_cmds"),
    Command("portfolio", "your sealed rewrites as a signed HTML site and PDF", f"{_CLI}.records_cmds"),
    Command("verify-record", "check a signed timesheet, receipt or portfolio", f"{_CLI}.records_cmds"),
    Command(
        "doctor",
        "check the store's integrity, make a backup (or restore one), show where the log is",
        f"{_CLI}.doctor",
    ),
    Command("lint", "check a text for robotic patterns with the prose rules", f"{_CLI}.lint"),
    Command("keys", "the writer's signing key", f"{_CLI}.keys"),
    Command("bundle", "seal, verify, list and export rewrite bundles", f"{_CLI}.bundle"),
    Command("outbox", "sealed bundles waiting to upload (push, target, retry)", f"{_CLI}.outbox"),
    Command(
        "review", "receive bundles, audit rewrites, sign verdicts and report on a batch", f"{_CLI}.review"
    ),
)
"""The top-level commands of ``workstation``."""

BUNDLE_ACTIONS: tuple[Command, ...] = (
    Command("seal", "seal every submitted, unsealed rewrite into one signed bundle", f"{_CLI}.bundle_seal"),
    Command("verify", "check bundles: signature, signer, hashes, structure, chains", f"{_CLI}.bundle_verify"),
    Command("list", "bundles sealed in this data dir", f"{_CLI}.bundle", "register_actions"),
    Command("export", "write a sealed bundle to a file", f"{_CLI}.bundle", "register_actions"),
)
"""``workstation bundle ACTION``."""

OUTBOX_ACTIONS: tuple[Command, ...] = (
    Command("push", "upload every bundle not yet acked or rejected, now", f"{_CLI}.outbox_upload"),
    Command("target", "show or save the default upload target", f"{_CLI}.outbox_upload"),
    Command("retry", "put a rejected bundle back in the queue", f"{_CLI}.outbox", "register_actions"),
)
"""``workstation outbox ACTION`` (with no action, ``outbox`` lists the outbox)."""

REVIEW_COMMANDS: tuple[Command, ...] = (
    Command("import", "verify bundles and add them to the inbox", f"{_CLI}.review_inbox"),
    Command(
        "figures",
        "compute the edit rates and lint densities of items received without them",
        f"{_CLI}.review_inbox",
    ),
    Command(
        "trust", "trust a writer's key (a .pub file, a key, or a pending fingerprint)", f"{_CLI}.review_inbox"
    ),
    Command("writers", "the writer keys this inbox trusts or waits to confirm", f"{_CLI}.review_lists"),
    Command("list", "the received rewrites with writer, bundle, model and verdicts", f"{_CLI}.review_lists"),
    Command("show", "one received rewrite with its word diff", f"{_CLI}.review_item"),
    Command("verdict", "record your verdict on one received rewrite", f"{_CLI}.review_item"),
    Command(
        "open",
        "open the review window: the inbox's items, their diffs and your verdicts",
        f"{_CLI}.review_window",
    ),
    Command("seal", "sign your verdicts into one verdict bundle in the outbox", f"{_CLI}.review_seal"),
    Command(
        "report",
        "the scoreboard: per model, writer or bundle, edits, effort, robotic patterns and verdicts",
        f"{_CLI}.review_report",
    ),
)
"""``workstation review REVIEW_COMMAND``."""

ALL_TABLES: tuple[tuple[Command, ...], ...] = (COMMANDS, BUNDLE_ACTIONS, OUTBOX_ACTIONS, REVIEW_COMMANDS)


def command_modules() -> tuple[str, ...]:
    """Every module a command comes from, each once: what a frozen build must contain."""
    return tuple(dict.fromkeys(command.module for table in ALL_TABLES for command in table))
