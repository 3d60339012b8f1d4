"""Sealing past bad records and past one bundle's size: the rest is sealed, nothing is lost.

A record that cannot be bundled (an infinity or a value nested too deeply, stored before imports
refused them) is left out with a sentence naming its task and stays submitted; work past one
bundle's records limit waits for the next seal.
"""

from __future__ import annotations

import pytest

from tests.core.bundles.seal_testkit import KEY, WRITER, assert_consistent, submit, task_ids
from workstation.core.bundles import BundleInputError, BundleLimits, SignerTrust, open_bundle, seal_work
from workstation.core.bundles.records import encode_record
from workstation.core.bundles.seal_work import count_unsealed, effort_at_seal, seal_submitted
from workstation.core.formats.json_limits import MAX_RECORD_DEPTH
from workstation.core.records import bundle_record
from workstation.core.store import Store


def _store_metadata(store: Store, task_id: str, metadata_json: str) -> None:
    """Put a value into the store as an older version could have imported it."""
    store.database.conn.execute("UPDATE tasks SET metadata = ? WHERE id = ?", (metadata_json, task_id))


@pytest.mark.parametrize(
    ("stored", "said"),
    [
        ('{"score": 1e400}', "metadata.score (inf) is not a finite number"),
        (
            '{"deep": ' + "[" * 150 + "]" * 150 + "}",
            f"nested too deeply (more than {MAX_RECORD_DEPTH} levels)",
        ),
    ],
    ids=["infinity", "too-deep"],
)
def test_one_record_that_cannot_be_bundled_is_left_out_and_named(
    store: Store, stored: str, said: str
) -> None:
    ids = task_ids(store)
    for task_id in ids[:3]:
        submit(store, task_id)
    _store_metadata(store, ids[1], stored)
    result = seal_submitted(store, KEY, WRITER)
    assert result is not None and result.record_count == 2
    (left_out,) = result.left_out
    assert left_out.task_id == ids[1]
    assert said in str(left_out) and str(left_out).startswith(f"task {ids[1]!r} was not sealed: ")
    verified = open_bundle(result.data, trust=SignerTrust.only_key(KEY.public_key))
    assert sorted(record["task_id"] for record in verified.records) == sorted([ids[0], ids[2]])
    assert count_unsealed(store) == 1  # still submitted, still waiting, sealed by nothing
    with pytest.raises(BundleInputError, match=said.replace("(", r"\(").replace(")", r"\)")):
        seal_submitted(store, KEY, WRITER)
    assert len(store.outbox.rows()) == 1


def test_when_no_record_can_be_bundled_nothing_is_sealed(store: Store) -> None:
    ids = task_ids(store)
    submit(store, ids[0], metrics={"ratio": float("nan")})  # JSON cannot hold NaN exactly
    submit(store, ids[1], metrics={"ratio": float("inf")})
    with pytest.raises(BundleInputError) as caught:
        seal_submitted(store, KEY, WRITER)
    assert f"task {ids[0]!r} was not sealed" in str(caught.value)
    assert f"task {ids[1]!r} was not sealed" in str(caught.value)
    assert_consistent(store, 2)
    assert store.outbox.rows() == [] and count_unsealed(store) == 2


def test_a_bad_signer_name_seals_nothing(store: Store) -> None:
    submit(store, task_ids(store)[0])
    with pytest.raises(BundleInputError):
        seal_submitted(store, KEY, "bad\nname")
    assert store.outbox.rows() == [] and count_unsealed(store) == 1


def _records_lines(store: Store) -> list[bytes]:
    with store.database.write() as conn:
        pairs = store.rewrites.unsealed_pairs(conn)
    return [
        encode_record(bundle_record(task, rewrite, effort_at_seal(store, task, rewrite)))
        for task, rewrite in pairs
    ]


def test_work_beyond_one_bundle_waits_for_the_next_seal(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = task_ids(store)
    for task_id in ids[:4]:
        submit(store, task_id)
    sizes = sorted(len(line) + 1 for line in _records_lines(store))
    monkeypatch.setattr(seal_work, "DEFAULT_LIMITS", BundleLimits(max_member_bytes=sizes[0] + sizes[1]))
    first = seal_submitted(store, KEY, WRITER)
    assert first is not None and 1 <= first.record_count <= 2
    assert first.waiting == 4 - first.record_count
    second = seal_submitted(store, KEY, WRITER)
    assert second is not None and second.prev_bundle_id == first.bundle_id
    assert first.record_count + second.record_count + second.waiting == 4
