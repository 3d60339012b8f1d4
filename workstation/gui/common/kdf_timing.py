"""How long scrypt takes on this machine, so a busy indicator can say "about N s" truthfully.

scrypt reports no progress, so the only honest figure is one measured here: every timed unlock or
key creation stores seconds per unit of scrypt work (``N * r * p``) in the settings, and the next
estimate scales that figure to the key's own limits. Before any real run has been timed, a 4 MiB
calibration run (about 25 ms, once per machine) gives a first figure that errs on the long side.
"""

from __future__ import annotations

from collections.abc import Callable

from workstation.core.signing import KdfParams, calibrate_seconds_per_work, scrypt_work
from workstation.gui.common.settings import AppSettings


class KdfTiming:
    """Learned seconds per unit of scrypt work, read from and written to ``settings``."""

    def __init__(
        self, settings: AppSettings, calibrate: Callable[[], float] = calibrate_seconds_per_work
    ) -> None:
        self._settings = settings
        self._calibrate = calibrate

    def expected_seconds(self, *runs: KdfParams) -> float:
        """Seconds scrypt runs with these limits, one after the other, should take here (an
        unlock is one run; changing a passphrase is two: the old limits, then the new)."""
        rate = self._settings.kdf_seconds_per_work()
        if rate is None:
            rate = self._calibrate()
            if rate > 0:
                self._settings.set_kdf_seconds_per_work(rate)
        return rate * sum(scrypt_work(params) for params in runs)

    def record(self, seconds: float, *runs: KdfParams) -> None:
        """Keep what real ``runs`` took together (``seconds`` measured on their worker)."""
        work = sum(scrypt_work(params) for params in runs)
        if seconds > 0 and work > 0:
            self._settings.set_kdf_seconds_per_work(seconds / work)
