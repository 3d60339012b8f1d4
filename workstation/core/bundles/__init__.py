"""Rewrite bundles v1: seal records into a signed, content-addressed zip, and open one safely.

Import from here. ``seal`` writes, ``verify`` reads, ``spec`` holds the format's fixed facts,
``manifest`` and ``records`` the two JSON payloads, ``zip_structure`` the strict zip reader and
``trust`` the signer policy.
"""

from typing import TYPE_CHECKING

from workstation.core.bundles.errors import BundleInputError, BundleRejected, RejectReason
from workstation.core.bundles.spec import (
    DEFAULT_LIMITS,
    FORMAT_NAME,
    FORMAT_VERSION,
    MIMETYPE,
    BundleLimits,
    bundle_id_for,
)
from workstation.core.lazy_names import lazy_module_getattr

if TYPE_CHECKING:
    from workstation.core.bundles.build import ManifestHeader, SealedBundle, seal_bundle
    from workstation.core.bundles.manifest import Manifest, parse_manifest
    from workstation.core.bundles.records import REQUIRED_TEXT_FIELDS, RecordError, validate_record
    from workstation.core.bundles.trust import SignerTrust
    from workstation.core.bundles.verify import VerifiedBundle, open_bundle

# Each name and the module it lives in, imported on first use: sealing and verifying load pydantic,
# the signing code and cryptography, which the window needs only when the writer seals or opens a bundle.
_LAZY_NAMES = {
    "ManifestHeader": "workstation.core.bundles.build",
    "SealedBundle": "workstation.core.bundles.build",
    "seal_bundle": "workstation.core.bundles.build",
    "Manifest": "workstation.core.bundles.manifest",
    "parse_manifest": "workstation.core.bundles.manifest",
    "REQUIRED_TEXT_FIELDS": "workstation.core.bundles.records",
    "RecordError": "workstation.core.bundles.records",
    "validate_record": "workstation.core.bundles.records",
    "SignerTrust": "workstation.core.bundles.trust",
    "VerifiedBundle": "workstation.core.bundles.verify",
    "open_bundle": "workstation.core.bundles.verify",
}

__all__ = [
    "DEFAULT_LIMITS",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "MIMETYPE",
    "REQUIRED_TEXT_FIELDS",
    "BundleInputError",
    "BundleLimits",
    "BundleRejected",
    "Manifest",
    "ManifestHeader",
    "RecordError",
    "RejectReason",
    "SealedBundle",
    "SignerTrust",
    "VerifiedBundle",
    "bundle_id_for",
    "open_bundle",
    "parse_manifest",
    "seal_bundle",
    "validate_record",
]

__getattr__ = lazy_module_getattr(__name__, _LAZY_NAMES)
