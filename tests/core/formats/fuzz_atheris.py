"""Coverage-guided fuzzing of the same targets with atheris (libFuzzer), when atheris is installed.

Run one target: ``python tests/core/formats/fuzz_atheris.py TARGET CORPUS_DIR -runs=10000``.
TARGET is a target name from :func:`all_targets` (each target's ``run`` takes bytes); libFuzzer's
own options follow. The code under test is
instrumented for coverage, and the corpus starts from the repository's own sample files (task
files, a sealed bundle and its signature, the shipped rule pack) written by :func:`seed_corpus`.
An exception the target does not allow ends the run as a crash (exit status 1). The heavy run
(``test_fuzz_heavy``) drives this script for every target and reads the counts it prints.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tests.core.formats.fuzz_harness import FuzzTarget

REPO = Path(__file__).resolve().parents[3]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

_FORMATS_DATA = REPO / "tests" / "core" / "formats" / "data"
_RULES = REPO / "resources" / "rules" / "Workstation"
_DONE = re.compile(r"Done (\d+) runs in (\d+) second")


def all_targets() -> tuple[FuzzTarget, ...]:
    """Every fuzz target of the importers, the bundle reader, minisig and the rule loader."""
    from tests.core.bundles.bundle_fuzz_targets import BUNDLE_TARGETS
    from tests.core.formats.formats_fuzz_targets import IMPORT_TARGETS
    from tests.core.prose.rule_fuzz_targets import RULE_TARGETS
    from tests.core.prose.rule_kind_fuzz_targets import KIND_TARGETS

    return IMPORT_TARGETS + BUNDLE_TARGETS + RULE_TARGETS + KIND_TARGETS


def seed_corpus(target: str, folder: Path) -> Path:
    """Write the starting inputs for ``target`` into ``folder`` (created) and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    seeds: list[bytes]
    if target.startswith("import:"):
        seeds = [path.read_bytes() for path in sorted(_FORMATS_DATA.iterdir()) if path.is_file()]
    elif target == "bundle:open_bundle":
        from tests.core.bundles.bundle_fuzz_targets import BASE

        seeds = [BASE.data]
    elif target == "signing:minisig":
        from tests.core.bundles.bundle_fuzz_targets import BASE

        seeds = [BASE.signature_text.encode()]
    elif target == "rules:vale-yaml":
        seeds = [path.read_bytes() for path in sorted(_RULES.glob("*.yml"))]
    else:
        seeds = [(_RULES / "meta.json").read_bytes()] if (_RULES / "meta.json").exists() else [b"{}"]
    for index, seed in enumerate(seeds):
        (folder / f"seed-{index}").write_bytes(seed)
    return folder


def run_target(target: str, runs: int, work: Path, *, max_len: int = 4096) -> dict[str, Any]:
    """Fuzz ``target`` for ``runs`` inputs in a child process; its figures for the heavy run."""
    corpus = seed_corpus(target, work / "corpus" / target.replace(":", "_"))
    command = [sys.executable, __file__, target, str(corpus), f"-runs={runs}", f"-max_len={max_len}"]
    command.append(f"-artifact_prefix={work}/")
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, cwd=work, timeout=3600, check=False)
    done = _DONE.search(result.stderr)
    figures: dict[str, Any] = {
        "cases": int(done.group(1)) if done else None,
        "failures": 0 if result.returncode == 0 else 1,
        "seconds": round(time.perf_counter() - started, 1),
    }
    if result.returncode != 0:
        figures["failure"] = result.stderr[-1500:]
    return figures


def main() -> None:
    import atheris

    with atheris.instrument_imports(include=["workstation"]):
        targets = {target.name: target.run for target in all_targets()}
    check = targets[sys.argv[1]]
    atheris.Setup([sys.argv[0], *sys.argv[2:]], check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
