"""Our style pack against published model tells and plain human prose (issue 14's targets).

Recall: at least 8 of 10 examples caught in every category of ``model_tells.jsonl``, counting
only findings of the example's own category. False positives: fewer than 1 finding per 1,000
words of the human corpus, counting every level (suggestions too: a writer sees every underline,
and a suggestion on human prose is as much noise as a warning), and no error at all (an error
makes ``workstation lint`` fail, and must mean something that never belongs in finished prose).
The benchmark ``tests/benchmarks/bench_pack_recall.py`` prints the same figures per rule.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.core.prose.pack_quality import (
    HUMAN_DIR,
    FalsePositives,
    HumanText,
    Tell,
    false_positives,
    load_human_texts,
    load_tells,
    recall_by_category,
)
from workstation.core.prose import Linter, default_style_pack

MIN_RECALL = 0.8
MAX_FINDINGS_PER_1000_WORDS = 1.0


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(default_style_pack())


@pytest.fixture(scope="module")
def tells() -> tuple[Tell, ...]:
    return load_tells()


@pytest.fixture(scope="module")
def human() -> tuple[HumanText, ...]:
    return load_human_texts()


@pytest.fixture(scope="module")
def human_findings(linter: Linter, human: tuple[HumanText, ...]) -> FalsePositives:
    return false_positives(linter, human)


def test_tells_corpus_is_large_cites_its_sources_and_uses_pack_categories(tells: tuple[Tell, ...]) -> None:
    assert len(tells) >= 60
    assert sum(tell.category == "contrast-framing" for tell in tells) >= 20
    assert len({tell.text for tell in tells}) == len(tells), "an example is listed twice"
    categories = set(default_style_pack().category_names)
    assert {tell.category for tell in tells} <= categories
    cited = [tell for tell in tells if tell.source is not None]
    assert all(re.match(r"https://\S+$", str(tell.source)) for tell in cited)
    assert len(cited) >= 0.95 * len(tells), "nearly every example must name the source of its pattern"


def test_human_corpus_is_big_enough_small_enough_and_every_file_has_a_source(
    human: tuple[HumanText, ...],
) -> None:
    assert sum(text.words for text in human) >= 30_000
    assert sum(len(text.text.encode("utf-8")) for text in human) < 1_000_000
    sources = (HUMAN_DIR / "SOURCES.md").read_text(encoding="utf-8")
    assert all(f"`{text.name}`" in sources for text in human)


@pytest.mark.parametrize(
    "category",
    [
        "contrast-framing",
        "model-vocabulary",
        "stock-fiction",
        "filler",
        "sycophancy",
        "hedging",
        "summary-closers",
    ],
)
def test_pack_catches_at_least_8_in_10_examples_of_each_category(
    linter: Linter, tells: tuple[Tell, ...], category: str
) -> None:
    recall = recall_by_category(linter, tells)[category]
    assert recall.total >= 8
    missed = "\n".join(tell.text for tell in recall.missed)
    assert recall.share >= MIN_RECALL, f"{recall.caught}/{recall.total} caught; missed:\n{missed}"


def test_pack_catches_at_least_8_in_10_examples_overall(linter: Linter, tells: tuple[Tell, ...]) -> None:
    results = recall_by_category(linter, tells).values()
    caught = sum(result.caught for result in results)
    assert caught >= MIN_RECALL * len(tells), f"{caught}/{len(tells)} caught"


def test_human_prose_gets_under_one_finding_per_1000_words_at_any_level(
    human_findings: FalsePositives,
) -> None:
    listed = "\n".join(
        f"{item.file}: {item.finding.rule} {item.finding.matched!r}" for item in human_findings.findings
    )
    assert human_findings.per_1000_words < MAX_FINDINGS_PER_1000_WORDS, listed


def test_human_prose_gets_no_error(human_findings: FalsePositives) -> None:
    errors = [item for item in human_findings.findings if item.finding.level == "error"]
    assert errors == []


def test_plain_human_reply_with_ordinary_courtesies_is_left_alone(linter: Linter) -> None:
    # What a good support agent writes: polite, specific, with everyday words the old pack flagged.
    reply = (
        "No problem. I've changed the delivery address, and of course there is no charge. The "
        "refund should arrive in approximately five days; it had had to wait for the bank. It "
        "was not cheap, but it was worth it. Generally, parcels arrive by noon. Have a good day."
    )
    assert linter.lint(reply) == ()


def test_recall_measure_fails_when_a_category_is_switched_off(tells: tuple[Tell, ...]) -> None:
    linter = Linter(default_style_pack(), disabled_categories={"contrast-framing"})
    recall = recall_by_category(linter, tells)["contrast-framing"]
    assert recall.caught == 0
    assert len(recall.missed) == recall.total


def test_a_finding_of_another_category_does_not_count_as_caught() -> None:
    # "delve" is vocabulary; it must not make a contrast example count as caught.
    tell = Tell("We delve into the garden.", "contrast-framing", "test", None)
    recall = recall_by_category(Linter(default_style_pack()), [tell])["contrast-framing"]
    assert (recall.caught, recall.total) == (0, 1)


def test_false_positive_measure_counts_words_and_levels() -> None:
    text = HumanText("t.txt", "Moreover, we delve into it. Furthermore, it rains.")
    all_levels = false_positives(Linter(default_style_pack()), [text])
    assert all_levels.words == 8
    assert sorted(all_levels.by_rule()) == ["Workstation.OverusedWords", "Workstation.StiffTransitions"]
    warnings_only = false_positives(Linter(default_style_pack()), [text], levels=("warning", "error"))
    assert list(warnings_only.by_rule()) == ["Workstation.OverusedWords"]


def test_malformed_tells_file_is_refused_with_its_line_number(tmp_path: Path) -> None:
    path = tmp_path / "tells.jsonl"
    good = json.dumps({"text": "a", "category": "filler", "pattern": "p", "source": None})
    path.write_text(good + "\n\n" + '{"text": "no category"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"tells\.jsonl:3"):
        load_tells(path)
    path.write_text("not json\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"tells\.jsonl:1"):
        load_tells(path)
