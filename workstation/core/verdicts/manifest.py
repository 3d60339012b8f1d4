"""A verdict bundle's ``manifest.json``: the shared v1 fields plus the bundles it reviews.

``reviewed_bundles`` names every rewrite bundle a verdict in it judges (sorted, each once), so a
writer sees from the signed manifest alone which of their bundles were reviewed.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Annotated, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr, model_validator

from workstation.core.bundles.manifest import ManifestBase
from workstation.core.verdicts.spec import VERDICT_FORMAT_NAME, VERDICT_RECORDS_MEMBER

_BUNDLE_ID = r"^sha256:[0-9a-f]{64}$"


class VerdictCounts(BaseModel):
    """How many verdicts the bundle carries (checked against the records on open)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    verdicts: Annotated[StrictInt, Field(ge=0)]


class VerdictManifest(ManifestBase):
    """The whole of a verdict bundle's ``manifest.json`` in format version 1."""

    FORMAT_NAME: ClassVar[str] = VERDICT_FORMAT_NAME
    RECORDS_MEMBER: ClassVar[str] = VERDICT_RECORDS_MEMBER

    format: Literal["rewrite-workstation.verdicts"]
    counts: VerdictCounts
    reviewed_bundles: Annotated[
        tuple[Annotated[StrictStr, Field(pattern=_BUNDLE_ID)], ...], Field(min_length=1)
    ]

    @model_validator(mode="after")
    def _reviewed_sorted_once(self) -> VerdictManifest:
        if any(later <= earlier for earlier, later in pairwise(self.reviewed_bundles)):
            raise ValueError("reviewed_bundles must be sorted, each bundle once")
        return self
