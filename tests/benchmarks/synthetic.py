"""Synthetic task files for the benchmarks: N realistic tasks as JSON Lines, the same bytes for a seed.

Each task is a writing request and a robotic model answer (a filler opener, "delve", "tapestry",
lists of three, a closing summary), about 1.5 KB of JSON. Words are drawn with their real English
frequencies (the 30,000 most frequent words of pyspellchecker's English list, a dependency of the
app), so full-text search meets words in every task, words in a few percent of tasks and words in
a handful, as it would on real data; every task also names a made-up person who appears in only a
few tasks. Shapes are mixed the way a data team's files are: native records with
``id``/``prompt``/``response`` (a fifth without an ``id``, so the content-hash path runs) and
OpenAI chat records whose last assistant turn is the output. The first record is native so
auto-detection picks the native reader, which accepts chat records too.

Run alone to write a file: ``.venv/bin/python tests/benchmarks/synthetic.py OUT.jsonl --n 1000``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

DEFAULT_SEED = 20240601
VOCABULARY_SIZE = 30_000
CHAT_SHARE = 0.3
"""Share of records written in the OpenAI chat shape (the rest are native)."""
NO_ID_SHARE = 0.2
"""Share of native records without an ``id`` (their id is a content hash)."""
RESPONSE_CHARS = 900
PROMPT_CHARS = 190
NAME_POOL = 30_000
"""How many made-up names exist; a task mentions one or two, so a name is in ~5 of 100,000 tasks."""

_SYLLABLES = "ka lo mi ren dor vel sa tin qua bro fen gil hal jor kev lun mar nor pel ros sib tor ul vin wex"

_ROBOTIC_PHRASES = (
    "it is important to note that",
    "let's delve into",
    "a rich tapestry of",
    "in today's fast-paced world,",
    "plays a pivotal role in",
    "a testament to",
    "navigate the complex landscape of",
    "seamlessly",
    "furthermore,",
    "moreover,",
    "unlock the full potential of",
    "foster a holistic",
)
_OPENERS = (
    "Certainly! Here is a thoughtful response to your request.",
    "Great question! Let's delve into this together.",
    "Absolutely, I'd be happy to help with that.",
    "What a wonderful idea! Here is a draft for you.",
    "Of course! Below you will find a comprehensive answer.",
)
_CLOSERS = (
    "In conclusion, this is a pivotal step on a rich journey, and I hope this helps!",
    "Overall, by keeping these points in mind you can navigate this with confidence.",
    "I hope this helps! Let me know if you would like me to adjust the tone or length.",
    "Ultimately, it is a testament to the vibrant tapestry of everyday life.",
)
_ASKS = (
    "Write a short email to",
    "Draft a friendly note for",
    "Write a product description for",
    "Explain in plain words to",
    "Write a support reply to",
    "Write a poem for",
    "Write a cover letter for",
    "Write a short story for",
)
_AUDIENCES = (
    "my landlord",
    "a new customer",
    "the team",
    "my manager",
    "a friend",
    "our readers",
    "a student",
    "a hiring manager",
    "my neighbour",
    "children",
)
_SYSTEM_PROMPTS = (
    "You are a helpful assistant.",
    "You are a friendly writing assistant. Answer in clear English.",
    "You are a customer support agent for a small online shop.",
)
_MODELS = ("gpt-4o-mini", "llama-3.1-8b-instruct", "mistral-7b-instruct", "qwen2.5-7b-instruct")


@cache
def vocabulary() -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The words, most frequent first, and their frequencies in pyspellchecker's English list."""
    from spellchecker import SpellChecker

    counts = SpellChecker(language="en").word_frequency.dictionary
    ranked = sorted(
        ((word, count) for word, count in counts.items() if word.isascii() and word.isalpha()),
        key=lambda pair: (-pair[1], pair[0]),
    )[:VOCABULARY_SIZE]
    return tuple(word for word, _ in ranked), tuple(count for _, count in ranked)


def vocabulary_word(rank: int) -> str:
    """The word of frequency ``rank`` (0 = most frequent): how the benchmarks pick search words."""
    return vocabulary()[0][rank]


def search_words(names: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """What a writer types into the search box, by kind, from words' English frequency ranks.

    ``names`` are three made-up names known to be in the data (the benchmark reads them back).
    With 100,000 tasks a common word is in 3-15% of them, a topical word in under 1%, a rare
    word or a name in a handful; the robotic words and "warm regards" are in about half.
    """
    word = vocabulary_word
    return {
        "common_word": (word(150), word(300), word(500)),
        "topic_word": (word(1500), word(2500), word(4000)),
        "rare_word": (word(12_000), word(20_000), word(28_000), *names[:2]),
        "robotic_word": ("delve", "tapestry", "pivotal"),
        "two_words": (f"{word(300)} {word(2500)}", "warm regards", f"{word(1500)} {word(4000)}"),
        "prefix": (word(1500)[:4], word(2500)[:5], word(4000)[:4], names[2][:5].lower()),
        "no_match": ("quetzalcoatlus", "zzzz"),
    }


def proper_name(number: int) -> str:
    """Made-up name number ``number`` (0 <= number < NAME_POOL): three syllables and a letter."""
    syllables = _SYLLABLES.split()
    base = len(syllables)
    parts = (syllables[number % base], syllables[number // base % base], syllables[number // base**2 % base])
    return ("".join(parts) + "sk"[number // base**3 % 2]).capitalize()


@dataclass(frozen=True)
class SyntheticFile:
    """A written task file: where, how many tasks and how many bytes."""

    path: Path
    tasks: int
    size_bytes: int


class _TextMaker:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        words, counts = vocabulary()
        self.words = words
        self.cumulative = tuple(itertools.accumulate(counts))
        self.topics = words[800:6000]  # nouns and verbs a request is "about"

    def sentence(self) -> str:
        rng = self.rng
        words = rng.choices(self.words, cum_weights=self.cumulative, k=rng.randint(8, 20))
        if rng.random() < 0.3:
            words.insert(rng.randrange(len(words)), rng.choice(_ROBOTIC_PHRASES))
        if rng.random() < 0.2:  # the robotic list of three
            first, second, third = rng.sample(self.topics, 3)
            words += ["like", f"{first},", second, "and", third]
        text = " ".join(words)
        return text[0].upper() + text[1:] + rng.choice((".", ".", ".", "!"))

    def paragraph(self, chars: int) -> str:
        parts: list[str] = []
        size = 0
        while size < chars:
            sentence = self.sentence()
            parts.append(sentence)
            size += len(sentence) + 1
        return " ".join(parts)

    def prompt(self, name: str) -> str:
        rng = self.rng
        topic = " ".join(rng.sample(self.topics, 2))
        head = f"{rng.choice(_ASKS)} {rng.choice(_AUDIENCES)} about the {topic} for {name}."
        return f"{head} {self.paragraph(PROMPT_CHARS - len(head))}"

    def response(self, name: str) -> str:
        rng = self.rng
        body = self.paragraph(RESPONSE_CHARS)
        if rng.random() < 0.5:
            body += f" Dear {name}, {proper_name(rng.randrange(NAME_POOL))} sends warm regards."
        middle = len(body) // 2
        cut = body.find(". ", middle) + 1 or middle
        return f"{rng.choice(_OPENERS)} {body[:cut]}\n\n{body[cut:].strip()}\n\n{rng.choice(_CLOSERS)}"


def synthetic_records(count: int, seed: int = DEFAULT_SEED) -> Iterator[dict[str, Any]]:
    """``count`` task records (dicts ready for ``json.dumps``), the same for the same seed."""
    maker = _TextMaker(seed)
    rng = maker.rng
    for index in range(count):
        name = proper_name(rng.randrange(NAME_POOL))
        prompt = maker.prompt(name)
        response = maker.response(name)
        model = rng.choice(_MODELS)
        metadata = {"batch": index // 1000, "source": "synthetic", "difficulty": rng.randint(1, 5)}
        if index > 0 and rng.random() < CHAT_SHARE:
            yield {
                "id": f"chat-{seed}-{index:07d}",
                "messages": [
                    {"role": "system", "content": rng.choice(_SYSTEM_PROMPTS)},
                    {"role": "user", "content": prompt},
                    {"role": "assistant", "content": response},
                ],
                "metadata": metadata,
            }
            continue
        record: dict[str, Any] = {}
        if index == 0 or rng.random() >= NO_ID_SHARE:
            record["id"] = f"task-{seed}-{index:07d}"
        record.update({"prompt": prompt, "response": response, "model": model, "metadata": metadata})
        yield record


def write_tasks_jsonl(path: Path, count: int, seed: int = DEFAULT_SEED) -> SyntheticFile:
    """Write ``count`` synthetic tasks to ``path`` as UTF-8 JSON Lines (LF endings)."""
    encode = json.JSONEncoder(ensure_ascii=False).encode
    with path.open("w", encoding="utf-8", newline="\n", buffering=1024 * 1024) as stream:
        for record in synthetic_records(count, seed):
            stream.write(encode(record) + "\n")
    return SyntheticFile(path, count, path.stat().st_size)


def main() -> None:
    parser = argparse.ArgumentParser(description="Write N synthetic tasks as JSON Lines.")
    parser.add_argument("out", type=Path)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args()
    written = write_tasks_jsonl(args.out, args.n, args.seed)
    print(json.dumps({"path": str(written.path), "tasks": written.tasks, "bytes": written.size_bytes}))


if __name__ == "__main__":
    main()
