"""What the reviewer's queue, filters and batch charts know about one received rewrite.

An :class:`AuditItem` carries no text, so a whole inbox (200,000 items) fits in memory as a list
of them; the texts are read one item at a time (:class:`ItemDetail`). The figures are the ones
the reviewer's own app computed from the two texts when the bundle was imported, never the
metrics the writer's app claimed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workstation.core.models import Rewrite, Task, Verdict


@dataclass(frozen=True, slots=True)
class AuditFigures:
    """Figures of one item, computed from its texts: word counts, edit rate and lint density.

    ``edit_rate`` is word edit distance over the original's words (see ``diff.metrics``);
    densities are robotic-pattern findings per 1,000 words of that side.
    """

    words_original: int
    words_rewrite: int
    edit_rate: float
    density_before: float
    density_after: float
    findings_before: int
    findings_after: int


@dataclass(frozen=True, slots=True)
class AuditItem:
    """One received rewrite as the queue and the charts see it (no texts).

    ``item_id`` is the rewrite id (unique across writers: ``rw-`` + a random UUID). ``figures`` is
    None until the figures pass has computed them (moments after the bundle was received).
    ``active_seconds`` is the writer's active time as sealed; ``flagged`` is the writer's own
    flag (the task was flagged rather than submitted). ``pasted_share`` is the pasted share of
    the sealed effort signals (0..1), None when they were not recorded.
    """

    seq: int
    item_id: str
    bundle_id: str
    writer_name: str
    writer_fingerprint: str
    task_id: str
    project: str
    model: str | None
    status: str
    figures: AuditFigures | None
    active_seconds: float
    flagged: bool
    revision_of: str | None
    pasted_share: float | None = None

    @property
    def seconds_per_100_words(self) -> float | None:
        """Active time per 100 words of the rewrite; None for an empty rewrite or figures not ready."""
        if self.figures is None:
            return None
        words = self.figures.words_rewrite
        return self.active_seconds * 100.0 / words if words else None


@dataclass(frozen=True)
class ItemDetail:
    """One item in full, for the audit view: the task and rewrite as sealed, and its verdicts."""

    item: AuditItem
    task: Task
    rewrite: Rewrite
    record: dict[str, Any]
    verdicts: tuple[Verdict, ...]
