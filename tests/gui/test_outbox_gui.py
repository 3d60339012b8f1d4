"""Identity, sealing and the outbox from the window: create a key, seal, upload, export, retry."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from workstation.core.bundles import SignerTrust, open_bundle
from workstation.core.models import RewriteStatus
from workstation.core.signing import INTERACTIVE_KDF
from workstation.core.signing import identity as ident
from workstation.core.sync.outbox_push import get_default_target, set_default_target
from workstation.gui.dialogs.preferences.identity_page import IdentityPage
from workstation.gui.operations import Changes

PASSPHRASE = "correct horse battery"


def set_target(window, url: str) -> None:  # type: ignore[no-untyped-def]
    """What Preferences ▸ Identity & upload does: an operation on the store thread."""
    window.context.ops.run_and_wait(
        "set target", lambda store: set_default_target(store, url), changes=Changes(settings=True)
    )


def submit_two(window) -> None:  # type: ignore[no-untyped-def]
    for text in ("A first human rewrite.", "A second human rewrite."):
        window.diff_view.rewrite_pane.setPlainText(text)
        window.task_commands.submit()


@pytest.fixture
def window_with_key(make_window, demo_dir: Path):  # type: ignore[no-untyped-def]
    ident.init_identity(demo_dir, "Ada Writer", PASSPHRASE, kdf=INTERACTIVE_KDF)
    return make_window(demo_dir)


def test_seal_then_upload_to_a_folder_then_export(
    qtbot, window_with_key, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    window = window_with_key
    monkeypatch.setattr("workstation.gui.writer.outbox_controller.ask_passphrase", lambda *a, **k: PASSPHRASE)
    submit_two(window)
    window.actions_by_name["toggle_outbox"].trigger()
    assert window.outbox.dock.isVisible()
    assert window.outbox.dock.seal_button.isEnabled()
    with qtbot.waitSignal(window.outbox.sealed, timeout=15_000) as blocker:
        window.actions_by_name["seal"].trigger()
    result = blocker.args[0]
    assert result.record_count == 2
    assert window.outbox.dock.table.rowCount() == 1
    assert window.outbox.dock.table.item(0, 4).text() == "Waiting"
    sealed = window.context.store.rewrites.get("demo-001")
    assert sealed.sealed_bundle_id == result.bundle_id and sealed.status is RewriteStatus.SUBMITTED

    # A sealed task opens read-only.
    window.editor.open_task("demo-001")
    assert window.diff_view.rewrite_pane.isReadOnly()
    assert "read-only" in window.metrics_bar.save_label.text().lower()

    drop = tmp_path / "drop"
    drop.mkdir()
    set_target(window, drop.as_uri())
    with qtbot.waitSignal(window.outbox.upload_finished, timeout=15_000):
        window.actions_by_name["upload"].trigger()
    assert window.outbox.dock.table.item(0, 4).text() == "Uploaded"
    uploaded = list(drop.rglob("*.zip"))
    assert len(uploaded) == 1

    exported = tmp_path / "export.zip"
    window.outbox.write_bundle(result.bundle_id, exported)
    verified = open_bundle(exported.read_bytes(), trust=SignerTrust.accept_any())
    assert verified.bundle_id == result.bundle_id and len(verified.records) == 2
    assert exported.read_bytes() == uploaded[0].read_bytes()


def test_wrong_passphrase_seals_nothing(qtbot, window_with_key, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = window_with_key
    monkeypatch.setattr(
        "workstation.gui.writer.outbox_controller.ask_passphrase", lambda *a, **k: "not it at all"
    )
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warnings.append(text))
    submit_two(window)
    window.outbox.seal()
    qtbot.waitUntil(lambda: bool(warnings), timeout=15_000)
    assert "Wrong passphrase" in warnings[0]
    assert window.context.store.outbox.rows() == []
    assert window.context.store.rewrites.get("demo-001").sealed_bundle_id is None


def test_sealing_without_a_key_points_to_preferences(make_window, demo_dir: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_dir)
    opened: list[str | None] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    window.context.events.preferences_requested.disconnect()
    window.context.events.preferences_requested.connect(opened.append)
    submit_two(window)
    window.outbox.seal()
    assert opened == ["identity"]


def test_identity_page_creates_and_shows_a_key(qtbot, make_window, demo_dir: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_dir)
    page = IdentityPage(window.context)
    qtbot.addWidget(page)
    page.kdf = INTERACTIVE_KDF
    assert page.name_label.text() == "No signing key yet"
    assert not page.passphrase_button.isEnabled()
    monkeypatch.setattr(
        "workstation.gui.dialogs.preferences.identity_page.QInputDialog.getText",
        lambda *a, **k: ("Grace Editor", True),
    )
    monkeypatch.setattr(
        "workstation.gui.dialogs.preferences.identity_page.ask_passphrase", lambda *a, **k: PASSPHRASE
    )
    with qtbot.waitSignal(page.identity_changed, timeout=15_000):
        page.create_key()
    identity = ident.load_identity(demo_dir)
    assert identity is not None and identity.name == "Grace Editor" and identity.encrypted
    assert page.fingerprint_label.text() == identity.fingerprint
    assert "Encrypted" in page.protection_label.text()
    page.target.setText("ftp://nope")
    assert not page.save_target() and page.target_problem.text()
    page.target.setText("file:///tmp/bundles")
    assert page.save_target()
    window.context.ops.drain()
    assert get_default_target(window.context.store) == "file:///tmp/bundles"


def test_upload_now_to_an_http_server_that_fails_then_drops_the_reply(
    qtbot, window_with_key, monkeypatch, bundle_server
) -> None:  # type: ignore[no-untyped-def]
    window = window_with_key
    monkeypatch.setattr("workstation.gui.writer.outbox_controller.ask_passphrase", lambda *a, **k: PASSPHRASE)
    submit_two(window)
    with qtbot.waitSignal(window.outbox.sealed, timeout=15_000) as blocker:
        window.outbox.seal()
    bundle_id = blocker.args[0].bundle_id
    bundle_server.store.faults.extend(["500", "drop_reply"])
    set_target(window, bundle_server.url)
    with qtbot.waitSignal(window.outbox.upload_finished, timeout=30_000):
        window.outbox.push_now()
    row = window.context.store.outbox.get(bundle_id)
    assert row.state == "acked" and row.attempts >= 3
    assert list(bundle_server.store.objects) == [bundle_id]  # stored exactly once
    assert window.outbox.dock.table.item(0, 4).text() == "Uploaded"


def test_the_rewrite_is_read_only_while_sealing(qtbot, window_with_key, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = window_with_key
    monkeypatch.setattr("workstation.gui.writer.outbox_controller.ask_passphrase", lambda *a, **k: PASSPHRASE)
    window.diff_view.rewrite_pane.setPlainText("Only this.")
    window.task_commands.submit()
    window.editor.open_task("demo-001")
    with qtbot.waitSignal(window.outbox.sealed, timeout=15_000):
        window.outbox.seal()
        assert window.diff_view.rewrite_pane.isReadOnly()  # no keystroke can slip in and be lost
    assert window.diff_view.rewrite_pane.isReadOnly()  # sealed now, for good
    window.editor.open_task("demo-002")
    assert not window.diff_view.rewrite_pane.isReadOnly()
