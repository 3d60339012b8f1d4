"""Sealing the reviewer's verdicts into the outbox: one chain per signer and kind, all or nothing."""

from __future__ import annotations

import pytest

from tests.core.bundles.seal_testkit import KEY, WRITER
from tests.core.verdicts.verdict_testkit import SEALED_AT, WriterDesk
from workstation.core.bundles import SignerTrust
from workstation.core.bundles.seal_work import seal_submitted
from workstation.core.store.verdicts import VerdictQueries
from workstation.core.verdicts import count_unsealed_verdicts, seal_verdicts, verify_verdict_bundle


def test_nothing_to_seal(desk: WriterDesk) -> None:
    assert seal_verdicts(desk.store, KEY, WRITER) is None
    assert [row.kind for row in desk.store.outbox.rows()] == ["rewrites"]


def test_verdicts_go_out_in_their_own_chain_and_are_marked_sealed(desk: WriterDesk) -> None:
    first, second, third = list(desk.records)
    store, me = desk.store, KEY.public_key.fingerprint  # the writer also reviews, with the same key
    own = [
        desk.verdict(first, reviewer_name=WRITER, reviewer_fingerprint=me),
        desk.verdict(second, "reject", reviewer_name="Old Name", reviewer_fingerprint=me),
    ]
    for verdict in own:
        store.verdicts.add(verdict)
    assert count_unsealed_verdicts(store, me) == 2

    result = seal_verdicts(store, KEY, WRITER, created_at=SEALED_AT)

    assert result is not None and (result.bundle_seq, result.prev_bundle_id) == (1, None)
    assert result.reviewed_bundles == (desk.bundle_id,) and result.record_count == 2
    row = store.outbox.get(result.bundle_id)
    assert row is not None and row.kind == "verdicts" and row.state == "pending"
    assert store.outbox.get_bytes(result.bundle_id) == result.data
    opened = verify_verdict_bundle(result.data, SignerTrust.only_key(KEY.public_key))
    assert {v.reviewer_name for v in opened.verdicts} == {WRITER}  # sealed under the signing name
    assert count_unsealed_verdicts(store, me) == 0
    assert store.verdicts.undo_last(me) is None  # sealed verdicts cannot be taken back

    store.verdicts.add(desk.verdict(third, reviewer_name=WRITER, reviewer_fingerprint=me))
    later = seal_verdicts(store, KEY, WRITER)
    assert later is not None and (later.bundle_seq, later.prev_bundle_id) == (2, result.bundle_id)
    rewrites_head = store.outbox.chain_head(me, "rewrites")
    assert rewrites_head is not None and rewrites_head.bundle_id == desk.bundle_id
    assert seal_submitted(store, KEY, WRITER) is None


@pytest.mark.parametrize("error", [RuntimeError("injected"), KeyboardInterrupt()], ids=["error", "interrupt"])
def test_a_failure_while_marking_leaves_nothing_sealed(
    desk: WriterDesk, monkeypatch: pytest.MonkeyPatch, error: BaseException
) -> None:
    me = KEY.public_key.fingerprint
    desk.store.verdicts.add(
        desk.verdict(next(iter(desk.records)), reviewer_name=WRITER, reviewer_fingerprint=me)
    )

    def failing(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(VerdictQueries, "mark_sealed", failing)
    with pytest.raises(type(error)):
        seal_verdicts(desk.store, KEY, WRITER)
    monkeypatch.undo()
    assert [row.kind for row in desk.store.outbox.rows()] == ["rewrites"]
    assert count_unsealed_verdicts(desk.store, me) == 1
