"""Benchmark: Markdown scopes and the lint mask on a 5,000-word Markdown text (the lint path).

Run: ``.venv/bin/python tests/benchmarks/bench_markdown_scopes.py``. Prints JSON with p50/p95 CPU
milliseconds for the scanner (target < 3 ms at 5,000 words: it runs at every pause in typing),
for the masked lint view, and, when markdown-it-py happens to be installed, for its parser, the
library this scanner was measured against.
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from workstation.core.prose.markdown_skip import lint_view
from workstation.core.text.markdown_scopes import markdown_scopes

_PROSE = (
    "the writer rewrites model output into clear prose while keeping every fact and the tone of "
    "the original text intact so that a reader trusts it"
)
_WORDS = _PROSE.split()


def markdown_text(words: int, seed: int = 7) -> str:
    """Model-style Markdown: headings, paragraphs with code spans, links, URLs and bold words,
    lists with nesting, fenced code, quotes and a table in every section."""
    rng = random.Random(seed)
    parts: list[str] = []
    count = section = 0
    while count < words:
        section += 1
        parts.append(f"## Section {section}: how it works")
        for _ in range(3):
            sentences = []
            for index in range(5):
                chosen = [rng.choice(_WORDS) for _ in range(rng.randint(8, 16))]
                extra = ["`pip install tool`", '[the guide](https://example.com/guide "Guide")', "**bold**"]
                if index < len(extra):
                    chosen.insert(3, extra[index])
                if index == 4:
                    chosen.append("see https://docs.example.org/a/b")
                sentences.append(" ".join(chosen).capitalize() + ".")
                count += len(chosen)
            parts.append(" ".join(sentences))
        parts.append(
            "- first item with `code`\n- second item, a [link](http://x.org)\n  - nested item\n1. numbered"
        )
        parts.append("```python\nfor item in items:\n    print(item)\n```")
        parts.append("> A quoted line of text\n> continues here.")
        parts.append("| Name | Value |\n|------|-------|\n| a | `1` |\n| b | 2 |")
        count += 40
    return "\n\n".join(parts)


def cpu_ms(run: Callable[[], object], repeats: int) -> dict[str, float]:
    times = []
    for _ in range(repeats):
        started = time.process_time_ns()
        run()
        times.append((time.process_time_ns() - started) / 1e6)
    times.sort()
    return {"p50": round(statistics.median(times), 3), "p95": round(times[int(len(times) * 0.95) - 1], 3)}


def main() -> None:
    text = markdown_text(5000)
    texts = [text + f" {index}" for index in range(60)]  # distinct texts: the scopes cache is per text
    results: dict[str, object] = {"words": len(text.split()), "characters": len(text)}
    iterator = iter(texts)
    results["markdown_scopes"] = cpu_ms(lambda: markdown_scopes(next(iterator)), 50)
    results["lint_view_after_scopes"] = cpu_ms(lambda: lint_view(text), 50)
    try:
        from markdown_it import MarkdownIt
    except ImportError:
        results["markdown_it_py"] = "not installed"
    else:
        parser = MarkdownIt("commonmark").enable("table")
        results["markdown_it_py"] = cpu_ms(lambda: parser.parse(text), 20)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
