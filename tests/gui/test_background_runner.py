"""The background runner: answers on the GUI thread, and every Qt object of a job let go there.

A job's signals object must never be destroyed on the worker thread (the worker's reference can
be the last Python one, and the callbacks it holds may hold the last reference to a widget):
the runner owns it and deletes it on the GUI thread once the answer has been delivered.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, QEvent
from pytestqt.qtbot import QtBot

from workstation.gui.common.background import BackgroundRunner, _JobSignals


def _deferred_deletes() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_answers_arrive_on_the_gui_thread_and_the_job_objects_are_gone_after(qtbot: QtBot) -> None:
    runner = BackgroundRunner()
    seen: list[tuple[object, bool]] = []
    gui = threading.current_thread()

    for number in range(20):
        runner.submit(
            lambda _job, n=number: n * 2,
            on_done=lambda result: seen.append((result, threading.current_thread() is gui)),
        )
    qtbot.waitUntil(lambda: len(seen) == 20, timeout=5000)
    runner.wait_for_idle()
    _deferred_deletes()

    assert sorted(result for result, _ in seen) == [n * 2 for n in range(20)]
    assert all(on_gui for _, on_gui in seen)
    assert runner.findChildren(_JobSignals) == []


def test_a_failed_job_is_let_go_too_and_its_error_handed_over(qtbot: QtBot) -> None:
    runner = BackgroundRunner()
    errors: list[Exception] = []

    def fail(_job: object) -> None:
        raise ValueError("the disk said no")

    handle = runner.submit(fail, on_error=errors.append)
    assert handle.signals.parent() is runner  # owned by the runner, not by a Python reference
    qtbot.waitUntil(lambda: len(errors) == 1, timeout=5000)
    runner.wait_for_idle()
    _deferred_deletes()

    assert str(errors[0]) == "the disk said no"
    assert runner.findChildren(_JobSignals) == []
