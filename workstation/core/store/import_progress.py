"""How far the import of one task file got: what a progress bar shows and when Cancel still works.

An import goes through five stages. ``reading``: the file is opened, its format detected and
the first records parsed. ``writing``: records are checked and written to the store in batches,
inside the file's one transaction, and added to the search index every few thousand.
``indexing``: every record is written; the last new tasks are added to the search index.
``finishing``: everything is in; a cancel asked for before this report still rolls back, then
the transaction commits, which cannot be stopped half-way.
``done``: committed (or rolled back, for a file with bad records or a cancel). A cancel while
reading, writing or indexing rolls the whole file back: the store is as it was before the import.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

READ_SHARE = 0.7
"""The weight on the bar of reading and writing records; adding them to the search index takes
the rest. At 100,000 tasks on a 2-core machine the index costs about a third of the import."""


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

    ``fraction`` is the share of the import done (0.0 to 1.0; it never goes down): the share of
    the file's bytes whose records are in the transaction, weighted :data:`READ_SHARE`, plus the
    share whose records are in the search index, weighted the rest. ``records`` counts the
    records read so far, good and bad.
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
