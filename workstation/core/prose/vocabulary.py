"""Vale vocabularies and Vale's own built-in rules.

A vocabulary is a folder ``<StylesPath>/config/vocabularies/<Name>/`` with ``accept.txt`` and/or
``reject.txt`` (in it or below it), one entry per line; blank lines and lines starting with
``# `` are skipped. Entries are case-sensitive regular expressions unless they start with
``(?i)``. A ``.vale.ini`` selects vocabularies with ``Vocab = Name, Other``. As in Vale:

* accepted entries are exceptions for every rule that does not say ``vocab: false``, and words
  the spelling check accepts (``RuleSpec.accepted``);
* with the style ``Vale`` in ``BasedOnStyles``, accepted entries that are plain words feed
  ``Vale.Terms`` (an error when the word is written in another case) and rejected entries form
  ``Vale.Avoid`` (an error wherever they appear); ``Vale.Repetition`` ("the the") and
  ``Vale.Spelling`` come with that style too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from workstation.core.prose.findings import StyleIssue
from workstation.core.prose.lint_context import is_phrase
from workstation.core.prose.patterns import PatternError, compile_pattern
from workstation.core.prose.vale_style import (
    MAX_RULE_FILE_BYTES,
    SUPPORTED_KINDS,
    RuleFileError,
    RuleSpec,
    parse_rule_text,
    read_capped_text,
)

VOCABULARIES_DIR = Path("config", "vocabularies")
BUILTIN_STYLE = "Vale"
BUILTIN_PATH = "<built-in Vale rules>"


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The accepted and rejected entries of the selected vocabularies, in file order."""

    accepted: tuple[str, ...] = ()
    rejected: tuple[str, ...] = ()


def load_vocabularies(styles_path: Path, names: Iterable[str]) -> tuple[Vocabulary, list[StyleIssue]]:
    """Read the named vocabularies under ``styles_path``; a missing one or a bad entry is an issue."""
    accepted: list[str] = []
    rejected: list[str] = []
    issues: list[StyleIssue] = []
    for name in names:
        folder = styles_path / VOCABULARIES_DIR / name
        if not folder.is_dir():
            issues.append(StyleIssue(str(folder), f"Vocab {name}", "no such vocabulary folder; ignored"))
            continue
        found = sorted(path for path in folder.rglob("*.txt") if path.name in ("accept.txt", "reject.txt"))
        if not found:
            problem = "holds no accept.txt or reject.txt; nothing to apply"
            issues.append(StyleIssue(str(folder), f"Vocab {name}", problem, skipped=False))
        for path in found:
            target = accepted if path.name == "accept.txt" else rejected
            target.extend(_entries(path, f"Vocab {name}", issues))
    unique = tuple(dict.fromkeys(accepted)), tuple(dict.fromkeys(rejected))
    return Vocabulary(*unique), issues


def _entries(path: Path, label: str, issues: list[StyleIssue]) -> list[str]:
    """The usable entries of one word list; an entry no engine can compile is dropped with an issue."""
    try:
        lines = read_capped_text(path, MAX_RULE_FILE_BYTES).splitlines()
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        issues.append(StyleIssue(str(path), label, f"cannot read file: {exc}"))
        return []
    entries: list[str] = []
    for number, line in enumerate(lines, start=1):
        entry = line.strip()
        if not entry or entry.startswith("# "):
            continue
        try:
            compile_pattern(entry)
        except PatternError as exc:
            issues.append(StyleIssue(str(path), label, f"entry {entry!r}: {exc}; entry skipped", line=number))
            continue
        entries.append(entry)
    return entries


def builtin_rule_specs(
    vocabulary: Vocabulary, enabled: Iterable[str] | None = None
) -> tuple[list[RuleSpec], list[StyleIssue]]:
    """Vale's built-in rules for a ``BasedOnStyles = Vale`` setup (``enabled``: names to keep)."""
    documents: dict[str, dict[str, object]] = {
        "Repetition": {
            "extends": "repetition",
            "message": "'%s' is repeated!",
            "level": "error",
            "alpha": True,
            "tokens": [r"[^\s]+"],
        },
        "Spelling": {"extends": "spelling", "message": "Did you really mean '%s'?", "level": "error"},
    }
    terms = {entry.lower(): entry for entry in vocabulary.accepted if is_phrase(entry)}
    if terms:
        documents["Terms"] = {
            "extends": "substitution",
            "message": "Use '%s' instead of '%s'.",
            "level": "error",
            "ignorecase": True,
            "vocab": False,
            "swap": terms,
        }
    if vocabulary.rejected:
        documents["Avoid"] = {
            "extends": "existence",
            "message": "Avoid using '%s'.",
            "level": "error",
            "tokens": list(vocabulary.rejected),
        }
    wanted = None if enabled is None else set(enabled)
    specs: list[RuleSpec] = []
    issues: list[StyleIssue] = []
    for stem, document in documents.items():
        name = f"{BUILTIN_STYLE}.{stem}"
        if wanted is not None and name not in wanted:
            continue
        if document["extends"] not in SUPPORTED_KINDS:
            problem = f"Vale's built-in {stem.lower()} check needs the '{document['extends']}' rule type"
            issues.append(StyleIssue(BUILTIN_PATH, name, problem + ", which is not available here"))
            continue
        source = yaml.safe_dump(document, allow_unicode=True)
        try:
            spec, _notices = parse_rule_text(source, path=BUILTIN_PATH, rule_name=name, default_category=name)
        except RuleFileError as exc:  # only if the spelling type wants more than Vale's defaults
            issues.append(StyleIssue(BUILTIN_PATH, name, exc.problem))
            continue
        specs.append(spec)
    return specs, issues
