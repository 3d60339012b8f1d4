"""Benchmark: lint + metrics on texts of 700, 5,000 and 50,000 words.

Run: ``.venv/bin/python tests/benchmarks/bench_prose.py [--published STYLES_PATH]``. Prints JSON
with p50/p95 in milliseconds per size, for lint alone, metrics alone and both, against the
targets of issue 4 (5,000 words < 15 ms; a 700-word paragraph < 3 ms, the keystroke path;
50,000 words < 250 ms). Each timed lint and count is of a text not seen before (a word added to
every paragraph), since a rule may remember what it found in each line and the counts remember
each paragraph; separate figures time the text after one paragraph changed, as a keystroke does.

With ``--published`` (or ``WORKSTATION_VALE_STYLES``) naming a StylesPath that holds the
published Microsoft, Google, write-good and proselint styles, it also loads those four together
and times them, against issue 14's targets: loading < 300 ms, lint + metrics at 5,000 words
< 60 ms p95. Without a path that part is skipped (CI has no published styles).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections.abc import Callable
from itertools import count
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from timing import timed_ms

from workstation.core.prose.engine import Linter
from workstation.core.prose.style_pack import StylePack, default_style_pack, load_styles
from workstation.core.prose.text_metrics import text_metrics

# Sentences in the register of model output (some robotic, most plain), mixed deterministically.
_SENTENCES = [
    "Certainly! Here is a detailed overview of the topic you asked about.",
    "In today's fast-paced world, teams must navigate the complexities of remote work.",
    "It's important to note that every project has its own constraints and deadlines.",
    "The report covers costs, staffing, and the timeline for the second phase.",
    "We tested the new pump on three sites over two summers.",
    "This is not just a tool — it's a new way of thinking about maintenance.",
    "The crew replaced the valves in March and logged every reading by hand.",
    "Moreover, the data shows a steady drop in failures after the change.",
    "Our goal is to leverage existing systems and utilize the budget we already have.",
    "The café on the corner 😀 opened at seven and closed when the bread ran out.",
    "She wrote the first draft in a week and spent a month cutting it down.",
    "Ultimately, the rich tapestry of local history is a testament to the town's resilience.",
    "Farmers planted earlier because the spring was warm and the soil dried fast.",
    "I hope this helps! Let me know if you have any other questions.",
    "The committee met twice, argued once, and agreed on almost nothing.",
    "Prices rose by 3.5 percent in the first quarter, according to Dr. Alvarez.",
    "He delved into the archive and came back with letters nobody had read.",
    "Generally speaking, smaller schools report higher attendance in winter.",
    "The bridge carries about 40,000 cars a day across the river.",
    "What a great question! The answer depends on several factors.",
]


def make_paragraphs(word_target: int, seed: int = 7) -> list[str]:
    """Deterministic paragraphs of 3 to 7 sentences, about ``word_target`` words in all."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    words = 0
    while words < word_target:
        paragraph = " ".join(rng.choice(_SENTENCES) for _ in range(rng.randint(3, 7)))
        paragraphs.append(paragraph)
        words += len(paragraph.split())
    return paragraphs


def make_text(word_target: int, seed: int = 7) -> str:
    """A deterministic text of about ``word_target`` words in paragraphs of 3 to 7 sentences."""
    return "\n\n".join(make_paragraphs(word_target, seed))


def unseen_texts(word_target: int, *, every_paragraph: bool = True) -> Callable[[], str]:
    """A function giving the text of :func:`make_text` with a new word at each call: at the end
    of every paragraph (a text the linter has never seen: rules that remember what they found in
    each line find nothing to reuse), or of one paragraph after another (a keystroke's lint)."""
    plain = make_paragraphs(word_target)
    shown = list(plain)
    calls = count(1)

    def next_text() -> str:
        call = next(calls)
        if every_paragraph:
            return "\n\n".join(f"{paragraph} v{call}." for paragraph in plain)
        edited = call % len(plain)
        shown[edited] = f"{plain[edited]} v{call}."
        return "\n\n".join(shown)

    return next_text


PUBLISHED_STYLES = ("Microsoft", "Google", "write-good", "proselint")
PUBLISHED_ENV = "WORKSTATION_VALE_STYLES"
PUBLISHED_LOAD_TARGET_MS = 300.0
PUBLISHED_LINT_TARGET_MS = 60.0


def published_results(styles_path: Path | None) -> dict[str, object]:
    """Load + lint timings of the four published styles together, or why they were skipped."""
    if styles_path is None:
        return {"skipped": f"no styles path (give --published DIR or set {PUBLISHED_ENV})"}
    folders = [styles_path / name for name in PUBLISHED_STYLES]
    missing = [folder.name for folder in folders if not folder.is_dir()]
    if missing:
        return {"skipped": f"{', '.join(missing)} not found in {styles_path}"}
    started = time.perf_counter()
    pack: StylePack = load_styles(folders)
    load_ms = (time.perf_counter() - started) * 1000
    linter = Linter(pack)
    text = make_text(5000)
    report = linter.lint_report(text)
    unseen = unseen_texts(5000)
    both = timed_ms(lambda: text_metrics(text := unseen(), linter.lint(text)), 100, warmups=3)
    return {
        "styles": list(PUBLISHED_STYLES),
        "rules": len(pack.rules),
        "refused": sorted(issue.rule for issue in pack.errors if issue.skipped),
        "load_ms": round(load_ms, 1),
        "load_target_ms": PUBLISHED_LOAD_TARGET_MS,
        "meets_load_target": load_ms < PUBLISHED_LOAD_TARGET_MS,
        "text_5000_words": {
            "words": len(text.split()),
            "findings": len(report.findings),
            "switched_off": list(report.problems),
            "lint_plus_metrics": both,
            "target_ms": PUBLISHED_LINT_TARGET_MS,
            "meets_target_p95": both["p95_ms"] < PUBLISHED_LINT_TARGET_MS,
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--published", metavar="STYLES_PATH", type=Path, default=None)
    args = parser.parse_args()
    published = args.published or (Path(os.environ[PUBLISHED_ENV]) if os.environ.get(PUBLISHED_ENV) else None)
    started = time.perf_counter()
    pack = default_style_pack()
    load_ms = (time.perf_counter() - started) * 1000
    linter = Linter(pack)
    cases = [
        ("paragraph_700_words", 700, 3.0, 500),
        ("text_5000_words", 5000, 15.0, 100),
        ("text_50000_words", 50000, 250.0, 20),
    ]
    results: dict[str, object] = {
        "style_pack_load_ms": round(load_ms, 1),
        "rules": len(pack.rules),
        # Timings on a shared machine wander; the load average says how busy it was.
        "cpu_count": os.cpu_count(),
        "load_average_1min": round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None,
    }
    for name, size, target, repeats in cases:
        text = make_text(size)
        findings = linter.lint(text)
        # Every timed lint is of a text never linted before, but for the keystroke figure.
        unseen = unseen_texts(size)
        both = timed_ms(
            lambda unseen=unseen: text_metrics(text := unseen(), linter.lint(text)), repeats, warmups=3
        )
        edited = unseen_texts(size, every_paragraph=False)
        typed = timed_ms(
            lambda edited=edited: text_metrics(text := edited(), linter.lint(text)), repeats, warmups=3
        )
        results[name] = {
            "words": len(text.split()),
            "findings": len(findings),
            "lint": timed_ms(lambda unseen=unseen: linter.lint(unseen()), repeats, warmups=3),
            "lint_after_one_paragraph_changed": timed_ms(
                lambda edited=edited: linter.lint(edited()), repeats, warmups=3
            ),
            "metrics": timed_ms(
                lambda unseen=unseen, findings=findings: text_metrics(unseen(), findings), repeats, warmups=3
            ),
            "metrics_after_one_paragraph_changed": timed_ms(
                lambda edited=edited, findings=findings: text_metrics(edited(), findings), repeats, warmups=3
            ),
            "lint_plus_metrics": both,
            "lint_plus_metrics_after_one_paragraph_changed": typed,
            "target_ms": target,
            "meets_target_p95": both["p95_ms"] < target,
            "meets_target_p95_after_one_paragraph_changed": typed["p95_ms"] < target,
        }
    results["published_styles"] = published_results(published)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
