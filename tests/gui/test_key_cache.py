"""The signing key kept for the session: only the first seal runs scrypt and asks for the
passphrase; idle time, File ▸ Lock signing key, a changed key and closing the folder drop it; a
wrong passphrase is asked again; the busy line says how long unlocking takes here."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.gui.conftest import PASSPHRASE, DriverFactory
from tests.gui.key_fakes import FakeClock, PassphraseDialogs
from tests.gui.writer_driver import WriterDriver
from workstation.core.bundles import SignerTrust, open_bundle
from workstation.core.signing import INTERACTIVE_KDF, scrypt_work
from workstation.core.signing import identity as ident
from workstation.gui.common.key_cache import LOCKED_NOW
from workstation.gui.common.key_unlock import CANCELLED, MAX_ATTEMPTS, WRONG_PASSPHRASE

UNLOCKED = "Key unlocked (locks after 15 min idle)"
TRY_AGAIN = "Wrong passphrase — try again"


def submit(writer: WriterDriver, text: str) -> None:
    writer.replace_rewrite(text)
    writer.submit()


def signer_of(writer: WriterDriver, bundle_id: str) -> str:
    data = writer.context.store.outbox.get_bytes(bundle_id)
    return open_bundle(data, trust=SignerTrust.accept_any()).manifest.signer.fingerprint


def test_the_second_seal_asks_nothing_and_runs_no_scrypt(
    writer_with_key: WriterDriver, monkeypatch: pytest.MonkeyPatch, kdf_runs: list[int]
) -> None:
    writer = writer_with_key
    dialogs = PassphraseDialogs(monkeypatch, PASSPHRASE)
    assert writer.outbox.key_state() == "Key locked"
    assert not writer.outbox.can_lock_key()
    submit(writer, "A first human rewrite.")
    first = writer.outbox.seal()
    assert (dialogs.shown, len(kdf_runs)) == (1, 1)
    assert writer.outbox.key_state() == UNLOCKED
    assert writer.outbox.can_lock_key()

    submit(writer, "A second human rewrite.")
    second = writer.outbox.seal()
    assert second.record_count == 1
    assert (dialogs.shown, len(kdf_runs)) == (1, 1)  # no question, no scrypt
    assert signer_of(writer, second.bundle_id) == signer_of(writer, first.bundle_id)


def test_idle_time_locks_the_key_and_input_postpones_it(
    writer_with_key: WriterDriver, monkeypatch: pytest.MonkeyPatch, kdf_runs: list[int]
) -> None:
    writer = writer_with_key
    clock = FakeClock()
    cache = writer.context.key_cache
    cache.clock = clock
    dialogs = PassphraseDialogs(monkeypatch, PASSPHRASE, PASSPHRASE, PASSPHRASE)
    submit(writer, "A first human rewrite.")
    writer.outbox.seal()

    clock.advance(14)
    writer.press_key(Qt.Key.Key_Right)  # the writer is still here
    clock.advance(14)
    assert not cache.check_idle()  # what the idle timer does when it fires
    assert writer.outbox.key_state() == UNLOCKED

    clock.advance(1.1)  # 15 minutes since the key press
    assert cache.check_idle()
    assert writer.outbox.key_state() == "Key locked"
    assert writer.status_message() == "Signing key locked after 15 min without input."
    submit(writer, "A second human rewrite.")
    writer.outbox.seal()
    assert (dialogs.shown, len(kdf_runs)) == (2, 2)

    # A laptop asleep past the deadline: the timer has not fired, the next seal still asks.
    clock.advance(16)
    submit(writer, "A third human rewrite.")
    writer.outbox.seal()
    assert (dialogs.shown, len(kdf_runs)) == (3, 3)


def test_lock_now_drops_the_key_and_says_so(
    writer_with_key: WriterDriver, monkeypatch: pytest.MonkeyPatch, kdf_runs: list[int]
) -> None:
    writer = writer_with_key
    dialogs = PassphraseDialogs(monkeypatch, PASSPHRASE, PASSPHRASE)
    submit(writer, "A first human rewrite.")
    writer.outbox.seal()
    writer.outbox.lock_key()
    assert writer.status_message() == LOCKED_NOW
    assert writer.outbox.key_state() == "Key locked"
    assert not writer.outbox.can_lock_key()
    submit(writer, "A second human rewrite.")
    writer.outbox.seal()
    assert (dialogs.shown, len(kdf_runs)) == (2, 2)


def test_a_wrong_passphrase_is_asked_again_and_the_right_one_seals(
    writer_with_key: WriterDriver, monkeypatch: pytest.MonkeyPatch, message_boxes: list[tuple[str, str]]
) -> None:
    writer = writer_with_key
    dialogs = PassphraseDialogs(monkeypatch, "not it at all", PASSPHRASE)
    submit(writer, "A first human rewrite.")
    result = writer.outbox.seal()
    assert result.record_count == 1
    assert dialogs.shown == 2
    assert dialogs.problems[0] == "" and dialogs.problems[1].startswith(TRY_AGAIN)
    assert f"attempt 2 of {MAX_ATTEMPTS}" in dialogs.problems[1]
    assert [title for title, _text in message_boxes] == ["Work sealed"]  # the seal's confirmation only


def test_wrong_every_time_stops_after_the_last_attempt(
    qtbot: QtBot,
    writer_with_key: WriterDriver,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: list[tuple[str, str]],
) -> None:
    writer = writer_with_key
    dialogs = PassphraseDialogs(monkeypatch, *["wrong words"] * MAX_ATTEMPTS)
    submit(writer, "A first human rewrite.")
    writer.outbox.start_seal()
    qtbot.waitUntil(lambda: not writer.outbox.sealing, timeout=15_000)
    assert dialogs.shown == MAX_ATTEMPTS
    assert message_boxes == [("Sealing failed", WRONG_PASSPHRASE)]
    assert writer.outbox.rows() == []


def test_cancel_on_the_second_question_seals_nothing_and_says_so(
    qtbot: QtBot,
    writer_with_key: WriterDriver,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: list[tuple[str, str]],
) -> None:
    writer = writer_with_key
    dialogs = PassphraseDialogs(monkeypatch, "not it at all", None)
    submit(writer, "A first human rewrite.")
    writer.outbox.start_seal()
    qtbot.waitUntil(lambda: not writer.outbox.sealing, timeout=15_000)
    assert dialogs.shown == 2
    assert writer.status_message() == CANCELLED
    assert message_boxes == []  # a cancel needs no warning box
    assert writer.outbox.rows() == []
    assert writer.stored_rewrite("demo-001").sealed_bundle_id is None
    assert writer.outbox.key_state() == "Key locked"


def test_a_replaced_or_re_encrypted_key_is_unlocked_afresh(
    writer_with_key: WriterDriver, demo_dir: Path, monkeypatch: pytest.MonkeyPatch, kdf_runs: list[int]
) -> None:
    writer = writer_with_key
    dialogs = PassphraseDialogs(monkeypatch, PASSPHRASE, "a brand new passphrase", "the third passphrase")
    submit(writer, "A first human rewrite.")
    first = writer.outbox.seal()

    # Replaced outside the app (the CLI's ``keys init --force``): the kept key is not used.
    new = ident.init_identity(
        demo_dir, "Ada Writer", "a brand new passphrase", kdf=INTERACTIVE_KDF, force=True
    )
    submit(writer, "A second human rewrite.")
    second = writer.outbox.seal()
    assert dialogs.shown == 2
    assert signer_of(writer, second.bundle_id) == new.fingerprint != signer_of(writer, first.bundle_id)

    # Same key, new passphrase: another key file, so it is unlocked again too.
    ident.change_identity_passphrase(
        demo_dir, "a brand new passphrase", "the third passphrase", kdf=INTERACTIVE_KDF
    )
    submit(writer, "A third human rewrite.")
    writer.outbox.seal()
    assert dialogs.shown == 3
    assert writer.outbox.key_state() == UNLOCKED

    writer.context.events.identity_changed.emit()  # Preferences created or imported a key
    assert writer.outbox.key_state() == "Key locked"


def test_the_busy_line_shows_while_unlocking_with_the_time_measured_here(
    writer_with_key: WriterDriver, monkeypatch: pytest.MonkeyPatch
) -> None:
    writer = writer_with_key
    settings = writer.context.settings
    assert settings.kdf_seconds_per_work() is None  # never timed on this "machine"
    PassphraseDialogs(monkeypatch, PASSPHRASE, PASSPHRASE)
    submit(writer, "A first human rewrite.")
    with writer.outbox.wait_for_seal():
        writer.outbox.start_seal()
        shown = writer.outbox.unlock_progress()
        assert shown is not None and shown.startswith("Unlocking your key… this takes about ")
        assert shown.endswith("(0 s so far)")
        assert "%" not in shown
    assert writer.outbox.unlock_progress() is None
    assert settings.kdf_seconds_per_work() is not None  # the run was timed for next time

    settings.set_kdf_seconds_per_work(4.0 / scrypt_work(INTERACTIVE_KDF))  # a slow machine
    writer.outbox.lock_key()
    submit(writer, "A second human rewrite.")
    with writer.outbox.wait_for_seal():
        writer.outbox.start_seal()
        assert writer.outbox.unlock_progress() == "Unlocking your key… this takes about 4 s (0 s so far)"
    assert writer.outbox.unlock_progress() is None


def test_the_environment_passphrase_unlocks_without_a_dialog_and_is_kept(
    writer_with_key: WriterDriver, monkeypatch: pytest.MonkeyPatch, kdf_runs: list[int]
) -> None:
    writer = writer_with_key
    monkeypatch.setenv(ident.ENV_PASSPHRASE, PASSPHRASE)
    dialogs = PassphraseDialogs(monkeypatch)  # any question fails the test
    for text in ("A first human rewrite.", "A second human rewrite."):
        submit(writer, text)
        writer.outbox.seal()
    assert (dialogs.shown, len(kdf_runs)) == (0, 1)


def test_a_wrong_environment_passphrase_fails_at_once(
    qtbot: QtBot,
    writer_with_key: WriterDriver,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: list[tuple[str, str]],
) -> None:
    writer = writer_with_key
    monkeypatch.setenv(ident.ENV_PASSPHRASE, "not the passphrase")
    dialogs = PassphraseDialogs(monkeypatch)
    submit(writer, "A first human rewrite.")
    writer.outbox.start_seal()
    qtbot.waitUntil(lambda: bool(message_boxes), timeout=15_000)
    assert message_boxes == [("Sealing failed", WRONG_PASSPHRASE)]
    assert dialogs.shown == 0


def test_zero_minutes_keeps_no_key(
    writer_with_key: WriterDriver, monkeypatch: pytest.MonkeyPatch, kdf_runs: list[int]
) -> None:
    writer = writer_with_key
    writer.context.settings.set_key_idle_minutes(0)
    dialogs = PassphraseDialogs(monkeypatch, PASSPHRASE, PASSPHRASE)
    for text in ("A first human rewrite.", "A second human rewrite."):
        submit(writer, text)
        writer.outbox.seal()
    assert (dialogs.shown, len(kdf_runs)) == (2, 2)
    assert writer.outbox.key_state() == "Key locked"


def test_closing_the_folder_drops_the_key(
    writer_with_key: WriterDriver, monkeypatch: pytest.MonkeyPatch
) -> None:
    writer = writer_with_key
    PassphraseDialogs(monkeypatch, PASSPHRASE)
    submit(writer, "A first human rewrite.")
    writer.outbox.seal()
    cache = writer.context.key_cache
    assert cache.held
    writer.quit()
    assert not cache.held


def test_an_unencrypted_key_says_so_and_is_never_kept(
    make_window: DriverFactory, demo_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ident.init_identity(demo_dir, "Ada Writer", None, unencrypted=True)
    writer = make_window(demo_dir)
    dialogs = PassphraseDialogs(monkeypatch)
    assert writer.outbox.key_state() == "Key not encrypted"
    submit(writer, "A first human rewrite.")
    writer.outbox.seal()
    assert dialogs.shown == 0
    assert not writer.context.key_cache.held and not writer.outbox.can_lock_key()


def test_no_key_shows_no_key_state(make_window: DriverFactory, demo_dir: Path) -> None:
    writer = make_window(demo_dir)
    assert writer.outbox.key_state() == ""
