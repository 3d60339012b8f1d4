"""Opening the window from the command line, on the user's data dir or a throwaway demo one."""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from workstation.core.files.datadir import resolve_data_dir


def launch_app(args: argparse.Namespace) -> int:
    from workstation.gui.app import run_app  # Qt is imported only when a window is wanted

    if not args.demo:
        return run_app(resolve_data_dir(args.data_dir))
    from workstation.core.demo import create_demo_data_dir

    demo_dir = Path(tempfile.mkdtemp(prefix="workstation-demo-"))
    try:
        create_demo_data_dir(demo_dir)
        return run_app(demo_dir, demo=True)
    finally:
        shutil.rmtree(demo_dir, ignore_errors=True)
