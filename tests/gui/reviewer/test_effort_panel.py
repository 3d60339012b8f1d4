"""The effort panel on really sealed bundles: pasted whole is flagged for a look, typed is not,
dictation is external input, and a version 1 bundle says "not recorded"."""

from __future__ import annotations

from pathlib import Path

from tests.gui.reviewer.conftest import ReviewFactory
from tests.gui.reviewer.effort_bundles import receive_effort_inbox
from workstation.core.effort.sealed_effort import combined_effort
from workstation.core.effort.signals import summarise_effort
from workstation.gui.reviewer.effort_facts import NOT_FLAGGED_TEXT, EffortFacts


def test_the_panel_flags_pasted_work_for_a_look_and_never_calls_input_ai(
    make_review_window: ReviewFactory, review_dir: Path, tmp_path: Path
) -> None:
    items = receive_effort_inbox(review_dir, tmp_path / "writer")
    reviewer = make_review_window(review_dir)
    panel = reviewer.window.facts.effort

    reviewer.open_item(items["pasted"])
    assert panel.flagged()
    assert panel.pasted.text().startswith("100% (1 paste, largest ")
    assert panel.typed.text() == "0% (0 characters)"
    assert "Flagged for a look" in panel.flag.text()
    assert "never a reason to reject by itself" in panel.flag.text()

    reviewer.open_item(items["typed"])
    assert not panel.flagged() and panel.flag.text() == NOT_FLAGGED_TEXT
    assert panel.typed.text().startswith("100% (")
    assert panel.pasted.text() == "0% (0 pastes)"

    reviewer.open_item(items["dictated"])
    assert not panel.flagged()
    assert panel.external.text().startswith("100% (")
    labels = [child.text() for child in panel.findChildren(type(panel.flag))]
    assert "External input" in labels
    assert not any("AI" in text.split() for text in labels)

    reviewer.open_item(items["v1"])
    assert not panel.flagged()
    assert (panel.typed.text(), panel.pasted.text(), panel.external.text()) == ("not recorded",) * 3
    assert "not the same as zero" in panel.flag.text()
    assert "0%" not in panel.typed.text()


def test_partly_recorded_and_empty_panels_say_so(qtbot: object) -> None:
    panel = EffortFacts()
    qtbot.addWidget(panel)  # type: ignore[attr-defined]
    assert panel.typed.text() == "" and panel.flag.isHidden()
    recorded = summarise_effort([], "x")
    partly = combined_effort([recorded, recorded])
    panel.show_effort(partly)
    assert panel.typed.text() == "not recorded"
    panel.show_effort(None, unreadable=True)
    assert panel.typed.text() == "cannot be read" and "cannot be read" in panel.flag.text()
