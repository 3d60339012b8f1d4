"""Benchmark: seal and verify a bundle of 10,000 realistic rewrites, compared with sha256sum + minisign.

Run: ``.venv/bin/python tests/benchmarks/bench_bundles.py [--records N]``. Prints JSON.
Targets (issue 5): seal < 2 s, verify < 1 s for 10,000 records of ~300 words each.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from workstation.core.bundles import SignerTrust, open_bundle, seal_bundle
from workstation.core.signing import SecretKey, save_public_key, save_secret_key

_SEED_TEXT = (
    "the model response delves into a rich tapestry of nuanced considerations while ensuring that "
    "every stakeholder can navigate the evolving landscape with clarity and confidence moreover it "
    "is important to note that writers revise sentences cut filler words and replace vague claims "
    "with concrete details about budgets deadlines customers teams weather rivers kitchens bridges "
    "gardens invoices engines letters hospitals schools trains markets songs harbours mountains"
)
_SEED_WORDS = _SEED_TEXT.split()


def _sentence(rng: random.Random, words: int) -> str:
    chosen = [rng.choice(_SEED_WORDS) for _ in range(words)]
    return " ".join(chosen).capitalize() + "."


def _text(rng: random.Random, word_count: int) -> str:
    sentences = []
    remaining = word_count
    while remaining > 0:
        length = min(remaining, rng.randint(8, 24))
        sentences.append(_sentence(rng, length))
        remaining -= length
    return " ".join(sentences)


def make_records(count: int, seed: int = 5) -> list[dict[str, Any]]:
    """``count`` records shaped like the store's: ~300-word original and rewrite plus metadata."""
    rng = random.Random(seed)
    records = []
    for index in range(count):
        original = _text(rng, 300)
        records.append(
            {
                "rewrite_id": f"rw-{index:06d}",
                "task_id": f"task-{index // 2:06d}",
                "original_sha256": hashlib.sha256(original.encode("utf-8")).hexdigest(),
                "original": original,
                "rewrite": _text(rng, 280),
                "prompt": _text(rng, 40),
                "status": "submitted",
                "ratings": {"fluency": rng.randint(1, 5), "faithfulness": rng.randint(1, 5)},
                "tags": ["tone", "concision"],
                "notes": "",
                "active_seconds": round(rng.uniform(30, 900), 1),
                "edit_metrics": {"words_changed": rng.randint(10, 200), "ratio": round(rng.random(), 4)},
                "created_at": "2025-03-01T10:00:00Z",
                "updated_at": "2025-03-01T10:12:00Z",
            }
        )
    return records


def _best_of(runs: int, action: Any) -> tuple[float, Any]:
    best = float("inf")
    result = None
    for _ in range(runs):
        started = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - started)
    return best, result


def _time_minisign(bundle: bytes, key: SecretKey) -> dict[str, float] | None:
    """Time ``sha256sum`` plus ``minisign -S`` (unencrypted key) over the bundle bytes."""
    if shutil.which("minisign") is None or shutil.which("sha256sum") is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        data_path = base / "bundle.zip"
        data_path.write_bytes(bundle)
        save_secret_key(base / "writer.key", key, unencrypted=True)
        save_public_key(base / "writer.pub", key.public_key)

        def run() -> None:
            subprocess.run(["sha256sum", str(data_path)], check=True, capture_output=True)
            subprocess.run(
                ["minisign", "-S", "-s", str(base / "writer.key"), "-m", str(data_path), "-t", "bench"],
                check=True,
                capture_output=True,
            )

        seconds, _ = _best_of(3, run)
        verify_seconds, _ = _best_of(
            3,
            lambda: subprocess.run(
                ["minisign", "-V", "-q", "-p", str(base / "writer.pub"), "-m", str(data_path)],
                check=True,
                capture_output=True,
            ),
        )
    return {"sha256sum_plus_minisign_sign_s": seconds, "minisign_verify_s": verify_seconds}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    records = make_records(args.records)
    key = SecretKey.generate()
    created_at = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)

    def seal() -> Any:
        return seal_bundle(
            records,
            signer=key,
            signer_name="Bench Writer",
            bundle_seq=1,
            prev_bundle_id=None,
            created_at=created_at,
        )

    seal_seconds, sealed = _best_of(args.runs, seal)
    trust = SignerTrust.only_key(key.public_key)
    verify_seconds, verified = _best_of(
        args.runs, lambda: open_bundle(sealed.data, trust=trust, expected_bundle_id=sealed.bundle_id)
    )
    assert len(verified.records) == args.records
    records_size = sealed.manifest.files[0].size
    figures: dict[str, Any] = {
        "records": args.records,
        "records_jsonl_bytes": records_size,
        "bundle_bytes": len(sealed.data),
        "seal_s": round(seal_seconds, 4),
        "seal_target_s": 2.0,
        "seal_ok": seal_seconds < 2.0,
        "verify_s": round(verify_seconds, 4),
        "verify_target_s": 1.0,
        "verify_ok": verify_seconds < 1.0,
    }
    reference = _time_minisign(sealed.data, key)
    if reference is None:
        figures["reference"] = "skipped: sha256sum or minisign not on PATH"
    else:
        figures.update({name: round(value, 4) for name, value in reference.items()})
        figures["seal_vs_sha256sum_plus_minisign_ratio"] = round(
            seal_seconds / reference["sha256sum_plus_minisign_sign_s"], 2
        )
        figures["verify_vs_minisign_verify_ratio"] = round(verify_seconds / reference["minisign_verify_s"], 2)
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
