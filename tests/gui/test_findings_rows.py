"""The Findings dock rebuilds only the rows that changed, and still shows and jumps to exactly
what a list built from scratch would."""

from __future__ import annotations

from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from workstation.core.prose.findings import Finding
from workstation.gui.writer.prose_panels import MAX_LISTED_FINDINGS, FindingsPanel


def finding(start: int, word: str, level: str = "warning") -> Finding:
    return Finding(
        start, start + len(word), f"Style.{word.capitalize()}", "style", level, f"Avoid “{word}”.", word
    )  # type: ignore[arg-type]


def rows(panel: FindingsPanel, group: QTreeWidgetItem) -> list[str]:
    panel.rows.finish()
    return [group.child(i).text(0) for i in range(group.childCount())]


def test_rows_after_changes_are_those_of_a_fresh_list_and_unchanged_rows_are_kept(qtbot: QtBot) -> None:
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    first = tuple(finding(10 * n, word) for n, word in enumerate(["delve", "tapestry", "robust", "synergy"]))
    panel.show_findings(first, ())
    kept = panel.rewrite_group.child(3)
    # The writer typed in the middle: one finding gone, one new, the later ones moved along.
    second = (first[0], finding(15, "leverage"), *(finding(f.start + 5, f.matched) for f in first[2:]))
    panel.show_findings(second, ())
    fresh = FindingsPanel()
    qtbot.addWidget(fresh)
    fresh.show_findings(second, ())
    assert rows(panel, panel.rewrite_group) == rows(fresh, fresh.rewrite_group)
    assert panel.rewrite_group.text(0) == fresh.rewrite_group.text(0) == "In your rewrite (4)"
    assert panel.rewrite_group.child(3) is kept, "the row of an unchanged finding is not rebuilt"
    with qtbot.waitSignal(panel.finding_activated) as jumped:
        panel.tree.itemActivated.emit(panel.rewrite_group.child(2), 0)
    assert jumped.args == ["rewrite", 25, 31]  # "robust", where it is now


def test_a_long_list_keeps_its_last_line_counting_the_findings_not_listed(qtbot: QtBot) -> None:
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    many = tuple(finding(n * 10, "delve") for n in range(MAX_LISTED_FINDINGS + 5))
    panel.show_findings(many, ())
    panel.show_findings(many[:-2], ())
    assert panel.count("rewrite") == MAX_LISTED_FINDINGS + 1
    assert rows(panel, panel.rewrite_group)[-1] == "… and 3 more (all are underlined)"
    panel.show_findings(many[:3], ())
    assert panel.count("rewrite") == 3
    with qtbot.assertNotEmitted(panel.finding_activated):
        panel.tree.itemActivated.emit(panel.rewrite_group, 0)  # a group's title jumps nowhere


def test_a_long_new_list_shows_its_first_screenful_at_once_and_the_rest_soon_after(qtbot: QtBot) -> None:
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    many = tuple(finding(n * 10, word) for n, word in enumerate(["delve", "robust", "synergy"] * 60))
    panel.show_findings(many, ())
    assert 0 < panel.rewrite_group.childCount() < len(many)
    assert panel.rewrite_group.child(0).text(0).startswith("▲ “delve”")
    qtbot.waitUntil(lambda: not panel.rows.filling, timeout=5000)
    fresh = FindingsPanel()
    qtbot.addWidget(fresh)
    fresh.show_findings(many, ())
    assert rows(panel, panel.rewrite_group) == rows(fresh, fresh.rewrite_group)
    with qtbot.waitSignal(panel.finding_activated) as jumped:
        panel.tree.itemActivated.emit(panel.rewrite_group.child(100), 0)
    assert jumped.args == ["rewrite", 1000, 1006]  # the 101st: "robust"
