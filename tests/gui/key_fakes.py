"""Stand-ins for the passphrase dialog and the clock, for the tests of the kept signing key
(writer and reviewer windows alike; the ``kdf_runs`` fixture counts the scrypt runs)."""

from __future__ import annotations

import pytest


class PassphraseDialogs:
    """Stands in for the passphrase dialog: gives ``answers`` in turn (None: Cancel) and keeps
    the problem line each one showed ("" on a first question)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *answers: str | None) -> None:
        self._answers = list(answers)
        self.problems: list[str] = []
        monkeypatch.setattr("workstation.gui.common.key_unlock.ask_passphrase", self)

    def __call__(
        self, _parent: object, _prompt: str, *, confirm: bool = False, problem: str = ""
    ) -> str | None:
        assert self._answers, f"asked for a passphrase once more than expected ({problem or 'first ask'})"
        self.problems.append(problem)
        return self._answers.pop(0)

    @property
    def shown(self) -> int:
        return len(self.problems)


class FakeClock:
    """Monotonic seconds that move only when told: idle minutes pass without waiting."""

    def __init__(self) -> None:
        self.now = 10_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, minutes: float) -> None:
        self.now += minutes * 60
