"""Who the app is to the desktop: its id, icon and settings location, and whether it can show.

Settings moved with 0.1.0 from ``rewrite-workstation`` (organisation and application name) to the
reverse-DNS application id. The old settings are copied across once, the first time the new
location is empty, and left where they were, so going back to an older build loses nothing.
"""

from __future__ import annotations

import logging
import os
import sys

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QGuiApplication, QIcon

from workstation import APP_ID, APP_NAME, DESKTOP_ID
from workstation.resources import resource_path

LEGACY_SETTINGS_NAME = APP_ID  # organisation and application name of the settings before 0.1.0
ICON_SIZES_PX = (16, 24, 32, 48, 64, 128, 256, 512)  # the PNGs under resources/icons/hicolor
_log = logging.getLogger(__name__)


def name_the_application() -> None:
    """Set the names Qt derives the settings path, X11 window class and Wayland app id from."""
    QCoreApplication.setOrganizationName(DESKTOP_ID)
    QCoreApplication.setApplicationName(DESKTOP_ID)
    QGuiApplication.setApplicationDisplayName(APP_NAME)
    QGuiApplication.setDesktopFileName(DESKTOP_ID)


def app_icon() -> QIcon:
    """The window icon from the hicolor PNGs (no SVG support needed); empty if none is found."""
    icon = QIcon()
    for size in ICON_SIZES_PX:
        path = resource_path("icons", "hicolor", f"{size}x{size}", "apps", f"{DESKTOP_ID}.png")
        if path.is_file():
            icon.addFile(str(path))
    return icon


def adopt_legacy_settings(current: QSettings, legacy: QSettings) -> int:
    """Copy every setting from ``legacy`` into an empty ``current``; returns how many were copied.

    Nothing happens once ``current`` holds anything, so a choice made since is never overwritten.
    """
    if current.allKeys() or not legacy.allKeys():
        return 0
    keys = legacy.allKeys()
    for key in keys:
        current.setValue(key, legacy.value(key))
    current.sync()
    _log.info("Copied %d settings from %s to %s", len(keys), legacy.fileName(), current.fileName())
    return len(keys)


def missing_display() -> str | None:
    """Why no window can open here (Linux without X11 or Wayland), or None when one can."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return (
        "there is no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set); "
        "start it from a desktop session, or run a command such as `workstation stats`"
    )
