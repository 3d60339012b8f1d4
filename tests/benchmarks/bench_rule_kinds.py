"""Benchmark: what each newer Vale rule kind costs on a 5,000-word text (lint runs as one types).

Run: ``.venv/bin/python tests/benchmarks/bench_rule_kinds.py [StylesPath]``. Prints JSON: p50/p95
in milliseconds of linting with one rule of each kind (written here, the size of the published
ones) on the 5,000-word text of :mod:`bench_prose`: "warm" as while typing (the text's counts,
which the metrics dock computes too, and the rule's per-word memory already there), "cold" for a
text never seen, and cold on that text with an acronym in every sentence. Given a StylesPath, it
also loads Microsoft + Google + write-good + proselint and lints with them.
"""

from __future__ import annotations

import json
import sys
import tempfile
import textwrap
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.bench_prose import make_text
from tests.benchmarks.timing import timed_ms
from workstation.core.prose.counting import count_text
from workstation.core.prose.engine import Linter
from workstation.core.prose.readability import reading_figures
from workstation.core.prose.rule_kinds import SpellingBackend, attach_spelling
from workstation.core.prose.style_pack import StylePack, load_styles

_ACRONYMS = [f"{a}{b}{c}" for a in "ABCDEFGH" for b in "KLMN" for c in "RSTU"]
_EXCEPTIONS = "exceptions:\n" + "".join(f"  - {name}\n" for name in _ACRONYMS[:60])
RULES = {
    "conditional": """
        extends: conditional
        message: "Spell out '%s'."
        first: '\\b([A-Z]{3,5})\\b'
        second: '(?:\\b[A-Z][a-z]+ )+\\(([A-Z]{3,5})\\)'
    """,
    "consistency": """
        extends: consistency
        message: "Inconsistent spelling of '%s'."
        ignorecase: true
        either:
          advisor: adviser
          centre: center
          colour: color
          emphasise: emphasize
          finalise: finalize
          focussed: focused
          labour: labor
          learnt: learned
          organise: organize
          organised: organized
          organising: organizing
          recognise: recognize
    """,
    "capitalization-sentence-per-sentence": """
        extends: capitalization
        message: "'%s' should be sentence-cased."
        scope: sentence
        match: $sentence
        indicators: [':']
    """,
    "capitalization-title-per-paragraph": """
        extends: capitalization
        message: "'%s' should be in title case."
        scope: paragraph
        match: $title
        style: Chicago
    """,
    "metric": """
        extends: metric
        message: "Grade %s."
        formula: (0.39 * (words / sentences)) + (11.8 * (syllables / words)) - 15.59
        condition: "> 8.0"
    """,
    "readability-all-five": """
        extends: readability
        message: "Grade %s."
        grade: 8
        metrics: [Flesch-Kincaid, Gunning Fog, Coleman-Liau, SMOG, Automated Readability]
    """,
    "spelling": """
        extends: spelling
        message: "Did you really mean '%s'?"
        filters:
          - '[pP]y.*\\b'
          - '([A-Z]+[a-z]+){2,}\\b'
          - '\\w+\\.\\w+'
    """,
}


class _SetChecker:
    """A word checker as cheap as a dictionary lookup, so the rule's own cost is what is timed."""

    def __init__(self, text: str) -> None:
        self.words = {word.lower() for word in count_text(text).words[::2]}

    def is_known(self, word: str) -> bool:
        return word.lower() in self.words


def _pack(name: str, body: str) -> StylePack:
    folder = Path(tempfile.mkdtemp(prefix="bench-kinds-")) / "Bench"
    folder.mkdir()
    with_exceptions = textwrap.dedent(body) + (
        _EXCEPTIONS if name in ("Conditional", "Capitalization") else ""
    )
    (folder / f"{name}.yml").write_text(with_exceptions, encoding="utf-8")
    pack = load_styles(folder)
    assert not [issue for issue in pack.errors if issue.skipped], pack.errors
    return pack


def main() -> None:
    text = make_text(5000)
    acronyms = iter(_ACRONYMS * 50)
    with_acronyms = ". ".join(f"{piece} {next(acronyms)}" for piece in text.split(". "))
    results: dict[str, object] = {"words": count_text(text).word_count}
    for name, body in RULES.items():
        backend = SpellingBackend(default=_SetChecker(text))
        pack = attach_spelling(_pack(name.split("-")[0].title(), body), backend)
        linter = Linter(pack)

        def cold(linter: Linter = linter, sample: str = text) -> object:
            # A text never counted before: the counts the metrics dock shares are not cached.
            count_text.cache_clear()
            reading_figures.cache_clear()
            return linter.lint(sample)

        results[name] = {
            "warm": timed_ms(lambda linter=linter: linter.lint(text), 30),
            "cold": timed_ms(cold, 30),
            "cold, an acronym in every sentence": timed_ms(lambda one=linter: cold(one, with_acronyms), 30),
            "findings": len(linter.lint(with_acronyms)),
        }
    if len(sys.argv) > 1:
        root = Path(sys.argv[1])
        styles = [root / name for name in ("Microsoft", "Google", "write-good", "proselint")]
        started = time.perf_counter()
        pack = load_styles(styles)
        results["four published styles"] = {
            "load_ms": round((time.perf_counter() - started) * 1000, 1),
            "rules": len(pack.rules),
            "lint": timed_ms(lambda: Linter(pack).lint(text), 20),
        }
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
