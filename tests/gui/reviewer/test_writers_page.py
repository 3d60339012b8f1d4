"""Preferences ▸ Writers in the review window: the keyring as the reviewer sees and changes it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from tests.core.review.review_testkit import ADA, ADA_KEY, ADA_NEW_KEY, BEN, BEN_KEY
from tests.gui.reviewer.bundle_files import write_deliveries
from tests.gui.reviewer.conftest import ReviewFactory
from workstation.core.review.receive import ReceiveTrust, receive
from workstation.core.store import Store
from workstation.gui.dialogs.preferences.dialog import PreferencesDialog
from workstation.gui.dialogs.preferences.writers_page import COLUMNS, WritersPage


def keyring_with_pending_keys(data_dir: Path, usb: Path) -> None:
    """Ada trusted with her first key; her changed key and Ben's key seen and pending."""
    deliveries = write_deliveries(usb)
    with Store(data_dir) as store:
        receive(store, [str(deliveries.changed_key)])
        confirmed = ReceiveTrust(confirmed_fingerprints=frozenset({ADA_KEY.public_key.fingerprint}))
        receive(
            store, [str(deliveries.first / "ada-1.zip"), str(deliveries.first / "ben-1.zip")], trust=confirmed
        )


def rows(page: WritersPage) -> list[tuple[str, ...]]:
    table = page.table
    return [
        tuple(table.item(row, column).text() for column in range(len(COLUMNS)))  # type: ignore[union-attr]
        for row in range(table.rowCount())
    ]


def test_the_page_lists_trusted_and_pending_keys_with_short_fingerprints(
    make_review_window: ReviewFactory, review_dir: Path, tmp_path: Path
) -> None:
    keyring_with_pending_keys(review_dir, tmp_path / "usb")
    reviewer = make_review_window(review_dir, first_item=False)
    page = WritersPage(reviewer.context)
    shown = rows(page)
    assert [(name, key, state) for name, key, state, _added, _confirmed in shown] == [
        (ADA, ADA_KEY.public_key.short_fingerprint, "Trusted"),
        (ADA, ADA_NEW_KEY.public_key.short_fingerprint, "Waits for you"),
        (BEN, BEN_KEY.public_key.short_fingerprint, "Waits for you"),
    ]
    assert shown[0][3] and shown[0][4]  # added and confirmed dates
    assert shown[1][4] == ""  # a pending key was never confirmed
    whole = page.table.item(2, 1).toolTip()  # type: ignore[union-attr]
    assert BEN_KEY.public_key.fingerprint in whole and whole.startswith("<p>")  # escaped, shown as is
    assert "1 trusted key, 2 keys waiting" in page.summary.text()
    page.select_fingerprint(ADA_KEY.public_key.fingerprint)
    assert not page.trust_button.isEnabled() and page.forget_button.isEnabled()


def test_trusting_a_pending_key_shows_the_whole_fingerprint_first(
    make_review_window: ReviewFactory,
    review_dir: Path,
    tmp_path: Path,
    yes_to_questions: list[tuple[str, str]],
) -> None:
    keyring_with_pending_keys(review_dir, tmp_path / "usb")
    reviewer = make_review_window(review_dir, first_item=False)
    page = WritersPage(reviewer.context)
    assert page.select_fingerprint(BEN_KEY.public_key.fingerprint)
    assert page.trust_selected()
    reviewer.wait_for_ops()
    title, question = yes_to_questions[-1]
    assert title == "Trust a writer's key"
    assert BEN_KEY.public_key.fingerprint in question
    assert "by a channel you trust" in question
    ben = reviewer.context.store.writers.by_fingerprint(BEN_KEY.public_key.fingerprint)
    assert ben is not None and ben.trusted and ben.confirmed_at
    assert "Trusted" in page.status.text()
    assert rows(page)[1][2] == "Trusted"  # the list follows


def test_a_second_key_for_a_trusted_writer_is_not_trusted_and_says_why(
    make_review_window: ReviewFactory,
    review_dir: Path,
    tmp_path: Path,
    yes_to_questions: list[tuple[str, str]],
) -> None:
    keyring_with_pending_keys(review_dir, tmp_path / "usb")
    reviewer = make_review_window(review_dir, first_item=False)
    page = WritersPage(reviewer.context)
    page.select_fingerprint(ADA_NEW_KEY.public_key.fingerprint)
    page.trust_selected()
    reviewer.wait_for_ops()
    assert page.status.text().startswith("Not trusted: writer 'Ada Writer' is already trusted with key")
    changed = reviewer.context.store.writers.by_fingerprint(ADA_NEW_KEY.public_key.fingerprint)
    assert changed is not None and not changed.trusted


def test_forget_asks_first_and_no_keeps_the_key(
    make_review_window: ReviewFactory,
    review_dir: Path,
    tmp_path: Path,
    message_boxes: list[tuple[str, str]],  # questions get Ok: not a Yes
) -> None:
    keyring_with_pending_keys(review_dir, tmp_path / "usb")
    reviewer = make_review_window(review_dir, first_item=False)
    page = WritersPage(reviewer.context)
    page.select_fingerprint(ADA_KEY.public_key.fingerprint)
    assert not page.forget_selected()
    assert message_boxes[-1][0] == "Forget a writer's key"
    assert len(reviewer.context.store.writers.all()) == 3


def test_forget_removes_the_key_and_the_review_windows_preferences_have_the_page(
    make_review_window: ReviewFactory,
    review_dir: Path,
    tmp_path: Path,
    yes_to_questions: list[tuple[str, str]],
) -> None:
    keyring_with_pending_keys(review_dir, tmp_path / "usb")
    reviewer = make_review_window(review_dir, first_item=False)
    page = WritersPage(reviewer.context)
    page.select_fingerprint(ADA_KEY.public_key.fingerprint)
    assert page.forget_selected()
    reviewer.wait_for_ops()
    assert reviewer.context.store.writers.by_fingerprint(ADA_KEY.public_key.fingerprint) is None
    assert len(rows(page)) == 2 and "Forgot key" in page.status.text()

    dialog = PreferencesDialog(reviewer.context.settings, None, reviewer.window, writers_page=page)
    dialog.show_page("writers")
    assert dialog.tabs.tabText(dialog.tabs.currentIndex()) == "Writers"
    assert page.table.item(0, 0).flags() & Qt.ItemFlag.ItemIsEditable == Qt.ItemFlag.NoItemFlags  # type: ignore[union-attr]
