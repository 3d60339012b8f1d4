"""How far the import of one task file got: what a progress bar shows and when Cancel still works.

An import goes through five stages. ``reading``: the file is opened, its format detected and
the first records parsed. ``writing``: records are checked and written to the store in batches,
inside the file's one transaction. ``indexing``: every record is written; the new tasks are
added to the search index in one pass. ``finishing``: everything is in; a cancel asked for before
this report still rolls back, then the transaction commits, which cannot be stopped half-way.
``done``: committed (or rolled back, for a file with bad records or a cancel). A cancel while
reading, writing or indexing rolls the whole file back: the store is as it was before the import.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

READ_SHARE = 0.7
"""The share of an import's time spent reading and writing records, before the search index pass
(at 100,000 tasks on a 2-core machine about 3.5 s of 5), so the bar moves at an even pace."""


class ImportStage(StrEnum):
    READING = "reading"
    WRITING = "writing"
    INDEXING = "indexing"
    FINISHING = "finishing"
    DONE = "done"

    @property
    def cancellable(self) -> bool:
        """Whether a cancel now still leaves the store as it was before the import."""
        return self in (ImportStage.READING, ImportStage.WRITING, ImportStage.INDEXING)


@dataclass(frozen=True, slots=True)
class ImportProgress:
    """One report of an import's progress.

    ``fraction`` is the share of the import done (0.0 to 1.0; it never goes down): while reading
    and writing, :data:`READ_SHARE` times the share of the file's bytes whose records are in the
    transaction; while indexing, the rest in proportion to the new tasks indexed. ``records``
    counts the records read so far, good and bad.
    """

    path: str
    stage: ImportStage
    records: int
    fraction: float

    @property
    def percent(self) -> int:
        """Whole percent done: 100 only once the import is done, 99 at most before."""
        if self.stage is ImportStage.DONE:
            return 100
        return min(99, int(self.fraction * 100))
