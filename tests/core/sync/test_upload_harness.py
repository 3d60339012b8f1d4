"""Reliability harness: 1,000 upload attempts of 50 sealed bundles against a collector failing at random.

Run it with `pytest -m heavy tests/core/sync/test_upload_harness.py -s`; it prints its figures as
one JSON line. Every attempt goes through the real outbox (`push_outbox`, one attempt of one
pending bundle, seeded choice). When a laptop's outbox is all acked, the writer "restores the
backup" taken before the storm on a fresh laptop: the same 50 bundles pending again, which the
collector must answer as already there and never store twice. The collector fails in every way
the fake server knows, and one attempt in twelve finds nothing listening. After every attempt:
no row is left `uploading`, every acked row's bytes are on the collector, nothing is stored
twice; at the end a calm push delivers what is still pending, and every bundle is stored once.
"""

from __future__ import annotations

import json
import random
import shutil
import socket
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_bundle_server import FakeBundleServer

from workstation.core.bundles.seal_work import seal_submitted
from workstation.core.models import RewriteStatus
from workstation.core.signing import SecretKey
from workstation.core.store import DB_FILE_NAME, Store, new_rewrite
from workstation.core.sync.outbox_push import push_outbox
from workstation.core.sync.pusher import UploadState
from workstation.core.sync.target_http import HttpTarget
from workstation.core.sync.targets_base import Receipt

SEED = 20241201
BUNDLES = 50
ATTEMPTS = 1000
ATTEMPT_LIMIT_S = 0.3
SLACK_S = 0.5
REFUSED_SHARE = 1 / 12
FAULT_WEIGHTS = {
    "ok": 8, "reset": 2, "timeout": 2, "500": 2, "429": 2, "drop_reply": 2, "slow_headers": 2,
    "slow_body": 2, "slow_201": 1, "huge_201": 2, "html_200": 2, "wrong_receipt": 1, "empty_200": 1,
    "redirect": 1, "redirect_here": 2, "fat_headers": 1, "status:202": 1, "status:503": 1, "html_502": 1,
}  # fmt: skip
KEY = SecretKey(key_id=bytes(range(1, 9)), seed=bytes(range(40, 72)))

pytestmark = pytest.mark.heavy


class SometimesNobodyListens:
    """The collector, except that a share of attempts find its port closed (Wi-Fi gone, server down)."""

    def __init__(self, live: HttpTarget, dead: HttpTarget, chooser: random.Random) -> None:
        self._live, self._dead, self._chooser = live, dead, chooser
        self.url = live.url
        self.refused = 0

    def put(self, bundle_id: str, data: bytes, *, time_limit_s: float | None = None) -> Receipt:
        if self._chooser.random() < REFUSED_SHARE:
            self.refused += 1
            return self._dead.put(bundle_id, data, time_limit_s=time_limit_s)
        return self._live.put(bundle_id, data, time_limit_s=time_limit_s)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A store with `BUNDLES` sealed bundles, one rewrite each, all pending."""
    tasks = tmp_path / "tasks.jsonl"
    lines = (
        json.dumps({"id": f"task-{n:03}", "prompt": f"Ask {n}", "response": f"Answer {n}."})
        for n in range(BUNDLES)
    )
    tasks.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with Store(tmp_path / "data") as opened:
        opened.import_file(tasks, project="Harness")
        for row in opened.tasks.queue():
            task = opened.tasks.get(row.id)
            assert task is not None
            update = {"text": f"Plain answer for {task.id}.", "status": RewriteStatus.SUBMITTED}
            opened.rewrites.save(new_rewrite(task).model_copy(update=update))
            assert seal_submitted(opened, KEY, "Harness Writer") is not None
        yield opened


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _check_outbox_is_true(laptop: Store, server: FakeBundleServer, lost: set[str]) -> None:
    """No row mid-upload, every acked row really on the collector, nothing stored twice."""
    for row in laptop.outbox.rows():
        assert row.state != "uploading", row
        if row.state == "acked" and server.store.objects.get(row.bundle_id) != laptop.outbox.get_bytes(
            row.bundle_id
        ):
            lost.add(row.bundle_id)
    assert max(server.store.stores.values(), default=0) <= 1


def _restored_laptop(backup: Path, root: Path, number: int) -> Store:
    """A fresh data dir holding the pre-storm backup: every bundle pending again."""
    data_dir = root / f"laptop-{number}"
    data_dir.mkdir()
    shutil.copyfile(backup, data_dir / DB_FILE_NAME)  # a VACUUM INTO file, not a live database
    return Store(data_dir)


def test_a_thousand_attempts_store_every_bundle_exactly_once(
    store: Store, bundle_server: FakeBundleServer, tmp_path: Path
) -> None:
    chooser = random.Random(SEED)
    server_dice = random.Random(SEED + 1)
    kinds, weights = zip(*FAULT_WEIGHTS.items(), strict=True)
    bundle_server.store.fault_picker = lambda: server_dice.choices(kinds, weights)[0]
    bundle_server.store.stall_s = 1.0  # longer than an attempt may take
    bundle_server.store.retry_after_s = 1
    live = HttpTarget(bundle_server.url, timeout_s=5.0)  # only the attempt's time limit ends a stall
    target = SometimesNobodyListens(live, HttpTarget(f"http://127.0.0.1:{_closed_port()}/bundles"), chooser)
    backup = store.backup()
    laptops = [store]
    lost: set[str] = set()
    attempt_seconds: list[float] = []
    outcomes: Counter[str] = Counter()
    started = time.monotonic()
    try:
        for _ in range(ATTEMPTS):
            pending = [
                (laptop, row.bundle_id)
                for laptop in laptops
                for row in laptop.outbox.rows(states=("pending",))
            ]
            if not pending:
                laptops.append(_restored_laptop(backup, tmp_path, len(laptops)))
                pending = [(laptops[-1], row.bundle_id) for row in laptops[-1].outbox.rows()]
            laptop, bundle_id = chooser.choice(pending)
            attempt_started = time.monotonic()
            result = push_outbox(
                laptop, target, deadline_s=ATTEMPT_LIMIT_S, bundle_ids=[bundle_id], max_attempts_per_item=1
            )
            attempt_seconds.append(time.monotonic() - attempt_started)
            (outcome,) = result.outcomes
            assert outcome.state != UploadState.REJECTED, outcome  # no fault in the mix blames a bundle
            status = outcome.receipt.http_status if outcome.receipt is not None else None
            outcomes[f"acked on {status}" if status else str(outcome.state)] += 1
            _check_outbox_is_true(laptop, bundle_server, lost)

        bundle_server.store.fault_picker = None  # the storm passes; one calm push per laptop finishes
        before_drain = sum(row.attempts for laptop in laptops for row in laptop.outbox.rows())
        drains = [push_outbox(laptop, live, deadline_s=60) for laptop in laptops]
        for laptop in laptops:
            _check_outbox_is_true(laptop, bundle_server, lost)
        wall_s = time.monotonic() - started
        rows = [(laptop, row) for laptop in laptops for row in laptop.outbox.rows()]
        drain_attempts = sum(row.attempts for _, row in rows) - before_drain
        held = bundle_server.store.objects
        same_bytes = all(
            held.get(row.bundle_id) == laptop.outbox.get_bytes(row.bundle_id) for laptop, row in rows
        )
    finally:
        for laptop in laptops[1:]:
            laptop.close()

    bundle_ids = {row.bundle_id for _, row in rows}
    figures = {
        "seed": SEED,
        "bundles": len(bundle_ids),
        "attempts": len(attempt_seconds),
        "laptops": len(laptops),
        "outcomes": dict(sorted(outcomes.items())),
        "refused": target.refused,
        "final_push_attempts": drain_attempts,
        "final_push_finished": all(drain.finished for drain in drains),
        "acked_rows": sum(1 for _, row in rows if row.state == "acked"),
        "rows": len(rows),
        "stored_once": sum(1 for bundle_id in bundle_ids if bundle_server.store.stores[bundle_id] == 1),
        "lost": len(lost) + sum(1 for bundle_id in bundle_ids if bundle_id not in held),
        "duplicates": sum(count - 1 for count in bundle_server.store.stores.values() if count > 1),
        "faults_served": dict(sorted(bundle_server.store.faults_served.items())),
        "max_attempt_s": round(max(attempt_seconds), 3),
        "attempt_limit_s": ATTEMPT_LIMIT_S,
        "wall_s": round(wall_s, 1),
    }
    print(json.dumps(figures))

    assert figures["attempts"] == ATTEMPTS and figures["bundles"] == BUNDLES
    assert figures["acked_rows"] == figures["rows"] and figures["stored_once"] == BUNDLES
    assert figures["lost"] == 0 and figures["duplicates"] == 0
    assert set(held) == bundle_ids
    assert same_bytes
    assert figures["max_attempt_s"] < ATTEMPT_LIMIT_S + SLACK_S
