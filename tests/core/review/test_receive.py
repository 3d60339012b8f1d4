"""Receiving bundles: first keys wait for confirmation, bad bundles stay out with a reason."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from tests.core.review.review_testkit import ADA, ADA_KEY, BEN, BEN_KEY, chain, record, seal, write
from tests.core.verdicts.verdict_testkit import WriterDesk, seal_for
from workstation.core.review.figures_pass import fill_figures
from workstation.core.review.receive import ReceiveTrust, receive
from workstation.core.store import Store
from workstation.core.sync.target_file import FileTarget


def _trust(store: Store, *keys_and_names: tuple[str, object]) -> None:
    for name, key in keys_and_names:
        store.writers.trust(name, key.public_key)  # type: ignore[attr-defined]


def test_a_first_key_waits_for_confirmation_then_the_bundle_comes_in(store: Store, tmp_path: Path) -> None:
    (bundle,) = chain(ADA_KEY, ADA, 1, per_bundle=3)
    path = write(tmp_path / "in", "ada-1.zip", bundle)

    first = receive(store, [str(path)])

    assert first.added == [] and store.inbox.count() == 0
    (unknown,) = first.needs_confirmation
    assert (unknown.name, unknown.fingerprint) == (ADA, ADA_KEY.public_key.fingerprint)
    assert unknown.short_fingerprint == ADA_KEY.public_key.fingerprint[:16]
    (pending,) = store.writers.all()
    assert pending.state == "pending" and pending.name == ADA

    store.writers.trust(ADA, ADA_KEY.public_key)
    second = receive(store, [str(path)])

    assert [added.bundle_id for added in second.added] == [bundle.bundle_id]
    assert second.needs_confirmation == [] and second.refused == []
    assert store.inbox.count() == 3
    assert store.inbox.bundle(bundle.bundle_id).chain_problem is None  # type: ignore[union-attr]


def test_confirming_during_the_import_lets_the_bundle_in_at_once(store: Store, tmp_path: Path) -> None:
    (bundle,) = chain(ADA_KEY, ADA, 1)
    path = write(tmp_path, "b.zip", bundle)
    report = receive(store, [str(path)], trust=ReceiveTrust(frozenset({ADA_KEY.public_key.fingerprint})))
    assert len(report.added) == 1
    assert store.writers.by_name(ADA)[0].trusted


def test_a_bundle_already_in_the_inbox_is_not_added_twice(store: Store, tmp_path: Path) -> None:
    _trust(store, (ADA, ADA_KEY))
    (bundle,) = chain(ADA_KEY, ADA, 1, per_bundle=4)
    one = write(tmp_path / "a", "x.zip", bundle)
    copy = write(tmp_path / "b", "copy-of-x.zip", bundle)
    assert len(receive(store, [str(one)]).added) == 1
    again = receive(store, [str(one), str(copy)])
    assert again.added == [] and again.already_there == [bundle.bundle_id, bundle.bundle_id]
    assert store.inbox.count() == 4 and len(store.inbox.bundles()) == 1


def test_the_figures_are_the_reviewers_own_not_the_writers_claims(store: Store, tmp_path: Path) -> None:
    _trust(store, (ADA, ADA_KEY))
    bundle = seal(ADA_KEY, ADA, 1, None, [record(ADA, 1, metrics={"edit": {"word_edit_rate": 0.0}})])
    receive(store, [str(write(tmp_path, "b.zip", bundle))])
    assert store.inbox.items()[0].figures is None  # received: the figures pass has not run yet

    assert fill_figures(store) == 1

    (item,) = store.inbox.items()
    assert item.figures is not None
    assert item.figures.edit_rate > 0.5  # the rewrite changed most words, whatever the record says
    assert item.figures.findings_before > item.figures.findings_after  # "delve", "tapestry" went
    assert item.figures.words_original > item.figures.words_rewrite > 0
    assert (item.writer_name, item.model, item.status, item.active_seconds) == (
        ADA,
        "model-a",
        "submitted",
        42.0,
    )
    assert store.inbox.record(item.item_id)["notes"] == "kept the list"


def test_tampered_and_unsigned_bundles_stay_out_with_their_reason(store: Store, tmp_path: Path) -> None:
    _trust(store, (ADA, ADA_KEY))
    (bundle,) = chain(ADA_KEY, ADA, 1)
    tampered = bytearray(bundle.data)
    at = tampered.index(b"manifest.json.minisig") - 40  # inside the manifest's bytes
    tampered[at] ^= 0x01
    unsigned = tmp_path / "unsigned.zip"
    with (
        zipfile.ZipFile(unsigned, "w") as archive,
        zipfile.ZipFile(write(tmp_path, "ok.zip", bundle)) as good,
    ):
        for info in good.infolist():
            if info.filename != "manifest.json.minisig":
                archive.writestr(info, good.read(info))
    report = receive(store, [str(write(tmp_path, "tampered.zip", bytes(tampered))), str(unsigned)])
    assert report.added == [] and store.inbox.count() == 0
    reasons = {Path(refusal.source).name: refusal for refusal in report.refused}
    assert reasons["tampered.zip"].code in {
        "bad_signature",
        "manifest_invalid",
        "corrupt_member",
        "hash_mismatch",
    }
    assert reasons["unsigned.zip"].code == "missing_member"
    assert "manifest.json.minisig" in reasons["unsigned.zip"].reason


def test_a_changed_key_for_a_known_writer_is_refused_loudly(store: Store, tmp_path: Path) -> None:
    _trust(store, (ADA, ADA_KEY))
    from tests.core.review.review_testkit import ADA_NEW_KEY

    (impostor,) = chain(ADA_NEW_KEY, ADA, 1)
    report = receive(store, [str(write(tmp_path, "b.zip", impostor))])
    (refusal,) = report.refused
    assert refusal.code == "signer_key_changed"
    assert ADA_KEY.public_key.fingerprint[:16] in refusal.reason
    assert ADA_NEW_KEY.public_key.fingerprint[:16] in refusal.reason
    assert report.needs_confirmation == []  # never offered as a "new writer" to wave through
    assert [writer.fingerprint for writer in store.writers.all()] == [ADA_KEY.public_key.fingerprint]


def test_a_known_key_under_another_name_is_refused(store: Store, tmp_path: Path) -> None:
    _trust(store, (ADA, ADA_KEY))
    (renamed,) = chain(ADA_KEY, "Eve Writer", 1)
    (refusal,) = receive(store, [str(write(tmp_path, "b.zip", renamed))]).refused
    assert refusal.code == "signer_name_mismatch" and "Ada Writer" in refusal.reason


def test_a_pending_key_under_another_name_is_refused_too(store: Store, tmp_path: Path) -> None:
    (first,) = chain(BEN_KEY, BEN, 1)
    assert receive(store, [str(write(tmp_path, "b1.zip", first))]).needs_confirmation
    (renamed,) = chain(BEN_KEY, "Bernard", 1, first_index=50)
    (refusal,) = receive(store, [str(write(tmp_path, "b2.zip", renamed))]).refused
    assert refusal.code == "signer_name_mismatch" and "Ben Writer" in refusal.reason


def test_a_gap_is_recorded_and_cleared_when_the_missing_bundle_arrives(store: Store, tmp_path: Path) -> None:
    _trust(store, (ADA, ADA_KEY))
    first, second, third = chain(ADA_KEY, ADA, 3)
    report = receive(store, [str(write(tmp_path, "1.zip", first)), str(write(tmp_path, "3.zip", third))])
    assert len(report.added) == 2
    (gap,) = report.chain_problems
    assert gap.kind == "gap" and gap.bundle_seq == 3
    recorded = store.inbox.bundle(third.bundle_id)
    assert recorded is not None and recorded.chain_problem == gap.sentence
    assert "bundle #2" in gap.sentence and "not arrived" in gap.sentence

    receive(store, [str(write(tmp_path, "2.zip", second))])
    assert store.inbox.bundle(third.bundle_id).chain_problem is None  # type: ignore[union-attr]


def test_a_fork_is_refused_and_reported(store: Store, tmp_path: Path) -> None:
    _trust(store, (ADA, ADA_KEY))
    first, second = chain(ADA_KEY, ADA, 2)
    rival = seal(ADA_KEY, ADA, 2, first.bundle_id, [record(ADA, 70)])
    report = receive(
        store, [str(write(tmp_path, n, b)) for n, b in (("1", first), ("2", second), ("r", rival))]
    )
    assert [bundle.bundle_id for bundle in report.added] == [first.bundle_id, second.bundle_id]
    (refusal,) = report.refused
    assert refusal.code == "chain_fork" and "forked" in refusal.reason
    assert [problem.kind for problem in report.chain_problems] == ["fork"]
    assert not store.inbox.has_bundle(rival.bundle_id)


def test_a_replayed_older_bundle_is_not_taken_again(store: Store, tmp_path: Path) -> None:
    _trust(store, (ADA, ADA_KEY))
    bundles = chain(ADA_KEY, ADA, 3)
    receive(store, [str(write(tmp_path, f"{n}.zip", b)) for n, b in enumerate(bundles)])
    replay = receive(store, [str(tmp_path / "0.zip")])
    assert replay.added == [] and replay.already_there == [bundles[0].bundle_id]
    assert len(store.inbox.bundles()) == 3


def test_a_folder_lists_what_is_not_a_bundle_and_skips_hidden_files(store: Store, tmp_path: Path) -> None:
    _trust(store, (ADA, ADA_KEY))
    folder = tmp_path / "drop"
    write(folder, "good.zip", chain(ADA_KEY, ADA, 1)[0])
    write(folder, "README.txt", b"these are the bundles from June\n")
    write(folder, ".good.zip.part", b"half a bundle")
    (folder / "nested").mkdir()
    report = receive(store, [str(folder)])
    assert len(report.added) == 1
    (refusal,) = report.refused
    assert Path(refusal.source).name == "README.txt" and refusal.code == "not_a_zip"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_or_a_device_is_refused_without_being_read(store: Store, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.zip"
    os.mkfifo(fifo)
    report = receive(store, [str(fifo), "/dev/zero"])
    assert [Path(refusal.source).name for refusal in report.refused] == ["pipe.zip", "zero"]
    assert all("not a bundle" in refusal.reason for refusal in report.refused)


def test_missing_and_unsupported_sources_are_refusals(store: Store, tmp_path: Path) -> None:
    report = receive(
        store, [str(tmp_path / "nowhere"), (tmp_path / "unplugged").as_uri(), "https://example.invalid/x"]
    )
    assert len(report.refused) == 3 and report.added == []
    assert "does not exist" in report.refused[1].reason
    assert "file:///dir and s3://" in report.refused[2].reason


def test_pulling_from_a_file_target_checks_each_bundle_is_stored_under_its_id(
    store: Store, tmp_path: Path
) -> None:
    _trust(store, (ADA, ADA_KEY))
    first, second = chain(ADA_KEY, ADA, 2)
    target = FileTarget(tmp_path / "share")
    target.folder.mkdir()
    target.put(first.bundle_id, first.data)
    target.path_for(second.bundle_id).write_bytes(first.data)  # the wrong bytes under the second's name
    report = receive(store, [target.url])
    assert [bundle.bundle_id for bundle in report.added] == [first.bundle_id]
    (refusal,) = report.refused
    assert refusal.code == "bundle_id_mismatch"


def test_cancel_stops_between_bundles_with_every_bundle_before_in(store: Store, tmp_path: Path) -> None:
    _trust(store, (ADA, ADA_KEY))
    paths = [str(write(tmp_path, f"{n}.zip", b)) for n, b in enumerate(chain(ADA_KEY, ADA, 5))]
    progress: list[tuple[int, int]] = []
    report = receive(
        store,
        paths,
        on_progress=lambda done, total: progress.append((done, total)),
        should_cancel=lambda: len(progress) >= 2,
    )
    assert report.cancelled and len(report.added) == 2 and store.inbox.count() == 4
    assert progress == [(1, 5), (2, 5)]


def test_a_verdict_bundle_goes_to_the_verdict_code_and_a_revision_reopens_the_writers_task(
    desk: WriterDesk, tmp_path: Path
) -> None:
    revised = next(iter(desk.records))
    path = tmp_path / "verdicts.zip"
    path.write_bytes(seal_for([desk.anchored_revise(revised)]))

    report = receive(desk.store, [str(path)])

    assert report.refused == [] and report.added == []
    (outcome,) = report.verdicts
    assert outcome.added and outcome.reopened == (revised,)
    assert receive(desk.store, [str(path)]).verdicts[0].already_held


def test_a_tampered_verdict_bundle_is_refused_with_its_reason(desk: WriterDesk, tmp_path: Path) -> None:
    data = bytearray(seal_for([desk.verdict(next(iter(desk.records)))]))
    data[len(data) // 2] ^= 0x01  # one bit inside a member: the zip, a hash or the signature says so
    path = tmp_path / "verdicts.zip"
    path.write_bytes(bytes(data))

    (refusal,) = receive(desk.store, [str(path)]).refused

    assert refusal.source == str(path) and refusal.code is not None
    assert desk.store.verdicts.for_task(next(iter(desk.records))) == ()


def test_a_writer_pulling_from_their_own_target_skips_their_own_bundles(
    desk: WriterDesk, tmp_path: Path
) -> None:
    target = tmp_path / "target"
    target.mkdir()
    (target / f"{desk.bundle_id}.zip").write_bytes(desk.store.outbox.get_bytes(desk.bundle_id))

    report = receive(desk.store, [str(target)])

    assert report.own_bundles == [desk.bundle_id]
    assert report.added == [] and report.needs_confirmation == [] and report.refused == []
    assert desk.store.inbox.count() == 0


def test_the_sealed_pasted_share_comes_in_with_the_item(store: Store, tmp_path: Path) -> None:
    """Version 2 records keep their pasted share for triage; a record without effort has none."""
    _trust(store, (ADA, ADA_KEY))
    text = "Item 1 matters: it ties the ideas together. Here are the details."
    effort = {
        "status": "recorded",
        "sessions": 1,
        "recorded_sessions": 1,
        "final_chars": len(text),
        "keystrokes": 3,
        "typed_chars": 0,
        "pasted_chars": len(text),
        "paste_events": 1,
        "largest_paste_chars": len(text),
        "external_chars": 0,
        "undo_count": 0,
        "redo_count": 0,
        "revisions": 1,
        "longest_idle_seconds": 5.0,
    }
    bundle = seal(ADA_KEY, ADA, 1, None, [record(ADA, 0), record(ADA, 1, effort=effort)])
    receive(store, [str(write(tmp_path, "ada.zip", bundle))])
    shares = {item.item_id: item.pasted_share for item in store.inbox.items()}
    assert shares == {"rw-ada-00000": None, "rw-ada-00001": 1.0}
