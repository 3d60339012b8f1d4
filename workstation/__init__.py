"""Rewrite Workstation: an offline desktop workstation for rewriting model outputs."""

__version__ = "0.1.0"
APP_NAME = "Rewrite Workstation"
# The short name: the data folder's name (~/.local/share/rewrite-workstation) and the app name
# signed into every bundle. Kept as it was so existing data folders and bundles keep their names.
APP_ID = "rewrite-workstation"
# The application id in reverse-DNS form: the desktop file and AppStream id, the icon name, the
# Wayland app id and X11 window class, and the settings folder.
DESKTOP_ID = "io.github.rewriteworkstation.Workstation"
