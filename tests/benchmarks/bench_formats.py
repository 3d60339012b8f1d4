"""Benchmark of the format layer: parsing native JSONL and writing every export format.

Run: .venv/bin/python tests/benchmarks/bench_formats.py [--tasks N] [--workdir DIR]
Prints JSON: for N synthetic tasks (about 1.5 KB each) written as native JSONL, a Label Studio
JSON array and CSV, the records/s, seconds and peak resident memory of reading each file; and the
seconds to write each export format from N (task, rewrite) pairs. Each read runs in a child
process so its peak memory is its own, not the generator's.
"""

from __future__ import annotations

import argparse
import csv
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


def write_native_file(path: Path, records: list[dict[str, object]]) -> int:
    """Write the records as native JSONL; returns the file size in bytes."""
    with path.open("w", encoding="utf-8") as stream:
        for record in records:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path.stat().st_size


def write_label_studio_file(path: Path, records: list[dict[str, object]]) -> int:
    """Write the records as one pretty-printed Label Studio JSON array (one task per few lines)."""
    with path.open("w", encoding="utf-8") as stream:
        stream.write("[\n")
        for index, record in enumerate(records):
            task = {"id": index + 1, "data": record, "annotations": []}
            stream.write(("" if index == 0 else ",\n") + json.dumps(task, ensure_ascii=False, indent=1))
        stream.write("\n]\n")
    return path.stat().st_size


def write_csv_file(path: Path, records: list[dict[str, object]]) -> int:
    """Write the records as CSV (id, prompt, response, model, batch); messages become the prompt."""
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["id", "prompt", "response", "model", "batch"])
        for record in records:
            prompt = record.get("prompt") or record["messages"][-1]["content"]  # type: ignore[index]
            writer.writerow([record["id"], prompt, record["response"], record["model"], "b1"])
    return path.stat().st_size


def _peak_rss_mb() -> float:
    """This process's peak resident memory in MB: VmHWM on Linux (it restarts at exec, unlike
    ru_maxrss, which keeps the forking parent's peak), else ru_maxrss."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def measure_read(path: Path) -> dict[str, float]:
    """Read every task of ``path``; figures for this process only (called in a child process)."""
    before = _peak_rss_mb()
    started = time.perf_counter()
    records = errors = 0
    for item in read_tasks(path):
        if isinstance(item, ParsedRecord):
            records += 1
        else:
            errors += 1
    seconds = time.perf_counter() - started
    return {
        "records": records,
        "errors": errors,
        "seconds": round(seconds, 3),
        "records_per_second": round(records / seconds),
        "peak_rss_mb_after_imports": before,
        "peak_rss_mb": _peak_rss_mb(),
    }


def synthetic_pairs(records: list[dict[str, object]]) -> Iterator[tuple[Task, Rewrite]]:
    """Submitted (task, rewrite) pairs built from the synthetic records."""
    for seq, record in enumerate(records):
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


def measure_exports(records: list[dict[str, object]], folder: Path) -> dict[str, float]:
    """Seconds to write each export format (the pairs are built beforehand, not timed)."""
    pairs = list(synthetic_pairs(records))
    figures: dict[str, float] = {}
    for fmt in EXPORT_FORMATS:
        started = time.perf_counter()
        written = write_export(pairs, fmt, folder / f"export-{fmt}.jsonl").written
        figures[f"{fmt}_seconds"] = round(time.perf_counter() - started, 3)
        assert written == len(pairs)
    return figures


def _read_in_child(path: Path) -> dict[str, float]:
    child = subprocess.run(
        [sys.executable, __file__, "--read-only-child", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    figures: dict[str, float] = json.loads(child.stdout)
    figures["file_mb"] = round(path.stat().st_size / 1e6, 1)
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
    with tempfile.TemporaryDirectory(dir=args.workdir) as folder_name:
        folder = Path(folder_name)
        started = time.perf_counter()
        records = list(synthetic_records(args.tasks))
        write_native_file(folder / "tasks.jsonl", records)
        write_label_studio_file(folder / "tasks.json", records)
        write_csv_file(folder / "tasks.csv", records)
        generate_seconds = time.perf_counter() - started
        figures = {
            "tasks": args.tasks,
            "generate_seconds": round(generate_seconds, 2),
            "read_native_jsonl": _read_in_child(folder / "tasks.jsonl"),
            "read_label_studio_array": _read_in_child(folder / "tasks.json"),
            "read_csv": _read_in_child(folder / "tasks.csv"),
            "export": measure_exports(records, folder),
        }
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
