"""The app context: what every controller and widget of a window shares, handed in explicitly.

A controller gets the :class:`AppContext` (never the window): reads through ``context.store`` (a
read-only connection on the GUI thread), writes through ``context.ops`` (the one store thread),
settings, the data folder's identity, the background runners, and :class:`Events` — the hub
whose ``*_changed`` / ``*_requested`` signals controllers emit instead of calling each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from workstation.core.store import Store
from workstation.gui.common import sizes
from workstation.gui.common.background import BackgroundRunner
from workstation.gui.common.key_cache import KeyCache
from workstation.gui.common.settings import AppSettings
from workstation.gui.common.theme import ThemeChoice, apply_theme
from workstation.gui.common.writer_activity import WriterActivity
from workstation.gui.operations import Operations

if TYPE_CHECKING:
    from workstation.core.prose.rule_kinds import SpellingBackend
    from workstation.core.signing.identity import Identity


class Events(QObject):
    """The signal hub of one window. Emitted on the GUI thread only."""

    store_changed = Signal(object)  # Changes, after each operation that changed something
    theme_changed = Signal(object)  # ThemeChoice
    font_size_changed = Signal(int)  # points
    prose_settings_changed = Signal()  # style folder or categories
    identity_changed = Signal()  # a key was created, imported or re-encrypted
    status_message = Signal(str, int)  # text, milliseconds (0: until replaced)
    preferences_requested = Signal(str)  # page name, "" for the first
    task_requested = Signal(str)  # task id to open
    data_dir_requested = Signal(Path)
    mode_requested = Signal(str)  # "writer" or "review": the same data folder in the other window


@dataclass
class AppContext:
    """One data folder open in one window. Build with :func:`open_context`; close with
    :meth:`close` after the window closed (it waits for queued writes)."""

    data_dir: Path
    store: Store  # read-only, GUI thread
    ops: Operations
    settings: AppSettings
    events: Events
    runner: BackgroundRunner  # slow work that is not a store write: key unlock, uploads, export
    analysis_runner: BackgroundRunner  # the diff and prose analysis of the text being typed
    activity: WriterActivity  # when the writer last acted; background parsing yields to typing
    key_cache: KeyCache  # the unlocked signing key, kept until idle, "Lock", or close
    demo: bool = False

    @cached_property
    def spelling(self) -> SpellingBackend:
        """What Vale spelling rules check against: the shipped en-US dictionary, loaded on first use.

        Built when the first style pack is loaded (on the analysis thread, after the window is
        painted): its module brings the rule kinds, RE2 and YAML.
        """
        from workstation.core.prose.spelling_backend import app_spelling_backend

        return app_spelling_backend()

    def identity(self) -> Identity | None:
        """The writer's signing identity in this data folder, read fresh (keys change on disk)."""
        # Imported here: the key files bring the cryptography package, which a window needs only
        # after it is painted (the key's status is read then; sealing and signing later).
        from workstation.core.signing.identity import load_identity

        return load_identity(self.data_dir)

    def set_theme(self, choice: ThemeChoice) -> None:
        self.settings.set_theme(choice)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, choice)
        self.events.theme_changed.emit(choice)

    def set_font_size(self, points: int) -> None:
        self.settings.set_font_point_size(points)
        self.events.font_size_changed.emit(points)

    def step_font_size(self, step: int) -> None:
        """Zoom in (``step`` > 0) or out by ``step`` points, kept within the sizes' font range."""
        size = self.settings.font_point_size() + step
        self.set_font_size(max(sizes.MIN_FONT_POINT_SIZE, min(sizes.MAX_FONT_POINT_SIZE, size)))

    def show_message(self, text: str, msecs: int = 8000) -> None:
        self.events.status_message.emit(text, msecs)

    def wait_for_background(self, msecs: int = 30_000) -> None:
        self.runner.wait_for_idle(msecs)
        self.analysis_runner.wait_for_idle(msecs)
        self.ops.drain(msecs / 1000)

    def close(self) -> None:
        """Drop the unlocked key, finish queued writes, then close both connections."""
        self.key_cache.forget()
        self.wait_for_background()
        self.ops.close()
        self.store.close()


def open_context(
    data_dir: Path, settings: AppSettings, *, demo: bool = False, parent: QObject | None = None
) -> AppContext:
    """Open the store at ``data_dir`` (the caller holds the data dir lock); raises StoreError."""
    writer = Store(data_dir)  # migrates; the one connection that writes
    try:
        reader = Store(data_dir, readonly=True)
    except BaseException:
        writer.close()
        raise
    events = Events(parent)
    ops = Operations(writer, parent)
    ops.changed.connect(events.store_changed)
    key_cache = KeyCache(settings, parent)
    events.identity_changed.connect(key_cache.forget)  # a new or re-encrypted key: unlock afresh
    return AppContext(
        data_dir=data_dir,
        store=reader,
        ops=ops,
        settings=settings,
        events=events,
        runner=BackgroundRunner(parent, max_threads=2),
        analysis_runner=BackgroundRunner(parent, max_threads=1),
        activity=WriterActivity(),
        key_cache=key_cache,
        demo=demo,
    )
