"""Preferences and window layout that persist between runs (QSettings, per user)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from workstation.gui.common import sizes
from workstation.gui.common.theme import ThemeChoice

MAX_RECENT_DATA_DIRS = 8
DEFAULT_KEY_IDLE_MINUTES = 15
"""An unlocked signing key is forgotten after this many minutes without input (0: never kept)."""
MAX_KEY_IDLE_MINUTES = 24 * 60


class AppSettings:
    """Typed access to QSettings. Pass a ``QSettings`` in tests to keep them off the user's file."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings or QSettings()

    @property
    def qsettings(self) -> QSettings:
        return self._settings

    def _get_list(self, key: str) -> list[str]:
        """A list value; QSettings hands back a bare string when the list had one item."""
        value = self._settings.value(key, [])
        if isinstance(value, str):
            return [value] if value else []
        if isinstance(value, (list, tuple)):
            return [str(item) for item in value if item]
        return []

    def _get_bytes(self, key: str) -> QByteArray | None:
        value = self._settings.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    # Window layout
    def window_geometry(self) -> QByteArray | None:
        return self._get_bytes("window/geometry")

    def window_state(self) -> QByteArray | None:
        return self._get_bytes("window/state")

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self._settings.setValue("window/geometry", geometry)
        self._settings.setValue("window/state", state)

    def splitter_state(self, name: str) -> QByteArray | None:
        return self._get_bytes(f"splitters/{name}")

    def save_splitter_state(self, name: str, state: QByteArray) -> None:
        self._settings.setValue(f"splitters/{name}", state)

    def dock_share(self) -> float | None:
        """The share (0–1) of the window's width the writer gave the right-hand docks, if any."""
        try:
            share = float(str(self._settings.value("window/dock_share", "")))
        except ValueError:
            return None
        return share if 0.0 < share < 1.0 else None

    def set_dock_share(self, share: float) -> None:
        self._settings.setValue("window/dock_share", f"{share:.4f}")

    # Appearance
    def font_point_size(self) -> int:
        try:
            size = int(str(self._settings.value("appearance/font_size", sizes.DEFAULT_FONT_POINT_SIZE)))
        except (TypeError, ValueError):
            size = sizes.DEFAULT_FONT_POINT_SIZE
        return max(sizes.MIN_FONT_POINT_SIZE, min(sizes.MAX_FONT_POINT_SIZE, size))

    def set_font_point_size(self, size: int) -> None:
        self._settings.setValue("appearance/font_size", int(size))

    def theme(self) -> ThemeChoice:
        try:
            return ThemeChoice(str(self._settings.value("appearance/theme", ThemeChoice.SYSTEM.value)))
        except ValueError:
            return ThemeChoice.SYSTEM

    def set_theme(self, choice: ThemeChoice) -> None:
        self._settings.setValue("appearance/theme", choice.value)

    def inline_view(self) -> bool:
        return str(self._settings.value("view/inline", "false")).lower() == "true"

    def set_inline_view(self, inline: bool) -> None:
        self._settings.setValue("view/inline", "true" if inline else "false")

    def start_from_original(self) -> bool:
        return str(self._settings.value("editor/start_from_original", "true")).lower() == "true"

    def set_start_from_original(self, value: bool) -> None:
        self._settings.setValue("editor/start_from_original", "true" if value else "false")

    def record_effort(self) -> bool:
        """Whether the editor records effort signals (counts only; Preferences ▸ What is recorded)."""
        return str(self._settings.value("privacy/record_effort", "true")).lower() == "true"

    def set_record_effort(self, value: bool) -> None:
        self._settings.setValue("privacy/record_effort", "true" if value else "false")

    # Prose assistance
    def style_folder(self) -> Path | None:
        value = str(self._settings.value("prose/style_folder", "") or "")
        return Path(value) if value else None

    def set_style_folder(self, folder: Path | None) -> None:
        self._settings.setValue("prose/style_folder", str(folder) if folder else "")

    def disabled_categories(self) -> set[str]:
        return set(self._get_list("prose/disabled_categories"))

    def set_disabled_categories(self, categories: set[str]) -> None:
        self._settings.setValue("prose/disabled_categories", sorted(categories))

    # Signing key
    def key_idle_minutes(self) -> int:
        """Minutes without input after which the unlocked key is dropped; 0 asks at every seal."""
        try:
            minutes = int(str(self._settings.value("signing/key_idle_minutes", DEFAULT_KEY_IDLE_MINUTES)))
        except (TypeError, ValueError):
            minutes = DEFAULT_KEY_IDLE_MINUTES
        return max(0, min(MAX_KEY_IDLE_MINUTES, minutes))

    def set_key_idle_minutes(self, minutes: int) -> None:
        self._settings.setValue("signing/key_idle_minutes", max(0, min(MAX_KEY_IDLE_MINUTES, int(minutes))))

    def kdf_seconds_per_work(self) -> float | None:
        """How long one unit of scrypt work took on this machine, in seconds (None: never timed)."""
        try:
            value = float(str(self._settings.value("signing/kdf_seconds_per_work", "")))
        except (TypeError, ValueError):
            return None
        return value if value > 0 else None

    def set_kdf_seconds_per_work(self, seconds: float) -> None:
        self._settings.setValue("signing/kdf_seconds_per_work", repr(float(seconds)))

    def spelling_language(self) -> str:
        """The spelling language the writer chose (a BCP 47 tag), "" to follow each project's."""
        return str(self._settings.value("prose/spelling_language", "") or "")

    def set_spelling_language(self, tag: str) -> None:
        self._settings.setValue("prose/spelling_language", tag)

    # Recent data dirs
    def recent_data_dirs(self) -> list[Path]:
        return [Path(item) for item in self._get_list("recent/data_dirs")]

    def add_recent_data_dir(self, path: Path) -> None:
        items = [str(path)] + [str(p) for p in self.recent_data_dirs() if p != path]
        self._settings.setValue("recent/data_dirs", items[:MAX_RECENT_DATA_DIRS])

    def sync(self) -> None:
        self._settings.sync()
