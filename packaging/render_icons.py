"""Render the app icon's hicolor PNG sizes from its SVG (run after editing the SVG; commit both).

The PNGs are committed rather than rendered at build time so the window icon needs no SVG
support at run time and a build needs nothing but PyInstaller. Usage:
``QT_QPA_PLATFORM=offscreen python packaging/render_icons.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workstation import DESKTOP_ID  # noqa: E402

ICON_SIZES_PX = (16, 24, 32, 48, 64, 128, 256, 512)  # the hicolor theme's usual application sizes
HICOLOR = ROOT / "resources" / "icons" / "hicolor"
SVG_ICON = HICOLOR / "scalable" / "apps" / f"{DESKTOP_ID}.svg"


def png_path(size_px: int) -> Path:
    return HICOLOR / f"{size_px}x{size_px}" / "apps" / f"{DESKTOP_ID}.png"


def render_all() -> list[Path]:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG_ICON))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: {SVG_ICON} is not a valid SVG")
    written = []
    for size in ICON_SIZES_PX:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        target = png_path(size)
        target.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(target), "PNG"):
            raise SystemExit(f"render_icons: could not write {target}")
        written.append(target)
    return written


if __name__ == "__main__":
    for path in render_all():
        print(path.relative_to(ROOT))
