"""Finding the exact rewrite text a verdict judged, in this store's own bundles.

A writer's store holds the rewrite bundles it sealed (the outbox, exact bytes); a reviewer's
store holds the ones it received (the inbox). A verdict names a bundle and a rewrite in it; the
text it judged is read from that bundle as sealed, never from the editable draft, so a verdict
can be checked even after its task was reopened for revision.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from workstation.core.bundles import BundleRejected, SignerTrust, open_bundle
from workstation.core.models import Verdict, sha256_text
from workstation.core.store import Store

Holder = Literal["outbox", "inbox"]


@dataclass(frozen=True)
class JudgedText:
    """Where the judged rewrite was found, and its record as sealed (texts included)."""

    holder: Holder
    record: dict[str, Any]

    @property
    def text(self) -> str:
        text: str = self.record["rewrite"]
        return text


class UnknownReviewedBundle(LookupError):
    """The verdict names a bundle this store never sealed nor received."""


class VerdictMismatch(ValueError):
    """The verdict does not fit the bundle it names (no such rewrite, another task, another text)."""


class JudgedTexts:
    """Looks up judged rewrites, opening each of the writer's own bundles at most once."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._outbox_records: dict[str, dict[str, dict[str, Any]]] = {}

    def find(self, verdict: Verdict) -> JudgedText:
        """The rewrite ``verdict`` judged, checked against its sha256.

        Raises UnknownReviewedBundle or VerdictMismatch (with a sentence saying what does not fit).
        """
        found = self._lookup(verdict)
        record = found.record
        if record.get("task_id") != verdict.task_id:
            raise VerdictMismatch(
                f"the verdict names task {verdict.task_id!r}, but rewrite {verdict.rewrite_id!r} "
                f"in that bundle is of task {record.get('task_id')!r}"
            )
        if sha256_text(found.text) != verdict.rewrite_sha256:
            raise VerdictMismatch(
                f"the verdict judged a text (sha256 {verdict.rewrite_sha256[:16]}) that is not the text "
                f"sealed as rewrite {verdict.rewrite_id!r}"
            )
        return found

    def _lookup(self, verdict: Verdict) -> JudgedText:
        if self._store.outbox.get(verdict.bundle_id) is not None:
            records = self._own_records(verdict.bundle_id)
            record = records.get(verdict.rewrite_id)
            if record is None:
                raise VerdictMismatch(f"your bundle has no rewrite {verdict.rewrite_id!r}")
            return JudgedText("outbox", record)
        if self._store.inbox.has_bundle(verdict.bundle_id):
            item = self._store.inbox.item(verdict.rewrite_id)
            if item is None or item.bundle_id != verdict.bundle_id:
                raise VerdictMismatch(f"the received bundle has no rewrite {verdict.rewrite_id!r}")
            return JudgedText("inbox", self._store.inbox.record(verdict.rewrite_id))
        raise UnknownReviewedBundle(
            f"it judges bundle {verdict.bundle_id[:23]}…, which this data folder never sealed nor received"
        )

    def _own_records(self, bundle_id: str) -> dict[str, dict[str, Any]]:
        cached = self._outbox_records.get(bundle_id)
        if cached is None:
            data = self._store.outbox.get_bytes(bundle_id)
            try:
                opened = open_bundle(data, trust=SignerTrust.accept_any(), expected_bundle_id=bundle_id)
            except BundleRejected as exc:  # our own sealed bytes: only damage gets here
                raise VerdictMismatch(f"your sealed bundle no longer verifies ({exc.message})") from exc
            cached = {record["rewrite_id"]: record for record in opened.records}
            self._outbox_records[bundle_id] = cached
        return cached
