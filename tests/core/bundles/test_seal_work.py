"""Sealing submitted work: content, hash chain, determinism, and all-or-nothing under faults and kills."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from tests.core.bundles.seal_testkit import (
    CREATED_AT,
    KEY,
    OTHER_KEY,
    REPO,
    WRITER,
    assert_consistent,
    submit,
    task_ids,
)
from workstation.core.bundles import SignerTrust, open_bundle, seal_work
from workstation.core.bundles.seal_work import SealResult, count_unsealed, seal_submitted
from workstation.core.signing import save_secret_key
from workstation.core.store import RewriteSealed, Store, new_rewrite
from workstation.core.store.outbox import OutboxQueries
from workstation.core.store.rewrites import RewriteQueries


def test_nothing_to_seal(store: Store) -> None:
    assert count_unsealed(store) == 0
    assert seal_submitted(store, KEY, WRITER) is None
    assert store.outbox.rows() == []


def test_seal_builds_full_records_and_marks_rewrites(store: Store) -> None:
    mail, chat = task_ids(store, "Mail"), task_ids(store, "Chat")
    submit(
        store, mail[0], ratings={"fluency": 2}, tags=("tone",), notes="kept the sign-off", active_seconds=93.5
    )
    submit(store, chat[0], metrics={"words_changed": 12})
    task = store.tasks.get(mail[1])
    assert task is not None
    store.rewrites.save(new_rewrite(task))  # a draft is not sealed
    assert count_unsealed(store) == 2 and count_unsealed(store, "Chat") == 1

    result = seal_submitted(store, KEY, WRITER, created_at=CREATED_AT)

    assert isinstance(result, SealResult)
    assert (result.bundle_seq, result.prev_bundle_id, result.record_count) == (1, None, 2)
    assert result.signer_fingerprint == KEY.public_key.fingerprint
    row = store.outbox.get(result.bundle_id)
    assert row is not None and row.state == "pending" and row.size == result.size == len(result.data)
    assert store.outbox.get_bytes(result.bundle_id) == result.data
    assert count_unsealed(store) == 0
    verified = open_bundle(result.data, trust=SignerTrust.only_key(KEY.public_key))
    assert verified.manifest.created_at == "2025-05-06T07:08:09Z"
    assert verified.manifest.signer.name == WRITER
    by_task = {record["task_id"]: record for record in verified.records}
    mail_record, chat_record = by_task[mail[0]], by_task[chat[0]]
    original = store.tasks.get(mail[0]).original  # type: ignore[union-attr]
    assert mail_record["original"] == original
    assert mail_record["original_sha256"] == hashlib.sha256(original.encode()).hexdigest()
    assert mail_record["rewrite"] == f"A plain rewrite of {mail[0]}."
    assert mail_record["prompt"] and mail_record["messages"] is None and mail_record["project"] == "Mail"
    assert (mail_record["ratings"], mail_record["tags"], mail_record["notes"]) == (
        {"fluency": 2},
        ["tone"],
        "kept the sign-off",
    )
    assert mail_record["active_seconds"] == 93.5 and mail_record["status"] == "submitted"
    assert mail_record["submitted_at"] and mail_record["started_from"] == "original"
    assert chat_record["messages"] and chat_record["messages"][0]["role"] in ("system", "user")
    assert chat_record["metrics"] == {"words_changed": 12}
    with pytest.raises(RewriteSealed):
        submit(store, mail[0], "changed after sealing")


def test_project_filter(store: Store) -> None:
    submit(store, task_ids(store, "Mail")[0])
    submit(store, task_ids(store, "Chat")[0])
    result = seal_submitted(store, KEY, WRITER, project="Chat")
    assert result is not None and result.record_count == 1
    assert count_unsealed(store) == 1 and count_unsealed(store, "Mail") == 1
    assert seal_submitted(store, KEY, WRITER, project="Chat") is None


def test_hash_chain_per_signer(store: Store) -> None:
    ids = task_ids(store)
    submit(store, ids[0])
    first = seal_submitted(store, KEY, WRITER)
    submit(store, ids[1])
    second = seal_submitted(store, KEY, WRITER)
    submit(store, ids[2])
    other = seal_submitted(store, OTHER_KEY, "Bo Writer")
    assert first and second and other
    assert (second.bundle_seq, second.prev_bundle_id) == (2, first.bundle_id)
    assert (other.bundle_seq, other.prev_bundle_id) == (1, None)
    manifest = open_bundle(second.data, trust=SignerTrust.accept_any()).manifest
    assert (manifest.bundle_seq, manifest.prev_bundle_id) == (2, first.bundle_id)
    head = store.outbox.chain_head(KEY.public_key.fingerprint, "rewrites")
    assert head is not None and (head.bundle_seq, head.bundle_id) == (2, second.bundle_id)


def test_same_store_key_and_time_give_the_same_bytes(store: Store, tmp_path: Path) -> None:
    for task_id in task_ids(store)[:4]:
        submit(store, task_id)
    store.database.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    twin_dir = tmp_path / "twin"
    shutil.copytree(store.data_dir, twin_dir)
    with Store(twin_dir) as twin:
        twin_result = seal_submitted(twin, KEY, WRITER, created_at=CREATED_AT)
    result = seal_submitted(store, KEY, WRITER, created_at=CREATED_AT)
    assert result is not None and twin_result is not None
    assert result.data == twin_result.data and result.bundle_id == twin_result.bundle_id
    with Store(shutil.copytree(twin_dir, tmp_path / "later")) as later:
        later.database.conn.execute("UPDATE rewrites SET sealed_bundle_id = NULL")
        later.database.conn.execute("DELETE FROM outbox")
        moved = seal_submitted(later, KEY, WRITER, created_at=CREATED_AT.replace(year=2026))
    assert moved is not None and moved.bundle_id != result.bundle_id


def _raise_in(
    monkeypatch: pytest.MonkeyPatch, owner: object, name: str, *, after: bool, error: BaseException
) -> None:
    real = getattr(owner, name)

    def failing(*args: Any, **kwargs: Any) -> Any:
        if not after:
            raise error
        real(*args, **kwargs)
        raise error

    monkeypatch.setattr(owner, name, failing)


@pytest.mark.parametrize(
    ("owner", "name", "after"),
    [
        (RewriteQueries, "unsealed_pairs", False),
        (seal_work, "bundle_record", False),
        (OutboxQueries, "chain_head", False),
        (seal_work, "seal_records_file", False),
        (OutboxQueries, "insert", False),
        (OutboxQueries, "insert", True),
        (RewriteQueries, "mark_sealed", False),
        (RewriteQueries, "mark_sealed", True),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
@pytest.mark.parametrize("error", [RuntimeError("injected"), KeyboardInterrupt()], ids=["error", "interrupt"])
def test_a_failure_at_any_step_leaves_nothing_sealed(
    store: Store, monkeypatch: pytest.MonkeyPatch, owner: object, name: str, after: bool, error: BaseException
) -> None:
    ids = task_ids(store)[:3]
    for task_id in ids:
        submit(store, task_id)
    _raise_in(monkeypatch, owner, name, after=after, error=error)
    with pytest.raises(type(error)):
        seal_submitted(store, KEY, WRITER)
    monkeypatch.undo()
    assert not store.database.conn.in_transaction
    assert assert_consistent(store, 3) is None
    result = seal_submitted(store, KEY, WRITER)
    assert result is not None and result.bundle_seq == 1
    assert assert_consistent(store, 3) == result.bundle_id


def test_rewrites_sealed_by_someone_else_mid_way_abort_the_seal(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the marks do not all land (a rewrite already sealed), the whole seal rolls back."""
    for task_id in task_ids(store)[:2]:
        submit(store, task_id)
    real = RewriteQueries.mark_sealed

    def mark_one_early(queries: RewriteQueries, conn: Any, rewrite_ids: Any, bundle_id: str) -> None:
        conn.execute(
            "UPDATE rewrites SET sealed_bundle_id = ? WHERE rewrite_id = ?", (bundle_id, rewrite_ids[0])
        )
        real(queries, conn, rewrite_ids, bundle_id)

    monkeypatch.setattr(RewriteQueries, "mark_sealed", mark_one_early)
    with pytest.raises(RuntimeError, match="still unsealed"):
        seal_submitted(store, KEY, WRITER)
    assert assert_consistent(store, 2) is None


# -- killed mid-seal -------------------------------------------------------------------------------

BATCH = 2500
_CHILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from datetime import UTC, datetime
    from workstation.core.bundles import seal_work
    from workstation.core.signing import load_secret_key
    from workstation.core.store import Store
    from workstation.core.store.outbox import OutboxQueries
    from workstation.core.store.rewrites import RewriteQueries

    data_dir, key_path, pause_at = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]

    def pause(label):
        print(label, flush=True)
        time.sleep(60)

    def wrap(owner, name, before):
        real = getattr(owner, name)
        def wrapped(*args, **kwargs):
            if before:
                pause(name)
            result = real(*args, **kwargs)
            if not before:
                pause(name)
            return result
        setattr(owner, name, wrapped)

    points = {
        "before_seal": (seal_work, "seal_records_file", True),
        "after_insert": (OutboxQueries, "insert", False),
        "after_mark": (RewriteQueries, "mark_sealed", False),
    }
    if pause_at in points:
        wrap(*points[pause_at])
    store = Store(data_dir)
    key = load_secret_key(key_path)
    print("sealing", flush=True)
    result = seal_work.seal_submitted(store, key, "Ada Writer")
    print("done", result.bundle_id, flush=True)
    time.sleep(60)
    """
)


@pytest.fixture(scope="module")
def big_store_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed data dir holding BATCH submitted rewrites (built with bulk SQL to stay fast)."""
    folder = tmp_path_factory.mktemp("big")
    source = folder / "tasks.jsonl"
    lines = (
        json.dumps({"id": f"t{n:05d}", "prompt": f"Prompt {n}", "response": f"Robotic answer {n}. " * 40})
        for n in range(BATCH)
    )
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    data_dir = folder / "data"
    with Store(data_dir) as store:
        store.import_file(source, project="Big")
        with store.database.write() as conn:
            conn.execute(
                "INSERT INTO rewrites(task_id, rewrite_id, text, status, started_from, created_at, "
                "updated_at, submitted_at) SELECT id, 'rw-' || id, 'A human answer to ' || prompt, "
                "'submitted', 'original', :stamp, :stamp, :stamp FROM tasks",
                {"stamp": "2025-01-01T00:00:00.000Z"},
            )
            conn.execute("UPDATE tasks SET status = 'submitted'")
        store.database.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    save_secret_key(folder / "writer.key", KEY, unencrypted=True)
    return folder


def _run_child_and_kill(template: Path, work: Path, pause_at: str, wait_for: str, delay_s: float) -> str:
    """Run the child sealer, SIGKILL it once it printed ``wait_for`` (plus ``delay_s``); last line seen."""
    data_dir = work / "data"
    shutil.copytree(template / "data", data_dir)
    script = work / "child.py"
    script.write_text(_CHILD, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    child = subprocess.Popen(
        [sys.executable, str(script), str(data_dir), str(template / "writer.key"), pause_at],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=REPO,
    )
    try:
        assert child.stdout is not None
        seen = []
        for line in child.stdout:
            seen.append(line.strip())
            if line.startswith(wait_for):
                break
        else:
            errors = child.stderr.read() if child.stderr else ""
            pytest.fail(f"child ended before {wait_for!r}: {seen} {errors}")
        if delay_s:
            time.sleep(delay_s)
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.wait(timeout=30)
        for stream in (child.stdout, child.stderr):
            if stream is not None:
                stream.close()
    return seen[-1]


@pytest.mark.parametrize(
    ("pause_at", "wait_for", "delay_s"),
    [
        ("before_seal", "seal_records_file", 0.0),
        ("after_insert", "insert", 0.0),
        ("after_mark", "mark_sealed", 0.0),
        ("none", "sealing", 0.12),
        ("none", "done", 0.0),
    ],
)
def test_sigkill_mid_seal_leaves_all_or_nothing(
    big_store_template: Path, tmp_path: Path, pause_at: str, wait_for: str, delay_s: float
) -> None:
    last_line = _run_child_and_kill(big_store_template, tmp_path, pause_at, wait_for, delay_s)
    with Store(tmp_path / "data") as store:
        assert store.database.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        bundle_id = assert_consistent(store, BATCH)
        if last_line.startswith("done"):
            assert bundle_id == last_line.split()[1]
        elif pause_at != "none":
            assert bundle_id is None  # killed inside the transaction: rolled back
        if bundle_id is None:  # the writer seals again after the crash and gets everything
            result = seal_submitted(store, KEY, WRITER)
            assert result is not None and result.record_count == BATCH and result.bundle_seq == 1
            assert assert_consistent(store, BATCH) == result.bundle_id
