"""Verdict bundles: a reviewer's signed verdicts, sealed, verified and taken into a store.

``seal`` writes one, ``verify`` opens one, ``seal_work`` seals the reviewer's verdicts into the
outbox, ``apply`` takes a verified one into a store (the writer's side reopens tasks), ``trust``
is the writer's policy for reviewers' keys. The container is the rewrite bundle's
(``core/bundles``), with this package's format, mimetype and records (``spec``, ``kind``).
"""

from typing import TYPE_CHECKING

from workstation.core.lazy_names import lazy_module_getattr
from workstation.core.verdicts.spec import VERDICT_FORMAT_NAME, VERDICT_MIMETYPE, VERDICT_RECORDS_MEMBER

if TYPE_CHECKING:
    from workstation.core.verdicts.apply import VerdictImport, VerdictProblem, apply_verdict_bundle
    from workstation.core.verdicts.manifest import VerdictManifest
    from workstation.core.verdicts.seal import seal_verdict_bundle
    from workstation.core.verdicts.seal_work import VerdictSealResult, count_unsealed_verdicts, seal_verdicts
    from workstation.core.verdicts.trust import reviewer_trust
    from workstation.core.verdicts.verify import VerifiedVerdicts, is_verdict_bundle, verify_verdict_bundle

# Each name and the module it lives in, imported on first use: sealing, verifying and applying
# verdicts load pydantic, the bundle code and cryptography; a comment's anchor needs none of them.
_LAZY_NAMES = {
    "VerdictImport": "workstation.core.verdicts.apply",
    "VerdictProblem": "workstation.core.verdicts.apply",
    "apply_verdict_bundle": "workstation.core.verdicts.apply",
    "VerdictManifest": "workstation.core.verdicts.manifest",
    "seal_verdict_bundle": "workstation.core.verdicts.seal",
    "VerdictSealResult": "workstation.core.verdicts.seal_work",
    "count_unsealed_verdicts": "workstation.core.verdicts.seal_work",
    "seal_verdicts": "workstation.core.verdicts.seal_work",
    "reviewer_trust": "workstation.core.verdicts.trust",
    "VerifiedVerdicts": "workstation.core.verdicts.verify",
    "is_verdict_bundle": "workstation.core.verdicts.verify",
    "verify_verdict_bundle": "workstation.core.verdicts.verify",
}

__all__ = [
    "VERDICT_FORMAT_NAME",
    "VERDICT_MIMETYPE",
    "VERDICT_RECORDS_MEMBER",
    "VerdictImport",
    "VerdictManifest",
    "VerdictProblem",
    "VerdictSealResult",
    "VerifiedVerdicts",
    "apply_verdict_bundle",
    "count_unsealed_verdicts",
    "is_verdict_bundle",
    "reviewer_trust",
    "seal_verdict_bundle",
    "seal_verdicts",
    "verify_verdict_bundle",
]

__getattr__ = lazy_module_getattr(__name__, _LAZY_NAMES)
