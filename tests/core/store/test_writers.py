"""The reviewer's keyring: pending first keys, one name per key, a second key only when asked."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.review.review_testkit import ADA, ADA_KEY, ADA_NEW_KEY, BEN, BEN_KEY
from workstation.core.review.keyring import trust_for_inbox
from workstation.core.store import Store
from workstation.core.store.writers import UnknownWriterKey, WriterConflict


def test_a_pending_key_becomes_trusted_when_confirmed(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        pending = store.writers.pending(ADA, ADA_KEY.public_key)
        assert pending.state == "pending" and pending.confirmed_at is None
        assert store.writers.pending(ADA, ADA_KEY.public_key) == pending  # seen again: unchanged
        assert trust_for_inbox(store).check(ADA, ADA_KEY.public_key.fingerprint) is False  # still unknown
        trusted = store.writers.trust(ADA, ADA_KEY.public_key)
        assert trusted.trusted and trusted.confirmed_at is not None and trusted.added_at == pending.added_at
        assert trust_for_inbox(store).check(ADA, ADA_KEY.public_key.fingerprint) is True


def test_one_key_has_one_name(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        store.writers.trust(ADA, ADA_KEY.public_key)
        with pytest.raises(WriterConflict, match="already trusted as writer 'Ada Writer'"):
            store.writers.trust(BEN, ADA_KEY.public_key)
        store.writers.pending(BEN, BEN_KEY.public_key)
        with pytest.raises(WriterConflict, match="signs its bundles as 'Ben Writer'"):
            store.writers.trust("Benjamin", BEN_KEY.public_key)


def test_a_second_key_for_a_writer_needs_asking(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        store.writers.trust(ADA, ADA_KEY.public_key)
        with pytest.raises(WriterConflict, match="--another-key"):
            store.writers.trust(ADA, ADA_NEW_KEY.public_key)
        store.writers.trust(ADA, ADA_NEW_KEY.public_key, another_key=True)
        assert {writer.fingerprint for writer in store.writers.by_name(ADA)} == {
            ADA_KEY.public_key.fingerprint,
            ADA_NEW_KEY.public_key.fingerprint,
        }


def test_keys_are_found_by_a_start_of_their_fingerprint_and_forgotten(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        store.writers.trust(ADA, ADA_KEY.public_key)
        fingerprint = ADA_KEY.public_key.fingerprint
        assert store.writers.resolve(fingerprint[:16].upper()).name == ADA
        for bad in ("abc", "zz" * 8, "0" * 16):
            with pytest.raises(UnknownWriterKey):
                store.writers.resolve(bad)
        assert store.writers.forget(fingerprint) and not store.writers.forget(fingerprint)
        assert store.writers.all() == []
