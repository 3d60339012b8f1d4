"""Which verdicts count: each reviewer's latest verdict on each item, the earlier ones kept but set aside.

A reviewer may change their mind (a verdict, then another on the same item); the batch counts
and the agreement figures use only the last one each reviewer gave. Two reviewers' verdicts on
the same item are both kept: they are told apart by the reviewer's key fingerprint, not by the
name, which is only what the reviewer chose to be called.
"""

from __future__ import annotations

from collections.abc import Iterable

from workstation.core.models import Verdict

LatestVerdicts = dict[str, dict[str, Verdict]]
"""Item id (the rewrite id) → reviewer fingerprint → that reviewer's latest verdict on the item."""


def latest_verdicts(verdicts: Iterable[Verdict]) -> LatestVerdicts:
    """Each reviewer's latest verdict on each item.

    "Latest" is the greatest ``created_at`` (UTC, fixed-width ISO text, so it compares as text);
    of two verdicts with the same time, the one later in ``verdicts`` wins, as the store lists
    verdicts oldest first.
    """
    latest: LatestVerdicts = {}
    for verdict in verdicts:
        by_reviewer = latest.setdefault(verdict.rewrite_id, {})
        held = by_reviewer.get(verdict.reviewer_fingerprint)
        if held is None or verdict.created_at >= held.created_at:
            by_reviewer[verdict.reviewer_fingerprint] = verdict
    return latest
