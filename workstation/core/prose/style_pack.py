"""Find Vale style folders, load every rule in them, and keep going past broken ones.

A *style* is a folder of ``.yml`` rule files; its name prefixes the rule names
(``Workstation/Delve.yml`` → ``Workstation.Delve``). A *StylesPath* is a folder of styles. Both
are accepted, as is a single ``.yml`` file, and a folder holding a ``.vale.ini`` (or the file
itself): then that file decides the StylesPath, the styles and rules that run, their levels,
the vocabularies and the minimum alert level (:mod:`vale_ini`, :mod:`vocabulary`).

An optional ``meta.json`` in a style folder gives categories display names and assigns rule
files to categories::

    {"display_name": "…",
     "categories": {"vocabulary": {"label": "Overused model vocabulary", "description": "…"}},
     "rules": {"OverusedWords": "vocabulary"}}

A rule's category is, first found: its own ``category`` key, its entry in ``meta.json``, its
qualified name ``Style.Rule`` (so Microsoft.Contractions and Google.Contractions stay apart, as
Vale reports them). Categories named in ``meta.json`` are kept as written: they are the toggles
Preferences shows and saves.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from workstation.core.prose.findings import Level, StyleIssue, level_rank
from workstation.core.prose.patterns import PatternError
from workstation.core.prose.rule_base import CompiledRule
from workstation.core.prose.rules import compile_rule
from workstation.core.prose.vale_ini import ConfigError, ValeConfig, find_config, read_config
from workstation.core.prose.vale_style import MAX_RULE_FILE_BYTES, RuleSpec, parse_rule_file, read_capped_text
from workstation.core.prose.vocabulary import BUILTIN_STYLE, Vocabulary, builtin_rule_specs, load_vocabularies
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
    """Loaded, compiled rules plus every problem met while loading them.

    ``min_level`` is the mildest level that runs (a ``.vale.ini``'s ``MinAlertLevel``).
    """

    rules: tuple[CompiledRule, ...]
    errors: tuple[StyleIssue, ...]
    categories: tuple[CategoryInfo, ...]
    min_level: Level = "suggestion"

    @property
    def category_names(self) -> tuple[str, ...]:
        """Names of the categories that have at least one rule, in load order."""
        return tuple(category.name for category in self.categories)

    def rule(self, name: str) -> CompiledRule | None:
        """The rule with this qualified name (``Style.File``), if loaded."""
        return next((rule for rule in self.rules if rule.name == name), None)

    def current_category_names(self, names: Iterable[str]) -> set[str]:
        """Saved category names (a setting, a ``--disable`` option) in this pack's terms.

        Earlier versions named a category without ``meta.json`` after its file alone
        (``Contractions``); such a name now stands for every ``Style.Contractions`` loaded.
        Names this pack does not know are kept as they are: another style folder may know them.
        """
        known = set(self.category_names)
        current: set[str] = set()
        for name in names:
            if name in known:
                current.add(name)
                continue
            qualified = {category for category in known if category.partition(".")[2] == name}
            current |= qualified or {name}
        return current


def load_styles(paths: Iterable[str | Path] | str | Path, *, allow_fallback: bool = True) -> StylePack:
    """Load rules from style folders, StylesPaths, ``.vale.ini`` files or single ``.yml`` files.

    Never raises for bad content: each unusable file or rule becomes a :class:`StyleIssue` naming
    the file, the rule and the problem, and all other rules still load. ``allow_fallback=False``
    refuses patterns that RE2 cannot run instead of running them under a time budget.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    loader = _Loader(allow_fallback)
    for path in map(Path, paths):
        config_path = find_config(path)
        if config_path is not None:
            loader.load_config(config_path)
        else:
            for style_dir, files in _rule_files(path, loader.issues):
                loader.load_style(style_dir, files)
    return loader.pack()


class _Loader:
    """Collects rules, issues and categories while style folders are read, in load order."""

    def __init__(self, allow_fallback: bool) -> None:
        self.allow_fallback = allow_fallback
        self.rules: list[CompiledRule] = []
        self.names: set[str] = set()
        self.issues: list[StyleIssue] = []
        self.categories: dict[str, CategoryInfo] = {}
        self.category_order: dict[str, tuple[int, int]] = {}
        self.min_levels: list[Level] = []
        self.style_index = -1

    def pack(self) -> StylePack:
        ordered = sorted(self.categories.values(), key=lambda info: self.category_order[info.name])
        min_level: Level = min(self.min_levels, key=level_rank, default="suggestion")
        return StylePack(tuple(self.rules), tuple(self.issues), tuple(ordered), min_level)

    def load_config(self, config_path: Path) -> None:
        """Load what a ``.vale.ini`` selects, with its levels and vocabularies."""
        try:
            config = read_config(config_path)
        except ConfigError as exc:
            self.issues.append(StyleIssue(str(config_path), "-", str(exc)))
            return
        self.issues.extend(config.notices)
        self.min_levels.append(config.min_level)
        vocabulary, vocab_issues = load_vocabularies(config.styles_path, config.vocab)
        self.issues.extend(vocab_issues)
        for style in config.named_styles():
            if style == BUILTIN_STYLE:
                continue
            folder = config.styles_path / style
            files = _yml_files(folder, self.issues) if folder.is_dir() else []
            if not files:
                self.issues.append(
                    StyleIssue(str(folder), style, "style named in the .vale.ini is not in StylesPath")
                )
                continue
            chosen = [file for file in files if config.wants(f"{style}.{file.stem}")]
            self.load_style(folder, chosen, config, vocabulary)
        self._load_builtins(config, vocabulary)

    def _load_builtins(self, config: ValeConfig, vocabulary: Vocabulary) -> None:
        """Vale's own rules: all of them with ``Vale`` as a base style, else those named one by one."""
        if BUILTIN_STYLE in config.based_on:
            wanted = None
        else:
            wanted = [name for name in config.rule_settings if name.startswith(BUILTIN_STYLE + ".")]
            if vocabulary.rejected and f"{BUILTIN_STYLE}.Avoid" not in wanted:
                problem = (
                    "reject.txt entries are checked by Vale.Avoid, which runs only with Vale in "
                    "BasedOnStyles (as in Vale); they are not checked"
                )
                self.issues.append(
                    StyleIssue(str(config.path), f"{BUILTIN_STYLE}.Avoid", problem, skipped=False)
                )
            if not wanted:
                return
        specs, issues = builtin_rule_specs(vocabulary, wanted)
        self.issues.extend(issues)
        self.style_index += 1
        for spec in specs:
            if config.wants(spec.name):
                self._add(self._configured(spec, config, None), {})

    def load_style(
        self,
        style_dir: Path,
        files: list[Path],
        config: ValeConfig | None = None,
        vocabulary: Vocabulary | None = None,
    ) -> None:
        self.style_index += 1
        meta = _read_meta(style_dir, self.issues)
        category_of = {stem: str(name) for stem, name in meta.get("rules", {}).items()}
        for file in files:
            spec, notices = parse_rule_file(file, style_dir.name, category_of)
            self.issues.extend(notices)
            if spec is not None:
                self._add(self._configured(spec, config, vocabulary), meta)

    @staticmethod
    def _configured(spec: RuleSpec, config: ValeConfig | None, vocabulary: Vocabulary | None) -> RuleSpec:
        """The spec with the ``.vale.ini``'s level for it and the vocabulary's accepted words."""
        changes: dict[str, Any] = {}
        level = config.level_of(spec.name) if config is not None else None
        if level is not None:
            changes["level"] = level
        if vocabulary is not None and vocabulary.accepted:
            changes["accepted"] = vocabulary.accepted
        return dataclasses.replace(spec, **changes) if changes else spec

    def _add(self, spec: RuleSpec, meta: dict[str, Any]) -> None:
        if spec.name in self.names:
            self.issues.append(StyleIssue(spec.path, spec.name, "a rule with this name is already loaded"))
            return
        try:
            rule = compile_rule(spec, allow_fallback=self.allow_fallback)
        except PatternError as exc:
            self.issues.append(StyleIssue(spec.path, spec.name, str(exc)))
            return
        if rule.uses_fallback:
            self.issues.append(StyleIssue(spec.path, spec.name, _fallback_notice(rule), skipped=False))
        self.rules.append(rule)
        self.names.add(spec.name)
        if spec.category not in self.categories:
            style = spec.name.partition(".")[0]
            self.categories[spec.category] = _category_info(spec.category, style, meta)
            meta_order = {name: index for index, name in enumerate(meta.get("categories", {}))}
            # meta.json order first, then the order rules were found in
            self.category_order[spec.category] = (
                self.style_index,
                meta_order.get(spec.category, len(meta_order) + len(self.category_order)),
            )


def _fallback_notice(rule: CompiledRule) -> str:
    """Load-time notice for a rule that needs the fallback engine, whole or for some alternatives."""
    pattern = rule.pattern
    why = f"RE2 cannot run a pattern ({pattern.re2_error})"
    if pattern.engine == "mixed":
        slow, total = pattern.fallback_alternatives, pattern.alternative_count
        return (
            f"{why}: {slow} of its {total} alternatives run on the slower fallback engine under a "
            "time limit, the rest on RE2"
        )
    return f"{why}; it runs on the slower fallback engine under a time limit"


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
