"""Importing verdict bundle files into a store, one at a time, for the writer's File menu.

Each file is read with a size cap, verified before anything in it is believed (reviewers are
trusted on first use, then pinned: ``trust.reviewer_trust``), and applied in its own transaction,
so stopping between files leaves every bundle wholly in or out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from workstation.core.bundles import DEFAULT_LIMITS, BundleRejected
from workstation.core.files.inputs import InputKind, InputRefused, read_input
from workstation.core.store import Store
from workstation.core.text.safe_text import one_line
from workstation.core.verdicts.apply import VerdictImport, apply_verdict_bundle
from workstation.core.verdicts.trust import reviewer_trust
from workstation.core.verdicts.verify import verify_verdict_bundle

VERDICT_FILE = InputKind("a verdict bundle", DEFAULT_LIMITS.max_bundle_bytes, stdin_allowed=False)


@dataclass(frozen=True)
class RefusedFile:
    """A file that did not get in, and why (a sentence; a rejection names its reason code)."""

    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{one_line(self.path.name)}: refused: {self.reason}"


@dataclass(frozen=True)
class VerdictFilesOutcome:
    """What importing verdict files did, file by file."""

    imports: tuple[VerdictImport, ...]
    refused: tuple[RefusedFile, ...]
    cancelled: bool = False

    @property
    def reopened(self) -> tuple[str, ...]:
        return tuple(task_id for result in self.imports for task_id in result.reopened)

    @property
    def reviewed_tasks(self) -> frozenset[str]:
        """Task ids with a new verdict (their side panels must show it)."""
        return frozenset(v.task_id for result in self.imports for v in result.imported)

    def summary(self) -> str:
        lines = [f"{one_line(Path(r.source).name)}: {r.summary()}" for r in self.imports]
        lines += [str(refused) for refused in self.refused]
        if self.cancelled:
            lines.append("Cancelled; the files not yet read were left out.")
        return "\n".join(lines)

    def details(self) -> str:
        """Every verdict left out and why, and the key of each reviewer seen for the first time."""
        lines: list[str] = []
        for result in self.imports:
            if result.added and not result.reviewer_known:
                lines.append(
                    f"{result.reviewer_name} was seen for the first time, with key "
                    f"{result.reviewer_fingerprint}; from now on only this key is accepted in that name."
                )
            lines += [str(problem) for problem in result.problems]
        return "\n".join(lines)


def import_verdict_files(
    store: Store, paths: Sequence[Path], *, should_cancel: Callable[[], bool] | None = None
) -> VerdictFilesOutcome:
    """Verify and import each verdict bundle file; a bad file is refused and the others go on.

    Raises StoreError/StoreBusy from the store (the files before are in).
    """
    imports: list[VerdictImport] = []
    refused: list[RefusedFile] = []
    for path in paths:
        if should_cancel is not None and should_cancel():
            return VerdictFilesOutcome(tuple(imports), tuple(refused), cancelled=True)
        try:
            data = read_input(path, VERDICT_FILE)
            verified = verify_verdict_bundle(data, reviewer_trust(store))
        except InputRefused as exc:
            refused.append(RefusedFile(path, str(exc)))
            continue
        except BundleRejected as exc:
            refused.append(RefusedFile(path, f"{exc.reason_code.value}: {exc.message}"))
            continue
        imports.append(apply_verdict_bundle(store, verified, data, str(path)))
    return VerdictFilesOutcome(tuple(imports), tuple(refused))
