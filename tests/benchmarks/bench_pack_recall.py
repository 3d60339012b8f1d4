"""Benchmark: how well our style pack catches model tells, and how often it flags human prose.

Run: ``.venv/bin/python tests/benchmarks/bench_pack_recall.py [--style DIR ...] [--missed]``.
Prints recall per category on ``tests/data/prose/model_tells.jsonl``, findings per 1,000 words
on ``tests/data/prose/human/`` (every level counted), and a table per rule: the tells it caught
(of its own category), its findings on each part of the human corpus, and the lint time. Against
the targets of issue 14: at least 8 of 10 tells caught per category, under 1 finding per 1,000
human words. ``--style`` measures other style folders instead of our own pack (recall then
counts a tell as caught by any finding, since other packs have other categories).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.core.prose.pack_quality import (
    Tell,
    false_positives,
    load_human_texts,
    load_tells,
    recall_by_category,
)
from workstation.core.prose import Linter, default_style_pack, load_styles


def _rule_hits_on_tells(linter: Linter, tells: tuple[Tell, ...], own_category: bool) -> Counter[str]:
    """Per rule: on how many tells it fired (of the tell's own category, when asked)."""
    hits: Counter[str] = Counter()
    for tell in tells:
        rules = {
            finding.rule
            for finding in linter.lint(tell.text)
            if not own_category or finding.category == tell.category
        }
        hits.update(rules)
    return hits


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--style", action="append", default=[], help="measure these style folders instead")
    parser.add_argument("--missed", action="store_true", help="list the tells that were missed")
    args = parser.parse_args()
    own_pack = not args.style
    pack = default_style_pack() if own_pack else load_styles(args.style)
    linter = Linter(pack)
    tells = load_tells()
    human = load_human_texts()

    print(f"{len(pack.rules)} rules, {len(pack.errors)} load issues; {len(tells)} tells; ", end="")
    print(f"{sum(text.words for text in human):,} human words in {len(human)} files\n")

    print(f"{'category':<20}{'caught':>10}{'share':>8}")
    if own_pack:
        results = recall_by_category(linter, tells)
        caught = sum(result.caught for result in results.values())
        for category, result in results.items():
            print(f"{category:<20}{result.caught:>5}/{result.total:<4}{result.share:>8.0%}")
            for tell in result.missed if args.missed else ():
                print(f"    missed: {tell.text}")
    else:
        caught = sum(bool(linter.lint(tell.text)) for tell in tells)
    print(f"{'all':<20}{caught:>5}/{len(tells):<4}{caught / len(tells):>8.0%}\n")

    started = time.perf_counter()
    found = false_positives(linter, human)
    lint_ms = (time.perf_counter() - started) * 1000
    per_file = {text.name: false_positives(linter, [text]) for text in human}
    print(f"{'human file':<42}{'words':>7}{'findings':>10}{'per 1,000':>11}")
    for name, result in per_file.items():
        print(f"{name:<42}{result.words:>7,}{len(result.findings):>10}{result.per_1000_words:>11.2f}")
    print(f"{'all':<42}{found.words:>7,}{len(found.findings):>10}{found.per_1000_words:>11.2f}")
    print(f"(lint of the whole human corpus: {lint_ms:.0f} ms)\n")

    tell_hits = _rule_hits_on_tells(linter, tells, own_category=own_pack)
    human_hits = found.by_rule()
    print(f"{'rule':<34}{'category':<18}{'level':<11}{'tells':>6}{'human':>7}{'per 1,000':>11}")
    for rule in pack.rules:
        per_1000 = 1000 * human_hits[rule.name] / found.words if found.words else 0.0
        print(
            f"{rule.name:<34}{rule.category:<18}{rule.spec.level:<11}"
            f"{tell_hits[rule.name]:>6}{human_hits[rule.name]:>7}{per_1000:>11.2f}"
        )


if __name__ == "__main__":
    main()
