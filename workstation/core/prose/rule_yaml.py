"""Reading rule files safely: capped size, YAML 1.2 booleans, and problems that quote values briefly.

Rule files are outside input. A file is read only up to a limit; a YAML value the loader cannot
build (a date like ``2001-13-45``, a 5,000-digit number, nesting past the parser's stack) is a
:class:`RuleFileError` for that file, and values quoted in problems are shortened (a YAML alias
"bomb" would otherwise print billions of items).
"""

from __future__ import annotations

import re
import reprlib
from pathlib import Path
from typing import Any

import yaml


class RuleFileError(ValueError):
    """Raised inside parsing; carries the problem text and, when known, the YAML line."""

    def __init__(self, problem: str, line: int | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line


def read_capped_text(path: Path, limit: int) -> str:
    """The UTF-8 text of a small file; ValueError when it holds more than ``limit`` bytes."""
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"the file is larger than {limit // 1024} KB, more than a rule file may be")
    return data.decode("utf-8")


_SHOWN = reprlib.Repr(maxlevel=2, maxlist=4, maxdict=4, maxstring=80, maxother=80)


def shown_value(value: Any) -> str:
    """A short repr of a YAML value for a problem sentence, however large or aliased the value."""
    return _SHOWN.repr(value)


# libyaml's parser when PyYAML was built with it (about 5× faster at start-up), else the Python one.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Yaml12BoolLoader(_SafeLoader):  # type: ignore[misc, valid-type]
    """SafeLoader that reads only true/false as booleans (YAML 1.2), not yes/no/on/off."""


_Yaml12BoolLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Yaml12BoolLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def load_rule_yaml(source: str) -> dict[str, Any]:
    """The YAML mapping of one rule file, keys lower-cased; raises :class:`RuleFileError`."""
    try:
        document = yaml.load(source, Loader=_Yaml12BoolLoader)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark is not None else None
        raise RuleFileError(f"invalid YAML: {exc.problem or exc}", line) from exc
    except yaml.YAMLError as exc:
        raise RuleFileError(f"invalid YAML: {exc}") from exc
    except RecursionError as exc:
        raise RuleFileError("invalid YAML: nested too deeply") from exc
    except (ValueError, OverflowError) as exc:  # the date 2001-13-45, a 5,000-digit number
        raise RuleFileError(f"invalid YAML value: {exc}") from exc
    except Exception as exc:
        # PyYAML's constructors raise whatever Python raises on a scalar they cannot build (an
        # AttributeError for "!!timestamp text"): the file's fault, so this file's issue.
        raise RuleFileError(
            f"invalid YAML value: a tagged value cannot be built ({type(exc).__name__})"
        ) from exc
    if not isinstance(document, dict):
        raise RuleFileError("the file must hold a YAML mapping of keys (extends, message, …)")
    return {str(key).lower(): value for key, value in document.items()}
