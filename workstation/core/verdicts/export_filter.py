"""Exporting only what reviewers judged one way (``export --status accepted``, ``--verdict``).

A verdict judges the rewrite it names (by rewrite id, over the sha256 of its text); the export
writes each task's current rewrite, so a rewrite counts as judged only by the verdicts that name
its own id. A task reopened for revision has a new rewrite id: it is in none of these exports
until its resubmission is judged.

When several reviewers judged a rewrite, each one's latest verdict counts (earlier ones are set
aside, see ``review.latest_verdicts``) and they must all agree: a rewrite is "accepted" when every
reviewer's latest verdict on it is accept, and ``--verdict reject`` takes it only when every
reviewer's latest is reject. Reviewers who disagree put it in no verdict export; ``workstation
review report`` shows those.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from workstation.core.models import Rewrite, Task, Verdict, VerdictKind
from workstation.core.review.latest_verdicts import latest_verdicts

ACCEPTED_STATUS = "accepted"
"""The ``--status`` that means submitted and accepted by every reviewer who judged it."""


def agreed_verdict(verdicts: Iterable[Verdict]) -> VerdictKind | None:
    """The verdict every reviewer's latest verdict agrees on, or None (no verdict, or disagreement)."""
    kinds = {verdict.verdict for verdict in verdicts}
    return kinds.pop() if len(kinds) == 1 else None


def judged_pairs(
    pairs: Iterable[tuple[Task, Rewrite]], verdicts: Iterable[Verdict], wanted: VerdictKind
) -> Iterator[tuple[Task, Rewrite]]:
    """The pairs whose rewrite every reviewer (their latest verdict) judged ``wanted``, streamed."""
    latest = latest_verdicts(verdicts)
    for task, rewrite in pairs:
        by_reviewer = latest.get(rewrite.rewrite_id)
        if by_reviewer and agreed_verdict(by_reviewer.values()) is wanted:
            yield task, rewrite
