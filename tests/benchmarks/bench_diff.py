"""Benchmark the word diff: prints JSON with p50/p95 milliseconds and peak memory.

Run: ``.venv/bin/python tests/benchmarks/bench_diff.py`` (about a minute). Scenarios:

- ``a_keystroke_5k``: 5,000-word texts, the rewrite one keystroke away from the previous state
  (the editor's live diff). ``warm`` keeps the diff caches (word offsets of the original,
  diffs of paragraphs not touched since the last keystroke), as happens while typing;
  ``cold`` clears them before every run.
- ``b_heavy_rewrite_2k``: two 2,000-word texts with about 40% of the words changed
  (every scenario named ``full_diff`` clears the caches before each run).
- ``c_50k``: 50,000-word texts: one keystroke, and heavy edits in 10% of the sentences.
- ``d_200k``: 200,000-word texts: one keystroke; heavy edits in 10% of the sentences (the
  changed paragraphs exceed ``DEFAULT_MAX_TOKENS``, so the diff narrows them to sentences);
  every sentence heavily edited (beyond the limit even by sentences: ``coarse``).

Peak memory is measured with tracemalloc in a separate pass (tracing slows the code down).
Timings on a shared machine are noisy: ``min_ms`` shows what an idle core does.
"""

from __future__ import annotations

import json
import random
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from workstation.core.diff import clear_diff_caches, compute_metrics, diff_words, inline_segments

_SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "te", "vo", "pri", "stan", "gel", "dor", "quen", "bel"]
_PUNCTUATION_WEIGHTS = {",": 8, ";": 1, ":": 1, " -": 1}


def _vocabulary(rng: random.Random, size: int = 4000) -> tuple[list[str], list[float]]:
    words = sorted({"".join(rng.choices(_SYLLABLES, k=rng.randint(1, 4))) for _ in range(size)})
    rng.shuffle(words)
    weights = [1.0 / (rank + 1) for rank in range(len(words))]  # Zipf-like, like real prose
    return words, weights


def _sentence(rng: random.Random, words: list[str], weights: list[float]) -> list[str]:
    length = rng.randint(6, 28)
    tokens = rng.choices(words, weights, k=length)
    tokens[0] = tokens[0].capitalize()
    for index in range(2, length - 1):
        if rng.random() < 0.08:
            tokens[index] += rng.choices(list(_PUNCTUATION_WEIGHTS), list(_PUNCTUATION_WEIGHTS.values()))[0]
    tokens[-1] += rng.choice([".", ".", ".", "?", "!"])
    return tokens


def make_sentences(rng: random.Random, word_count: int) -> list[list[str]]:
    """Sentences (lists of words with attached punctuation) totalling about ``word_count`` words."""
    words, weights = _vocabulary(rng)
    sentences: list[list[str]] = []
    total = 0
    while total < word_count:
        sentence = _sentence(rng, words, weights)
        sentences.append(sentence)
        total += len(sentence)
    return sentences


def join_text(sentences: list[list[str]], rng: random.Random) -> str:
    """Join sentences into paragraphs of 3-7 sentences separated by blank lines."""
    paragraphs: list[str] = []
    index = 0
    while index < len(sentences):
        size = rng.randint(3, 7)
        paragraphs.append(" ".join(" ".join(sentence) for sentence in sentences[index : index + size]))
        index += size
    return "\n\n".join(paragraphs)


def rewrite_sentence(rng: random.Random, sentence: list[str], change_share: float) -> list[str]:
    """Substitute, delete, insert and move words in one sentence, changing about ``change_share``."""
    vocabulary = ["notably", "however", "plainly", "we", "our", "clearly", "this", "that", "in", "fact"]
    result: list[str] = []
    for word in sentence:
        roll = rng.random()
        if roll < change_share * 0.5:
            result.append(
                rng.choice(vocabulary) + word[-1] if not word[-1].isalpha() else rng.choice(vocabulary)
            )
        elif roll < change_share * 0.75:
            continue
        elif roll < change_share:
            result.extend([word, rng.choice(vocabulary)])
        else:
            result.append(word)
    if len(result) > 6 and rng.random() < change_share:
        cut = rng.randint(2, len(result) - 2)
        result = result[cut:] + result[:cut]  # clause moved
    return result or ["Rewritten."]


def heavy_rewrite(
    rng: random.Random, sentences: list[list[str]], sentence_share: float, change_share: float
) -> str:
    edited = [
        rewrite_sentence(rng, sentence, change_share) if rng.random() < sentence_share else sentence
        for sentence in sentences
    ]
    return join_text(edited, random.Random(7))


def keystroke_versions(rng: random.Random, text: str, count: int) -> list[str]:
    """Successive states of a text as a writer types ``count`` characters at a few places."""
    versions: list[str] = []
    current = text
    position = rng.randrange(len(current))
    for step in range(count):
        if step % 25 == 0:
            position = rng.randrange(len(current))
        current = current[:position] + rng.choice("abcdefg ,") + current[position:]
        position += 1
        versions.append(current)
    return versions


def _timings(run: Callable[[int], object], repeats: int) -> list[float]:
    samples = []
    for index in range(repeats):
        started = time.perf_counter()
        run(index)
        samples.append((time.perf_counter() - started) * 1000.0)
    return samples


def _summary(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "min_ms": round(ordered[0], 3),
        "p50_ms": round(statistics.median(ordered), 3),
        "p95_ms": round(p95, 3),
        "runs": len(ordered),
    }


def _peak_memory_mb(run: Callable[[], object]) -> float:
    clear_diff_caches()
    tracemalloc.start()
    run()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return round(peak / 1e6, 2)


def _describe(original: str, rewrite: str) -> dict[str, object]:
    diff = diff_words(original, rewrite)
    metrics = compute_metrics(diff)
    return {
        "words_original": metrics.words_original,
        "words_rewrite": metrics.words_rewrite,
        "word_edit_rate": round(metrics.word_edit_rate, 3),
        "changes": len(diff.changes()),
        "coarse": diff.coarse,
    }


def bench_keystrokes(word_count: int, repeats: int, seed: int) -> dict[str, object]:
    rng = random.Random(seed)
    original = join_text(make_sentences(rng, word_count), rng)
    versions = keystroke_versions(rng, original, repeats)
    clear_diff_caches()
    diff_words(original, original)  # the editor diffs the untouched text first

    def cold(index: int) -> None:
        clear_diff_caches()
        diff_words(original, versions[index])

    return {
        "warm": _summary(_timings(lambda index: diff_words(original, versions[index]), repeats)),
        "cold": _summary(_timings(cold, min(repeats, 30))),
        "inline_segments_warm": _summary(
            _timings(lambda index: inline_segments(original, versions[index]), min(repeats, 50))
        ),
        "peak_memory_mb": _peak_memory_mb(lambda: diff_words(original, versions[-1])),
        **_describe(original, versions[-1]),
    }


def bench_rewrite(
    word_count: int, repeats: int, seed: int, sentence_share: float, change_share: float
) -> dict[str, object]:
    rng = random.Random(seed)
    sentences = make_sentences(rng, word_count)
    original = join_text(sentences, random.Random(7))
    rewrite = heavy_rewrite(rng, sentences, sentence_share, change_share)

    def run(_index: int) -> None:
        clear_diff_caches()
        diff_words(original, rewrite)

    return {
        "full_diff": _summary(_timings(run, repeats)),
        "peak_memory_mb": _peak_memory_mb(lambda: diff_words(original, rewrite)),
        **_describe(original, rewrite),
    }


def main() -> None:
    started = time.perf_counter()
    results = {
        "a_keystroke_5k": bench_keystrokes(5_000, 200, seed=1),
        "b_heavy_rewrite_2k": bench_rewrite(2_000, 60, seed=2, sentence_share=1.0, change_share=0.3),
        "c_50k": {
            "keystroke": bench_keystrokes(50_000, 60, seed=3),
            "scattered_rewrite": bench_rewrite(50_000, 5, seed=4, sentence_share=0.1, change_share=0.3),
        },
        "d_200k": {
            "keystroke": bench_keystrokes(200_000, 30, seed=5),
            "scattered_rewrite": bench_rewrite(200_000, 3, seed=6, sentence_share=0.1, change_share=0.3),
            "heavy_rewrite": bench_rewrite(200_000, 3, seed=8, sentence_share=1.0, change_share=0.3),
        },
        "python": sys.version.split()[0],
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "total_seconds": 0.0,
    }
    results["total_seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
