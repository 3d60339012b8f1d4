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
    window = make_window(demo_dir)
    dialog = PreferencesDialog(window.context.settings)
    qtbot.addWidget(dialog)
    dialog.styles.path.setText(str(make_styles(tmp_path)))
    report = dialog.styles.report.text()
    assert "1 rules" in report and "Broken" in report
    dialog.font_size.setValue(15)
    dialog.theme.setCurrentIndex(dialog.theme.findData(ThemeChoice.DARK.value))
    window.apply_preferences(dialog.preferences())
    assert window.diff_view.rewrite_pane.font().pointSize() == 15
    assert window.context.settings.theme() is ThemeChoice.DARK
    assert [r.name for r in window.prose.analyser.linter.rules] == ["House.Synergy"]
    window.diff_view.rewrite_pane.setPlainText("Our synergy is strong.")
    window.editor.refresher.refresh_now()
    (finding,) = window.editor.rewrite_marks.findings
    assert finding.level == "error" and "synergy" in finding.message


def test_missing_style_folder_keeps_builtin_rules(qtbot, make_window, demo_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_dir)
    dialog = PreferencesDialog(window.context.settings)
    qtbot.addWidget(dialog)
    dialog.styles.path.setText(str(tmp_path / "nowhere"))
    assert "does not exist" in dialog.styles.report.text()
    before = len(window.prose.analyser.linter.rules)
    window.apply_preferences(dialog.preferences())
    assert len(window.prose.analyser.linter.rules) == before >= 10


def test_categories_turned_off_in_preferences(qtbot, make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_dir)
    dialog = PreferencesDialog(window.context.settings, categories=window.prose.pack.categories)
    qtbot.addWidget(dialog)
    first = dialog.categories.item(0)
    name = first.data(0x0100)
    first.setCheckState(first.checkState().Unchecked)
    window.apply_preferences(dialog.preferences())
    assert name in window.context.settings.disabled_categories()
    assert name in window.prose.findings.disabled_categories()
    assert all(rule.category != name for rule in window.prose.analyser.linter.rules)
