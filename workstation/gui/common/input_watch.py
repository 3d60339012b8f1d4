"""Noticing the writer's input (a key, a click, a wheel turn) anywhere in the app, cheaply.

Active time and the signing key's idle lock both need to know when the writer last touched the
machine. An event filter on the application would see it, but Qt then calls Python for *every*
event of every object (each widget's paint, each timer, each posted call), and while a worker
thread holds the interpreter each of those calls waits for it. At 5,000 words the longest stall
of the event loop per keystroke was p95 13-17 ms with such a filter and is 8-10 ms without it
(``bench_editor.py --only keystroke``, six rounds in turns).

Input from the window system reaches a top-level window (``QWindow``) first and is passed on from
there to the widget it is for. So :class:`InputWatch` filters only the windows that get the
keyboard focus, as each one gets it: Python is called for a window's own events (input, expose,
resize, an update request per frame), never for its widgets' events. A window never focused is
not watched: a popup menu's clicks go unheard (the key or click that opened it was heard).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QWindow

INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)
"""What counts as the writer being at the machine: deliberate input, not the pointer drifting."""


class InputWatch(QObject):
    """Emits :attr:`input_seen` for each key press, click, wheel turn or touch in a focused window."""

    input_seen = Signal()

    def __init__(self, app: QGuiApplication) -> None:
        super().__init__(app)
        app.focusWindowChanged.connect(self._watch)
        self._watch(app.focusWindow())

    def _watch(self, window: QWindow | None) -> None:
        if window is not None:  # Qt keeps one copy of a filter installed twice; a closed window drops it
            window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS:
            self.input_seen.emit()
        return False


def input_watch() -> InputWatch:
    """The application's one :class:`InputWatch` (made on first use; it lives as long as the app)."""
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        raise RuntimeError("input is watched in a running Qt application")
    found = app.findChild(InputWatch, options=Qt.FindChildOption.FindDirectChildrenOnly)
    return found if found is not None else InputWatch(app)
