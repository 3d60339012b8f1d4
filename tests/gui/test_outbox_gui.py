"""Identity, sealing and the outbox from the window: create a key, seal, upload, export, retry."""

from __future__ import annotations

from pathlib import Path

from tests.gui.conftest import PASSPHRASE
from workstation.core.bundles import SignerTrust, open_bundle
from workstation.core.models import RewriteStatus
from workstation.core.signing import INTERACTIVE_KDF
from workstation.core.signing import identity as ident
from workstation.gui.dialogs.preferences.identity_page import IdentityPage


def submit_two(writer) -> None:  # type: ignore[no-untyped-def]
    for text in ("A first human rewrite.", "A second human rewrite."):
        writer.replace_rewrite(text)
        writer.submit()


def test_seal_then_upload_to_a_folder_then_export(writer_with_key, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    writer = writer_with_key
    submit_two(writer)
    writer.outbox.show()
    assert writer.outbox.is_shown()
    assert writer.outbox.seal_button_enabled()
    result = writer.outbox.seal()
    assert result.record_count == 2
    assert writer.outbox.listed_states() == ["Waiting"]
    sealed = writer.stored_rewrite("demo-001")
    assert sealed.sealed_bundle_id == result.bundle_id and sealed.status is RewriteStatus.SUBMITTED

    # A sealed task opens read-only.
    assert writer.open_task("demo-001")
    assert writer.is_read_only()
    assert "read-only" in writer.save_line().lower()

    drop = tmp_path / "drop"
    drop.mkdir()
    writer.set_upload_target(drop.as_uri())
    writer.outbox.upload(timeout=15_000)
    assert writer.outbox.listed_states() == ["Uploaded"]
    uploaded = list(drop.rglob("*.zip"))
    assert len(uploaded) == 1

    exported = tmp_path / "export.zip"
    writer.outbox.write_bundle(result.bundle_id, exported)
    verified = open_bundle(exported.read_bytes(), trust=SignerTrust.accept_any())
    assert verified.bundle_id == result.bundle_id and len(verified.records) == 2
    assert exported.read_bytes() == uploaded[0].read_bytes()


def test_wrong_passphrase_seals_nothing(qtbot, writer_with_key, monkeypatch, message_boxes) -> None:  # type: ignore[no-untyped-def]
    writer = writer_with_key
    monkeypatch.setattr("workstation.gui.common.key_unlock.ask_passphrase", lambda *a, **k: "not it at all")
    submit_two(writer)
    writer.outbox.start_seal()
    qtbot.waitUntil(lambda: bool(message_boxes), timeout=15_000)
    assert message_boxes == [("Sealing failed", "Wrong passphrase; nothing was sealed.")]
    assert writer.outbox.rows() == []
    assert writer.stored_rewrite("demo-001").sealed_bundle_id is None


def test_sealing_without_a_key_points_to_preferences(make_window, demo_dir: Path, message_boxes) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)
    opened: list[str | None] = []
    writer.context.events.preferences_requested.disconnect()
    writer.context.events.preferences_requested.connect(opened.append)
    submit_two(writer)
    writer.outbox.start_seal()
    assert opened == ["identity"]
    assert [title for title, _text in message_boxes] == ["No signing key"]


def test_identity_page_creates_and_shows_a_key(qtbot, make_window, demo_dir: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    writer = make_window(demo_dir)
    page = IdentityPage(writer.context)
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
    writer.drain_operations()
    assert writer.upload_target() == "file:///tmp/bundles"


def test_upload_now_to_an_http_server_that_fails_then_drops_the_reply(writer_with_key, bundle_server) -> None:  # type: ignore[no-untyped-def]
    writer = writer_with_key
    submit_two(writer)
    bundle_id = writer.outbox.seal().bundle_id
    bundle_server.store.faults.extend(["500", "drop_reply"])
    writer.set_upload_target(bundle_server.url)
    writer.outbox.upload()
    row = writer.outbox.row(bundle_id)
    assert row.state == "acked" and row.attempts >= 3
    assert list(bundle_server.store.objects) == [bundle_id]  # stored exactly once
    assert writer.outbox.listed_states() == ["Uploaded"]


def test_the_rewrite_is_read_only_while_sealing(writer_with_key) -> None:  # type: ignore[no-untyped-def]
    writer = writer_with_key
    writer.replace_rewrite("Only this.")
    writer.submit()
    assert writer.open_task("demo-001")
    with writer.outbox.wait_for_seal():
        writer.outbox.start_seal()
        assert writer.is_read_only()  # no keystroke can slip in and be lost
    assert writer.is_read_only()  # sealed now, for good
    assert writer.open_task("demo-002")
    assert not writer.is_read_only()
