"""The rule loader under fuzzing (a few hundred examples per target; -m heavy for more)."""

from __future__ import annotations

import pytest

from tests.core.formats.fuzz_harness import NORMAL_EXAMPLES, FuzzTarget, hypothesis_check
from tests.core.prose.rule_fuzz_targets import RULE_TARGETS


@pytest.mark.parametrize("target", RULE_TARGETS, ids=lambda target: target.name)
def test_rule_loading_never_raises(target: FuzzTarget) -> None:
    hypothesis_check(target, NORMAL_EXAMPLES, derandomize=True)()
