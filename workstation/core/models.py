"""The product's records as pydantic v2 models.

These are the shapes that cross module boundaries: importers produce :class:`TaskInput`, the store
hands out :class:`Task` and :class:`Rewrite`, projects carry guidelines and a :class:`Rubric`, and
each sitting at a task is a :class:`WorkSession`. Everything here is plain data; no behaviour that
touches disk or Qt. The enums the models use (statuses, verdict kinds, session sources) live in
:mod:`workstation.core.model_enums`, importable without pydantic, and are re-exported here.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from workstation.core.clock import iso_utc, parse_iso_utc
from workstation.core.model_enums import (
    ALL_STATUSES,
    IncompleteRubric,
    RewriteStatus,
    VerdictKind,
    WorkSessionSource,
)

__all__ = [
    "ALL_STATUSES",
    "EMPTY_OUTPUT_MESSAGE",
    "MAX_TASK_ID_CHARS",
    "ROLES",
    "Anchor",
    "Criterion",
    "IncompleteRubric",
    "Message",
    "Project",
    "ReviewComment",
    "Rewrite",
    "RewriteStatus",
    "Role",
    "Rubric",
    "Task",
    "TaskInput",
    "Verdict",
    "VerdictKind",
    "WorkSession",
    "WorkSessionSource",
    "clean_task_id",
    "content_task_id",
    "is_blank_output",
    "sha256_text",
]

Role = Literal["system", "user", "assistant", "tool", "developer"]


class Message(BaseModel):
    """One chat turn of the context a model answered."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    role: Role
    content: str


EMPTY_OUTPUT_MESSAGE = "the model output to rewrite is empty"
MAX_TASK_ID_CHARS = 200
"""The longest task id kept, in characters (code points) after trimming."""

ROLES: tuple[str, ...] = get_args(Role)
"""Every chat role a :class:`Message` may have, in the order error messages list them."""


def is_blank_output(original: str) -> bool:
    """Whether a model output holds nothing to rewrite (empty or only whitespace)."""
    return not original.strip()


def clean_task_id(value: str | None) -> str | None:
    """A task id as it is kept: trimmed, and None when blank (the content hash names the task).

    The one definition of the id rule, used by :class:`TaskInput` and by the importers' checks
    that build tasks without pydantic. Raises ValueError when longer than
    :data:`MAX_TASK_ID_CHARS` characters.
    """
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    if len(value) > MAX_TASK_ID_CHARS:
        raise ValueError(f"id is longer than {MAX_TASK_ID_CHARS} characters")
    return value


# One encoder for every hash: json.dumps with options builds a new encoder per call (~1 µs).
_encode_hashed = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode


def content_task_id(prompt: str | None, turns: list[dict[str, str]] | None, original: str) -> str:
    """The id of a task that has none of its own: ``h-`` and 24 hex digits of SHA-256.

    The hash covers context (``turns`` as ``{role, content}`` objects, None when there are none)
    and output, so re-importing the same file adds nothing while two different outputs for the
    same prompt stay two tasks.
    """
    payload = _encode_hashed({"prompt": prompt, "messages": turns, "original": original})
    return "h-" + hashlib.sha256(payload.encode("utf-8")).hexdigest()[:24]


class TaskInput(BaseModel):
    """A task as an importer reads it, before the store gives it a place in the queue.

    ``original`` is the model output the writer rewrites. ``prompt`` and ``messages`` are the
    context: plain prompt text, or the chat turns before the model's answer (or both).
    """

    model_config = ConfigDict(extra="forbid")

    id: str | None = None
    prompt: str | None = None
    messages: list[Message] | None = None
    original: str
    model: str | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)

    @field_validator("original")
    @classmethod
    def _original_not_blank(cls, value: str) -> str:
        if is_blank_output(value):
            raise ValueError(EMPTY_OUTPUT_MESSAGE)
        return value

    @field_validator("id")
    @classmethod
    def _id_not_blank(cls, value: str | None) -> str | None:
        return clean_task_id(value)

    def stable_id(self) -> str:
        """The id the store files this task under: the file's own id, else a content hash
        (:func:`content_task_id`)."""
        if self.id:
            return self.id
        turns = [m.model_dump() for m in self.messages] if self.messages else None
        return content_task_id(self.prompt, turns, self.original)


class Task(BaseModel):
    """A task as the store holds it, with the writer's current status."""

    model_config = ConfigDict(frozen=True)

    id: str
    seq: int
    project: str
    prompt: str | None = None
    messages: tuple[Message, ...] | None = None
    original: str
    original_sha256: str
    model: str | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)
    source: str | None = None
    status: RewriteStatus = RewriteStatus.OPEN

    @property
    def has_messages(self) -> bool:
        return bool(self.messages)


class Rewrite(BaseModel):
    """The writer's work on one task. ``metrics`` holds edit and prose metrics as computed at save.

    ``revision_of`` is ``{"bundle_id": ..., "rewrite_id": ...}``: the sealed rewrite this draft
    revises after a reviewer asked for revisions (None for a first draft). ``edited_after_submit``
    is the time of the first change to a submitted rewrite before it was sealed (None: the
    submitted text is the one the writer confirmed; see :mod:`workstation.core.submission`).
    """

    model_config = ConfigDict(frozen=True)

    rewrite_id: str
    task_id: str
    text: str
    status: RewriteStatus = RewriteStatus.DRAFT
    started_from: Literal["original", "empty"] = "original"
    ratings: dict[str, int] = Field(default_factory=dict)
    tags: tuple[str, ...] = ()
    notes: str = ""
    flag_reason: str | None = None
    active_seconds: float = 0.0
    cursor: int = 0
    metrics: dict[str, Any] = Field(default_factory=dict)
    created_at: str
    updated_at: str
    submitted_at: str | None = None
    sealed_bundle_id: str | None = None
    revision_of: dict[str, str] | None = None
    edited_after_submit: str | None = None


class WorkSession(BaseModel):
    """One sitting at one task, as of its last save: the rows a timesheet is built from.

    ``active_seconds`` counts this sitting only (seconds, never negative); the rewrite keeps the
    running total, and a task's sessions add up to it. Timestamps are UTC in the form of
    :func:`~workstation.core.clock.iso_utc` (any offset given is converted), so the store can
    compare them as text; ``ended_at`` is the time of the last save, never before ``started_at``.
    The effort counts stay ``None`` until they are recorded: ``None`` means "not recorded", which
    is not the same as zero. They are counts of this sitting, never content (see
    :mod:`workstation.core.effort.recorder`): characters are code points, ``keystrokes`` the key
    presses that typed or deleted, ``external_chars`` text committed by dictation or an input
    method, ``revisions`` the saves that changed the text, ``longest_idle_seconds`` the longest
    stretch between two of the writer's actions.
    """

    model_config = ConfigDict(frozen=True)

    id: str = Field(min_length=1)
    task_id: str = Field(min_length=1)
    project: str
    started_at: str
    ended_at: str
    active_seconds: float = Field(default=0.0, ge=0.0, allow_inf_nan=False)
    keystrokes: int | None = Field(default=None, ge=0)
    typed_chars: int | None = Field(default=None, ge=0)
    pasted_chars: int | None = Field(default=None, ge=0)
    paste_events: int | None = Field(default=None, ge=0)
    undo_count: int | None = Field(default=None, ge=0)
    redo_count: int | None = Field(default=None, ge=0)
    revisions: int | None = Field(default=None, ge=0)
    largest_paste_chars: int | None = Field(default=None, ge=0)
    external_chars: int | None = Field(default=None, ge=0)
    longest_idle_seconds: float | None = Field(default=None, ge=0.0, allow_inf_nan=False)
    source: WorkSessionSource

    @field_validator("started_at", "ended_at")
    @classmethod
    def _utc_timestamp(cls, value: str) -> str:
        return iso_utc(parse_iso_utc(value))

    @model_validator(mode="after")
    def _ends_after_it_starts(self) -> WorkSession:
        if self.ended_at < self.started_at:  # same textual form: text order is time order
            raise ValueError(
                f"a work session cannot end ({self.ended_at}) before it started ({self.started_at})"
            )
        return self


class Criterion(BaseModel):
    """One rubric question the writer answers about the original output."""

    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    question: str = ""
    min: int = 1
    max: int = 5
    labels: dict[str, str] = Field(default_factory=dict)


class Rubric(BaseModel):
    model_config = ConfigDict(frozen=True)

    criteria: tuple[Criterion, ...] = ()


#: The language a project's texts are written in, as a BCP 47 tag of a language and an optional
#: region ("en-US", "en-GB"): spelling checks against it.
DEFAULT_LANGUAGE = "en-US"
LANGUAGE_TAG = r"^[a-z]{2,3}(-[A-Z]{2})?$"


class Project(BaseModel):
    """A batch of tasks with its guidelines (Markdown), rubric, suggested tags and flag reasons.

    ``language`` is the texts' language (spelling follows it); ``incomplete_rubric`` says whether
    a rewrite may be submitted before every rubric question is answered.
    """

    model_config = ConfigDict(frozen=True)

    name: str
    description: str = ""
    guidelines: str = ""
    rubric: Rubric = Field(default_factory=Rubric)
    tags: tuple[str, ...] = ()
    flag_reasons: tuple[str, ...] = ()
    language: str = Field(default=DEFAULT_LANGUAGE, pattern=LANGUAGE_TAG)
    incomplete_rubric: IncompleteRubric = IncompleteRubric.WARN


def sha256_text(text: str) -> str:
    """Hex SHA-256 of the UTF-8 bytes of ``text``: how records name the exact original."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Anchor(BaseModel):
    """Where a review comment points: a span of one side's text, in code points.

    ``quote`` is the exact text of the span when the comment was made, so a reader can find it
    again (and notice when the text it points into is not the one commented on). ``hunk`` is the
    diff chunk's index when the comment was made on a whole change rather than a selection.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    side: Literal["original", "rewrite"]
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    quote: str
    hunk: int | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Anchor:
        if self.end < self.start:
            raise ValueError(f"an anchor cannot end ({self.end}) before it starts ({self.start})")
        return self


class ReviewComment(BaseModel):
    """A reviewer's comment, on the whole item (no anchor) or on a span of it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str = Field(min_length=1)
    anchor: Anchor | None = None


class Verdict(BaseModel):
    """One reviewer's verdict on exactly one sealed rewrite, named by its bundle and text hash.

    ``rewrite_sha256`` is the hex SHA-256 of the rewrite text judged: a verdict countersigns
    that text and no other. ``created_at`` is UTC like every stored time.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    verdict_id: str = Field(min_length=1)
    bundle_id: str = Field(pattern=r"^sha256:[0-9a-f]{64}$")
    rewrite_id: str = Field(min_length=1)
    task_id: str = Field(min_length=1)
    rewrite_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    verdict: VerdictKind
    reason: str | None = None
    comment: str = ""
    comments: tuple[ReviewComment, ...] = ()
    reviewer_name: str = Field(min_length=1)
    reviewer_fingerprint: str = Field(pattern=r"^[0-9a-f]{64}$")
    created_at: str

    @field_validator("created_at")
    @classmethod
    def _utc_timestamp(cls, value: str) -> str:
        return iso_utc(parse_iso_utc(value))

    @field_validator("reason")
    @classmethod
    def _reason_trimmed(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.strip()
        return value or None

    @model_validator(mode="after")
    def _reason_unless_accepted(self) -> Verdict:
        if self.verdict is not VerdictKind.ACCEPT and not self.reason:
            raise ValueError(f"a verdict of {self.verdict.value!r} needs a reason")
        return self
