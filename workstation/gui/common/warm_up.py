"""Loading, once the window is painted, the code the writer's later commands need, so the first
seal, upload, export or Preferences does not stall on imports the start-up left out.

The window is painted first: its start imports only what the first paint and the first task
need. What it left out (the bundle, signing and upload code, the task file formats, the
timesheet, the dialogs: about 0.3 s) is imported here: the Qt-free part on a worker thread (the
short GIL switch interval keeps typing smooth meanwhile), then the GUI modules on the GUI thread,
one per turn of the event loop, so no keystroke waits for more than one module.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from importlib import import_module

from PySide6.QtCore import QTimer

from workstation.gui.common.background import BackgroundRunner

CORE_MODULES: tuple[str, ...] = (
    "workstation.core.signing.identity",
    "workstation.core.bundles.seal_work",
    "workstation.core.sync.outbox_push",
    "workstation.core.sync.target_url",
    "workstation.core.formats.export",
    "workstation.core.formats.project_file",
    "workstation.core.reports.timesheet",
    "workstation.core.verdicts.files",
)
"""Qt-free modules the later commands use, imported on a worker thread."""

GUI_MODULES: tuple[str, ...] = (
    "workstation.gui.common.key_unlock",
    "workstation.gui.writer.outbox_outcomes",
    "workstation.gui.dialogs.transfer_dialogs",
    "workstation.gui.dialogs.preferences.dialog",
    "workstation.gui.writer.timesheet_view",
)
"""Modules with widgets, imported on the GUI thread (a widget class's module may make Qt objects)."""


def import_then(runner: BackgroundRunner, modules: Sequence[str], then: Callable[[], None]) -> None:
    """Import the Qt-free ``modules`` on ``runner``'s worker, then call ``then`` on the GUI thread.

    A failed import is reported by the runner's error path (a bug: a module left out of a frozen
    build) and ``then`` is not called; the command that needs the module fails the same way later.
    """
    runner.submit(lambda _job: [import_module(name) for name in modules], on_done=lambda _result: then())


def warm_up_after_paint(
    runner: BackgroundRunner,
    core: Sequence[str] = CORE_MODULES,
    gui: Sequence[str] = GUI_MODULES,
) -> None:
    """Import ``core`` on ``runner``, then ``gui`` one module per event-loop turn; call once the
    window is on screen."""
    if all(name in sys.modules for name in (*core, *gui)):
        return  # an earlier window of this process (another data folder, the other mode) did it

    def import_gui(remaining: Sequence[str]) -> None:
        if remaining:
            import_module(remaining[0])
            QTimer.singleShot(0, lambda: import_gui(remaining[1:]))

    import_then(runner, core, lambda: import_gui(gui))
