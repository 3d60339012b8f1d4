"""Benchmark of the format layer: parsing native JSONL and writing every export format.

Run: .venv/bin/python tests/benchmarks/bench_formats.py [--tasks N] [--workdir DIR]
Prints JSON: records/s and seconds for reading N native tasks (about 1.5 KB each), the peak
resident memory of the reading pass, and seconds per export format for N (task, rewrite) pairs.
Reading is measured in a child process so its peak memory is not mixed with the generator's.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from workstation.core.formats import EXPORT_FORMATS, ParsedRecord, read_tasks, write_export  # noqa: E402
from workstation.core.models import Message, Rewrite, RewriteStatus, Task, sha256_text  # noqa: E402

_WORDS: tuple[str, ...] = (
    "certainly",
    "delve",
    "tapestry",
    "pivotal",
    "seamless",
    "journey",
    "robust",
    "furthermore",
    "leverage",
    "nuanced",
    "vibrant",
    "testament",
    "crucial",
    "moreover",
    "navigate",
    "realm",
    "foster",
    "holistic",
    "landscape",
    "intricate",
    "the",
    "a",
    "of",
    "and",
    "to",
    "in",
    "is",
    "it",
    "that",
    "for",
    "on",
    "with",
    "as",
    "this",
    "was",
    "by",
    "be",
    "are",
    "your",
    "we",
    "our",
    "can",
    "will",
    "more",
    "each",
)


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(words)).capitalize() + "."


def _paragraph(rng: random.Random, chars: int) -> str:
    parts: list[str] = []
    size = 0
    while size < chars:
        sentence = _sentence(rng, rng.randint(8, 20))
        parts.append(sentence)
        size += len(sentence) + 1
    return " ".join(parts)


def synthetic_records(count: int, seed: int = 7) -> Iterator[dict[str, object]]:
    """``count`` native task records of about 1.5 KB each; every tenth has chat messages."""
    rng = random.Random(seed)
    for index in range(count):
        record: dict[str, object] = {
            "id": f"bench-{index:07d}",
            "response": _paragraph(rng, 1150),
            "model": "bench-model-7b",
            "metadata": {"batch": index // 1000, "source": "benchmark"},
        }
        if index % 10 == 0:
            record["messages"] = [
                {"role": "system", "content": "You are a helpful assistant."},
                {"role": "user", "content": _paragraph(rng, 180)},
            ]
        else:
            record["prompt"] = _paragraph(rng, 220)
        yield record


def write_native_file(path: Path, count: int) -> int:
    """Write ``count`` synthetic records as native JSONL; returns the file size in bytes."""
    with path.open("w", encoding="utf-8") as stream:
        for record in synthetic_records(count):
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path.stat().st_size


def measure_read(path: Path) -> dict[str, float]:
    """Read every task of ``path``; figures for this process only (called in a child process)."""
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    records = errors = 0
    for item in read_tasks(path):
        if isinstance(item, ParsedRecord):
            records += 1
        else:
            errors += 1
    seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "records": records,
        "errors": errors,
        "seconds": round(seconds, 3),
        "records_per_second": round(records / seconds),
        "peak_rss_mb_before_read": round(before / 1024, 1),
        "peak_rss_mb": round(peak_kib / 1024, 1),
    }


def synthetic_pairs(count: int) -> Iterator[tuple[Task, Rewrite]]:
    """``count`` submitted (task, rewrite) pairs built from the same synthetic records."""
    for seq, record in enumerate(synthetic_records(count)):
        original = str(record["response"])
        messages = record.get("messages")
        task = Task(
            id=str(record["id"]),
            seq=seq,
            project="bench",
            prompt=record.get("prompt"),  # type: ignore[arg-type]
            messages=tuple(Message(**turn) for turn in messages) if isinstance(messages, list) else None,
            original=original,
            original_sha256=sha256_text(original),
            model="bench-model-7b",
            metadata={"batch": seq // 1000},
            status=RewriteStatus.SUBMITTED,
        )
        rewrite = Rewrite(
            rewrite_id=f"rw-{seq:07d}",
            task_id=task.id,
            text=original[: len(original) // 2] + " Plainly put.",
            status=RewriteStatus.SUBMITTED,
            ratings={"clarity": 4},
            active_seconds=93.5,
            created_at="2024-06-01T10:00:00Z",
            updated_at="2024-06-01T10:05:00Z",
            submitted_at="2024-06-01T10:05:00Z",
        )
        yield task, rewrite


def measure_exports(count: int, folder: Path) -> dict[str, float]:
    """Seconds to write each export format from ``count`` pairs (pairs are built beforehand)."""
    pairs = list(synthetic_pairs(count))
    figures: dict[str, float] = {}
    for fmt in EXPORT_FORMATS:
        started = time.perf_counter()
        written = write_export(pairs, fmt, folder / f"export-{fmt}.jsonl")
        figures[f"{fmt}_seconds"] = round(time.perf_counter() - started, 3)
        assert written == count
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--read-only-child", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.read_only_child is not None:
        print(json.dumps(measure_read(args.read_only_child)))
        return
    with tempfile.TemporaryDirectory(dir=args.workdir) as folder:
        path = Path(folder) / "tasks.jsonl"
        started = time.perf_counter()
        size = write_native_file(path, args.tasks)
        generate_seconds = time.perf_counter() - started
        child = subprocess.run(
            [sys.executable, __file__, "--read-only-child", str(path)],
            capture_output=True,
            text=True,
            check=True,
        )
        reading = json.loads(child.stdout)
        exports = measure_exports(args.tasks, Path(folder))
    print(
        json.dumps(
            {
                "tasks": args.tasks,
                "file_mb": round(size / 1e6, 1),
                "generate_seconds": round(generate_seconds, 2),
                "read_native": reading,
                "export_100k_pairs" if args.tasks == 100_000 else "export": exports,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
