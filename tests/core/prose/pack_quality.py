"""Measure a style pack against two corpora: published model tells and plain human prose.

Shared by ``test_pack_quality.py`` (the targets of issue 14, asserted on every run) and
``tests/benchmarks/bench_pack_recall.py`` (the same figures as a per-rule table).

* **Recall**: each line of ``tests/data/prose/model_tells.jsonl`` is one example sentence of a
  pattern that a published source describes. An example counts as caught only when the pack
  raises a finding *of the example's own category* on it, so a contrast frame caught only by a
  vocabulary rule does not count for contrast framing.
* **False positives**: every finding on ``tests/data/prose/human/*.txt``, at every level the
  caller names, per 1,000 words (words counted by :func:`~workstation.core.prose.word_count`,
  the count the app shows).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from workstation.core.prose import LEVELS, Finding, Linter, word_count

DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "prose"
TELLS_PATH = DATA_DIR / "model_tells.jsonl"
HUMAN_DIR = DATA_DIR / "human"


@dataclass(frozen=True, slots=True)
class Tell:
    """One published pattern, written out as an example sentence of our own."""

    text: str
    category: str
    pattern: str
    source: str | None


@dataclass(frozen=True, slots=True)
class HumanText:
    """One file of the human corpus."""

    name: str
    text: str

    @property
    def words(self) -> int:
        return word_count(self.text)


@dataclass(frozen=True, slots=True)
class CategoryRecall:
    """How many examples of one category the pack caught, and which it missed."""

    category: str
    caught: int
    total: int
    missed: tuple[Tell, ...]

    @property
    def share(self) -> float:
        """Caught examples as a fraction of all examples (0 for an empty category)."""
        return self.caught / self.total if self.total else 0.0


@dataclass(frozen=True, slots=True)
class HumanFinding:
    """A finding on human prose, with the file it came from."""

    file: str
    finding: Finding


@dataclass(frozen=True, slots=True)
class FalsePositives:
    """Findings on the human corpus and the words they were found in."""

    words: int
    findings: tuple[HumanFinding, ...] = field(default=())

    @property
    def per_1000_words(self) -> float:
        return 1000 * len(self.findings) / self.words if self.words else 0.0

    def by_rule(self) -> Counter[str]:
        return Counter(item.finding.rule for item in self.findings)


def load_tells(path: Path = TELLS_PATH) -> tuple[Tell, ...]:
    """The examples of ``model_tells.jsonl``; raises ``ValueError`` naming a malformed line."""
    tells: list[Tell] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            tells.append(Tell(str(row["text"]), str(row["category"]), str(row["pattern"]), row["source"]))
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path.name}:{number}: not a tell ({exc})") from exc
    return tuple(tells)


def load_human_texts(folder: Path = HUMAN_DIR) -> tuple[HumanText, ...]:
    """Every ``.txt`` file of the human corpus, sorted by name."""
    return tuple(
        HumanText(path.name, path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.txt"))
    )


def is_caught(linter: Linter, tell: Tell) -> bool:
    """Whether the linter raises a finding of the tell's own category on its sentence."""
    return any(finding.category == tell.category for finding in linter.lint(tell.text))


def recall_by_category(linter: Linter, tells: Iterable[Tell]) -> dict[str, CategoryRecall]:
    """Recall per category, in the order categories first appear in ``tells``."""
    grouped: dict[str, list[Tell]] = {}
    for tell in tells:
        grouped.setdefault(tell.category, []).append(tell)
    results: dict[str, CategoryRecall] = {}
    for category, members in grouped.items():
        missed = tuple(tell for tell in members if not is_caught(linter, tell))
        results[category] = CategoryRecall(category, len(members) - len(missed), len(members), missed)
    return results


def false_positives(
    linter: Linter, texts: Iterable[HumanText], levels: Sequence[str] = LEVELS
) -> FalsePositives:
    """Every finding at one of ``levels`` on the human texts (all three levels by default)."""
    words = 0
    found: list[HumanFinding] = []
    for human in texts:
        words += human.words
        found.extend(
            HumanFinding(human.name, finding)
            for finding in linter.lint(human.text)
            if finding.level in levels
        )
    return FalsePositives(words, tuple(found))
