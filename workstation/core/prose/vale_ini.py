"""Read the parts of a Vale ``.vale.ini`` that decide which rules lint plain text and Markdown.

Read, as Vale reads them:

* ``StylesPath`` (relative to the file's folder), ``Vocab`` (comma-separated vocabulary names)
  and ``MinAlertLevel`` (default ``warning``, as in Vale) from the top of the file;
* from every section whose glob matches a ``.txt`` or ``.md`` file (``[*]``, ``[*.md]``,
  ``[*.{md,txt}]`` …): ``BasedOnStyles`` and per-rule lines ``Style.Rule = YES|NO|suggestion|
  warning|error``. Sections are read in file order, so a later line wins.

Everything else Vale knows (``IgnoredScopes``, ``BlockIgnores``, ``TokenIgnores``, ``Packages`` …)
and anything unknown is ignored with a notice, so nothing is dropped without a word. The file is
outside input: it is read only up to :data:`MAX_CONFIG_BYTES`.
"""

from __future__ import annotations

import configparser
import fnmatch
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from workstation.core.prose.findings import LEVELS, Level, StyleIssue
from workstation.core.prose.vale_style import read_capped_text

CONFIG_NAMES = (".vale.ini", "_vale.ini", "vale.ini", ".vale", "_vale")
"""The file names Vale looks for, in our order of preference."""

MAX_CONFIG_BYTES = 256 * 1024
_CORE = "__top__"
_READ_CORE_KEYS = {"StylesPath", "Vocab", "MinAlertLevel"}
_KNOWN_IGNORED_CORE_KEYS = {
    "IgnoredScopes",
    "SkippedScopes",
    "IgnoredClasses",
    "WordTemplate",
    "NLPEndpoint",
    "Packages",
}
_KNOWN_IGNORED_SECTION_KEYS = {
    "BlockIgnores",
    "TokenIgnores",
    "IgnorePatterns",
    "CommentDelimiters",
    "Transform",
    "Lang",
}
_NOT_GLOB_SECTIONS = {"formats", "asciidoctor"}
_SAMPLE_FILES = ("text.txt", "text.md")
_BRACES_RE = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True, slots=True)
class ValeConfig:
    """What a ``.vale.ini`` asks for. ``rule_settings`` maps ``Style.Rule`` to YES, NO or a level."""

    path: Path
    styles_path: Path
    based_on: tuple[str, ...] = ()
    vocab: tuple[str, ...] = ()
    min_level: Level = "warning"
    rule_settings: dict[str, str] = field(default_factory=dict)
    notices: tuple[StyleIssue, ...] = ()

    def level_of(self, rule: str) -> Level | None:
        """The level the file sets for ``rule``, if it sets one."""
        setting = self.rule_settings.get(rule)
        return next((level for level in LEVELS if level == setting), None)

    def wants(self, rule: str) -> bool:
        """Whether ``rule`` (``Style.Rule``) runs: its style is a base style, or the file turns it on."""
        setting = self.rule_settings.get(rule)
        if setting == "NO":
            return False
        return setting is not None or rule.partition(".")[0] in self.based_on

    def named_styles(self) -> tuple[str, ...]:
        """Styles to look for: the base styles, then those of rules turned on one by one."""
        extra = [rule.partition(".")[0] for rule, setting in self.rule_settings.items() if setting != "NO"]
        return tuple(dict.fromkeys([*self.based_on, *extra]))


def find_config(path: Path) -> Path | None:
    """The Vale configuration file ``path`` is, or the one directly inside folder ``path``."""
    if path.is_file():
        return path if path.name in CONFIG_NAMES or path.suffix == ".ini" else None
    if path.is_dir():
        return next((path / name for name in CONFIG_NAMES if (path / name).is_file()), None)
    return None


class ConfigError(ValueError):
    """The file cannot be used at all (unreadable, not INI); the message says why."""


def read_config(path: Path) -> ValeConfig:
    """Parse ``path``; raises :class:`ConfigError` when it cannot be read or parsed."""
    try:
        source = read_capped_text(path, MAX_CONFIG_BYTES)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ConfigError(f"cannot read {path.name}: {exc}") from exc
    parser = configparser.ConfigParser(
        interpolation=None, strict=False, inline_comment_prefixes=("#", ";"), default_section="\0"
    )
    parser.optionxform = str  # type: ignore[assignment, method-assign]  # keys are case-sensitive
    try:
        # Vale's INI reader lets keys be indented; Python's would read them as continuation lines.
        lines = (line.lstrip() for line in source.splitlines())
        parser.read_string(f"[{_CORE}]\n" + "\n".join(lines))
    except configparser.Error as exc:
        raise ConfigError(f"{path.name} is not a valid INI file: {exc.message}") from exc
    notices: list[StyleIssue] = []

    def notice(what: str) -> None:
        notices.append(StyleIssue(str(path), "-", what, skipped=False))

    core = parser[_CORE]
    for key in core:
        if key in _KNOWN_IGNORED_CORE_KEYS:
            notice(f"'{key}' is not used here; ignored")
        elif key not in _READ_CORE_KEYS:
            notice(f"unknown setting '{key}' ignored")
    styles_path = _styles_path(path, core.get("StylesPath", ""), notice)
    written = core.get("MinAlertLevel", "warning").strip()
    min_level = next((level for level in LEVELS if level == written), None)
    if min_level is None:
        notice(f"MinAlertLevel must be suggestion, warning or error, not '{written}'; warning is used")
        min_level = "warning"
    vocab: list[str] = []
    for name in _comma_list(core.get("Vocab", "")):
        if plain_name(name):
            vocab.append(name)
        else:
            notice(f"Vocab '{name}' is not a folder name; ignored")
    based_on: list[str] = []
    settings: dict[str, str] = {}
    for name in parser.sections():
        if name == _CORE:
            continue
        if name in _NOT_GLOB_SECTIONS or not _applies(name):
            notice(f"section [{name}] is not about plain text or Markdown; ignored")
            continue
        _read_section(parser[name], name, based_on, settings, notice)
    return ValeConfig(
        path=path,
        styles_path=styles_path,
        based_on=tuple(dict.fromkeys(based_on)),
        vocab=tuple(vocab),
        min_level=min_level,
        rule_settings=settings,
        notices=tuple(notices),
    )


def _styles_path(config: Path, value: str, notice: Callable[[str], None]) -> Path:
    """StylesPath, relative to the file's folder; the file's own folder when it is not set."""
    if not value.strip():
        notice(f"no StylesPath; styles are looked for next to {config.name}")
        return config.parent
    return (config.parent / Path(value.strip()).expanduser()).resolve()


def _read_section(
    section: configparser.SectionProxy,
    name: str,
    based_on: list[str],
    settings: dict[str, str],
    notice: Callable[[str], None],
) -> None:
    for key in section:
        value = section[key].strip()
        if key == "BasedOnStyles":
            for style in _comma_list(value):
                if plain_name(style):
                    based_on.append(style)
                else:
                    notice(f"[{name}] style '{style}' is not a folder name; ignored")
        elif key in _KNOWN_IGNORED_SECTION_KEYS:
            notice(f"[{name}] '{key}' is not used here; ignored")
        elif "." in key and value in ("YES", "NO", *LEVELS):
            if plain_name(key.partition(".")[0]):
                settings[key] = value
            else:
                notice(f"[{name}] {key}: the style is not a folder name; ignored")
        elif "." in key:
            notice(f"[{name}] {key} = {value!r}: use YES, NO or a level; ignored")
        else:
            notice(f"[{name}] unknown setting '{key}' ignored")


def _applies(section: str) -> bool:
    """Whether a section's glob matches a plain-text or Markdown file name."""
    return any(
        fnmatch.fnmatchcase(sample, pattern) for pattern in _expanded(section) for sample in _SAMPLE_FILES
    )


def _expanded(glob: str) -> list[str]:
    """``*.{md,txt}`` → ``*.md``, ``*.txt`` (Vale's globs use braces for alternatives)."""
    found = _BRACES_RE.search(glob)
    if found is None:
        return [glob]
    head, tail = glob[: found.start()], glob[found.end() :]
    return [pattern for option in found.group(1).split(",") for pattern in _expanded(head + option + tail)]


def _comma_list(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def plain_name(name: str) -> bool:
    """Whether a style or vocabulary name is one folder name (no path: ``..``, ``/`` …)."""
    return (
        bool(name)
        and name not in (".", "..")
        and not any(char in name for char in "/\\\0")
        and ":" not in name
    )
