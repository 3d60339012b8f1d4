"""A busy line for work that reports no progress: a moving bar, the expected time, the time so far.

scrypt (unlocking or creating a signing key) cannot say how far it has got, so a percentage would
be invented. What is true is shown instead: that the work is running (an indeterminate bar), how
long it took on this machine before, and the seconds ticking since it started. The widget never
blocks: the window around it stays usable.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QWidget

from workstation.gui.common.plain_text import plain_label

TICK_MS = 250
"""How often the elapsed seconds are redrawn: the figure shown is never more than this behind."""
BAR_WIDTH_PX = 80


def busy_sentence(message: str, expected_s: float | None, elapsed_s: float) -> str:
    """``message`` with the expected and elapsed seconds, e.g. "Unlocking your key… this takes
    about 4 s (2 s so far)". ``expected_s`` None: no estimate, only the time so far."""
    so_far = f"{math.floor(max(elapsed_s, 0.0))} s so far"
    if expected_s is None:
        return f"{message} ({so_far})"
    return f"{message} this takes about {max(1, round(expected_s))} s ({so_far})"


class BusyIndicator(QWidget):
    """Hidden until :meth:`start`; :meth:`stop` hides it again."""

    def __init__(self, parent: QWidget | None = None, *, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self._clock = clock
        self._message = ""
        self._expected: float | None = None
        self._started = 0.0
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # Qt's "busy" bar: it moves, and claims no fraction done
        self.bar.setTextVisible(False)
        self.bar.setFixedWidth(BAR_WIDTH_PX)
        self.bar.setAccessibleName("Working")
        self.label = plain_label()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.label, 1)
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self._show_time)
        self.hide()

    @property
    def running(self) -> bool:
        return self._ticker.isActive()

    def start(self, message: str, expected_s: float | None = None) -> None:
        """Show ``message`` ("Unlocking your key…") with ``expected_s`` seconds, if known."""
        self._message, self._expected, self._started = message, expected_s, self._clock()
        self._show_time()
        self._ticker.start()
        self.show()

    def stop(self) -> None:
        self._ticker.stop()
        self.hide()

    def text(self) -> str:
        """What the writer reads next to the bar."""
        return self.label.text()

    def _show_time(self) -> None:
        self.label.setText(busy_sentence(self._message, self._expected, self._clock() - self._started))
