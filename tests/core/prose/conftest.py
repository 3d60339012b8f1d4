"""Fixtures for the prose tests: throw-away Vale styles."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from workstation.core.prose.engine import Linter
from workstation.core.prose.style_pack import StylePack, load_styles

StyleMaker = Callable[..., StylePack]


@pytest.fixture
def make_style(tmp_path: Path) -> StyleMaker:
    """Write rule files into ``<tmp>/styles/<style>/`` and load that StylesPath.

    Call as ``make_style(Name="yaml text", Other="…", style="Test", allow_fallback=True)``.
    """

    def make(style: str = "Test", allow_fallback: bool = True, **rules: str) -> StylePack:
        folder = tmp_path / "styles" / style
        folder.mkdir(parents=True, exist_ok=True)
        for name, body in rules.items():
            (folder / f"{name}.yml").write_text(textwrap.dedent(body), encoding="utf-8")
        return load_styles(tmp_path / "styles", allow_fallback=allow_fallback)

    return make


@pytest.fixture
def lint_with(make_style: StyleMaker) -> Callable[..., list[tuple[str, str]]]:
    """Lint ``text`` with one rule and return (matched text, message) pairs."""

    def run(rule_yaml: str, text: str, **linter_options: Any) -> list[tuple[str, str]]:
        pack = make_style(Rule=rule_yaml)
        assert not [issue for issue in pack.errors if issue.skipped], pack.errors
        findings = Linter(pack, **linter_options).lint(text)
        return [(finding.matched, finding.message) for finding in findings]

    return run
