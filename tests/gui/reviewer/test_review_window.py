"""A reviewer at the review window: opening the inbox, filtering, reading the diff, changes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from tests.gui.reviewer.conftest import ReviewFactory
from tests.gui.reviewer.inbox_data import Work, add_bundle, fingerprint_of
from workstation.core.models import VerdictKind
from workstation.core.review.items import AuditFigures
from workstation.core.review.triage import OutlierReason, TriageEntry, TriageReason
from workstation.core.store import Store
from workstation.core.store.inbox import InboxBundle, NewItem
from workstation.gui.compare.diff_view import CURRENT_LAYER, DIFF_LAYER
from workstation.gui.compare.lint_marks import LEVEL_LAYERS
from workstation.gui.reviewer.queue_filter import NO_VERDICT


def test_the_inbox_opens_on_the_first_item_with_its_texts_diff_and_facts(
    make_review_window: ReviewFactory, review_dir: Path, inbox: dict[str, list[str]]
) -> None:
    reviewer = make_review_window(review_dir)
    reviewer.wait_until_analysed()

    assert reviewer.current_item_id == inbox["ada"][0]
    assert reviewer.count_text() == "5 items"
    assert reviewer.shown_text("original").startswith("It is important to note that")
    assert reviewer.shown_text("rewrite") == "The results are good. We look at the data."
    assert reviewer.pane("rewrite").isReadOnly() and reviewer.pane("original").isReadOnly()
    facts = reviewer.window.facts
    assert facts.writer.text().startswith("Ada Writer (")
    assert facts.notes.toPlainText() == "Kept the claim, cut the filler."
    assert facts.tags.text() == "filler"
    assert facts.ratings.text() == "fluency 2"
    assert facts.active_time.text().startswith("1:15")
    assert "Rewrite this in plain words." in reviewer.window.context_view.toPlainText()
    # the diff is painted on both panes, and lint marks the robotic opener in the original
    original_marks = reviewer.pane("original").highlighter
    assert original_marks.spans_in_block(DIFF_LAYER, 0)
    assert reviewer.pane("rewrite").highlighter.spans_in_block(DIFF_LAYER, 0)
    lint_layers = [original_marks.spans_in_block(layer, 0) for layer in LEVEL_LAYERS.values()]
    assert any(lint_layers), "the original's robotic phrases are not marked"


def test_filters_narrow_the_queue_by_writer_model_flag_and_verdict(
    make_review_window: ReviewFactory, review_dir: Path, inbox: dict[str, list[str]]
) -> None:
    reviewer = make_review_window(review_dir)
    reviewer.choose_filter("writer", fingerprint_of("Bea Writer"))
    assert reviewer.queue_ids() == inbox["bea"]
    assert reviewer.count_text() == "2 of 5 items"
    reviewer.choose_filter("writer", None)
    reviewer.choose_filter("model", "model-b")
    assert reviewer.queue_ids() == [inbox["ada"][1], inbox["bea"][0]]
    reviewer.choose_filter("model", None)
    reviewer.choose_filter("flag", True)
    assert reviewer.queue_ids() == [inbox["ada"][2]]
    reviewer.choose_filter("flag", None)

    reviewer.focus_panes()
    reviewer.press("a")  # accept the first item
    reviewer.wait_for_ops()
    reviewer.choose_filter("verdict", NO_VERDICT)
    assert inbox["ada"][0] not in reviewer.queue_ids()
    assert len(reviewer.queue_ids()) == 4
    reviewer.choose_filter("verdict", VerdictKind.ACCEPT.value)
    assert reviewer.queue_ids() == [inbox["ada"][0]]


def test_a_bundle_filter_and_the_chain_problem_of_a_broken_chain_show(
    make_review_window: ReviewFactory, review_dir: Path, inbox: dict[str, list[str]]
) -> None:
    reviewer = make_review_window(review_dir)
    bundles = [reviewer.window.queue_panel.bundle_filter.itemData(i) for i in range(1, 3)]
    reviewer.choose_filter("bundle", bundles[1])
    assert reviewer.queue_ids() == inbox["bea"]
    reviewer.open_item(inbox["bea"][0])
    problem = reviewer.window.facts.chain_problem
    assert not problem.isHidden()
    assert "bundle 2 is missing" in problem.text()
    reviewer.open_item(inbox["bea"][1])
    reviewer.choose_filter("bundle", None)
    reviewer.open_item(inbox["ada"][0])
    assert problem.isHidden()


def test_the_outlier_filter_offers_the_triage_reasons_by_their_labels(
    make_review_window: ReviewFactory, review_dir: Path, inbox: dict[str, list[str]]
) -> None:
    def listed(kinds: tuple[OutlierReason, ...]) -> tuple[TriageReason, ...]:
        return tuple(TriageReason(kind, f"{kind.label}: the figures.") for kind in kinds)

    entries = [
        TriageEntry(inbox["ada"][1], listed((OutlierReason.TOO_FAST, OutlierReason.NEAR_ZERO_EDITS))),
        TriageEntry(inbox["bea"][1], listed((OutlierReason.NEAR_ZERO_EDITS,))),
    ]
    reviewer = make_review_window(review_dir, outliers=lambda _items: entries)
    panel = reviewer.window.queue_panel
    offered = [panel.outlier_filter.itemText(i) for i in range(panel.outlier_filter.count())]
    assert offered == ["Any outlier reason", "Near-zero edits", "Too fast for the length"]
    reviewer.choose_filter("outlier", OutlierReason.NEAR_ZERO_EDITS.value)
    assert reviewer.queue_ids() == [inbox["ada"][1], inbox["bea"][1]]
    reviewer.choose_filter("outlier", OutlierReason.TOO_FAST.value)
    assert reviewer.queue_ids() == [inbox["ada"][1]]
    assert not panel.choose(panel.outlier_filter, OutlierReason.COSMETIC_DESLOPPING.value)  # none found


def test_next_and_previous_change_walk_the_diff_and_items_step_with_j_and_k(
    make_review_window: ReviewFactory, review_dir: Path, inbox: dict[str, list[str]]
) -> None:
    reviewer = make_review_window(review_dir)
    reviewer.wait_until_analysed()
    view = reviewer.window.diff_view
    reviewer.focus_panes()
    reviewer.press(Qt.Key.Key_F8)
    first = view.current_change
    assert first == 0
    assert reviewer.pane("rewrite").highlighter.spans_in_block(CURRENT_LAYER, 0)
    reviewer.press(Qt.Key.Key_F8)
    assert view.current_change == 1
    reviewer.press(Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert view.current_change == 0

    reviewer.press("j")
    assert reviewer.current_item_id == inbox["ada"][1]
    assert reviewer.shown_text("rewrite") == "The team matters."
    reviewer.press("k")
    assert reviewer.current_item_id == inbox["ada"][0]
    reviewer.press("k")  # the first item: nowhere to go, said so
    assert reviewer.current_item_id == inbox["ada"][0]
    assert "first item" in reviewer.status_text()


def test_track_changes_view_shows_the_same_diff_inline(
    make_review_window: ReviewFactory, review_dir: Path, inbox: dict[str, list[str]]
) -> None:
    reviewer = make_review_window(review_dir)
    reviewer.wait_until_analysed()
    reviewer.press("t", Qt.KeyboardModifier.ControlModifier)
    view = reviewer.window.diff_view
    assert view.is_inline()
    inline = view.inline_view.toPlainText()
    assert "important to note" in inline and "look at" in inline


def test_received_text_is_shown_as_plain_text_never_as_markup(
    make_review_window: ReviewFactory, review_dir: Path
) -> None:
    hostile = '<img src="/etc/passwd"><b>Eve</b>'
    with Store(review_dir) as store:
        add_bundle(
            store,
            hostile,
            [Work("t-<i>x</i>", "<h1>Big</h1> original.", "<h1>Big</h1> rewrite.", notes="<b>n</b>")],
        )
    reviewer = make_review_window(review_dir)
    facts = reviewer.window.facts
    assert facts.writer.textFormat() == Qt.TextFormat.PlainText
    assert facts.writer.text().startswith(hostile)
    assert reviewer.window.diff_view.rewrite_title.text() == f"Rewrite by {hostile}"
    assert reviewer.window.diff_view.rewrite_title.textFormat() == Qt.TextFormat.PlainText
    assert reviewer.shown_text("original") == "<h1>Big</h1> original."
    assert facts.notes.toPlainText() == "<b>n</b>"
    assert hostile in reviewer.window.queue_panel.writer_filter.itemText(1)


def test_an_item_whose_record_does_not_read_back_is_reported_not_crashed_on(
    make_review_window: ReviewFactory, review_dir: Path, inbox: dict[str, list[str]]
) -> None:
    broken = NewItem(
        item_id="rw-broken",
        task_id="t-broken",
        project="Reviews",
        model=None,
        status="submitted",
        rewrite_sha256="0" * 64,
        record={"task_id": "t-broken"},  # every other field missing
        figures=AuditFigures(1, 1, 0.0, 0.0, 0.0, 0, 0),
        active_seconds=1.0,
        flagged=False,
    )
    bundle = InboxBundle(
        "sha256:" + "1" * 64,
        "rewrites",
        fingerprint_of("Zed"),
        "Zed",
        1,
        None,
        "2026-03-01T10:00:00.000Z",
        "2026-03-01T10:00:00.000Z",
        "zed.zip",
        1,
        10,
        None,
    )
    with Store(review_dir) as store, store.database.write() as conn:
        store.inbox.add_bundle(conn, bundle, b"x", [broken])
    reviewer = make_review_window(review_dir)
    assert not reviewer.window.open_item("rw-broken")
    assert "rw-broken" in reviewer.status_text() and "cannot be read" in reviewer.status_text()
    assert reviewer.current_item_id is None
    assert reviewer.shown_text("rewrite") == ""
    reviewer.focus_panes()
    reviewer.press("a")  # no item open: nothing is judged
    reviewer.wait_for_ops()
    assert reviewer.context.store.verdicts.all() == []
    assert reviewer.window.open_item(inbox["ada"][0])


def test_an_empty_inbox_opens_and_says_so(make_review_window: ReviewFactory, review_dir: Path) -> None:
    reviewer = make_review_window(review_dir)
    assert reviewer.count_text() == "0 items"
    assert reviewer.current_item_id is None
    assert not reviewer.window.verdict_panel.buttons[VerdictKind.ACCEPT].isEnabled()
