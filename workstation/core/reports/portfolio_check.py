"""Checking a portfolio against its manifest and the bundles it came from, as a third party would.

Once ``manifest.json``'s signature holds (``signed_record.check_record``), :func:`check_portfolio`
checks that every listed file is in the folder with its SHA-256 and size, and, given the bundles
(their bytes, from wherever the reviewer or collector keeps them), that each one verifies, is
signed by the portfolio's writer, that bundles following each other in the writer's chain link
by ``prev_bundle_id``, and that each listed rewrite is in its bundle with exactly the SHA-256
listed. Each problem is one sentence; none means the portfolio shows what was sealed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from itertools import pairwise
from pathlib import Path
from typing import Any

from workstation.core.bundles import BundleRejected, SignerTrust, VerifiedBundle, open_bundle
from workstation.core.bundles.manifest import Manifest
from workstation.core.bundles.spec import short_bundle_id
from workstation.core.reports.portfolio_site import FORMAT_NAME, page_or_top


def _file_problems(folder: Path, manifest: Mapping[str, Any]) -> list[str]:
    problems = []
    for entry in manifest["files"]:
        path = str(entry["path"])
        if page_or_top(path) is None:
            problems.append(f"the manifest lists {path!r}, which is not a portfolio file")
            continue
        try:
            data = (folder / path).read_bytes()
        except OSError:
            problems.append(f"{path} is missing")
            continue
        if hashlib.sha256(data).hexdigest() != entry["sha256"] or len(data) != entry["size"]:
            problems.append(f"{path} was changed after the portfolio was signed")
    listed = {str(entry["path"]): entry["sha256"] for entry in manifest["files"]}
    for rewrite in manifest["rewrites"]:
        if listed.get(rewrite["page"]) != rewrite["page_sha256"]:
            problems.append(f"the page of rewrite {rewrite['rewrite_id']!r} is not the one the files list")
    return problems


def _open(bundle_id: str, data: bytes, fingerprint: str) -> VerifiedBundle[Manifest] | str:
    try:
        bundle = open_bundle(data, trust=SignerTrust.accept_any(), expected_bundle_id=bundle_id)
    except BundleRejected as rejection:
        return f"bundle {short_bundle_id(bundle_id)} does not verify: {rejection.message}"
    if bundle.manifest.signer.fingerprint != fingerprint:
        return f"bundle {short_bundle_id(bundle_id)} was sealed by another key than the portfolio's"
    return bundle


def _bundle_problems(manifest: Mapping[str, Any], bundles: Mapping[str, bytes]) -> list[str]:
    problems: list[str] = []
    opened: dict[str, VerifiedBundle[Manifest]] = {}
    for bundle_id in manifest["bundles"]:
        if bundle_id not in bundles:
            problems.append(
                f"bundle {short_bundle_id(bundle_id)} was not among the bundles given (or does not verify), "
                "so its rewrites are unchecked"
            )
            continue
        result = _open(bundle_id, bundles[bundle_id], manifest["writer"]["fingerprint"])
        if isinstance(result, str):
            problems.append(result)
        else:
            opened[bundle_id] = result
    chain = sorted(opened.values(), key=lambda bundle: bundle.manifest.bundle_seq)
    for earlier, later in pairwise(chain):
        next_in_chain = later.manifest.bundle_seq == earlier.manifest.bundle_seq + 1
        if next_in_chain and later.manifest.prev_bundle_id != earlier.bundle_id:
            problems.append(
                f"bundle {short_bundle_id(later.bundle_id)} does not follow on from the one before"
            )
    sealed = {
        (bundle_id, record["rewrite_id"]): hashlib.sha256(record["rewrite"].encode("utf-8")).hexdigest()
        for bundle_id, bundle in opened.items()
        for record in bundle.records
    }
    for rewrite in manifest["rewrites"]:
        if rewrite["bundle_id"] not in opened:
            continue
        found = sealed.get((rewrite["bundle_id"], rewrite["rewrite_id"]))
        if found is None:
            problems.append(f"rewrite {rewrite['rewrite_id']!r} is not in the bundle the manifest names")
        elif found != rewrite["rewrite_sha256"]:
            problems.append(f"rewrite {rewrite['rewrite_id']!r} is not the text sealed in its bundle")
    return problems


def check_portfolio(
    folder: Path, manifest_bytes: bytes, bundles: Mapping[str, bytes] | None = None
) -> list[str]:
    """The problems of the portfolio in ``folder`` whose (already verified) manifest is
    ``manifest_bytes``; ``bundles`` (bundle id → bytes) adds the checks against the bundles."""
    try:
        manifest = json.loads(manifest_bytes)
        if manifest.get("format") != FORMAT_NAME:
            return ["the signed record is not a portfolio manifest"]
        problems = _file_problems(folder, manifest)
        if bundles is not None:
            problems += _bundle_problems(manifest, bundles)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        return [f"the portfolio manifest cannot be read ({exc.__class__.__name__})"]
    return problems


def bundles_in(folder: Path) -> dict[str, bytes]:
    """Every file directly in ``folder`` that is a rewrite bundle, by its id (others are skipped)."""
    found: dict[str, bytes] = {}
    for path in sorted(folder.iterdir()):
        if not path.is_file():
            continue
        data = path.read_bytes()
        try:
            bundle = open_bundle(data, trust=SignerTrust.accept_any())
        except BundleRejected:
            continue
        found[bundle.bundle_id] = data
    return found
