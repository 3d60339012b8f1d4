"""Benchmark: a reviewer imports and verifies 100 bundles of 100 rewrites each from a folder.

Run: ``.venv/bin/python tests/benchmarks/bench_review_import.py [--bundles N] [--per-bundle N]``.
Prints JSON. Target (issue 10): under 5 s for 100 x 100 on the 2-core reference machine.

Texts are ``synthetic.py``'s model answers (~220 words with robotic phrases); each rewrite is the
original with about a fifth of its words dropped or replaced, as a writer's edit. The bundles are
sealed first (not timed) by one writer whose key the reviewer trusts. Receiving (verify, chain,
store) is timed against the target; the figures pass that follows it (the reviewer's own word
diff and lint of both sides, which the app runs in the background while the reviewer audits) is
timed on its own, and verifying alone for comparison.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import _TextMaker, proper_name

from workstation.core.bundles import SignerTrust, open_bundle, seal_bundle
from workstation.core.review.figures import review_linter
from workstation.core.review.figures_pass import fill_figures
from workstation.core.review.receive import receive
from workstation.core.signing import SecretKey
from workstation.core.store import Store

WRITER = "Bench Writer"


def _edited(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    kept: list[str] = []
    for word in words:
        roll = rng.random()
        if roll < 0.1:
            continue
        kept.append(rng.choice(words) if roll < 0.2 else word)
    return " ".join(kept)


def make_records(count: int, first: int, maker: _TextMaker, rng: random.Random) -> list[dict[str, Any]]:
    records = []
    for index in range(first, first + count):
        original = maker.response(proper_name(index))
        records.append(
            {
                "task_id": f"task-{index:07d}",
                "project": "bench",
                "prompt": maker.prompt(proper_name(index)),
                "messages": None,
                "original": original,
                "original_sha256": hashlib.sha256(original.encode("utf-8")).hexdigest(),
                "model": f"model-{index % 3}",
                "metadata": {"batch": index // 1000},
                "rewrite_id": f"rw-{index:07d}",
                "rewrite": _edited(original, rng),
                "status": "submitted",
                "ratings": {"fluency": rng.randint(1, 5)},
                "tags": ["tone"],
                "notes": "",
                "flag_reason": None,
                "active_seconds": round(rng.uniform(30, 600), 1),
                "metrics": {},
                "started_from": "original",
                "created_at": "2025-06-01T08:00:00.000Z",
                "updated_at": "2025-06-01T08:10:00.000Z",
                "submitted_at": "2025-06-01T08:10:00.000Z",
            }
        )
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bundles", type=int, default=100)
    parser.add_argument("--per-bundle", type=int, default=100)
    args = parser.parse_args()

    key = SecretKey.generate()
    maker, rng = _TextMaker(7), random.Random(7)
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "bundles"
        folder.mkdir()
        prev: str | None = None
        blobs: list[bytes] = []
        all_records: list[dict[str, Any]] = []
        for number in range(args.bundles):
            records = make_records(args.per_bundle, number * args.per_bundle, maker, rng)
            all_records += records
            sealed = seal_bundle(
                records,
                signer=key,
                signer_name=WRITER,
                bundle_seq=number + 1,
                prev_bundle_id=prev,
                created_at=datetime(2025, 6, 1, 12, 0, tzinfo=UTC),
            )
            prev = sealed.bundle_id
            blobs.append(sealed.data)
            (folder / f"{number:04d}.zip").write_bytes(sealed.data)

        started = time.perf_counter()
        for blob in blobs:
            open_bundle(blob, trust=SignerTrust.only_key(key.public_key))
        verify_s = time.perf_counter() - started

        with Store(Path(temp) / "reviewer") as store:
            store.writers.trust(WRITER, key.public_key)
            started = time.perf_counter()
            report = receive(store, [str(folder)])
            import_s = time.perf_counter() - started
            assert len(report.added) == args.bundles and not report.refused, report.refused
            assert store.inbox.count() == args.bundles * args.per_bundle
            review_linter()  # built once per process, as in the app: not part of the pass
            started = time.perf_counter()
            computed = fill_figures(store)
            figures_s = time.perf_counter() - started
            assert computed == store.inbox.count()

    items = args.bundles * args.per_bundle
    print(
        json.dumps(
            {
                "bundles": args.bundles,
                "items": items,
                "words_per_original": round(sum(len(r["original"].split()) for r in all_records) / items, 1),
                "import_and_verify_s": round(import_s, 3),
                "target_s": 5.0,
                "met": import_s < 5.0,
                "verify_only_s": round(verify_s, 3),
                "figures_pass_s": round(figures_s, 3),
                "figures_ms_per_item": round(figures_s * 1000 / items, 3),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
