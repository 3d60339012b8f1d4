"""Lint findings light up both panes; fixes, categories, spelling and metrics work as a writer expects."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMenu

from workstation.core.store import Store
from workstation.gui.compare.lint_marks import LEVEL_LAYERS, SPELLING_LAYER

ROBOTIC = "Certainly! Let's delve into the rich tapestry of tea. I hope this helps!"
CLEAN = "Tea is dried leaves steeped in hot water."


def make_dir(root: Path, responses: dict[str, str]) -> Path:
    source = root / "prose.jsonl"
    source.write_text(
        "".join(json.dumps({"id": k, "prompt": "Tea?", "response": v}) + "\n" for k, v in responses.items()),
        encoding="utf-8",
    )
    data_dir = root / "data"
    with Store(data_dir) as store:
        assert store.import_file(source, project="P").ok
    return data_dir


def all_lint_spans(pane) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    return [span for layer in LEVEL_LAYERS.values() for span in pane.highlighter.spans_in_block(layer, 0)]


def test_findings_light_up_both_panes_and_a_rewrite_lowers_density(
    qtbot, make_window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(make_dir(tmp_path, {"t1": ROBOTIC}))
    window.editor.refresher.refresh_now()
    original_marks = window.editor.original_marks
    matched = {f.matched.lower() for f in original_marks.findings}
    assert "delve" in matched and any("tapestry" in m for m in matched)
    assert all_lint_spans(window.diff_view.original_pane)
    assert all_lint_spans(window.diff_view.rewrite_pane)  # the rewrite starts as a copy
    before = float(window.prose.metrics.value("robotic_density_per_1000_words", 2))
    pane = window.diff_view.rewrite_pane
    with qtbot.waitSignal(window.editor.analysis_painted, timeout=3000) as blocker:
        pane.selectAll()
        qtbot.keyClicks(pane, CLEAN)
    analysis = blocker.args[0]
    assert analysis.rewrite.findings == ()
    assert float(window.prose.metrics.value("robotic_density_per_1000_words", 2)) < before
    assert window.prose.findings.count("rewrite") == 0 and window.prose.findings.count("original") >= 3
    window.save_work(wait=True)
    stored = window.context.store.rewrites.get("t1").metrics
    assert stored["rewrite"]["findings"] == 0 and stored["original"]["findings"] >= 3
    assert stored["edit"]["words_added"] > 0


def test_tooltip_names_the_rule_message(make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(make_dir(tmp_path, {"t1": ROBOTIC}))
    window.editor.refresher.refresh_now()
    text = window.diff_view.original_pane.text()
    position = text.index("delve") + 2
    tip = window.editor.original_marks.tooltip(position)
    assert tip and "delve" in tip.lower()
    assert window.editor.original_marks.tooltip(text.index("tea.") + 1) is None


def test_category_toggle_hides_its_findings(qtbot, make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(make_dir(tmp_path, {"t1": ROBOTIC}))
    window.editor.refresher.refresh_now()
    delve = next(f for f in window.editor.original_marks.findings if f.matched.lower() == "delve")
    panel = window.prose.findings
    item = next(
        panel.categories.item(i)
        for i in range(panel.categories.count())
        if panel.categories.item(i).data(0x0100) == delve.category
    )
    with qtbot.waitSignal(window.editor.analysis_painted, timeout=3000):
        item.setCheckState(item.checkState().Unchecked)
    assert all(f.category != delve.category for f in window.editor.original_marks.findings)
    assert delve.category in window.context.settings.disabled_categories()


def test_clicking_a_finding_selects_it(make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(make_dir(tmp_path, {"t1": ROBOTIC}))
    window.editor.refresher.refresh_now()
    group = window.prose.findings.rewrite_group
    target = next(group.child(i) for i in range(group.childCount()) if "tapestry" in group.child(i).text(0))
    expected = next(f.matched for f in window.editor.rewrite_marks.findings if "tapestry" in f.matched)
    window.prose.findings.tree.itemClicked.emit(target, 0)
    assert window.diff_view.rewrite_pane.textCursor().selectedText() == expected


def test_quick_fix_applies_a_substitution(make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(make_dir(tmp_path, {"t1": "We will utilize the kettle and leverage its spout."}))
    window.editor.refresher.refresh_now()
    fixable = [f for f in window.editor.rewrite_marks.findings if f.suggestions]
    assert fixable, "substitution rules should offer suggestions"
    finding = fixable[0]
    menu = QMenu()
    window.prose.extend_menu(menu, finding.start + 1, window.editor.rewrite_marks)
    replace = next(a for a in menu.actions() if a.text().startswith("Replace with"))
    replace.trigger()
    assert finding.matched not in window.diff_view.rewrite_pane.text()[: finding.end + 5]
    window.diff_view.rewrite_pane.undo()
    assert window.diff_view.rewrite_pane.text().startswith("We will utilize")


def test_spelling_marks_suggestions_and_add_to_dictionary(qtbot, make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(make_dir(tmp_path, {"t1": "The teh kettle is quiet. Zorblax brews."}))
    qtbot.waitUntil(lambda: window.prose.analyser.spelling is not None, timeout=10_000)
    window.editor.refresher.refresh_now()
    words = {m.word for m in window.editor.rewrite_marks.misspelled}
    assert "teh" in words
    assert window.diff_view.rewrite_pane.highlighter.spans_in_block(SPELLING_LAYER, 0)
    assert not window.editor.original_marks.misspelled  # spelling is for the writer's own text
    position = window.diff_view.rewrite_pane.text().index("Zorblax") + 1
    menu = QMenu()
    window.prose.extend_menu(menu, position, window.editor.rewrite_marks)
    learn = next(a for a in menu.actions() if a.text().startswith("Add “Zorblax”"))
    with qtbot.waitSignal(window.editor.analysis_painted, timeout=3000):
        learn.trigger()
    assert "Zorblax" not in {m.word for m in window.editor.rewrite_marks.misspelled}
    teh = window.diff_view.rewrite_pane.text().index("teh") + 1
    menu = QMenu()
    window.prose.extend_menu(menu, teh, window.editor.rewrite_marks)
    assert any(a.text() == "the" for a in menu.actions())


def test_findings_land_after_astral_characters(make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = "👩‍👩‍👧🏔️ We delve into 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 and delve again."
    window = make_window(make_dir(tmp_path, {"t1": text}))
    window.editor.refresher.refresh_now()
    pane = window.diff_view.original_pane
    utf16 = pane.text().encode("utf-16-le")
    spans = all_lint_spans(pane)
    covered = {utf16[s * 2 : (s + n) * 2].decode("utf-16-le").lower() for s, n in spans}
    assert "delve" in covered


def test_right_click_menu_offers_fixes(make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(make_dir(tmp_path, {"t1": "We utilize tea."}))
    window.editor.refresher.refresh_now()
    pane = window.diff_view.rewrite_pane
    cursor = pane.textCursor()
    cursor.setPosition(pane.text().index("utilize") + 2)
    menu = pane.build_context_menu(pane.cursorRect(cursor).center())
    texts = [action.text() for action in menu.actions()]
    assert texts[0].startswith("Replace with")
    assert any("Copy" in text for text in texts)  # the standard entries are still there


def test_a_listed_finding_still_jumps_right_after_typing_before_it(
    qtbot, make_window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(make_dir(tmp_path, {"t1": ROBOTIC}))
    window.editor.refresher.refresh_now()
    group = window.prose.findings.rewrite_group
    target = next(group.child(i) for i in range(group.childCount()) if "delve" in group.child(i).text(0))
    pane = window.diff_view.rewrite_pane
    pane.moveCursor(QTextCursor.MoveOperation.Start)
    with qtbot.waitSignal(window.editor.analysis_painted, timeout=3000):
        qtbot.keyClicks(pane, "Well. ")
    window.prose.findings.tree.itemClicked.emit(target, 0)
    assert "delve" in pane.textCursor().selectedText().lower()
    assert not pane.textCursor().selectedText().startswith("Well")
