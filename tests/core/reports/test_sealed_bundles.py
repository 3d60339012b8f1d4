"""A receipt or portfolio never vouches for outbox bytes that no longer verify."""

from __future__ import annotations

import pytest

from tests.core.verdicts.verdict_testkit import WriterDesk, desk
from workstation.core.reports.receipt import ReceiptError
from workstation.core.reports.sealed_bundles import reopen_sealed

__all__ = ["desk"]  # the fixture


def test_the_sealed_bundle_reopens_with_its_records(desk: WriterDesk) -> None:
    bundle = reopen_sealed(desk.store, desk.bundle_id, error=ReceiptError, made="receipt")
    assert bundle.bundle_id == desk.bundle_id and len(bundle.records) == len(desk.records)


def test_damaged_outbox_bytes_are_refused_in_words(desk: WriterDesk) -> None:
    data = bytearray(desk.store.outbox.get_bytes(desk.bundle_id))
    data[len(data) // 2] ^= 0x01
    with desk.store.database.write() as conn:
        conn.execute("UPDATE outbox SET data = ? WHERE bundle_id = ?", (bytes(data), desk.bundle_id))

    with pytest.raises(ReceiptError, match=r"in the outbox does not verify .*; no receipt was made"):
        reopen_sealed(desk.store, desk.bundle_id, error=ReceiptError, made="receipt")
