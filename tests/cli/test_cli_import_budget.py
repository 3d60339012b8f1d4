"""The read commands import only what they use, so a script polling ``workstation tasks`` is answered at once.

Each command runs in a fresh interpreter (the way a shell runs it) and reports every module it
had imported when it finished; none may be on the forbidden list: Qt, RE2 and the prose rules,
pydantic and the models, sqlite-utils, the signing code, the bundle and upload machinery
(HTTP, boto3), the task file formats, YAML, the crash log's file handlers and the test tools.
Importing them is what made ``workstation tasks --limit 30`` take 0.6 s for a 0.1 ms query.
Every run must also succeed and print what it should, so a command that failed before doing
its work cannot pass by importing little.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

import pytest

from workstation.cli import main
from workstation.core.store import PAGE_SIZE
from workstation.core.store import Store as OpenStore

REPO = Path(__file__).resolve().parents[2]
TASKS = REPO / "tests" / "core" / "formats" / "data" / "native_tasks.jsonl"
PASSPHRASE = "correct horse battery staple"

FORBIDDEN: tuple[str, ...] = (
    "PySide6",
    "shiboken6",
    "re2",
    "_re2",
    "regex",
    "pydantic",
    "pydantic_core",
    "sqlite_utils",
    "pandas",
    "cryptography",
    "boto3",
    "botocore",
    "yaml",
    "spellchecker",
    "hypothesis",
    "urllib.request",
    "http.client",
    "logging.handlers",
    "workstation.gui",
    "workstation.core.models",
    "workstation.core.prose",
    "workstation.core.formats",
    "workstation.core.signing",
    "workstation.core.bundles",
    "workstation.core.sync",
    "workstation.core.review",
    "workstation.core.reports",
)
"""Modules (and everything under them) no read command may import."""

# The child runs the console script's body and, however it ends (argparse exits for --help),
# writes the names of the modules it imported.
_CHILD = """
import json, os, sys
try:
    from workstation.cli import main
    status = main(sys.argv[1:])
finally:
    with open(os.environ["BUDGET_MODULES_FILE"], "w") as out:
        json.dump(sorted(sys.modules), out)
sys.exit(status)
"""


class Store(NamedTuple):
    """The data dir the commands read, and what they should find in it."""

    data_dir: Path
    bundle_id: str
    task_count: int


class Run(NamedTuple):
    returncode: int
    stdout: str
    stderr: str
    modules: frozenset[str]


class ReadCommand(NamedTuple):
    """A command line (``{bundle}`` stands for the sealed bundle's id), what it may import beyond
    the rest, and a check of what it printed."""

    words: tuple[str, ...]
    check: Callable[[Run, Store], object]
    allowed: frozenset[str] = frozenset()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """A data dir with the sample tasks, a writer key and one sealed bundle in the outbox."""
    data_dir = tmp_path_factory.mktemp("budget") / "data"
    rewrite = data_dir.parent / "rewrite.txt"
    rewrite.write_text("A plain, human answer.", encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("WORKSTATION_PASSPHRASE", PASSPHRASE)
        for words in (
            ["keys", "init", "--name", "Ada Writer", "--kdf", "interactive"],
            ["import", str(TASKS)],
            ["rewrite", "email-001", "--text-file", str(rewrite), "--submit"],
            ["bundle", "seal"],
        ):
            assert main(["--data-dir", str(data_dir), *words]) == 0, words
    with OpenStore(data_dir, readonly=True) as opened:
        (sealed,) = opened.outbox.rows()
        yield Store(data_dir, sealed.bundle_id, opened.tasks.count())


def run_in_fresh_interpreter(words: Sequence[str], data_dir: Path, scratch: Path) -> Run:
    """``workstation --data-dir DATA_DIR WORDS`` in a new Python, and the modules it imported."""
    modules_file = scratch / "modules.json"
    env = {**os.environ, "BUDGET_MODULES_FILE": str(modules_file), "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, "--data-dir", str(data_dir), *words],
        capture_output=True,
        cwd=REPO,
        env=env,
        timeout=120,
    )
    assert modules_file.exists(), f"the child did not get to run the command: {result.stderr[-2000:]!r}"
    modules = frozenset(json.loads(modules_file.read_text(encoding="utf-8")))
    # ``bundle export --out -`` writes the zip itself: bytes that are not all UTF-8.
    stdout, stderr = (stream.decode("utf-8", "replace") for stream in (result.stdout, result.stderr))
    return Run(result.returncode, stdout, stderr, modules)


def forbidden_in(modules: frozenset[str], allowed: frozenset[str] = frozenset()) -> list[str]:
    """The modules of ``modules`` that are on :data:`FORBIDDEN` (or under one) and not allowed."""
    banned = [name for name in FORBIDDEN if name not in allowed]
    return sorted(
        module for module in modules if any(module == ban or module.startswith(ban + ".") for ban in banned)
    )


def _json_list_of(length: int) -> Callable[[Run, Store], object]:
    def check(run: Run, store: Store) -> None:
        assert len(json.loads(run.stdout)) == length

    return check


def _tasks_page_of(length: int) -> Callable[[Run, Store], object]:
    def check(run: Run, store: Store) -> None:
        assert len(json.loads(run.stdout)["tasks"]) == length

    return check


def _says(*words: str) -> Callable[[Run, Store], object]:
    def check(run: Run, store: Store) -> None:
        for word in words:
            assert word.format(bundle=store.bundle_id) in run.stdout, word

    return check


def _all_tasks_listed(run: Run, store: Store) -> None:
    page = json.loads(run.stdout)
    assert page["total"] == store.task_count and len(page["tasks"]) == min(store.task_count, PAGE_SIZE)


def _counts(run: Run, store: Store) -> None:
    stats = json.loads(run.stdout)
    assert stats["tasks"] == store.task_count and stats["submitted"] == 0 and stats["sealed"] == 1


def _bundle_bytes(run: Run, store: Store) -> None:
    assert run.stdout.startswith("PK")  # a zip: the sealed bundle itself


READ_COMMANDS: dict[str, ReadCommand] = {
    "--version": ReadCommand(("--version",), _says("workstation ")),
    "--help": ReadCommand(("--help",), _says("tasks", "bundle", "review")),
    "tasks --json": ReadCommand(("tasks", "--json"), _all_tasks_listed),
    "tasks --limit": ReadCommand(("tasks", "--limit", "2", "--json"), _tasks_page_of(2)),
    "tasks table": ReadCommand(("tasks", "--status", "sealed"), _says("email-001")),
    "tasks --search": ReadCommand(("tasks", "--search", "landlord", "--json"), _tasks_page_of(1)),
    "stats --json": ReadCommand(("stats", "--json"), _counts),
    "stats": ReadCommand(("stats",), _says("sealed     1")),
    "outbox": ReadCommand(("outbox",), _says("pending")),
    "outbox --json": ReadCommand(("outbox", "--json"), _json_list_of(1)),
    "bundle list": ReadCommand(("bundle", "list"), _says("{bundle}")),
    "bundle list --json": ReadCommand(("bundle", "list", "--json"), _json_list_of(1)),
    "bundle export -": ReadCommand(("bundle", "export", "{bundle}", "--out", "-"), _bundle_bytes),
    "tasks --help": ReadCommand(("tasks", "--help"), _says("usage: workstation tasks")),
    "bundle --help": ReadCommand(("bundle", "--help"), _says("seal", "verify", "list", "export")),
    "outbox --help": ReadCommand(("outbox", "--help"), _says("push", "target", "retry")),
    "review --help": ReadCommand(("review", "--help"), _says("import", "report")),
    # The inbox's list builds its items' and verdicts' models, and the keyring's keys need the
    # signing code; nothing else heavy.
    "review list": ReadCommand(
        ("review", "list", "--json"),
        _json_list_of(0),
        frozenset({"pydantic", "pydantic_core", "workstation.core.models", "workstation.core.review"}),
    ),
    "review writers": ReadCommand(
        ("review", "writers", "--json"),
        _json_list_of(0),
        frozenset({"cryptography", "workstation.core.signing", "workstation.core.bundles"}),
    ),
}


@pytest.mark.parametrize("name", READ_COMMANDS)
def test_a_read_command_imports_nothing_it_does_not_use(name: str, store: Store, tmp_path: Path) -> None:
    command = READ_COMMANDS[name]
    words = [word.format(bundle=store.bundle_id) for word in command.words]
    run = run_in_fresh_interpreter(words, store.data_dir, tmp_path)
    assert run.returncode == 0, run.stderr
    command.check(run, store)
    assert forbidden_in(run.modules, command.allowed) == [], f"`workstation {' '.join(words)}`"


def test_a_read_command_refused_in_words_imports_no_more(tmp_path: Path) -> None:
    """The way out through an error (no store yet) is as lean as the way through the query."""
    empty = tmp_path / "empty"
    empty.mkdir()
    run = run_in_fresh_interpreter(["tasks", "--json"], empty, tmp_path)
    assert run.returncode == 1
    assert "no tasks in" in run.stderr and "Traceback" not in run.stderr
    assert forbidden_in(run.modules) == []


def test_the_forbidden_list_catches_a_heavy_import(store: Store, tmp_path: Path) -> None:
    """The check can fail: a command that does import the models and the formats is caught."""
    run = run_in_fresh_interpreter(["export", "--format", "jsonl", "--out", "-"], store.data_dir, tmp_path)
    assert run.returncode == 0, run.stderr
    caught = forbidden_in(run.modules)
    assert "workstation.core.models" in caught and "pydantic" in caught
