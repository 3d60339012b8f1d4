"""The fixed facts of verdict bundle v1 that differ from a rewrite bundle's.

A verdict bundle is the same v1 container (``core/bundles/spec.py``: member order, timestamps,
minisign signature of the manifest, limits) with its own format name, media type and records
member, so no reader can take one kind for the other.
"""

from __future__ import annotations

from typing import Final

VERDICT_FORMAT_NAME: Final = "rewrite-workstation.verdicts"
VERDICT_MIMETYPE: Final = "application/vnd.rewrite-workstation.verdicts.v1+zip"
VERDICT_RECORDS_MEMBER: Final = "records/verdicts.jsonl"
VERDICT_SIGNATURE_COMMENT: Final = "rewrite-workstation verdict bundle manifest signature"
VERDICT_KIND_NAME: Final = "verdicts"
"""How the outbox and the inbox file verdict bundles, and the manifest's ``counts`` field."""
