"""Review window fixtures: a data folder with a reviewer's key and an inbox from two writers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.gui.reviewer.inbox_data import Work, add_bundle
from tests.gui.reviewer.review_driver import ReviewDriver
from workstation.core.files.datadir import DataDirLock
from workstation.core.signing import identity as ident
from workstation.core.store import Store
from workstation.gui.app import REVIEW_MODE, open_mode_window
from workstation.gui.common.settings import AppSettings
from workstation.gui.reviewer.window import ReviewWindow

ReviewFactory = Callable[..., ReviewDriver]

ADA_WORK = (
    Work(
        "t-ada-1",
        "It is important to note that the results are good. We delve into the data.",
        "The results are good. We look at the data.",
        notes="Kept the claim, cut the filler.",
        tags=("filler",),
        ratings={"fluency": 2},
        active_seconds=75,
    ),
    Work(
        "t-ada-2",
        "Furthermore, the team plays a pivotal role in success.",
        "The team matters.",
        model="model-b",
        active_seconds=30,
    ),
    Work(
        "t-ada-3",
        "Moreover, this is a testament to hard work.",
        "This shows hard work.",
        flag_reason="Off topic",
    ),
)
BEA_WORK = (
    Work("t-bea-1", "Let's delve into a rich tapestry of ideas.", "Here are some ideas.", model="model-b"),
    Work("t-bea-2", "Certainly! Here is the answer you need.", "Here is the answer.", notes="Short one."),
)


def fill_inbox(data_dir: Path) -> dict[str, list[str]]:
    """Two writers' bundles in ``data_dir``'s inbox; item ids by writer (Bea's chain is broken)."""
    with Store(data_dir) as store:
        _bundle, ada = add_bundle(store, "Ada Writer", ADA_WORK)
        _bundle, bea = add_bundle(
            store, "Bea Writer", BEA_WORK, chain_problem="bundle 3 follows bundle 1: bundle 2 is missing"
        )
    return {"ada": ada, "bea": bea}


@pytest.fixture
def review_dir(tmp_path: Path) -> Path:
    """A data folder whose reviewer has an unencrypted signing key, with an empty inbox."""
    data_dir = tmp_path / "review-data"
    data_dir.mkdir()
    ident.init_identity(data_dir, "Rita Reviewer", None, unencrypted=True)
    return data_dir


@pytest.fixture
def inbox(review_dir: Path) -> dict[str, list[str]]:
    return fill_inbox(review_dir)


@pytest.fixture
def make_review_window(qtbot: QtBot, settings_path: Path) -> Iterator[ReviewFactory]:
    opened: list[ReviewDriver] = []

    def factory(data_dir: Path, *, first_item: bool = True, **window_options: object) -> ReviewDriver:
        lock = DataDirLock(data_dir)
        lock.acquire()
        settings = AppSettings(QSettings(str(settings_path), QSettings.Format.IniFormat))
        if window_options:
            from workstation.gui.context import open_context

            window = ReviewWindow(open_context(data_dir, settings), **window_options)  # type: ignore[arg-type]
        else:
            opened_window = open_mode_window(data_dir, REVIEW_MODE, settings=settings)
            assert isinstance(opened_window, ReviewWindow)
            window = opened_window
        driver = ReviewDriver(window, qtbot, lock)
        qtbot.addWidget(window, before_close_func=lambda _w: driver.quit())
        window.resize(1280, 720)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=2000)
        if first_item:
            window.open_first_task()
        opened.append(driver)
        return driver

    yield factory
    for driver in opened:
        driver.quit()


@pytest.fixture
def yes_to_questions(
    message_boxes: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> list[tuple[str, str]]:
    """Like ``message_boxes`` (every box recorded, none waits), but a question is answered Yes."""

    def answer(box: QMessageBox) -> int:
        message_boxes.append((box.windowTitle(), box.text()))
        if box.standardButtons() & QMessageBox.StandardButton.Yes:
            return int(QMessageBox.StandardButton.Yes)
        return int(QMessageBox.StandardButton.Ok)

    monkeypatch.setattr(QMessageBox, "exec", answer)
    return message_boxes
