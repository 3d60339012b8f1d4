"""Synthetic task files for the benchmarks: N realistic tasks as JSON Lines, the same bytes for a seed.

Each task is a writing request and a robotic model answer (filler openers, "delve", lists of
three, a summary that repeats the body), about 1.5 KB of JSON. Words follow a Zipf-like
distribution over a fixed vocabulary, so full-text search meets both very common words and rare
ones, as it would on real data. Shapes are mixed the way a data team's files are: native records
with ``id``/``prompt``/``response`` (a fifth without an ``id``, so the content-hash path runs) and
OpenAI chat records whose last assistant turn is the output. The first record is always native so
auto-detection picks the native reader, which also accepts chat records.

Run alone to write a file: ``.venv/bin/python tests/benchmarks/synthetic.py OUT.jsonl --n 1000``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_SEED = 20240601
CHAT_SHARE = 0.3
"""Share of records written in the OpenAI chat shape (the rest are native)."""
NO_ID_SHARE = 0.2
"""Share of native records without an ``id`` (their id is a content hash)."""
RESPONSE_CHARS = 930
PROMPT_CHARS = 190
NAME_POOL = 30_000
"""How many made-up proper names exist; each task mentions a few, so each name is rare (~1 in 5,000)."""

_SYLLABLES = "ka lo mi ren dor vel sa tin qua bro fen gil hal jor kev lun mar nor pel ros sib tor ul vin wex yar zed".split()

_COMMON = """
the of and to a in is it that for on with as this was by be are your we our can will more each
you i not or have from at but all they their an which one about when also there so if what how
time people work day make may help way new just like need some other into than them these many
most very well even because only much good first long still both through while every make sure
""".split()

_CONTENT = """
team project email customer product story letter meeting friend landlord manager weekend coffee
garden kitchen winter summer morning evening river mountain city village school library office
market budget report deadline schedule holiday family neighbour teacher student doctor nurse
engineer designer writer reader voice tone language message reply apology invitation proposal
feature update release support ticket refund order delivery package invoice payment account
password login screen battery camera phone laptop printer heater window door roof garden fence
bicycle train flight hotel museum concert recipe bread soup salad cheese apple lemon honey tea
poem chapter scene character village harbour lighthouse storm forest meadow orchard bridge road
habit routine exercise sleep health budget savings rent salary interview career skills resume
""".split()

_ROBOTIC = """
certainly absolutely delve tapestry pivotal seamless journey robust furthermore leverage nuanced
vibrant testament crucial moreover navigate realm foster holistic landscape intricate embark
unlock elevate empower streamline synergy paramount meticulous comprehensive invaluable dynamic
ultimately essentially notably additionally overall remember important consider ensure enhance
""".split()

_RARE = """
quince marzipan gazebo kayak origami sextant tamarind zeppelin wombat yodel juniper kiln lichen
mandolin nougat obsidian parsnip quarry rhubarb saffron tundra umbrella verandah walrus xylophone
yarrow zither anchovy bramble cobbler dormouse eiderdown fjord gondola hedgehog igloo jackdaw
kestrel lantern mosaic narwhal otter pelican quokka ravioli sorrel trellis ukulele vellum wisteria
abacus bellows cormorant dulcimer espresso falconry gargoyle hammock inkwell jasmine kumquat
lavender magnolia nutmeg oregano paprika quiche rosemary sundial thimble upholstery velvet
""".split()

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
_AUDIENCES = ("my landlord", "a new customer", "the team", "my manager", "a friend", "our readers",
              "a student", "a hiring manager", "my neighbour", "children")
_SYSTEM_PROMPTS = (
    "You are a helpful assistant.",
    "You are a friendly writing assistant. Answer in clear English.",
    "You are a customer support agent for a small online shop.",
)
_MODELS = ("gpt-4o-mini", "llama-3.1-8b-instruct", "mistral-7b-instruct", "qwen2.5-7b-instruct")


def proper_name(number: int) -> str:
    """The made-up name number ``number`` (0 <= number < NAME_POOL): three syllables, capitalised."""
    base = len(_SYLLABLES)
    first, second, third = number % base, (number // base) % base, (number // base // base) % base
    return (_SYLLABLES[first] + _SYLLABLES[second] + _SYLLABLES[third] + "sk"[number // base**3 % 2]).capitalize()


def _vocabulary() -> tuple[list[str], list[float]]:
    """Words with cumulative Zipf weights: function words first, rare words last."""
    words = list(dict.fromkeys(_COMMON + _ROBOTIC + _CONTENT + _RARE))
    weights = [1.0 / (rank + 3) ** 1.07 for rank in range(len(words))]
    return words, list(itertools.accumulate(weights))


@dataclass(frozen=True)
class SyntheticFile:
    """A written task file: where, how many tasks and how many bytes."""

    path: Path
    tasks: int
    size_bytes: int


class _TextMaker:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.words, self.cumulative = _vocabulary()

    def sentence(self) -> str:
        count = self.rng.randint(9, 22)
        words = self.rng.choices(self.words, cum_weights=self.cumulative, k=count)
        if self.rng.random() < 0.25:  # the robotic list of three
            items = self.rng.sample(_CONTENT, 3)
            words += ["like", f"{items[0]},", f"{items[1]}", "and", items[2]]
        text = " ".join(words)
        return text[0].upper() + text[1:] + self.rng.choice((".", ".", ".", "!"))

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
        topic = " ".join(rng.sample(_CONTENT, 2))
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


def vocabulary_words(kind: str) -> tuple[str, ...]:
    """The generator's words of one kind (``common``, ``robotic``, ``content`` or ``rare``)."""
    return tuple({"common": _COMMON, "robotic": _ROBOTIC, "content": _CONTENT, "rare": _RARE}[kind])


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
