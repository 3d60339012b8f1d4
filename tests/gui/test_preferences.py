"""Preferences: a folder of Vale styles replaces the built-in rules, and its problems are shown."""

from __future__ import annotations

from pathlib import Path

from workstation.gui.common.theme import ThemeChoice
from workstation.gui.dialogs.preferences.dialog import PreferencesDialog

GOOD_RULE = """extends: existence
message: "Say it plainly instead of '%s'."
level: error
ignorecase: true
tokens:
  - synergy
"""
BROKEN_RULE = "extends: existence\nmessage: [unclosed\n"


def make_styles(root: Path) -> Path:
    styles = root / "styles"
    (styles / "House").mkdir(parents=True)
    (styles / "House" / "Synergy.yml").write_text(GOOD_RULE, encoding="utf-8")
    (styles / "House" / "Broken.yml").write_text(BROKEN_RULE, encoding="utf-8")
    return styles


def test_custom_vale_styles_replace_the_builtin_rules(
    qtbot, make_window, demo_dir: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)
    dialog = PreferencesDialog(writer.context.settings)
    qtbot.addWidget(dialog)
    dialog.styles.path.setText(str(make_styles(tmp_path)))
    report = dialog.styles.report.text()
    assert "1 rules" in report and "Broken" in report
    dialog.font_size.setValue(15)
    dialog.theme.setCurrentIndex(dialog.theme.findData(ThemeChoice.DARK.value))
    writer.view.apply_preferences(dialog.preferences())
    assert writer.view.font_size() == 15
    assert writer.context.settings.theme() is ThemeChoice.DARK
    assert writer.prose.rule_names() == ["House.Synergy"]
    writer.replace_rewrite("Our synergy is strong.")
    writer.refresh_analysis()
    (finding,) = writer.prose.findings("rewrite")
    assert finding.level == "error" and "synergy" in finding.message


def test_missing_style_folder_keeps_builtin_rules(qtbot, make_window, demo_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)
    dialog = PreferencesDialog(writer.context.settings)
    qtbot.addWidget(dialog)
    dialog.styles.path.setText(str(tmp_path / "nowhere"))
    assert "does not exist" in dialog.styles.report.text()
    before = writer.prose.rule_names()
    writer.view.apply_preferences(dialog.preferences())
    assert writer.prose.rule_names() == before and len(before) >= 10


def test_categories_turned_off_in_preferences(qtbot, make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)
    dialog = PreferencesDialog(writer.context.settings, categories=writer.prose.pack_categories())
    qtbot.addWidget(dialog)
    first = dialog.categories.item(0)
    name = first.data(0x0100)
    assert name in writer.prose.rule_categories()  # the category is in use before it is turned off
    first.setCheckState(first.checkState().Unchecked)
    writer.view.apply_preferences(dialog.preferences())
    assert name in writer.context.settings.disabled_categories()
    assert name in writer.prose.unticked_categories()
    assert name not in writer.prose.rule_categories()


def test_what_is_recorded_says_it_in_plain_words_and_the_switch_turns_it_off(
    qtbot, make_window, demo_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)
    dialog = PreferencesDialog(writer.context.settings)
    qtbot.addWidget(dialog)
    dialog.show_page("recorded")
    page = dialog.recorded_page
    assert (
        dialog.tabs.currentWidget() is page
        and dialog.tabs.tabText(dialog.tabs.currentIndex()) == "What is recorded"
    )
    words = page.page_text()
    for promise in ("no keystroke’s text", "The clipboard", "Screenshots", "upload target", "external input"):
        assert promise in words
    assert page.record_effort.isChecked() and "On:" in page.switch_state.text()

    page.record_effort.setChecked(False)
    assert "not recorded" in page.switch_state.text() and "never zero" in page.switch_state.text()
    assert dialog.preferences().record_effort is False
    writer.view.apply_preferences(dialog.preferences())
    assert writer.context.settings.record_effort() is False
    assert writer.window.session.effort.enabled is False  # the editor stopped counting at once
    reopened = PreferencesDialog(writer.context.settings)
    qtbot.addWidget(reopened)
    assert not reopened.recorded_page.record_effort.isChecked()  # and it is remembered
