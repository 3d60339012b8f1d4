"""``workstation doctor``: check the store, back it up, or restore a backup over a damaged one.

It also says where the log file is, the first thing to send when something went wrong.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from workstation.cli.common import MESSAGE_LIMIT_CHARS, CliError, print_json
from workstation.core.files.datadir import DataDirError, DataDirLock, resolve_data_dir
from workstation.core.files.inputs import STORE_BACKUP, check_input_file
from workstation.core.files.log_file import log_path
from workstation.core.store import DB_FILE_NAME, Store, StoreError
from workstation.core.store.maintenance import backup_dir, check_integrity, list_backups, restore_backup
from workstation.core.text.safe_text import one_line

MAX_PROBLEMS_SHOWN = 20


def register(subparsers: Any) -> None:
    doctor = subparsers.add_parser("doctor")
    doctor.add_argument(
        "--restore",
        metavar="BACKUP",
        help="put a backup in place of the store ('latest' for the newest); the old file is kept aside",
    )
    doctor.add_argument("--json", action="store_true", help="print what was found as JSON")
    doctor.set_defaults(handler=run_doctor)


def run_doctor(args: argparse.Namespace) -> int:
    data_dir = resolve_data_dir(args.data_dir)
    log_file = log_path(data_dir)
    if not args.json:
        # First, so it shows even when the app holds the data folder and the checks are refused.
        shown = one_line(str(log_file), MESSAGE_LIMIT_CHARS)
        print(f"log: {shown}" + ("" if log_file.exists() else " (nothing logged yet)"))
    try:
        with DataDirLock(data_dir):
            found = _restore(data_dir, args.restore) if args.restore else _check(data_dir)
    except (DataDirError, StoreError) as exc:
        raise CliError(str(exc)) from None
    found |= {"log": str(log_file), "log_exists": log_file.exists()}
    if args.json:
        print_json(found)
    else:
        _print_found(found)
    return 0 if found.get("integrity", "ok") == "ok" else 1


def _check(data_dir: Path) -> dict[str, Any]:
    db_path = data_dir / DB_FILE_NAME
    report = check_integrity(db_path)
    found: dict[str, Any] = {"store": str(db_path), "integrity": "ok" if report.ok else "damaged"}
    if not report.ok:
        backups = list_backups(data_dir)
        found["problems"] = list(report.problems)
        found["newest_backup"] = str(backups[0]) if backups else None
        found["backups_folder"] = str(backup_dir(data_dir))
        return found
    try:
        with Store(data_dir) as store:
            found["rows"] = store.row_counts()
            found["backup"] = str(store.backup())
    except StoreError as exc:
        raise CliError(str(exc)) from None
    return found


def _print_found(found: dict[str, Any]) -> None:
    def shown(key: str) -> str:
        return one_line(str(found[key]), MESSAGE_LIMIT_CHARS)

    if "restored" in found:
        print(f"restored: {shown('restored')}")
        print(f"previous store kept as: {shown('previous_store')}")
        return
    print(f"store: {shown('store')}")
    if found["integrity"] != "ok":
        for problem in found["problems"][:MAX_PROBLEMS_SHOWN]:
            print(f"problem: {one_line(problem, MESSAGE_LIMIT_CHARS)}")
        if found["newest_backup"]:
            print(f"newest backup: {shown('newest_backup')}")
            print("to restore it: workstation doctor --restore latest")
        else:
            print(f"no backups found in {shown('backups_folder')}")
        return
    print("integrity: ok")
    for table, count in found["rows"].items():
        print(f"{table:<9} {count} rows")
    print(f"backup: {shown('backup')}")


def _restore(data_dir: Path, which: str) -> dict[str, Any]:
    if which == "latest":
        backups = list_backups(data_dir)
        if not backups:
            raise CliError(f"no backups in {backup_dir(data_dir)}")
        backup = backups[0]
    else:
        backup = Path(which)
        check_input_file(backup, STORE_BACKUP)
    try:
        aside = restore_backup(data_dir, backup)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    return {"restored": str(backup), "previous_store": str(aside)}
