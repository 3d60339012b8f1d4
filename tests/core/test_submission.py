"""The submission rules the app and the command line share: what an incomplete rubric does, and
which edits of a submitted rewrite need a new submit before sealing."""

from __future__ import annotations

import pytest

from workstation.core.models import (
    Criterion,
    IncompleteRubric,
    Project,
    Rewrite,
    RewriteStatus,
    Rubric,
)
from workstation.core.submission import check_rubric, note_edit, submitted_again

NAMES = ("Natural voice", "Concision", "Faithful to the prompt", "Tone fit", "Formatting fit")
EDIT_AT = "2026-03-04T05:06:07.000Z"


def project(rule: IncompleteRubric = IncompleteRubric.WARN, names: tuple[str, ...] = NAMES) -> Project:
    criteria = tuple(Criterion(id=f"c{number}", name=name) for number, name in enumerate(names))
    return Project(name="P", rubric=Rubric(criteria=criteria), incomplete_rubric=rule)


def submitted(**changes: object) -> Rewrite:
    fields: dict[str, object] = {
        "rewrite_id": "rw-1",
        "task_id": "t1",
        "text": "A rewrite.",
        "status": RewriteStatus.SUBMITTED,
        "ratings": {"c0": 3},
        "created_at": "2026-03-01T00:00:00.000Z",
        "updated_at": "2026-03-02T00:00:00.000Z",
        "submitted_at": "2026-03-02T00:00:00.000Z",
    }
    fields.update(changes)
    return Rewrite.model_validate(fields)


def test_unanswered_questions_are_named_in_rubric_order() -> None:
    check = check_rubric(project(), {"c2": 4, "c3": 1, "c4": 5})
    assert not check.complete and not check.blocks
    assert [criterion.id for criterion in check.unanswered] == ["c0", "c1"]
    assert check.sentence() == "2 of 5 rubric questions are unanswered: Natural voice, Concision."


def test_block_refuses_only_while_something_is_unanswered() -> None:
    everything = {f"c{number}": 3 for number in range(5)}
    assert check_rubric(project(IncompleteRubric.BLOCK), {"c0": 1}).blocks
    complete = check_rubric(project(IncompleteRubric.BLOCK), everything)
    assert complete.complete and not complete.blocks and complete.sentence() == ""


def test_no_project_or_no_rubric_asks_nothing() -> None:
    for check in (check_rubric(None, {}), check_rubric(project(IncompleteRubric.BLOCK, ()), {})):
        assert check.complete and not check.blocks and check.total == 0


@pytest.mark.parametrize(
    "value",
    [0, 6, -1, True, "3", 3.0, None],
    ids=["below", "above", "negative", "bool", "text", "float", "null"],
)
def test_a_value_off_the_scale_or_of_another_type_is_no_answer(value: object) -> None:
    check = check_rubric(project(IncompleteRubric.BLOCK, ("Only",)), {"c0": value})
    assert check.blocks
    assert check.sentence() == "1 of 1 rubric question is unanswered: Only."


def test_ratings_of_unknown_questions_are_ignored_and_empty_scales_not_asked() -> None:
    criteria = (Criterion(id="real", name="Real"), Criterion(id="broken", name="Broken", min=5, max=1))
    check = check_rubric(Project(name="P", rubric=Rubric(criteria=criteria)), {"gone": 4, "real": 2})
    assert check.complete and check.total == 1


def test_a_long_list_is_cut_and_counted_and_blank_names_show_their_id() -> None:
    names = ("", *(f"Q{number}" for number in range(1, 8)))
    assert check_rubric(project(names=names), {}).sentence() == (
        "8 of 8 rubric questions are unanswered: c0, Q1, Q2, Q3, Q4, and 3 more."
    )


def test_editing_a_submitted_rewrite_marks_it_once_with_the_first_time() -> None:
    before = submitted()
    for change in ({"text": "Changed."}, {"ratings": {"c0": 4}}, {"tags": ("tone",)}, {"notes": "n"}):
        edited = note_edit(before, before.model_copy(update=change), at=EDIT_AT)
        assert edited.edited_after_submit == EDIT_AT and edited.status is RewriteStatus.SUBMITTED
    first = note_edit(before, before.model_copy(update={"text": "Changed."}), at=EDIT_AT)
    again = note_edit(
        first, first.model_copy(update={"text": "Changed twice."}), at="2027-01-01T00:00:00.000Z"
    )
    assert again.edited_after_submit == EDIT_AT


def test_what_is_not_an_edit_leaves_no_mark() -> None:
    before = submitted()
    moved = note_edit(before, before.model_copy(update={"cursor": 7, "active_seconds": 9.0}), at=EDIT_AT)
    assert moved.edited_after_submit is None  # the cursor and time are not what a reviewer reads
    same = note_edit(before, before.model_copy(update={"text": before.text}), at=EDIT_AT)
    assert same.edited_after_submit is None
    draft = submitted(status=RewriteStatus.DRAFT, submitted_at=None)
    assert note_edit(draft, draft.model_copy(update={"text": "x"}), at=EDIT_AT).edited_after_submit is None
    sealed = submitted(sealed_bundle_id="sha256:" + "0" * 64)
    assert note_edit(sealed, sealed.model_copy(update={"text": "x"}), at=EDIT_AT).edited_after_submit is None


def test_submitting_again_clears_the_mark_and_asks_for_a_new_submit_time() -> None:
    edited = submitted(text="Changed.", edited_after_submit=EDIT_AT)
    confirmed = submitted_again(edited)
    assert confirmed.edited_after_submit is None and confirmed.submitted_at is None
    assert confirmed.status is RewriteStatus.SUBMITTED and confirmed.text == "Changed."
    untouched = submitted_again(submitted())
    assert untouched.submitted_at == submitted().submitted_at  # nothing changed: the first submit stands
    from_draft = submitted_again(submitted(status=RewriteStatus.DRAFT, submitted_at=None))
    assert from_draft.status is RewriteStatus.SUBMITTED and from_draft.submitted_at is None
