"""Fixtures of the verdict tests (see verdict_testkit)."""

from tests.core.verdicts.verdict_testkit import desk

__all__ = ["desk"]
