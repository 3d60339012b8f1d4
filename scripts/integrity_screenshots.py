"""The submission-integrity states offscreen in both themes: the queue with sealed, submitted and
edited-after-submit rows, the status area, the incomplete-rubric question and the seal's
confirmation, on the demo tasks.

Run: QT_QPA_PLATFORM=offscreen PYTHONPATH=. .venv/bin/python scripts/integrity_screenshots.py [OUT_DIR]
(writes integrity_{queue,window,question,sealed}_{light,dark}.png; /tmp/shots by default).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from unittest import mock

from offscreen_shots import output_folder, settle, themed_settings
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from workstation.core.bundles.seal_work import seal_submitted
from workstation.core.demo import create_demo_data_dir
from workstation.core.files.datadir import DataDirLock
from workstation.core.models import RewriteStatus
from workstation.core.signing import identity as ident
from workstation.core.store import Store, new_rewrite
from workstation.core.submission import note_edit
from workstation.gui.app import ensure_application, open_window
from workstation.gui.common.theme import ThemeChoice, apply_theme
from workstation.gui.writer.task_session import LAST_TASK_KEY
from workstation.gui.writer.window import WriterWindow

SIZE = (1280, 720)
RATED = {"naturalness": 2, "concision": 2, "faithfulness": 4}


def prepare(data_dir: Path) -> None:
    """Two sealed rewrites, one submitted, one edited after submit (open), one flagged."""
    identity = ident.init_identity(data_dir, "Ada Writer", None, unencrypted=True)
    with Store(data_dir) as store:
        for task_id in ("demo-001", "demo-002", "demo-003", "demo-004"):
            task = store.tasks.get(task_id)
            assert task is not None
            text = f"{task.original.split('.')[0]}, said plainly."
            draft = new_rewrite(task).model_copy(update={"text": text, "ratings": RATED})
            store.rewrites.save(draft.model_copy(update={"status": RewriteStatus.SUBMITTED}))
            if task_id == "demo-002":
                assert seal_submitted(store, ident.unlock(data_dir, None), identity.name)
        submitted = store.rewrites.get("demo-004")
        assert submitted is not None
        store.rewrites.save(note_edit(submitted, submitted.model_copy(update={"text": "Polished after."})))
        flagged = store.tasks.get("demo-005")
        assert flagged is not None
        flag = {"status": RewriteStatus.FLAGGED, "flag_reason": "Unclear"}
        store.rewrites.save(new_rewrite(flagged).model_copy(update=flag))
        store.state.set(LAST_TASK_KEY, "demo-004")


def shoot(app: QApplication, window: WriterWindow, out_dir: Path, theme: ThemeChoice) -> None:
    window.open_first_task()
    settle(app)
    window.queue_panel.grab().save(str(out_dir / f"integrity_queue_{theme.value}.png"))
    window.grab().save(str(out_dir / f"integrity_window_{theme.value}.png"))

    def grab_question(box: QMessageBox) -> int:
        box.show()
        settle(app, 10)
        box.grab().save(str(out_dir / f"integrity_question_{theme.value}.png"))
        box.close()
        return int(QMessageBox.StandardButton.Cancel)

    window.editor.open_task("demo-006")
    window.diff_view.rewrite_pane.setPlainText("A plain answer, with two questions rated.")
    window.side_panel.show_criterion("naturalness")
    window.side_panel.rubric.rate_selected(3)
    window.side_panel.show_criterion("concision")
    window.side_panel.rubric.rate_selected(4)
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the last task's rubric rows, as exec() would
    with mock.patch.object(QMessageBox, "exec", grab_question):
        window.task_commands.submit()
    settle(app)
    window.side_panel.grab().save(str(out_dir / f"integrity_go_back_{theme.value}.png"))

    window.editor.open_task("demo-004")
    window.outbox.seal()
    for _ in range(400):
        if not window.outbox.sealing:
            break
        settle(app, 5)
        window.context.ops.drain(0.05)
    settle(app)
    box = window.outbox.last_message
    if box is not None:
        box.grab().save(str(out_dir / f"integrity_sealed_{theme.value}.png"))
        box.close()


def main() -> None:
    out_dir = output_folder("/tmp/shots")
    app = ensure_application()
    with tempfile.TemporaryDirectory() as temp:
        for theme in (ThemeChoice.LIGHT, ThemeChoice.DARK):
            data_dir = create_demo_data_dir(Path(temp) / f"demo-{theme.value}")
            prepare(data_dir)
            apply_theme(app, theme)
            lock = DataDirLock(data_dir)
            lock.acquire()
            window = open_window(data_dir, settings=themed_settings(Path(temp), theme))
            window.resize(*SIZE)
            window.show()
            settle(app)
            try:
                shoot(app, window, out_dir, theme)
            finally:
                window.close()
                window.context.close()
                lock.release()
            print(*sorted(out_dir.glob(f"integrity_*_{theme.value}.png")), sep="\n")


if __name__ == "__main__":
    main()
