"""Texts and data dirs for the editor benchmark: varied prose, rewrites about 30% different.

The prose mixes function words, content words and rarer words on a Zipf-like curve, with commas,
dashes, quotes, numbers, apostrophes, curly quotes and an occasional emoji (so the code-point to
UTF-16 conversion is not the free identity case), in paragraphs of 2-7 sentences. A rewrite edits
a share of the sentences the way a writer does: words replaced, cut, added, clauses moved.
The same seed gives the same bytes.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

from workstation.core.store import Store, new_rewrite


def _words(text: str) -> list[str]:
    return text.split()


_FUNCTION = _words("""
the of and to a in is it that for on with as this was by be are you we can will more each not or
have from at but all they their an which one about when also there so if what how just like some
into than them these many most very well even because only much first still both through while
""")
_CONTENT = _words("""
team project letter meeting friend morning evening river mountain city village school library
office market budget report deadline schedule holiday family neighbour teacher student doctor
writer reader voice tone language message reply apology invitation proposal feature release
ticket order delivery package invoice payment account garden kitchen winter summer window door
bicycle train flight hotel museum concert recipe bread soup apple lemon honey chapter scene
character harbour lighthouse storm forest meadow orchard bridge road habit routine exercise sleep
walked wrote carried noticed answered waited promised finished opened reminded borrowed followed
quiet careful early late bright heavy narrow patient honest simple strange sudden warm cold
""")
_RARE = _words("""
quince marzipan gazebo kayak origami sextant tamarind zeppelin wombat juniper kiln lichen
mandolin nougat obsidian parsnip rhubarb saffron tundra verandah walrus zither bramble cobbler
fjord gondola hedgehog kestrel lantern mosaic narwhal otter pelican sorrel trellis vellum
wisteria bellows cormorant dulcimer espresso gargoyle hammock inkwell jasmine kumquat nutmeg
doesn't isn't we'll they're café naïve résumé façade
""")
_PUNCT = [",", ",", ",", ";", ":", " —"]
_ENDS = [".", ".", ".", ".", "?", "!"]
_EMOJI = ["🙂", "🚀", "✨", "👍🏽"]
_INSERTS = ["really", "plainly", "quietly", "we", "our", "in", "fact", "then", "still", "just", "here"]


def _vocabulary() -> tuple[list[str], list[float]]:
    words = list(dict.fromkeys(_FUNCTION + _CONTENT + _RARE))
    return words, [1.0 / (rank + 2) ** 0.95 for rank in range(len(words))]


class ProseMaker:
    """Deterministic prose and rewrites of it (``seed`` fixes every byte)."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.words, self.weights = _vocabulary()

    def _sentence(self) -> list[str]:
        rng = self.rng
        words = rng.choices(self.words, self.weights, k=rng.randint(5, 26))
        for index in range(1, len(words) - 1):
            roll = rng.random()
            if roll < 0.07:
                words[index] += rng.choice(_PUNCT)
            elif roll < 0.085:
                words[index] = str(rng.randint(2, 2024))
            elif roll < 0.095:
                words[index] = f"“{words[index]}”"
        if rng.random() < 0.01:
            words.append(rng.choice(_EMOJI))
        words[0] = words[0].capitalize()
        words[-1] += rng.choice(_ENDS)
        return words

    def sentences(self, word_count: int) -> list[list[str]]:
        """Sentences (word lists) adding up to about ``word_count`` words."""
        result: list[list[str]] = []
        total = 0
        while total < word_count:
            sentence = self._sentence()
            result.append(sentence)
            total += len(sentence)
        return result

    def _edit(self, sentence: list[str], share: float) -> list[str]:
        rng = self.rng
        out: list[str] = []
        for word in sentence:
            roll = rng.random()
            if roll < share * 0.5:
                out.append(rng.choice(self.words))
            elif roll < share * 0.75:
                continue
            elif roll < share:
                out.extend([word, rng.choice(_INSERTS)])
            else:
                out.append(word)
        if len(out) > 6 and rng.random() < 0.3:
            cut = rng.randint(2, len(out) - 2)
            out = out[cut:] + out[:cut]
        return out or ["Rewritten."]

    def rewrite(
        self, sentences: list[list[str]], sentence_share: float = 0.55, word_share: float = 0.45
    ) -> list[list[str]]:
        """Edit ``sentence_share`` of the sentences, changing ``word_share`` of their words."""
        return [self._edit(s, word_share) if self.rng.random() < sentence_share else s for s in sentences]


def join_paragraphs(sentences: list[list[str]], seed: int) -> str:
    """Sentences joined into paragraphs of 2-7 sentences with blank lines between."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    index = 0
    while index < len(sentences):
        size = rng.randint(2, 7)
        paragraphs.append(" ".join(" ".join(s) for s in sentences[index : index + size]))
        index += size
    return "\n\n".join(paragraphs)


@dataclass(frozen=True)
class TextPair:
    """An original model output and a writer's rewrite of it."""

    original: str
    rewrite: str


def text_pair(word_count: int, seed: int) -> TextPair:
    """About ``word_count`` words of prose and a rewrite about 30% different (word edit rate)."""
    maker = ProseMaker(seed)
    sentences = maker.sentences(word_count)
    return TextPair(join_paragraphs(sentences, seed), join_paragraphs(maker.rewrite(sentences), seed))


def prepare_data_dir(data_dir: Path, pairs: list[TextPair], project: str = "Bench") -> list[str]:
    """Import ``pairs`` as tasks of ``project`` with each rewrite stored as a draft; returns task ids."""
    data_dir.mkdir(parents=True, exist_ok=True)
    source = data_dir.parent / f"{data_dir.name}-tasks.jsonl"
    with source.open("w", encoding="utf-8") as stream:
        for number, pair in enumerate(pairs):
            record = {
                "id": f"bench-{number:05d}",
                "prompt": f"Rewrite answer {number} in plain words.",
                "response": pair.original,
                "model": "bench-model",
            }
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    with Store(data_dir) as store:
        result = store.import_file(source, project=project, fmt="native")
        if not result.ok:
            raise RuntimeError("benchmark tasks failed to import: " + "; ".join(result.errors[:3]))
        ids = [row.id for row in store.tasks.queue()]
        for task_id, pair in zip(ids, pairs, strict=True):
            task = store.tasks.get(task_id)
            assert task is not None
            store.rewrites.save(new_rewrite(task).model_copy(update={"text": pair.rewrite}))
    return ids
