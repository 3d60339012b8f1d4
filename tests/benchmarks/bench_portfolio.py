"""Benchmark: the portfolio of 1,000 sealed rewrites (~300 words each), under 10 s.

Run: ``QT_QPA_PLATFORM=offscreen PYTHONPATH=. .venv/bin/python tests/benchmarks/bench_portfolio.py
[--n N]``. Prints JSON, in seconds: "read" verifies the outbox bundles again and reads every
rewrite with its verdicts (``portfolio_entries``); "site" renders and writes the HTML pages, the
signed manifest and the style sheet; "pdf" lays the whole portfolio out as one PDF (Qt);
"total" is what ``workstation portfolio`` takes, and the target (issue 12) applies to it.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from workstation.core.bundles.seal_work import seal_submitted
from workstation.core.models import RewriteStatus
from workstation.core.reports.portfolio import portfolio_entries
from workstation.core.reports.portfolio_site import write_portfolio
from workstation.core.reports.signed_record import RecordAuthor
from workstation.core.signing import SecretKey
from workstation.core.store import Store, new_rewrite

TARGET_S = 10.0
WORDS = (
    "the",
    "data",
    "shows",
    "a",
    "clear",
    "result",
    "and",
    "we",
    "can",
    "say",
    "that",
    "it",
    "matters",
    "for",
    "every",
    "team",
    "in",
    "the",
    "plan",
)
PER_BUNDLE = 100


def _text(rng: random.Random, words: int) -> str:
    sentences = []
    while sum(len(s.split()) for s in sentences) < words:
        sentences.append(" ".join(rng.choice(WORDS) for _ in range(12)).capitalize() + ".")
    return " ".join(sentences)


def _fill(store: Store, folder: Path, count: int, key: SecretKey) -> None:
    rng = random.Random(7)
    path = folder / "tasks.jsonl"
    lines = [
        json.dumps({"id": f"t{n:05d}", "prompt": "Rewrite it.", "response": _text(rng, 300)})
        for n in range(count)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    store.import_file(path, project="Bench")
    for start in range(0, count, PER_BUNDLE):
        for n in range(start, min(start + PER_BUNDLE, count)):
            task = store.tasks.get(f"t{n:05d}")
            assert task is not None
            words = task.original.split()
            for _ in range(40):
                words[rng.randrange(len(words))] = rng.choice(WORDS).upper()
            draft = new_rewrite(task).model_copy(
                update={"text": " ".join(words), "status": RewriteStatus.SUBMITTED}
            )
            store.rewrites.save(draft)
        assert seal_submitted(store, key, "Bench Writer") is not None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1000)
    args = parser.parse_args()
    from workstation.gui.common.pdf_render import html_to_pdf

    key = SecretKey.generate()
    author = RecordAuthor("Bench Writer", key.public_key.fingerprint)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with Store(folder / "data") as store:
            _fill(store, folder, args.n, key)
            began = time.perf_counter()
            entries = portfolio_entries(store)
            read_s = time.perf_counter() - began
        began = time.perf_counter()
        write_portfolio(
            folder / "site", entries, key, author=author, generated_at=datetime.now(UTC), accepted=False
        )
        site_s = time.perf_counter() - began
        began = time.perf_counter()
        written = write_portfolio(
            folder / "with-pdf",
            entries,
            key,
            author=author,
            generated_at=datetime.now(UTC),
            accepted=False,
            pdf_renderer=html_to_pdf,
        )
        with_pdf_s = time.perf_counter() - began
        pdf_bytes = (folder / "with-pdf" / "portfolio.pdf").stat().st_size
    total = read_s + with_pdf_s
    print(
        json.dumps(
            {
                "rewrites": written.rewrites,
                "read_s": round(read_s, 2),
                "site_s": round(site_s, 2),
                "pdf_s": round(with_pdf_s - site_s, 2),
                "total_s": round(total, 2),
                "pdf_bytes": pdf_bytes,
                "target_s": TARGET_S,
                "ok": total < TARGET_S,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
