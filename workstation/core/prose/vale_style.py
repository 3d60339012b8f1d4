"""Read Vale-format rule files (YAML) into :class:`RuleSpec` values, reporting every problem.

Supported extension points: ``existence``, ``substitution``, ``occurrence``, ``repetition``, and
``conditional``, ``consistency``, ``capitalization``, ``metric``, ``readability``, ``spelling``
(their own keys are read by :mod:`~workstation.core.prose.rule_kinds.fields`). ``sequence`` and
``script`` rules are reported and skipped, with the reason.

Keys, as Vale documents them: ``extends``, ``message``, ``level`` (default ``warning``, as in
Vale), ``scope``, ``tokens``, ``raw``, ``append``, ``swap``, ``ignorecase``, ``nonword``,
``exceptions``, ``capitalize``, ``token``, ``max``, ``min``, ``alpha``, ``limit``, ``vocab``
(default true: the active vocabulary's accepted words are exceptions too) and ``action`` (only
its ``name``: ``replace`` changes how a substitution words its message, as in Vale). ``link``,
``description`` and ``tests`` are kept or ignored. A list key (``tokens``, ``raw``,
``exceptions``) may be one string, which Vale reads as a one-item list. One key is ours:
``category`` names the category a rule belongs to (otherwise the style's ``meta.json``, else the
rule's own ``Style.Rule`` name); real Vale rejects files that carry it, so our pack does not.

Scopes: ``text``, ``raw`` and ``summary`` mean the whole text, ``paragraph`` and ``sentence``
mean each paragraph or sentence. ``heading`` (or ``heading.h1`` … ``heading.h6``), ``list``,
``blockquote`` and ``table`` mean those Markdown blocks: such a rule runs on texts the linter
reads as Markdown, and on plain text it does not run (the linter says so). Other markup scopes
(``code``, ``alt``, ``table.cell`` …) load, never fire, and a notice says so. Negations
(``~code``) exclude markup only, so they leave the text whole.

YAML is read as YAML 1.2 reads booleans (only ``true``/``false``), like Vale, so a token
written as ``no`` or ``on`` stays text.

Rule files are outside input: a file is read only up to :data:`MAX_RULE_FILE_BYTES`, and
:mod:`rule_yaml` turns whatever the YAML loader cannot build into an issue on that file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workstation.core.prose.findings import LEVELS, Level, StyleIssue
from workstation.core.prose.rule_yaml import RuleFileError, load_rule_yaml, read_capped_text, shown_value
from workstation.core.text.markdown_scopes import BLOCK_SCOPES

DEFAULT_LEVEL: Level = "warning"
"""A rule without ``level`` is a warning, as in Vale."""

MAX_RULE_FILE_BYTES = 4 * 1024 * 1024
"""The largest rule file read, in bytes (published Vale rules are a few KB; long token lists ~100 KB)."""

_NEWER_KINDS = ("conditional", "consistency", "capitalization", "metric", "readability", "spelling")
SUPPORTED_KINDS = ("existence", "substitution", "occurrence", "repetition", *_NEWER_KINDS)
OTHER_VALE_KINDS = ("sequence", "script")
_REFUSED_BECAUSE = {
    "sequence": "sequence rules need part-of-speech tagging, which this app does not do",
    "script": "script rules run Tengo code; this app runs no code from style files",
}
PLAIN_TEXT_SCOPES = ("text", "paragraph", "sentence")
MARKUP_SCOPES = BLOCK_SCOPES
"""Markdown blocks a rule may name as its scope: ``heading``, ``list``, ``blockquote``, ``table``."""
HEADING_LEVEL_SCOPES = tuple(f"heading.h{level}" for level in range(1, 7))
"""Headings of one level (``heading.h1`` … ``heading.h6``)."""
MARKUP_SCOPE_SEPARATOR = "+"
"""Joins the Markdown block scopes of a rule that names several (``heading+table``)."""
_WHOLE_TEXT_SCOPE_NAMES = {"text", "raw", "summary"}
_COMMON_KEYS = {
    "extends",
    "message",
    "level",
    "scope",
    "link",
    "description",
    "action",
    "limit",
    "name",
    "vocab",
    "tests",
    "category",
    "code",
    "matchcase",
}
_KIND_KEYS: dict[str, set[str]] = {
    "existence": {"tokens", "raw", "append", "ignorecase", "nonword", "exceptions"},
    "substitution": {"swap", "ignorecase", "nonword", "exceptions", "capitalize", "pos"},
    "occurrence": {"token", "max", "min", "ignorecase"},
    "repetition": {"tokens", "max", "alpha", "ignorecase", "exceptions"},
    "conditional": {"first", "second", "ignorecase", "exceptions"},
    "consistency": {"either", "ignorecase", "nonword"},
    "capitalization": {"match", "style", "exceptions", "indicators", "threshold", "prefix"},
    "metric": {"formula", "condition"},
    "readability": {"metrics", "grade"},
    "spelling": {"dicpath", "dictionaries", "append", "aff", "dic", "ignore", "filters", "custom"}
    | {"exceptions", "threshold"},
}


@dataclass(frozen=True, slots=True)
class RuleSpec:
    """One rule as written in its file, validated but not yet compiled.

    ``scope`` is the scope the rule runs on (``text``, ``paragraph``, ``sentence``, a Markdown
    block scope, or several of those joined by ``+``), or None when its scopes name other markup
    only, so it never fires. ``accepted``
    holds the active vocabularies' ``accept.txt`` entries (filled in by the loader); rules use
    them as exceptions unless ``vocab`` is false. ``action`` is the name of the rule's Vale
    action (``replace``, ``remove`` …), or empty.
    """

    name: str
    category: str
    kind: str
    message: str
    level: Level
    path: str
    scope: str | None = "text"
    tokens: tuple[str, ...] = ()
    raw: tuple[str, ...] = ()
    append: bool = False
    swap: tuple[tuple[str, str], ...] = ()
    ignorecase: bool = False
    nonword: bool = False
    exceptions: tuple[str, ...] = ()
    capitalize: bool = False
    token: str = ""
    max: int = 0
    min: int = 0
    alpha: bool = False
    limit: int = 0
    link: str = ""
    description: str = ""
    vocab: bool = True
    action: str = ""
    accepted: tuple[str, ...] = ()
    options: object = None
    """The settings only a newer kind has (a :mod:`~workstation.core.prose.rule_kinds.options`
    dataclass); None for the four kinds above."""


def parse_rule_file(
    path: Path, style: str, category_of: Mapping[str, str] | None = None
) -> tuple[RuleSpec | None, list[StyleIssue]]:
    """Parse one ``.yml`` rule file into a spec plus notices; (None, [issue]) when it is unusable."""
    rule_name = f"{style}.{path.stem}"
    try:
        source = read_capped_text(path, MAX_RULE_FILE_BYTES)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return None, [StyleIssue(str(path), rule_name, f"cannot read file: {exc}")]
    try:
        spec, notices = parse_rule_text(
            source,
            path=str(path),
            rule_name=rule_name,
            default_category=(category_of or {}).get(path.stem, rule_name),
        )
    except RuleFileError as exc:
        return None, [StyleIssue(str(path), rule_name, exc.problem, line=exc.line)]
    return spec, [StyleIssue(str(path), rule_name, notice, skipped=False) for notice in notices]


def parse_rule_text(
    source: str, *, path: str, rule_name: str, default_category: str
) -> tuple[RuleSpec, list[str]]:
    """Validate one rule's YAML text. Returns the spec and notices; raises :class:`RuleFileError`."""
    document = load_rule_yaml(source)
    notices: list[str] = []
    kind = _required_str(document, "extends")
    if kind in OTHER_VALE_KINDS:
        raise RuleFileError(f"extension point '{kind}' is not supported: {_REFUSED_BECAUSE[kind]}")
    if kind not in SUPPORTED_KINDS:
        raise RuleFileError(f"unknown extension point '{kind}' in 'extends'")
    message = _required_str(document, "message")
    level = document.get("level", DEFAULT_LEVEL)
    if level not in LEVELS:
        raise RuleFileError(f"'level' must be one of {', '.join(LEVELS)}, not {shown_value(level)}")
    for key in sorted(set(document) - _COMMON_KEYS - _KIND_KEYS[kind]):
        notices.append(f"unknown key '{key}' ignored")
    scope, scope_notice = _rule_scope(document.get("scope", "text"))
    if scope_notice:
        notices.append(scope_notice)
    category = document.get("category", default_category)
    if not isinstance(category, str) or not category.strip():
        raise RuleFileError("'category' must be a non-empty string")
    fields: dict[str, Any] = {
        "name": rule_name,
        "category": category.strip(),
        "kind": kind,
        "message": message,
        "level": level,
        "path": path,
        "scope": scope,
        "limit": _int(document, "limit"),
        "link": str(document.get("link", "") or ""),
        "description": str(document.get("description", "") or ""),
        "ignorecase": _bool(document, "ignorecase"),
        "vocab": _bool(document, "vocab", default=True),
        "action": _action_name(document.get("action"), notices),
    }
    fields.update(_KIND_PARSERS[kind](document))
    return RuleSpec(**fields), notices


def _existence_fields(document: dict[str, Any]) -> dict[str, Any]:
    tokens = _str_list(document, "tokens")
    raw = _str_list(document, "raw")
    if not any(token.strip() for token in tokens) and not raw:
        raise RuleFileError("existence rule needs a non-empty 'tokens' (or 'raw') list")
    return {
        "tokens": tuple(token for token in tokens if token.strip()),
        "raw": tuple(raw),
        "append": _bool(document, "append"),
        "nonword": _bool(document, "nonword"),
        "exceptions": tuple(_str_list(document, "exceptions")),
    }


def _substitution_fields(document: dict[str, Any]) -> dict[str, Any]:
    swap = document.get("swap")
    if not isinstance(swap, dict) or not swap:
        raise RuleFileError("substitution rule needs a non-empty 'swap' mapping of pattern: replacement")
    pairs: list[tuple[str, str]] = []
    for key, value in swap.items():
        if key is None or value is None or isinstance(key, (dict, list)) or isinstance(value, (dict, list)):
            entry = f"{shown_value(key)}: {shown_value(value)}"
            raise RuleFileError(f"'swap' entry {entry} must map a pattern to replacement text")
        pairs.append((_scalar_text(key), _scalar_text(value)))
    return {
        "swap": tuple(pairs),
        "nonword": _bool(document, "nonword"),
        "exceptions": tuple(_str_list(document, "exceptions")),
        "capitalize": _bool(document, "capitalize"),
    }


def _occurrence_fields(document: dict[str, Any]) -> dict[str, Any]:
    token = document.get("token")
    if not isinstance(token, (str, int, float)) or isinstance(token, bool) or str(token) == "":
        raise RuleFileError("occurrence rule needs a 'token' pattern (a string)")
    maximum, minimum = _int(document, "max"), _int(document, "min")
    if maximum == 0 and minimum == 0:
        raise RuleFileError("occurrence rule needs 'max' or 'min' greater than 0")
    return {"token": _scalar_text(token), "max": maximum, "min": minimum}


def _repetition_fields(document: dict[str, Any]) -> dict[str, Any]:
    tokens = [token for token in _str_list(document, "tokens") if token.strip()]
    if not tokens:
        raise RuleFileError("repetition rule needs a non-empty 'tokens' list")
    return {
        "tokens": tuple(tokens),
        "max": _int(document, "max"),
        "alpha": _bool(document, "alpha"),
        "exceptions": tuple(_str_list(document, "exceptions")),
    }


def _newer_kind_fields(document: dict[str, Any]) -> dict[str, Any]:
    # Imported here: that module reads values with this module's helpers.
    from workstation.core.prose.rule_kinds.fields import kind_fields

    return kind_fields(document)


_KIND_PARSERS = {
    "existence": _existence_fields,
    "substitution": _substitution_fields,
    "occurrence": _occurrence_fields,
    "repetition": _repetition_fields,
    **dict.fromkeys(_NEWER_KINDS, _newer_kind_fields),
}


def _rule_scope(value: Any) -> tuple[str | None, str]:
    """Map a Vale scope value (string or list) to the scope a rule runs in, with a notice if it
    can never run. Plain-text scopes in a list win over Markdown blocks (they hold them); a list
    of Markdown blocks only is their union (``heading+list``)."""
    entries = value if isinstance(value, list) else [value]
    if not entries or not all(isinstance(entry, str) and entry.strip() for entry in entries):
        raise RuleFileError(f"'scope' must be a scope name or a list of names, not {shown_value(value)}")
    rank = {"sentence": 0, "paragraph": 1, "text": 2}
    chosen: list[str] = []
    blocks: set[str] = set()
    for entry in entries:
        parts = [part.strip() for part in entry.split("&")]
        positives = [part for part in parts if not part.startswith("~")]
        if not positives:
            chosen.append("text")
            continue
        mapped = [_scope_head(part) for part in positives]
        markup = [item for item in mapped if item is not None and item not in rank]
        if markup:  # "heading & sentence": the heading's text
            blocks.add(markup[0])
        elif all(item is not None for item in mapped):
            chosen.append(min((item for item in mapped if item), key=rank.__getitem__))
    if chosen:
        return max(chosen, key=rank.__getitem__), ""
    if blocks:
        return MARKUP_SCOPE_SEPARATOR.join(sorted(blocks)), ""
    return None, f"scope {shown_value(value)} names markup this app does not lint; the rule never fires"


def _scope_head(part: str) -> str | None:
    """``text``, ``paragraph``, ``sentence``, a Markdown block scope, or None (other markup)."""
    name = part.strip().lower()
    head = name.split(".")[0].strip()
    if " " in head:
        raise RuleFileError(f"scope '{part}' contains spaces")
    if head in _WHOLE_TEXT_SCOPE_NAMES:
        return "text"
    if head in ("paragraph", "sentence"):
        return head
    if name in MARKUP_SCOPES or name in HEADING_LEVEL_SCOPES:
        return name
    return None


def is_markup_scope(scope: str) -> bool:
    """Whether a rule's scope names Markdown blocks (which plain text does not have)."""
    return scope not in PLAIN_TEXT_SCOPES


def _required_str(document: dict[str, Any], key: str) -> str:
    value = document.get(key)
    if not isinstance(value, str) or not value.strip():
        raise RuleFileError(f"missing the required '{key}' key (a non-empty string)")
    return value.strip() if key == "extends" else value


def _action_name(value: Any, notices: list[str]) -> str:
    """The ``name`` of a Vale ``action`` mapping; anything else is ignored with a notice."""
    if value is None:
        return ""
    name = value.get("name") if isinstance(value, dict) else None
    if not isinstance(name, str) or not name.strip():
        notices.append(f"'action' {shown_value(value)} has no name; ignored")
        return ""
    return name.strip()


def _bool(document: dict[str, Any], key: str, *, default: bool = False) -> bool:
    value = document.get(key, default)
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise RuleFileError(f"'{key}' must be true or false, not {shown_value(value)}")


def _int(document: dict[str, Any], key: str) -> int:
    value = document.get(key, 0)
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise RuleFileError(f"'{key}' must be a whole number, not {shown_value(value)}")
    try:
        number = int(value)
    except ValueError as exc:
        raise RuleFileError(f"'{key}' must be a whole number, not {shown_value(value)}") from exc
    if number < 0:
        raise RuleFileError(f"'{key}' must not be negative")
    return number


def _str_list(document: dict[str, Any], key: str) -> list[str]:
    value = document.get(key)
    if value is None:
        return []
    if isinstance(value, (str, int, float)):  # one string is a one-item list, as Vale reads it
        value = [value]
    if not isinstance(value, list):
        raise RuleFileError(f"'{key}' must be a list of strings (or one string)")
    items: list[str] = []
    for item in value:
        if item is None or isinstance(item, (dict, list)):
            raise RuleFileError(f"'{key}' must be a list of strings; found {shown_value(item)}")
        items.append(_scalar_text(item))
    return items


def _scalar_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
