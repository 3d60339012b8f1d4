"""The newer rule kinds under fuzzing (a few hundred examples; -m heavy for more)."""

from __future__ import annotations

from tests.core.formats.fuzz_harness import NORMAL_EXAMPLES, hypothesis_check
from tests.core.prose.rule_kind_fuzz_targets import KIND_TARGETS


def test_newer_rule_kinds_never_raise_while_loading_or_linting() -> None:
    (target,) = KIND_TARGETS
    hypothesis_check(target, NORMAL_EXAMPLES, derandomize=True)()
