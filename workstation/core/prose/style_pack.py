"""Find Vale style folders, load every rule in them, and keep going past broken ones.

A *style* is a folder of ``.yml`` rule files; its name prefixes the rule names
(``Workstation/Delve.yml`` → ``Workstation.Delve``). A *StylesPath* is a folder of styles. Both
are accepted, as is a single ``.yml`` file. An optional ``meta.json`` in a style folder gives
categories display names and assigns rule files to categories::

    {"display_name": "…",
     "categories": {"vocabulary": {"label": "Overused model vocabulary", "description": "…"}},
     "rules": {"OverusedWords": "vocabulary"}}

A rule's category is, first found: its own ``category`` key, its entry in ``meta.json``, its file
name.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from workstation.core.prose.findings import StyleIssue
from workstation.core.prose.patterns import PatternError
from workstation.core.prose.rule_base import CompiledRule
from workstation.core.prose.rules import compile_rule
from workstation.core.prose.vale_style import MAX_RULE_FILE_BYTES, parse_rule_file, read_capped_text
from workstation.resources import resource_path

DEFAULT_STYLE_NAME = "Workstation"
_META_FILE = "meta.json"


@dataclass(frozen=True, slots=True)
class CategoryInfo:
    """A category of rules as the preferences and the findings list show it."""

    name: str
    label: str
    description: str = ""
    style: str = ""


@dataclass(frozen=True, slots=True)
class StylePack:
    """Loaded, compiled rules plus every problem met while loading them."""

    rules: tuple[CompiledRule, ...]
    errors: tuple[StyleIssue, ...]
    categories: tuple[CategoryInfo, ...]

    @property
    def category_names(self) -> tuple[str, ...]:
        """Names of the categories that have at least one rule, in load order."""
        return tuple(category.name for category in self.categories)

    def rule(self, name: str) -> CompiledRule | None:
        """The rule with this qualified name (``Style.File``), if loaded."""
        return next((rule for rule in self.rules if rule.name == name), None)


def load_styles(paths: Iterable[str | Path] | str | Path, *, allow_fallback: bool = True) -> StylePack:
    """Load rules from style folders, StylesPaths or single ``.yml`` files.

    Never raises for bad content: each unusable file or rule becomes a :class:`StyleIssue` naming
    the file, the rule and the problem, and all other rules still load. ``allow_fallback=False``
    refuses patterns that RE2 cannot run instead of running them under a time budget.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    rules: list[CompiledRule] = []
    issues: list[StyleIssue] = []
    categories: dict[str, CategoryInfo] = {}
    category_order: dict[str, tuple[int, int]] = {}
    seen: set[str] = set()
    style_index = -1
    for path in map(Path, paths):
        for style_dir, files in _rule_files(path, issues):
            style_index += 1
            meta = _read_meta(style_dir, issues)
            meta_order = {name: index for index, name in enumerate(meta.get("categories", {}))}
            category_of = {stem: str(name) for stem, name in meta.get("rules", {}).items()}
            for file in files:
                spec, notices = parse_rule_file(file, style_dir.name, category_of)
                issues.extend(notices)
                if spec is None:
                    continue
                if spec.name in seen:
                    issues.append(StyleIssue(str(file), spec.name, "a rule with this name is already loaded"))
                    continue
                try:
                    rule = compile_rule(spec, allow_fallback=allow_fallback)
                except PatternError as exc:
                    issues.append(StyleIssue(str(file), spec.name, str(exc)))
                    continue
                if rule.uses_fallback:
                    issues.append(
                        StyleIssue(
                            str(file),
                            spec.name,
                            f"RE2 cannot run a pattern ({rule.pattern.re2_error}); it runs on the slower "
                            "fallback engine under a time limit",
                            skipped=False,
                        )
                    )
                seen.add(spec.name)
                rules.append(rule)
                if spec.category not in categories:
                    categories[spec.category] = _category_info(spec.category, style_dir.name, meta)
                    # meta.json order first, then the order rules were found in
                    category_order[spec.category] = (
                        style_index,
                        meta_order.get(spec.category, len(meta_order) + len(category_order)),
                    )
    ordered = sorted(categories.values(), key=lambda info: category_order[info.name])
    return StylePack(tuple(rules), tuple(issues), tuple(ordered))


@cache
def default_style_pack() -> StylePack:
    """Our own style pack from ``resources/rules/Workstation`` (loaded once, immutable)."""
    return load_styles([resource_path("rules", DEFAULT_STYLE_NAME)])


def _rule_files(path: Path, issues: list[StyleIssue]) -> list[tuple[Path, list[Path]]]:
    """(style folder, its .yml files) pairs for a style folder, a StylesPath or a single file."""
    if path.is_file():
        if path.suffix != ".yml":
            issues.append(StyleIssue(str(path), path.stem, "not a .yml rule file"))
            return []
        return [(path.parent, [path])]
    if not path.is_dir():
        issues.append(StyleIssue(str(path), "-", "no such file or folder"))
        return []
    own = _yml_files(path, issues)
    if own:
        return [(path, own)]
    found = []
    for child in sorted(path.iterdir()):
        if child.is_dir():
            files = _yml_files(child, issues)
            if files:
                found.append((child, files))
    if not found:
        issues.append(StyleIssue(str(path), "-", "no Vale styles (folders of .yml rule files) found here"))
    return found


def _yml_files(folder: Path, issues: list[StyleIssue]) -> list[Path]:
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        issues.append(StyleIssue(str(folder), "-", f"cannot list folder: {exc}"))
        return []
    for entry in entries:
        if entry.suffix == ".yaml" and entry.is_file():
            issues.append(
                StyleIssue(
                    str(entry),
                    f"{folder.name}.{entry.stem}",
                    "Vale reads only .yml files; rename it to .yml to use it",
                )
            )
    return [entry for entry in entries if entry.suffix == ".yml" and entry.is_file()]


def _read_meta(style_dir: Path, issues: list[StyleIssue]) -> dict[str, Any]:
    meta_path = style_dir / _META_FILE
    if not meta_path.is_file():
        return {}
    try:
        meta = json.loads(read_capped_text(meta_path, MAX_RULE_FILE_BYTES))
    except (OSError, ValueError) as exc:  # unreadable, too large, not UTF-8, not JSON
        problem = f"cannot read meta.json: {exc}"
        issues.append(StyleIssue(str(meta_path), style_dir.name, problem, skipped=False))
        return {}
    except RecursionError:
        problem = "cannot read meta.json: it is nested too deeply"
        issues.append(StyleIssue(str(meta_path), style_dir.name, problem, skipped=False))
        return {}
    if (
        not isinstance(meta, dict)
        or not isinstance(meta.get("rules", {}), dict)
        or not isinstance(meta.get("categories", {}), dict)
    ):
        issues.append(
            StyleIssue(
                str(meta_path),
                style_dir.name,
                "meta.json must be an object with 'categories' and 'rules' objects",
                skipped=False,
            )
        )
        return {}
    return meta


def _category_info(name: str, style: str, meta: dict[str, Any]) -> CategoryInfo:
    entry = meta.get("categories", {}).get(name, {})
    if not isinstance(entry, dict):
        entry = {}
    return CategoryInfo(
        name=name,
        label=str(entry.get("label", name)),
        description=str(entry.get("description", "")),
        style=style,
    )
