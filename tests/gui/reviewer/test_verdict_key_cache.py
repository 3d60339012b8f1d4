"""Review ▸ Seal verdicts… uses the kept key too: the reviewer types the passphrase once."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.gui.conftest import PASSPHRASE
from tests.gui.key_fakes import PassphraseDialogs
from tests.gui.reviewer.conftest import ReviewFactory, fill_inbox
from tests.gui.reviewer.review_driver import ReviewDriver
from workstation.core.signing import INTERACTIVE_KDF
from workstation.core.signing import identity as ident
from workstation.gui.common.key_cache import LOCKED_NOW


@pytest.fixture
def locked_review_dir(tmp_path: Path) -> Path:
    """A reviewer's data folder whose key is encrypted with :data:`PASSPHRASE`, with an inbox."""
    data_dir = tmp_path / "review-data"
    data_dir.mkdir()
    ident.init_identity(data_dir, "Rita Reviewer", PASSPHRASE, kdf=INTERACTIVE_KDF)
    fill_inbox(data_dir)
    return data_dir


def accept_and_seal(qtbot: QtBot, reviewer: ReviewDriver) -> None:
    reviewer.focus_panes()
    reviewer.press("a")
    reviewer.wait_for_ops()
    assert reviewer.window.sealer.seal()
    qtbot.waitUntil(lambda: not reviewer.window.sealer.sealing, timeout=10_000)
    reviewer.wait_for_ops()


def sealed_verdict_bundles(reviewer: ReviewDriver) -> int:
    return sum(row.kind == "verdicts" for row in reviewer.context.store.outbox.rows())


def test_the_second_verdict_seal_asks_nothing_and_runs_no_scrypt(
    qtbot: QtBot,
    make_review_window: ReviewFactory,
    locked_review_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    kdf_runs: list[int],
) -> None:
    dialogs = PassphraseDialogs(monkeypatch, PASSPHRASE, PASSPHRASE)
    reviewer = make_review_window(locked_review_dir)
    status = reviewer.window.key_status
    assert status.text() == "Key locked"
    accept_and_seal(qtbot, reviewer)
    assert status.text() == "Key unlocked (locks after 15 min idle)"
    accept_and_seal(qtbot, reviewer)
    assert sealed_verdict_bundles(reviewer) == 2
    assert (dialogs.shown, len(kdf_runs)) == (1, 1)

    reviewer.window.actions_by_name["lock_key"].trigger()  # File ▸ Lock signing key
    assert reviewer.status_text() == LOCKED_NOW and status.text() == "Key locked"
    accept_and_seal(qtbot, reviewer)
    assert sealed_verdict_bundles(reviewer) == 3
    assert (dialogs.shown, len(kdf_runs)) == (2, 2)
