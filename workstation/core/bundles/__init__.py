"""Rewrite bundles v1: seal records into a signed, content-addressed zip, and open one safely.

Import from here. ``seal`` writes, ``verify`` reads, ``spec`` holds the format's fixed facts,
``manifest`` and ``records`` the two JSON payloads, ``zip_structure`` the strict zip reader and
``trust`` the signer policy.
"""

from workstation.core.bundles.build import ManifestHeader, SealedBundle, seal_bundle
from workstation.core.bundles.errors import BundleInputError, BundleRejected, RejectReason
from workstation.core.bundles.manifest import Manifest, parse_manifest
from workstation.core.bundles.records import REQUIRED_TEXT_FIELDS, RecordError, validate_record
from workstation.core.bundles.spec import (
    DEFAULT_LIMITS,
    FORMAT_NAME,
    FORMAT_VERSION,
    MIMETYPE,
    BundleLimits,
    bundle_id_for,
)
from workstation.core.bundles.trust import SignerTrust
from workstation.core.bundles.verify import VerifiedBundle, open_bundle

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
