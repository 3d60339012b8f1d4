"""``workstation`` run as a user runs it, on every kind of broken path and machine.

Each case builds one broken situation (a FIFO where a file should be, a device, a folder, a file
over its cap, a full disk, a read-only disk, no permission, a data folder that is a file, a lock
or store path that is a folder, a newer or foreign store, a locked store) and runs the real
command in a child process. Every case must end with its exit status (1, or 2 for lint's input
problems), stderr of one line and at most two sentences naming the path, no "Traceback", and
within the time limit (nothing reads forever).

Full and read-only disks are real: a small tmpfs mounted in a private mount namespace
(``unshare``), remounted read-only where the case needs it. Permissions are real too: as root
(where they are not enforced) the command runs without the capabilities that bypass them.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import socket
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest

from tests.core.files.device_nodes import device_node
from workstation.core.files.datadir import DataDirLock
from workstation.core.store import DB_FILE_NAME

REPO = Path(__file__).resolve().parents[2]
TIME_LIMIT_S = 30.0
PASSPHRASE = "correct horse battery staple"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z`])")


@dataclass(frozen=True)
class Run:
    """One command to run: its arguments, the path stderr must name, what it should return."""

    args: list[str]
    names: str
    exit_code: int = 1
    stdin: str | None = None  # a file to feed as standard input
    says: str = ""  # words the sentence must hold
    in_namespace: str | None = None  # shell commands run first inside a private mount namespace
    without_root_powers: bool = False
    keep: list[Path] = field(default_factory=list)  # files that must be byte for byte unchanged
    devices: list[Path] = field(default_factory=list)  # nodes that must still be devices after
    # A bad record rather than a broken machine: the import's own report, "file:line: what is
    # wrong" above "file: not imported ...", instead of one "workstation: ..." sentence.
    record_error: str | None = None


def _env(home: Path) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(REPO),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "share"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "WORKSTATION_PASSPHRASE": PASSPHRASE,
        "LC_ALL": "C.UTF-8",
    }


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "workstation.cli", *args]


def _prepare(tmp: Path, *args: str) -> None:
    """Run a setup command the way the case will run its own, and insist it worked."""
    result = subprocess.run(cli(*args), env=_env(tmp / "home"), capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


@cache
def _namespace_prefix() -> tuple[str, ...] | None:
    """How to get a private mount namespace here (root: ``unshare -m``; else a user namespace)."""
    if shutil.which("unshare") is None:
        return None
    prefix = ("unshare", "-m") if os.geteuid() == 0 else ("unshare", "-rm")
    probe = subprocess.run([*prefix, "sh", "-c", "mount -t tmpfs tmpfs /mnt"], capture_output=True)
    return prefix if probe.returncode == 0 else None


@cache
def _powerless_prefix() -> tuple[str, ...] | None:
    """Root ignores permissions; drop the capabilities that let it, so they are enforced."""
    if os.geteuid() != 0:
        return ()
    if shutil.which("setpriv") is None:
        return None
    prefix = ("setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner")
    return prefix if subprocess.run([*prefix, "true"]).returncode == 0 else None


def _tasks_file(tmp: Path, count: int = 3, words: int = 5) -> Path:
    path = tmp / "tasks.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for index in range(count):
            record = {"id": f"t{index}", "prompt": "Say it", "response": "A robotic answer. " * words}
            handle.write(json.dumps(record) + "\n")
    return path


def _store(tmp: Path) -> Path:
    data = tmp / "data"
    _prepare(tmp, "--data-dir", str(data), "import", str(_tasks_file(tmp)))
    return data


def _fifo(tmp: Path) -> Path:
    path = tmp / "a-pipe"
    os.mkfifo(path)
    return path


def _socket(tmp: Path) -> Path:
    path = tmp / "a-socket"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    _HELD.append(server)
    return path


_HELD: list[socket.socket | sqlite3.Connection | DataDirLock] = []
"""Sockets, connections and locks a case holds until its command has run."""


def _mounted(tmp: Path, size: str, then: str = "") -> str:
    mount_point = tmp / "disk"
    mount_point.mkdir(exist_ok=True)
    return f"mount -t tmpfs -o size={size} tmpfs {shlex.quote(str(mount_point))}" + (
        f" && {then}" if then else ""
    )


def _in_mount(tmp: Path, *args: str) -> str:
    return shlex.join(cli(*args)) + " >/dev/null"


# Each case: a function of the test's temp folder that builds the breakage and says what to run.
CASES: dict[str, Callable[[Path], Run]] = {}


def case(name: str) -> Callable[[Callable[[Path], Run]], Callable[[Path], Run]]:
    def register(build: Callable[[Path], Run]) -> Callable[[Path], Run]:
        CASES[name] = build
        return build

    return register


# -- inputs of the wrong kind or size ---------------------------------------------------------------


@case("bundle verify: a FIFO")
def _(tmp: Path) -> Run:
    fifo = _fifo(tmp)
    return Run(["bundle", "verify", str(fifo)], str(fifo), says="is a pipe (FIFO), not a rewrite bundle")


@case("bundle verify: /dev/zero")
def _(tmp: Path) -> Run:
    return Run(["bundle", "verify", "/dev/zero"], "/dev/zero", says="is a device")


@case("bundle verify: a folder without bundles")
def _(tmp: Path) -> Run:
    empty = tmp / "empty"
    empty.mkdir()
    return Run(["bundle", "verify", str(empty)], str(empty), says="no bundles to verify there")


@case("bundle verify --pubkey: a socket")
def _(tmp: Path) -> Run:
    bundle = tmp / "b.zip"
    bundle.write_bytes(b"PK")
    sock = _socket(tmp)
    return Run(["bundle", "verify", str(bundle), "--pubkey", str(sock)], str(sock), says="is a socket")


@case("rewrite --text-file: a FIFO")
def _(tmp: Path) -> Run:
    data, fifo = _store(tmp), _fifo(tmp)
    return Run(["--data-dir", str(data), "rewrite", "t0", "--text-file", str(fifo)], str(fifo), says="a pipe")


@case("rewrite --text-file: /dev/urandom")
def _(tmp: Path) -> Run:
    data = _store(tmp)
    return Run(["--data-dir", str(data), "rewrite", "t0", "--text-file", "/dev/urandom"], "/dev/urandom")


@case("rewrite --text-file -: endless stdin")
def _(tmp: Path) -> Run:
    data = _store(tmp)
    args = ["--data-dir", str(data), "rewrite", "t0", "--text-file", "-"]
    return Run(args, "standard input", stdin="/dev/zero", says="more than the 64 MiB a text file may hold")


@case("lint: a FIFO")
def _(tmp: Path) -> Run:
    fifo = _fifo(tmp)
    return Run(["lint", str(fifo)], str(fifo), exit_code=2, says="is a pipe")


@case("lint: a folder")
def _(tmp: Path) -> Run:
    return Run(["lint", str(tmp)], str(tmp), exit_code=2, says="is a folder")


@case("import: a FIFO")
def _(tmp: Path) -> Run:
    fifo = _fifo(tmp)
    return Run(["--data-dir", str(tmp / "data"), "import", str(fifo)], str(fifo), says="not a task file")


@case("import: /dev/zero")
def _(tmp: Path) -> Run:
    return Run(["--data-dir", str(tmp / "data"), "import", "/dev/zero"], "/dev/zero", says="is a device")


@case("import: JSON nested 200,000 deep")
def _(tmp: Path) -> Run:
    deep = tmp / "deep.json"
    deep.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    return Run(
        ["--data-dir", str(tmp / "data"), "import", str(deep)],
        str(deep),
        says="nothing from this file",
        record_error=f"{deep}:1: nested too deeply",
    )


@case("keys import: a FIFO")
def _(tmp: Path) -> Run:
    fifo = _fifo(tmp)
    return Run(["--data-dir", str(tmp / "data"), "keys", "import", str(fifo)], str(fifo), says="key file")


@case("--passphrase-file: over its cap")
def _(tmp: Path) -> Run:
    big = tmp / "pass.txt"
    big.write_bytes(b"secret\n" + b"x" * 70_000)
    args = [
        "--data-dir",
        str(tmp / "data"),
        "keys",
        "init",
        "--passphrase-file",
        str(big),
        "--kdf",
        "interactive",
    ]
    return Run(args, str(big), says="more than the 64 KiB a passphrase file may hold")


@case("--passphrase-file: /dev/zero")
def _(tmp: Path) -> Run:
    args = ["--data-dir", str(tmp / "data"), "keys", "init", "--passphrase-file", "/dev/zero"]
    return Run(args, "/dev/zero", says="is a device")


@case("doctor --restore: a FIFO")
def _(tmp: Path) -> Run:
    data, fifo = _store(tmp), _fifo(tmp)
    return Run(
        ["--data-dir", str(data), "doctor", "--restore", str(fifo)], str(fifo), says="not a store backup"
    )


# -- outputs that must not be replaced ----------------------------------------------------------------


@case("export --out: a folder")
def _(tmp: Path) -> Run:
    data = _store(tmp)
    args = ["--data-dir", str(data), "export", "--format", "jsonl", "--out", str(tmp)]
    return Run(args, str(tmp), says="it is a folder")


@case("export --out: /dev/full")
def _(tmp: Path) -> Run:
    data = _store(tmp)
    _prepare(tmp, "--data-dir", str(data), "rewrite", "t0", "--text-file", str(_text(tmp)), "--submit")
    full = device_node(tmp, "full")  # as root a private node: a regression must not replace /dev/full
    args = ["--data-dir", str(data), "export", "--format", "jsonl", "--out", str(full)]
    return Run(args, str(full), says="the disk is full", devices=[full])


@case("keys export --out: a socket")
def _(tmp: Path) -> Run:
    data = tmp / "data"
    _prepare(tmp, "--data-dir", str(data), "keys", "init", "--kdf", "interactive")
    sock = _socket(tmp)
    return Run(["--data-dir", str(data), "keys", "export", "--out", str(sock)], str(sock), says="a socket")


def _text(tmp: Path) -> Path:
    path = tmp / "rewrite.txt"
    path.write_text("A plain answer.\n", encoding="utf-8")
    return path


# -- broken data folders and stores ------------------------------------------------------------------


@case("--data-dir: a file (import)")
def _(tmp: Path) -> Run:
    notes = tmp / "notes.txt"
    notes.write_text("not a folder")
    args = ["--data-dir", str(notes), "import", str(_tasks_file(tmp))]
    return Run(args, str(notes), says="is a regular file, not a folder", keep=[notes])


@case("--data-dir: a file (tasks)")
def _(tmp: Path) -> Run:
    notes = tmp / "notes.txt"
    notes.write_text("not a folder")
    return Run(["--data-dir", str(notes), "tasks"], str(notes), says="not a folder", keep=[notes])


@case("lock file: a folder")
def _(tmp: Path) -> Run:
    data = _store(tmp)
    (data / "workstation.lock").unlink()
    (data / "workstation.lock").mkdir()
    args = ["--data-dir", str(data), "import", str(_tasks_file(tmp))]
    return Run(args, str(data / "workstation.lock"), says="is a folder", keep=[data / DB_FILE_NAME])


@case("store file: a folder")
def _(tmp: Path) -> Run:
    data = tmp / "data"
    (data / DB_FILE_NAME).mkdir(parents=True)
    return Run(["--data-dir", str(data), "tasks"], str(data / DB_FILE_NAME), says="is a folder")


@case("store: written by a newer release")
def _(tmp: Path) -> Run:
    data = _store(tmp)
    conn = sqlite3.connect(data / DB_FILE_NAME)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    args = ["--data-dir", str(data), "import", str(_tasks_file(tmp))]
    return Run(args, str(data / DB_FILE_NAME), says="update the app", keep=[data / DB_FILE_NAME])


@case("store: another application's database")
def _(tmp: Path) -> Run:
    data = tmp / "data"
    data.mkdir()
    conn = sqlite3.connect(data / DB_FILE_NAME)
    conn.execute("CREATE TABLE moz_places (url TEXT)")
    conn.commit()
    conn.close()
    args = ["--data-dir", str(data), "import", str(_tasks_file(tmp))]
    return Run(args, str(data / DB_FILE_NAME), says="Nothing was changed", keep=[data / DB_FILE_NAME])


@case("store: locked by another program")
def _(tmp: Path) -> Run:
    data = _store(tmp)
    other = sqlite3.connect(data / DB_FILE_NAME, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN EXCLUSIVE")  # held until the test ends; the command waits its busy timeout
    _HELD.append(other)
    args = ["--data-dir", str(data), "rewrite", "t0", "--text-file", str(_text(tmp))]
    return Run(args, str(data / DB_FILE_NAME), says="locked by another program")


@case("data folder: open in another Rewrite Workstation")
def _(tmp: Path) -> Run:
    data = _store(tmp)
    lock = DataDirLock(data)
    lock.acquire()  # this test process plays the running app
    _HELD.append(lock)
    args = ["--data-dir", str(data), "import", str(_tasks_file(tmp))]
    return Run(
        args, str(data), says="already open in another Rewrite Workstation", keep=[data / DB_FILE_NAME]
    )


@case("data folder: a full disk during import")
def _(tmp: Path) -> Run:
    disk = tmp / "disk"
    setup = _mounted(
        tmp, "400k", _in_mount(tmp, "--data-dir", str(disk / "data"), "import", str(_tasks_file(tmp)))
    )
    big = _tasks_file(tmp, count=300, words=100)
    args = ["--data-dir", str(disk / "data"), "import", str(big)]
    return Run(args, str(disk / "data" / DB_FILE_NAME), says="is full", in_namespace=setup)


@case("data folder: on a read-only disk")
def _(tmp: Path) -> Run:
    disk = tmp / "disk"
    made = _in_mount(tmp, "--data-dir", str(disk / "data"), "import", str(_tasks_file(tmp)))
    setup = _mounted(tmp, "4m", f"{made} && mount -o remount,ro {shlex.quote(str(disk))}")
    args = ["--data-dir", str(disk / "data"), "import", str(_tasks_file(tmp))]
    return Run(args, str(disk / "data"), says="read-only disk", in_namespace=setup)


@case("export --out: a full disk")
def _(tmp: Path) -> Run:
    data = _store(tmp)
    _prepare(tmp, "--data-dir", str(data), "rewrite", "t0", "--text-file", str(_text(tmp)), "--submit")
    disk = tmp / "disk"
    setup = _mounted(tmp, "4k", f"head -c 4096 /dev/zero > {shlex.quote(str(disk / 'filler'))} || true")
    args = ["--data-dir", str(data), "export", "--format", "jsonl", "--out", str(disk / "out.jsonl")]
    return Run(args, str(disk / "out.jsonl"), says="the disk is full", in_namespace=setup)


@case("data folder: no permission")
def _(tmp: Path) -> Run:
    locked = tmp / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    args = ["--data-dir", str(locked / "data"), "import", str(_tasks_file(tmp))]
    return Run(args, str(locked / "data"), says="permission denied", without_root_powers=True)


def _command(run: Run) -> list[str]:
    command = cli(*run.args)
    if run.without_root_powers:
        prefix = _powerless_prefix()
        if prefix is None:
            pytest.skip("cannot drop root's power over permissions here (no setpriv)")
        command = [*prefix, *command]
    if run.in_namespace is not None:
        prefix = _namespace_prefix()
        if prefix is None:
            pytest.skip("no private mount namespace here (unshare)")
        command = [*prefix, "sh", "-c", f"{run.in_namespace} && exec {shlex.join(command)}"]
    return command


@pytest.fixture(autouse=True)
def _release_what_cases_hold() -> Iterator[None]:
    yield
    while _HELD:
        held = _HELD.pop()
        if isinstance(held, DataDirLock):
            held.release()
        else:
            held.close()


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_broken_path_or_machine_gets_one_sentence_and_no_traceback(tmp_path: Path, name: str) -> None:
    run = CASES[name](tmp_path)
    kept = {path: path.read_bytes() for path in run.keep}
    with open(run.stdin or os.devnull, "rb") as stdin:
        result = subprocess.run(
            _command(run),
            stdin=stdin,
            capture_output=True,
            env=_env(tmp_path / "home"),
            timeout=TIME_LIMIT_S,
            cwd=tmp_path,
        )
    stderr = result.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr, stderr
    assert result.returncode == run.exit_code, stderr
    lines = stderr.splitlines()
    if run.record_error is not None:
        assert len(lines) == 2 and lines[0].startswith(run.record_error), stderr
        lines = lines[1:]
    assert len(lines) == 1, stderr
    if run.record_error is None:
        assert lines[0].startswith(("workstation: ", "workstation lint: ")), stderr
    assert run.names in lines[0], stderr
    assert run.says in lines[0], stderr
    assert len(_SENTENCE_END.split(lines[0].strip())) <= 2, stderr
    for path, before in kept.items():
        assert path.read_bytes() == before, f"{path} was changed"
    for device in run.devices:
        assert stat.S_ISCHR(os.stat(device).st_mode), f"{device} was replaced"
