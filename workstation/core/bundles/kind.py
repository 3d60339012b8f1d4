"""What makes one kind of bundle: the format, media type, records member and record rules.

Every kind shares the v1 container (``spec``), the sealer (``build.seal_container``) and the
verifier (``verify.open_container``); a :class:`BundleKind` is the whole of what differs. Rewrite
bundles are :data:`REWRITE_BUNDLE`; verdict bundles are defined in ``core/verdicts/kind.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from workstation.core.bundles.manifest import Manifest, ManifestBase
from workstation.core.bundles.records import REWRITE_RECORDS, RecordRules
from workstation.core.bundles.spec import MIMETYPE, SIGNATURE_UNTRUSTED_COMMENT


@dataclass(frozen=True)
class BundleKind[M: ManifestBase]:
    """One bundle kind. ``name`` is how the outbox and inbox file it (``rewrites``, ``verdicts``)
    and the name of the manifest's one ``counts`` field."""

    name: str
    mimetype: str
    manifest_type: type[M]
    records: RecordRules
    untrusted_comment: str

    @property
    def format_name(self) -> str:
        return self.manifest_type.FORMAT_NAME

    @property
    def records_member(self) -> str:
        return self.manifest_type.RECORDS_MEMBER

    def record_count(self, manifest: ManifestBase) -> int:
        """How many records the manifest says the bundle holds."""
        count: int = getattr(manifest.counts, self.name)
        return count


REWRITE_BUNDLE: BundleKind[Manifest] = BundleKind(
    name="rewrites",
    mimetype=MIMETYPE,
    manifest_type=Manifest,
    records=REWRITE_RECORDS,
    untrusted_comment=SIGNATURE_UNTRUSTED_COMMENT,
)
