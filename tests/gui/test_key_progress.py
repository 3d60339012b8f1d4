"""Honest progress for scrypt: a moving bar with the time measured here and the seconds so far,
on unlock and on key creation; the Preferences choice of how long the key stays unlocked; and
the passphrase dialog that says the last one was wrong."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from tests.gui.conftest import PASSPHRASE, DriverFactory
from tests.gui.key_fakes import FakeClock, PassphraseDialogs
from tests.gui.writer_driver import WriterDriver
from workstation.core.signing import INTERACTIVE_KDF, MINISIGN_DEFAULT_KDF
from workstation.core.signing import identity as ident
from workstation.gui.common.busy_indicator import BusyIndicator, busy_sentence
from workstation.gui.common.kdf_timing import KdfTiming
from workstation.gui.common.settings import AppSettings
from workstation.gui.dialogs.passphrase_dialog import PassphraseDialog
from workstation.gui.dialogs.preferences.dialog import PreferencesDialog
from workstation.gui.dialogs.preferences.identity_page import IdentityPage


@pytest.fixture
def settings(settings_path: Path) -> AppSettings:
    return AppSettings(QSettings(str(settings_path), QSettings.Format.IniFormat))


def test_the_busy_line_counts_the_seconds_and_claims_no_fraction(qtbot: QtBot) -> None:
    clock = FakeClock()
    busy = BusyIndicator(clock=clock)
    qtbot.addWidget(busy)
    busy.start("Unlocking your key…", 4.2)
    assert not busy.isHidden()
    assert busy.text() == "Unlocking your key… this takes about 4 s (0 s so far)"
    assert (busy.bar.minimum(), busy.bar.maximum()) == (0, 0)  # Qt's moving "busy" bar, no percent
    clock.advance(2.5 / 60)
    qtbot.waitUntil(lambda: busy.text().endswith("(2 s so far)"), timeout=2000)
    busy.stop()
    assert busy.isHidden() and not busy.running


def test_the_busy_sentence_without_an_estimate_and_for_a_quick_key() -> None:
    assert busy_sentence("Importing the key…", None, 3.9) == "Importing the key… (3 s so far)"
    assert busy_sentence("Unlocking your key…", 0.08, 0) == (
        "Unlocking your key… this takes about 1 s (0 s so far)"
    )


def test_timing_calibrates_once_then_learns_from_real_runs(settings: AppSettings) -> None:
    calibrations: list[int] = []

    def calibrate() -> float:
        calibrations.append(1)
        return 1e-6

    timing = KdfTiming(settings, calibrate)
    first = timing.expected_seconds(INTERACTIVE_KDF)
    assert first == pytest.approx(2**14 * 8 * 1e-6)
    timing.expected_seconds(MINISIGN_DEFAULT_KDF)
    assert len(calibrations) == 1  # kept in the settings
    timing.record(2.0, INTERACTIVE_KDF)  # a real unlock took 2 s
    assert timing.expected_seconds(INTERACTIVE_KDF) == pytest.approx(2.0)
    assert timing.expected_seconds(MINISIGN_DEFAULT_KDF) == pytest.approx(128.0)  # 64 times the work
    assert timing.expected_seconds(INTERACTIVE_KDF, INTERACTIVE_KDF) == pytest.approx(4.0)
    timing.record(0.0, INTERACTIVE_KDF)  # a clock that did not move teaches nothing
    assert timing.expected_seconds(INTERACTIVE_KDF) == pytest.approx(2.0)
    assert KdfTiming(settings, calibrate).expected_seconds(INTERACTIVE_KDF) == pytest.approx(2.0)


def test_the_passphrase_dialog_says_the_last_one_was_wrong(qtbot: QtBot) -> None:
    again = PassphraseDialog(
        "Passphrase for Ada's key.", confirm=False, problem="Wrong passphrase — try again."
    )
    qtbot.addWidget(again)
    again.show()
    assert again.earlier_problem.isVisible()
    assert again.earlier_problem.text() == "Wrong passphrase — try again."
    again.first.setText("typing a new one")
    assert again.earlier_problem.isVisible()  # stays while the writer types
    first = PassphraseDialog("Passphrase for Ada's key.", confirm=False)
    qtbot.addWidget(first)
    first.show()
    assert not first.earlier_problem.isVisible()


def test_key_creation_shows_a_busy_line_then_what_it_did(
    qtbot: QtBot, make_window: DriverFactory, demo_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writer = make_window(demo_dir)
    page = IdentityPage(writer.context)
    qtbot.addWidget(page)
    page.kdf = INTERACTIVE_KDF
    page.show()
    monkeypatch.setattr(
        "workstation.gui.dialogs.preferences.identity_page.QInputDialog.getText",
        lambda *a, **k: ("Grace Editor", True),
    )
    monkeypatch.setattr(
        "workstation.gui.dialogs.preferences.identity_page.ask_passphrase", lambda *a, **k: PASSPHRASE
    )
    with qtbot.waitSignal(page.identity_changed, timeout=15_000):
        page.create_key()
        assert page.busy.isVisible() and page.busy.isEnabled()  # readable, not greyed out
        assert page.busy.text().startswith("Creating your key… this takes about ")
        assert page.busy.text().endswith("s so far)")
        assert not page.create_button.isEnabled()  # one key job at a time
    assert not page.busy.isVisible()
    assert page.create_button.text() == "Replace key…" and page.create_button.isEnabled()
    assert page.outcome.text() == "Key created."
    assert writer.context.settings.kdf_seconds_per_work() is not None  # timed for the next unlock
    identity = ident.load_identity(demo_dir)
    assert identity is not None and identity.name == "Grace Editor"


def ok(dialog: PreferencesDialog) -> None:
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_preferences_set_how_long_the_key_stays_unlocked(
    qtbot: QtBot, writer_with_key: WriterDriver, monkeypatch: pytest.MonkeyPatch
) -> None:
    writer = writer_with_key
    PassphraseDialogs(monkeypatch, PASSPHRASE)
    writer.replace_rewrite("A first human rewrite.")
    writer.submit()
    writer.outbox.seal()
    assert writer.outbox.key_state() == "Key unlocked (locks after 15 min idle)"

    page = IdentityPage(writer.context)
    dialog = PreferencesDialog(writer.context.settings, page)
    qtbot.addWidget(dialog)
    assert page.idle_minutes.value() == 15
    page.idle_minutes.setValue(5)
    ok(dialog)
    assert writer.context.settings.key_idle_minutes() == 5
    assert writer.outbox.key_state() == "Key unlocked (locks after 5 min idle)"

    page = IdentityPage(writer.context)
    dialog = PreferencesDialog(writer.context.settings, page)
    qtbot.addWidget(dialog)
    page.idle_minutes.setValue(0)
    assert page.idle_minutes.text() == "Ask at every seal"
    ok(dialog)
    assert writer.outbox.key_state() == "Key locked"  # 0: not kept, not even the one unlocked now
    assert not writer.context.key_cache.held
