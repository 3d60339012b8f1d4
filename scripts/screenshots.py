"""Render the README screenshots offscreen: the main window on the demo project, light and dark,
at 1280×720 (the smallest laptop screen the layout is made for) and 1920×1080, and an empty
data folder's window.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [OUT_DIR]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from workstation.core.bundles.seal_work import seal_submitted
from workstation.core.demo import create_demo_data_dir
from workstation.core.files.datadir import DataDirLock
from workstation.core.models import RewriteStatus
from workstation.core.signing import INTERACTIVE_KDF
from workstation.core.signing import identity as ident
from workstation.core.store import Store, new_rewrite
from workstation.core.sync.outbox_push import set_default_target
from workstation.gui.app import ensure_application, open_window
from workstation.gui.common.settings import AppSettings
from workstation.gui.common.theme import ThemeChoice, apply_theme
from workstation.gui.writer.window import WriterWindow

REWRITE_OPENING = "Subject: Could we talk about my pay?"


def settle(app: QApplication, rounds: int = 20) -> None:
    for _ in range(rounds):
        app.processEvents()


def stage(window: WriterWindow) -> None:
    """A writer part-way through the first task: the opener cut, a new subject line typed."""
    pane = window.diff_view.rewrite_pane
    text = pane.text()
    edits = [  # (old, new), applied back to front so earlier positions stay valid
        (text[: text.index("Dear Priya,")], REWRITE_OPENING + "\n\n"),
    ]
    pleasantry = "I hope this email finds you well and that you are having a productive week!\n\n"
    if pleasantry in text:
        edits.append((pleasantry, ""))
    cursor = pane.textCursor()
    for old, new in sorted(edits, key=lambda e: text.index(e[0]), reverse=True):
        start = text.index(old)
        cursor.setPosition(start)
        cursor.setPosition(start + len(old), QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(new)
    pane.setTextCursor(cursor)
    window.editor.refresher.refresh_now()
    window.save_work(wait=True)  # the save line says what a writer sees a moment later


def outbox_shot(out_dir: Path, temp: Path) -> None:
    """The outbox after sealing: one bundle waiting, one the server rejected (shown literally)."""
    data_dir = create_demo_data_dir(temp / "outbox")
    ident.init_identity(data_dir, "Ada Writer", "a long passphrase", kdf=INTERACTIVE_KDF)
    key = ident.unlock(data_dir, "a long passphrase")
    with Store(data_dir) as store:
        for batch in (("demo-001", "demo-002", "demo-003"), ("demo-004",)):
            for task_id in batch:
                draft = new_rewrite(store.tasks.get(task_id))
                store.rewrites.save(
                    draft.model_copy(
                        update={"text": f"A human rewrite of {task_id}.", "status": RewriteStatus.SUBMITTED}
                    )
                )
            sealed = seal_submitted(store, key, "Ada Writer")
            if len(batch) > 1 and sealed is not None:
                store.outbox.mark_rejected(
                    sealed.bundle_id, "HTTP 403: signer not enrolled in this project", attempts=1
                )
        set_default_target(store, "https://collector.example/bundles")
    settings = AppSettings(QSettings(str(temp / "outbox.ini"), QSettings.Format.IniFormat))
    with DataDirLock(data_dir):
        window = open_window(data_dir, settings=settings, demo=True)
        window.resize(1600, 940)
        window.show()
        window.open_first_task()
        window.outbox.dock.show()
        window.outbox.refresh()
        settle(QApplication.instance())  # type: ignore[arg-type]
        window.grab().save(str(out_dir / "outbox.png"))
        window.close()
        window.context.close()


SIZES = ((1280, 720), (1920, 1080))
"""Window sizes rendered: the first is the README's main picture."""


def shot_name(theme: ThemeChoice, size: tuple[int, int]) -> str:
    return f"main-{theme.value}.png" if size == SIZES[0] else f"main-{theme.value}-{size[0]}x{size[1]}.png"


def empty_shot(out_dir: Path, temp: Path, theme: ThemeChoice) -> Path:
    """A new data folder with no task: the hint, its two buttons and the disabled task actions."""
    data_dir = temp / f"empty-{theme.value}"
    Store(data_dir).close()
    settings = AppSettings(QSettings(str(temp / f"empty-{theme}.ini"), QSettings.Format.IniFormat))
    settings.set_theme(theme)
    with DataDirLock(data_dir):
        window = open_window(data_dir, settings=settings)
        window.resize(*SIZES[0])
        window.show()
        settle(QApplication.instance())  # type: ignore[arg-type]
        target = out_dir / f"empty-{theme.value}.png"
        window.grab().save(str(target))
        window.close()
        window.context.close()
    return target


def main() -> None:
    out_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots")
    out_dir.mkdir(parents=True, exist_ok=True)
    app = ensure_application()
    with tempfile.TemporaryDirectory() as temp:
        data_dir = create_demo_data_dir(Path(temp) / "demo")
        for theme in (ThemeChoice.LIGHT, ThemeChoice.DARK):
            apply_theme(app, theme)
            for size in SIZES:
                settings = AppSettings(
                    QSettings(str(Path(temp) / f"{theme}-{size[0]}.ini"), QSettings.Format.IniFormat)
                )
                settings.set_theme(theme)
                with DataDirLock(data_dir):
                    window = open_window(data_dir, settings=settings, demo=True)
                    window.resize(*size)
                    window.show()
                    window.open_first_task()
                    settle(app)
                    stage(window)
                    settle(app)
                    target = out_dir / shot_name(theme, size)
                    window.grab().save(str(target))
                    print(target)
                    if theme is ThemeChoice.LIGHT and size == SIZES[-1]:
                        window.prose.findings_dock.raise_()
                        settle(app)
                        window.grab().save(str(out_dir / "findings.png"))
                        window.prose.metrics_dock.raise_()
                        settle(app)
                        window.prose.metrics_dock.grab().save(str(out_dir / "metrics.png"))
                        window.guidelines.raise_()
                    window.close()
                    window.context.close()
            print(empty_shot(out_dir, Path(temp), theme))
        apply_theme(app, ThemeChoice.LIGHT)
        outbox_shot(out_dir, Path(temp))
        print(out_dir / "outbox.png")


if __name__ == "__main__":
    main()
