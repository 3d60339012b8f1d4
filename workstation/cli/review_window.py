"""``workstation review open``: the review window on the data folder (the reviewer's mode of the app)."""

from __future__ import annotations

import argparse
from typing import Any

from workstation.core.files.datadir import resolve_data_dir


def register(commands: Any) -> None:
    opener = commands.add_parser("open")
    opener.set_defaults(handler=open_review_window)


def open_review_window(args: argparse.Namespace) -> int:
    from workstation.gui.app import REVIEW_MODE, run_app  # Qt is imported only when a window is wanted

    return run_app(resolve_data_dir(args.data_dir), mode=REVIEW_MODE)
