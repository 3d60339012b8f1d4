"""A rule that loses findings to a slow pattern says so in the Findings dock and in Preferences;
saved category names from before Style.Rule naming keep working."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from workstation.gui.common.settings import AppSettings
from workstation.gui.dialogs.preferences.dialog import PreferencesDialog

# One plain token and one that a backtracking engine needs ages for on a run of "a".
SLOW_RULE = """extends: existence
message: "'%s'"
level: error
nonword: true
tokens:
  - synergy
  - '(?=(a|aa)+b)a'
"""
CONTRACTIONS = """extends: substitution
message: "Use '%s' instead of '%s'."
ignorecase: true
swap:
  do not: don't
"""
NOTICE = "House.Slow: part of this rule was switched off on this text (pattern too slow)"


def _styles(root: Path, rules: dict[str, dict[str, str]]) -> Path:
    for style, files in rules.items():
        (root / "styles" / style).mkdir(parents=True)
        for name, body in files.items():
            (root / "styles" / style / f"{name}.yml").write_text(body, encoding="utf-8")
    return root / "styles"


def test_a_switched_off_rule_is_named_in_findings_and_preferences(
    qtbot, make_window, demo_dir: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)
    dialog = PreferencesDialog(writer.context.settings)
    qtbot.addWidget(dialog)
    dialog.styles.path.setText(str(_styles(tmp_path, {"House": {"Slow": SLOW_RULE}})))
    writer.view.apply_preferences(dialog.preferences())
    writer.replace_rewrite("Our synergy is strong. " + "a" * 60)
    writer.refresh_analysis()
    assert [f.matched for f in writer.prose.findings("rewrite")] == ["synergy"]  # the rest still runs
    assert writer.prose.switched_off_notices() == [NOTICE]
    shown = PreferencesDialog(writer.context.settings, lint_notices=writer.prose.lint_notices())
    qtbot.addWidget(shown)
    shown.show_page("prose")
    assert shown.lint_notices.isVisibleTo(shown)
    assert NOTICE in shown.lint_notices.text()
    # A text the slow key handles in time clears the line.
    writer.replace_rewrite("Our synergy is strong.")
    writer.refresh_analysis()
    assert writer.prose.switched_off_notices() == []


def test_preferences_shows_no_notice_when_nothing_was_switched_off(
    qtbot, make_window, demo_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)
    dialog = PreferencesDialog(writer.context.settings, lint_notices=writer.prose.lint_notices())
    qtbot.addWidget(dialog)
    dialog.show_page("prose")
    assert writer.prose.lint_notices() == ()
    assert not dialog.lint_notices.isVisibleTo(dialog)


def test_old_saved_category_names_switch_off_the_rules_of_every_style(
    make_window, demo_dir: Path, tmp_path: Path, settings_path: Path
) -> None:  # type: ignore[no-untyped-def]
    styles = _styles(
        tmp_path, {"Alpha": {"Contractions": CONTRACTIONS}, "Beta": {"Contractions": CONTRACTIONS}}
    )
    saved = AppSettings(QSettings(str(settings_path), QSettings.Format.IniFormat))
    saved.set_style_folder(styles)
    saved.set_disabled_categories({"Contractions"})  # what an older version saved
    del saved
    writer = make_window(demo_dir)
    assert writer.context.settings.disabled_categories() == {"Alpha.Contractions", "Beta.Contractions"}
    assert writer.prose.unticked_categories() == {"Alpha.Contractions", "Beta.Contractions"}
    writer.replace_rewrite("Do not panic.")
    writer.refresh_analysis()
    assert writer.prose.findings("rewrite") == ()
    writer.prose.show_category("Beta.Contractions", True)
    writer.refresh_analysis()
    assert [f.rule for f in writer.prose.findings("rewrite")] == ["Beta.Contractions"]
