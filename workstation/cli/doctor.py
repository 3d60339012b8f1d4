"""``workstation doctor``: check the store, back it up, or restore a backup over a damaged one."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from workstation.cli.common import CliError
from workstation.core.files.datadir import DataDirBusy, DataDirLock, resolve_data_dir
from workstation.core.store import DB_FILE_NAME, Store, StoreError
from workstation.core.store.maintenance import check_integrity, list_backups, restore_backup


def register(subparsers: Any) -> None:
    doctor = subparsers.add_parser(
        "doctor", help="check the store's integrity and make a backup (or restore one)"
    )
    doctor.add_argument(
        "--restore",
        metavar="BACKUP",
        help="put a backup in place of the store ('latest' for the newest); the old file is kept aside",
    )
    doctor.set_defaults(handler=run_doctor)


def run_doctor(args: argparse.Namespace) -> int:
    data_dir = resolve_data_dir(args.data_dir)
    db_path = data_dir / DB_FILE_NAME
    try:
        with DataDirLock(data_dir):
            if args.restore:
                return _restore(data_dir, args.restore)
            report = check_integrity(db_path)
            print(f"store: {db_path}")
            if not report.ok:
                for problem in report.problems[:20]:
                    print(f"problem: {problem}")
                backups = list_backups(data_dir)
                if backups:
                    print(f"newest backup: {backups[0]}")
                    print("to restore it: workstation doctor --restore latest")
                else:
                    print("no backups found in", data_dir / "backups")
                return 1
            print("integrity: ok")
            try:
                with Store(data_dir) as store:
                    for table, count in store.row_counts().items():
                        print(f"{table:<9} {count} rows")
                    target = store.backup()
            except StoreError as exc:
                raise CliError(str(exc)) from None
            print(f"backup: {target}")
            return 0
    except DataDirBusy as exc:
        raise CliError(str(exc)) from None


def _restore(data_dir: Path, which: str) -> int:
    if which == "latest":
        backups = list_backups(data_dir)
        if not backups:
            raise CliError(f"no backups in {data_dir / 'backups'}")
        backup = backups[0]
    else:
        backup = Path(which)
        if not backup.is_file():
            raise CliError(f"{backup}: no such file")
    try:
        aside = restore_backup(data_dir, backup)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    print(f"restored: {backup}")
    print(f"previous store kept as: {aside}")
    return 0
