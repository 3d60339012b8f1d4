"""The verdict bundle as a :class:`~workstation.core.bundles.kind.BundleKind` of the shared container."""

from __future__ import annotations

from workstation.core.bundles.kind import BundleKind
from workstation.core.verdicts.manifest import VerdictManifest
from workstation.core.verdicts.records import VERDICT_RECORDS
from workstation.core.verdicts.spec import VERDICT_KIND_NAME, VERDICT_MIMETYPE, VERDICT_SIGNATURE_COMMENT

VERDICT_BUNDLE: BundleKind[VerdictManifest] = BundleKind(
    name=VERDICT_KIND_NAME,
    mimetype=VERDICT_MIMETYPE,
    manifest_type=VerdictManifest,
    records=VERDICT_RECORDS,
    untrusted_comment=VERDICT_SIGNATURE_COMMENT,
)
