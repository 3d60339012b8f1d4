"""The status bar, the Metrics dock, the stored rewrite and the sealed bundle give one text one
word count and one sentence count, through the real window and the real seal."""

from __future__ import annotations

import re
from pathlib import Path

from tests.core.prose.test_prose_counting import TRICKY_TEXTS
from workstation.core.bundles import SignerTrust, open_bundle
from workstation.core.prose.counting import count_text

_BAR_WORDS = re.compile(r"(\d+) → (\d+) words")


def _bar_words(line: str) -> tuple[int, int]:
    found = _BAR_WORDS.search(line)
    assert found is not None, line
    return int(found.group(1)), int(found.group(2))


def _record_counts(metrics: dict, side: str) -> set[tuple[int, int]]:  # type: ignore[type-arg]
    """Every (words, sentences) pair a metrics record gives for one side."""
    sentences = metrics["sentences"][f"{side}_sentences"]
    return {
        (metrics[side]["words"], metrics[side]["sentences"]),
        (metrics["edit"][f"words_{side}"], sentences),
    }


def test_one_word_and_sentence_count_from_the_screen_to_the_sealed_record(
    writer_with_key, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    writer = writer_with_key
    assert writer.window.prose.metrics_dock.isVisible()
    shown: dict[str, tuple[str, str]] = {}  # task id -> (original, rewrite)
    task_ids = [f"demo-{n:03d}" for n in range(1, len(TRICKY_TEXTS) + 1)]
    for task_id, (name, text) in zip(task_ids, TRICKY_TEXTS.items(), strict=True):
        assert writer.open_task(task_id)
        with writer.wait_for_analysis():
            writer.replace_rewrite(text)
        original = writer.original_text()
        expected_original = count_text(original)
        expected = count_text(text)
        # The status bar and the Metrics dock, as the writer reads them.
        assert _bar_words(writer.metrics_line()) == (expected_original.word_count, expected.word_count), name
        dock = {
            side: (int(writer.prose.metric("words", column)), int(writer.prose.metric("sentences", column)))
            for side, column in (("original", 1), ("rewrite", 2))
        }
        assert dock == {
            "original": (expected_original.word_count, expected_original.sentence_count),
            "rewrite": (expected.word_count, expected.sentence_count),
        }, name
        if text.strip():
            writer.submit()
        else:
            writer.wait_saved()  # an empty rewrite cannot be submitted; its draft is stored
        stored = writer.stored_rewrite(task_id)
        assert stored is not None and stored.text == text
        assert _record_counts(stored.metrics, "rewrite") == {dock["rewrite"]}, name
        assert _record_counts(stored.metrics, "original") == {dock["original"]}, name
        if text.strip():
            shown[task_id] = (original, text)

    result = writer.outbox.seal()
    assert result.record_count == len(shown)
    bundle = tmp_path / "sealed.zip"
    writer.outbox.write_bundle(result.bundle_id, bundle)
    records = open_bundle(bundle.read_bytes(), trust=SignerTrust.accept_any()).records
    assert sorted(record["task_id"] for record in records) == sorted(shown)
    for record in records:
        original, text = shown[record["task_id"]]
        assert record["rewrite"] == text
        rewrite_counts, original_counts = count_text(text), count_text(original)
        assert _record_counts(record["metrics"], "rewrite") == {
            (rewrite_counts.word_count, rewrite_counts.sentence_count)
        }
        assert _record_counts(record["metrics"], "original") == {
            (original_counts.word_count, original_counts.sentence_count)
        }
