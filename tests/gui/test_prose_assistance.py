"""Lint findings light up both panes; fixes, categories, spelling and metrics work as a writer expects."""

from __future__ import annotations

import json
from pathlib import Path

from workstation.core.store import Store

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


def test_findings_light_up_both_panes_and_a_rewrite_lowers_density(make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(make_dir(tmp_path, {"t1": ROBOTIC}))
    prose = writer.prose
    writer.refresh_analysis()
    matched = {f.matched.lower() for f in prose.findings("original")}
    assert "delve" in matched and any("tapestry" in m for m in matched)
    assert prose.lint_spans("original")
    assert prose.lint_spans("rewrite")  # the rewrite starts as a copy
    before = float(prose.metric("robotic_density_per_1000_words", 2))
    with writer.wait_for_analysis() as blocker:
        writer.type_over_everything(CLEAN)
    analysis = blocker.args[0]
    assert analysis.rewrite.findings == ()
    assert float(prose.metric("robotic_density_per_1000_words", 2)) < before
    assert prose.listed_count("rewrite") == 0 and prose.listed_count("original") >= 3
    writer.save(wait=True)
    stored = writer.stored_rewrite("t1").metrics
    assert stored["rewrite"]["findings"] == 0 and stored["original"]["findings"] >= 3
    assert stored["edit"]["words_added"] > 0


def test_tooltip_names_the_rule_message(make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(make_dir(tmp_path, {"t1": ROBOTIC}))
    writer.refresh_analysis()
    text = writer.original_text()
    tip = writer.prose.tooltip("original", text.index("delve") + 2)
    assert tip and "delve" in tip.lower()
    assert writer.prose.tooltip("original", text.index("tea.") + 1) is None


def test_category_toggle_hides_its_findings(make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(make_dir(tmp_path, {"t1": ROBOTIC}))
    writer.refresh_analysis()
    delve = next(f for f in writer.prose.findings("original") if f.matched.lower() == "delve")
    with writer.wait_for_analysis():
        writer.prose.show_category(delve.category, False)
    assert all(f.category != delve.category for f in writer.prose.findings("original"))
    assert delve.category in writer.context.settings.disabled_categories()


def test_clicking_a_finding_selects_it(make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(make_dir(tmp_path, {"t1": ROBOTIC}))
    writer.refresh_analysis()
    target = writer.prose.listed_finding("rewrite", "tapestry")
    expected = next(f.matched for f in writer.prose.findings("rewrite") if "tapestry" in f.matched)
    writer.prose.click(target)
    assert writer.selected_text() == expected


def test_quick_fix_applies_a_substitution(make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(make_dir(tmp_path, {"t1": "We will utilize the kettle and leverage its spout."}))
    writer.refresh_analysis()
    fixable = [f for f in writer.prose.findings("rewrite") if f.suggestions]
    assert fixable, "substitution rules should offer suggestions"
    finding = fixable[0]
    menu = writer.prose.rewrite_menu(finding.start + 1)
    replace = next(a for a in menu.actions() if a.text().startswith("Replace with"))
    replace.trigger()
    assert finding.matched not in writer.rewrite_text()[: finding.end + 5]
    writer.undo_in_rewrite()
    assert writer.rewrite_text().startswith("We will utilize")


def test_spelling_marks_suggestions_and_add_to_dictionary(make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(make_dir(tmp_path, {"t1": "The teh kettle is quiet."}))
    prose = writer.prose
    prose.wait_for_spelling()
    with writer.wait_for_analysis():
        writer.type_over_everything("The teh kettle is quiet. Zorblax brews.")
    assert prose.misspelled_words() == {"teh", "Zorblax"}
    assert prose.spelling_spans()
    assert not prose.misspelled_words("original")  # spelling is for the writer's own text
    with writer.wait_for_analysis():
        prose.spelling_action("Zorblax", "Add “Zorblax” to dictionary").trigger()
    assert "Zorblax" not in prose.misspelled_words()
    menu = prose.rewrite_menu(writer.rewrite_text().index("teh") + 1)
    assert any(a.text() == "the" for a in menu.actions())


def test_findings_land_after_astral_characters(make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = "👩‍👩‍👧🏔️ We delve into 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 and delve again."
    writer = make_window(make_dir(tmp_path, {"t1": text}))
    writer.refresh_analysis()
    utf16 = writer.original_text().encode("utf-16-le")
    spans = writer.prose.lint_spans("original")
    covered = {utf16[s * 2 : (s + n) * 2].decode("utf-16-le").lower() for s, n in spans}
    assert "delve" in covered


def test_right_click_menu_offers_fixes(make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(make_dir(tmp_path, {"t1": "We utilize tea."}))
    writer.refresh_analysis()
    menu = writer.prose.right_click_menu(writer.rewrite_text().index("utilize") + 2)
    texts = [action.text() for action in menu.actions()]
    assert texts[0].startswith("Replace with")
    assert any("Copy" in text for text in texts)  # the standard entries are still there


def test_a_listed_finding_still_jumps_right_after_typing_before_it(make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(make_dir(tmp_path, {"t1": ROBOTIC}))
    writer.refresh_analysis()
    target = writer.prose.listed_finding("rewrite", "delve")
    writer.move_cursor_to_start()
    with writer.wait_for_analysis():
        writer.type("Well. ")
    writer.prose.click(target)
    assert "delve" in writer.selected_text().lower()
    assert not writer.selected_text().startswith("Well")
