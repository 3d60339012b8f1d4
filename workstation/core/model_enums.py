"""The fixed words the records use (statuses, verdict kinds, session sources, rubric rules), no pydantic.

:mod:`workstation.core.models` builds its pydantic models on these and re-exports them; they
live here so code that only needs the words (the command line's read commands, a status filter)
does not pay for importing pydantic and building every model, about 0.1 s of start-up.
"""

from __future__ import annotations

from enum import StrEnum


class RewriteStatus(StrEnum):
    """Where a task stands for the writer. ``open`` means no rewrite has been started."""

    OPEN = "open"
    DRAFT = "draft"
    SUBMITTED = "submitted"
    SKIPPED = "skipped"
    FLAGGED = "flagged"


ALL_STATUSES: tuple[str, ...] = tuple(status.value for status in RewriteStatus)


class WorkSessionSource(StrEnum):
    """What recorded a work session: the app's editor, the command line, or the schema migration."""

    APP = "app"
    CLI = "cli"
    MIGRATED = "migrated"


class VerdictKind(StrEnum):
    """A reviewer's judgement of one rewrite. Anything but ``accept`` needs a reason."""

    ACCEPT = "accept"
    REVISE = "revise"
    REJECT = "reject"


class IncompleteRubric(StrEnum):
    """What submitting with unanswered rubric questions does: ask first (``warn``) or refuse (``block``)."""

    WARN = "warn"
    BLOCK = "block"
