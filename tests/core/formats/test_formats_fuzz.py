"""Every importer under fuzzing (a few hundred derandomised examples per format; -m heavy for more)."""

from __future__ import annotations

import pytest

from tests.core.formats.formats_fuzz_targets import IMPORT_TARGETS
from tests.core.formats.fuzz_harness import NORMAL_EXAMPLES, FuzzTarget, hypothesis_check


@pytest.mark.parametrize("target", IMPORT_TARGETS, ids=lambda target: target.name)
def test_importer_never_raises_and_imports_only_what_seals(target: FuzzTarget) -> None:
    hypothesis_check(target, NORMAL_EXAMPLES, derandomize=True)()
