"""What makes a submission one a data team can rely on: the project's rule for an incomplete rubric,
and the "edited after submit" mark.

Both the app and the command line ask these functions, so a rewrite is refused, questioned or
marked the same way wherever it is submitted or edited.

The rule for edits: a submitted rewrite that is not sealed yet may still be polished, but every
change a reviewer would read (text, ratings, tags, notes, where it started from) marks it
``edited_after_submit`` with the time of the first such change. It stays submitted, yet is not
sealed until the writer submits it again: a bundle only ever holds text the writer confirmed.
An export leaves it out the same way, and says so (:func:`left_out_sentence`). Submitting again
clears the mark and takes the submit time anew.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from workstation.core.clock import now_iso
from workstation.core.models import Criterion, IncompleteRubric, Project, Rewrite, RewriteStatus

NAMED_QUESTIONS = 5
"""Unanswered questions named one by one in the sentence; the rest are counted."""

BLOCK_REASON = "This project asks for every rubric question to be answered before a rewrite is submitted."

EDIT_FIELDS = ("text", "ratings", "tags", "notes", "started_from")
"""The parts of a rewrite a reviewer reads: changing one after submitting needs a new submit."""


@dataclass(frozen=True)
class RubricCheck:
    """The rubric questions of a rewrite's project it leaves unanswered, and what the project says
    that means. ``total`` is the number of questions (0: the project has no rubric)."""

    rule: IncompleteRubric
    total: int
    unanswered: tuple[Criterion, ...] = ()

    @property
    def complete(self) -> bool:
        """Every question answered (or there are none): submit without a word."""
        return not self.unanswered

    @property
    def blocks(self) -> bool:
        """Questions are unanswered and the project refuses such a submit."""
        return bool(self.unanswered) and self.rule is IncompleteRubric.BLOCK

    def sentence(self) -> str:
        """ "2 of 5 rubric questions are unanswered: Natural voice, Concision." ("" when complete).

        The names come from the project file: outside text, for the caller to show safely.
        """
        if self.complete:
            return ""
        count = len(self.unanswered)
        names = [criterion.name.strip() or criterion.id for criterion in self.unanswered[:NAMED_QUESTIONS]]
        if count > NAMED_QUESTIONS:
            names.append(f"and {count - NAMED_QUESTIONS} more")
        noun = "question" if self.total == 1 else "questions"
        verb = "is" if count == 1 else "are"
        return f"{count} of {self.total} rubric {noun} {verb} unanswered: {', '.join(names)}."


def check_rubric(project: Project | None, ratings: Mapping[str, object]) -> RubricCheck:
    """Which of ``project``'s rubric questions ``ratings`` (criterion id → value) leave unanswered.

    A question counts as answered only by a whole number on its own scale; a value off the scale
    (a project file changed since the rating) or of another type is no answer. A question whose
    scale is empty (``min`` above ``max``) offers nothing to choose, so it is not asked, and
    ratings of questions the rubric does not have are ignored. No project, no rubric: nothing to
    answer.
    """
    if project is None:
        return RubricCheck(IncompleteRubric.WARN, 0)
    criteria = [criterion for criterion in project.rubric.criteria if criterion.min <= criterion.max]
    unanswered = tuple(
        criterion for criterion in criteria if not _answered(criterion, ratings.get(criterion.id))
    )
    return RubricCheck(project.incomplete_rubric, len(criteria), unanswered)


def _answered(criterion: Criterion, value: object) -> bool:
    if not isinstance(value, int) or isinstance(value, bool):
        return False
    return criterion.min <= value <= criterion.max


def note_edit(before: Rewrite, after: Rewrite, *, at: str | None = None) -> Rewrite:
    """``after`` (an edit of ``before``), marked edited after submit when ``before`` was submitted
    and not sealed and a part a reviewer reads (:data:`EDIT_FIELDS`) changed.

    The mark holds the time of the first such edit (``at``, default now, in the store's UTC
    form); a rewrite marked already keeps its first time. Anything else is returned unchanged.
    """
    if before.status is not RewriteStatus.SUBMITTED or before.sealed_bundle_id is not None:
        return after
    if after.status is not RewriteStatus.SUBMITTED or after.edited_after_submit is not None:
        return after
    if all(getattr(before, name) == getattr(after, name) for name in EDIT_FIELDS):
        return after
    return after.model_copy(update={"edited_after_submit": at or now_iso()})


def left_out_sentence(unconfirmed: int) -> str:
    """What an export says about the submitted rewrites it left out, edited after submit."""
    if unconfirmed == 1:
        return "1 submitted rewrite was edited after submit and was left out: submit it again to export it"
    return (
        f"{unconfirmed:,} submitted rewrites were edited after submit and were left out: "
        "submit them again to export them"
    )


def submitted_again(rewrite: Rewrite) -> Rewrite:
    """``rewrite`` submitted as it is now: the edited-after-submit mark goes, and a rewrite that
    had it gets a new submit time when the store saves it (its first submit was of other text)."""
    update: dict[str, object] = {"status": RewriteStatus.SUBMITTED, "edited_after_submit": None}
    if rewrite.edited_after_submit is not None:
        update["submitted_at"] = None
    return rewrite.model_copy(update=update)
