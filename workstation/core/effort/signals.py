"""A task's effort signals summed over its sittings, and the rule that flags a rewrite for a look.

**Shares.** Over the sittings counted, let T be the characters typed, P the characters pasted or
dropped in, E the characters of external input (dictation, an input method) and N the characters
of the final rewrite; characters are code points, line breaks count one. With D = max(N, T + P + E):

- ``typed_share`` = T / D, ``pasted_share`` = P / D, ``external_share`` = E / D;
- each lies in [0, 1] and together they make at most 1; the rest, ``kept_share``, is the part of
  the text these sittings did not enter (kept from the text the rewrite started from, or changed
  by other means such as an applied lint suggestion).

Why D is the larger of the two: the counts are of characters entered, and some of them are
deleted again, so T + P + E can exceed N; dividing by the larger keeps every share a true
fraction and never lets one kind crowd the others past the whole. When nothing was entered and
the rewrite is empty, D is 0 and every share is 0.

Why characters and not words: peers publish the review threshold as a share of the final words,
but counting words entered would mean looking at them. For prose the characters of a passage and
its words keep a near-constant ratio, so the character share stands in for the word share, and
the recording stays content-blind.

**Recorded or not.** A sitting whose counts are ``None`` was not recorded (the writer turned
effort signals off, or an older build or the command line recorded it). A summary is
``recorded`` when every sitting was, ``partly recorded`` when some were, ``not recorded`` when
none was; counts and shares are given only when it is ``recorded``, since a share over some of
the sittings would pass part of the work off as the whole.

**Review flag.** A rewrite whose pasted share is over :data:`PASTED_SHARE_FOR_A_LOOK` is flagged
for a reviewer to look at, never rejected for it: writers paste their own drafts and notes.
Dictation and input methods are "external input", never typing and never "AI".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from workstation.core.effort.recorder import EFFORT_FIELDS
from workstation.core.models import WorkSession

PASTED_SHARE_FOR_A_LOOK = 0.5
"""Pasted over this share of the final rewrite flags it for a look (the threshold peers publish)."""

SHARE_DIGITS = 3
"""Decimal places a share is written with in records and receipts (a tenth of a percent)."""

EXTERNAL_INPUT = "external input"
"""What text committed by dictation or an input method is called wherever it is shown."""


class RecordingStatus(StrEnum):
    """Whether a set of sittings recorded its effort counts: all, some, or none of them."""

    RECORDED = "recorded"
    PARTLY_RECORDED = "partly recorded"
    NOT_RECORDED = "not recorded"


def is_recorded(session: WorkSession) -> bool:
    """Whether ``session`` holds every effort count (a sitting records all of them or none)."""
    return all(getattr(session, name) is not None for name in EFFORT_FIELDS)


def recording_status(recorded: int, total: int) -> RecordingStatus:
    """The status of ``total`` sittings of which ``recorded`` recorded their counts."""
    if recorded == 0:
        return RecordingStatus.NOT_RECORDED
    return RecordingStatus.RECORDED if recorded == total else RecordingStatus.PARTLY_RECORDED


def is_for_a_look(pasted_share: float | None) -> bool:
    """The review flag's one rule: a pasted share (0..1) over :data:`PASTED_SHARE_FOR_A_LOOK`."""
    return pasted_share is not None and pasted_share > PASTED_SHARE_FOR_A_LOOK


def for_a_look_sentence(pasted_share: float | None) -> str | None:
    """What a reviewer is told about a rewrite flagged by :func:`is_for_a_look`, else ``None``."""
    if pasted_share is None or not is_for_a_look(pasted_share):
        return None
    return (
        f"Pasted text makes up {pasted_share:.0%} of the final rewrite, over the "
        f"{PASTED_SHARE_FOR_A_LOOK:.0%} that is worth a look. Writers paste their own drafts "
        "too: this is never a reason to reject by itself."
    )


@dataclass(frozen=True, slots=True)
class Shares:
    """Typed, pasted and external shares of a final rewrite (see the module's definition)."""

    typed: float
    pasted: float
    external: float

    @property
    def kept(self) -> float:
        """The share of the final text that these sittings did not enter."""
        return max(0.0, 1.0 - self.typed - self.pasted - self.external)


def shares_of(final_chars: int, typed: int, pasted: int, external: int) -> Shares:
    """The shares of a final rewrite of ``final_chars`` characters; counts are characters entered."""
    if min(final_chars, typed, pasted, external) < 0:
        raise ValueError("character counts cannot be negative")
    whole = max(final_chars, typed + pasted + external)
    if whole == 0:
        return Shares(0.0, 0.0, 0.0)
    return Shares(typed / whole, pasted / whole, external / whole)


@dataclass(frozen=True, slots=True)
class EffortSignals:
    """What a task's sittings recorded about the work, summed; ``None`` counts: not recorded."""

    status: RecordingStatus
    sessions: int
    recorded_sessions: int
    final_chars: int
    keystrokes: int | None = None
    typed_chars: int | None = None
    pasted_chars: int | None = None
    paste_events: int | None = None
    largest_paste_chars: int | None = None
    external_chars: int | None = None
    undo_count: int | None = None
    redo_count: int | None = None
    revisions: int | None = None
    longest_idle_seconds: float | None = None
    shares: Shares | None = None

    @property
    def needs_a_look(self) -> bool:
        """Pasted text makes up over half the final rewrite: worth a reviewer's look."""
        return self.shares is not None and is_for_a_look(self.shares.pasted)

    def flag_sentence(self) -> str | None:
        """What a reviewer is told when :attr:`needs_a_look`, else ``None``."""
        return for_a_look_sentence(self.shares.pasted) if self.shares is not None else None

    def as_record(self) -> dict[str, Any]:
        """The signals as a JSON object for a signed record: every count, ``None`` (null) when not
        recorded, and the shares rounded to :data:`SHARE_DIGITS` places."""
        record: dict[str, Any] = {
            "status": self.status.value,
            "sessions": self.sessions,
            "recorded_sessions": self.recorded_sessions,
            "final_chars": self.final_chars,
        }
        record.update({name: getattr(self, name) for name in EFFORT_FIELDS})
        shares = self.shares
        for name in ("typed", "pasted", "external"):
            value = None if shares is None else round(getattr(shares, name), SHARE_DIGITS)
            record[f"{name}_share"] = value
        record["for_a_look"] = self.needs_a_look
        return record


def summarise_effort(sessions: Sequence[WorkSession], final_text: str) -> EffortSignals:
    """The effort signals of one task: its ``sessions`` and the rewrite they produced (``final_text``).

    Counts are sums over the sittings, except the largest paste and the longest idle gap, which
    are the largest of any sitting.
    """
    recorded = [s for s in sessions if is_recorded(s)]
    status = recording_status(len(recorded), len(sessions))
    final_chars = len(final_text)
    if status is not RecordingStatus.RECORDED:
        return EffortSignals(status, len(sessions), len(recorded), final_chars)

    def total(name: str) -> int:
        return sum(int(getattr(s, name)) for s in recorded)

    typed, pasted, external = total("typed_chars"), total("pasted_chars"), total("external_chars")
    return EffortSignals(
        status,
        len(sessions),
        len(recorded),
        final_chars,
        keystrokes=total("keystrokes"),
        typed_chars=typed,
        pasted_chars=pasted,
        paste_events=total("paste_events"),
        largest_paste_chars=max(int(s.largest_paste_chars or 0) for s in recorded),
        external_chars=external,
        undo_count=total("undo_count"),
        redo_count=total("redo_count"),
        revisions=total("revisions"),
        longest_idle_seconds=max(float(s.longest_idle_seconds or 0.0) for s in recorded),
        shares=shares_of(final_chars, typed, pasted, external),
    )
