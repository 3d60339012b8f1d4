"""The one Task+Rewrite <-> record mapping: bundle records read back as the work they came from."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from workstation.core.bundles import SignerTrust, open_bundle
from workstation.core.bundles.records import parse_records, serialize_records
from workstation.core.bundles.seal_work import seal_submitted
from workstation.core.effort.recorder import EFFORT_FIELDS
from workstation.core.effort.signals import EffortSignals, summarise_effort
from workstation.core.models import Message, Rewrite, RewriteStatus, Task, WorkSession, sha256_text
from workstation.core.records import bundle_record, effort_of_record, export_record, work_from_record
from workstation.core.signing import SecretKey
from workstation.core.store import Store, new_rewrite

DATA = Path(__file__).resolve().parent / "formats" / "data"
KEY = SecretKey(key_id=bytes(range(1, 9)), seed=bytes(range(40, 72)))

text = st.text(alphabet=st.characters(codec="utf-8"), max_size=40)
names = st.text(alphabet="abcdefghij-_0123456789", min_size=1, max_size=12)
json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**53), 2**53),
    st.floats(allow_nan=False, allow_infinity=False),
    text,
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
    max_leaves=8,
)
stamps = st.sampled_from(["2025-01-02T03:04:05.000Z", "2026-12-31T23:59:59.999Z"])


@st.composite
def work(draw: st.DrawFn) -> tuple[Task, Rewrite]:
    """A task and its rewrite as the store would hold them (the task's status is the rewrite's)."""
    task_id = draw(names)
    original = draw(text.filter(str.strip))
    status = draw(st.sampled_from([s for s in RewriteStatus if s is not RewriteStatus.OPEN]))
    messages = draw(
        st.none()
        | st.lists(
            st.builds(Message, role=st.sampled_from(["system", "user", "assistant"]), content=text),
            min_size=1,
            max_size=3,
        ).map(tuple)
    )
    task = Task(
        id=task_id,
        seq=draw(st.integers(0, 10**6)),
        project=draw(names),
        prompt=draw(st.none() | text),
        messages=messages,
        original=original,
        original_sha256=sha256_text(original),
        model=draw(st.none() | names),
        metadata=draw(st.dictionaries(text, json_values, max_size=3)),
        source=None,
        status=status,
    )
    rewrite = Rewrite(
        rewrite_id="rw-" + draw(names),
        task_id=task_id,
        text=draw(text),
        status=status,
        started_from=draw(st.sampled_from(["original", "empty"])),
        ratings=draw(st.dictionaries(names, st.integers(0, 5), max_size=3)),
        tags=tuple(draw(st.lists(names, max_size=3))),
        notes=draw(text),
        flag_reason=draw(st.none() | text) if status is RewriteStatus.FLAGGED else None,
        active_seconds=draw(st.floats(0, 10**6, allow_nan=False)),
        metrics=draw(st.dictionaries(names, json_values, max_size=3)),
        created_at=draw(stamps),
        updated_at=draw(stamps),
        submitted_at=draw(st.none() | stamps),
        sealed_bundle_id=draw(st.none() | st.just("sha256:" + "ab" * 32)),
    )
    return task, rewrite


counts = st.integers(0, 10**6)


@st.composite
def sittings(draw: st.DrawFn) -> list[WorkSession]:
    """A task's sittings: recorded (all counts), not recorded (none), or a mix of both."""
    found = []
    for n in range(draw(st.integers(0, 3))):
        values: dict[str, Any] = {}
        if draw(st.booleans()):
            values = {name: draw(counts) for name in EFFORT_FIELDS}
            values["longest_idle_seconds"] = draw(st.floats(0, 10**5, allow_nan=False))
        found.append(
            WorkSession(
                id=f"s{n}",
                task_id="t",
                project="P",
                started_at="2025-01-02T03:04:05.000Z",
                ended_at="2025-01-02T04:04:05.000Z",
                source="app",
                **values,
            )
        )
    return found


def unrecorded(rewrite: Rewrite) -> EffortSignals:
    return summarise_effort([], rewrite.text)


@given(work(), sittings())
def test_a_record_reads_back_as_the_work_it_was_made_from(
    pair: tuple[Task, Rewrite], sessions: list[WorkSession]
) -> None:
    task, rewrite = pair
    effort = summarise_effort(sessions, rewrite.text)
    record = bundle_record(task, rewrite, effort)
    assert work_from_record(record, seq=task.seq, bundle_id=rewrite.sealed_bundle_id) == (task, rewrite)
    assert effort_of_record(record) == effort
    assert bundle_record(*work_from_record(record), effort_of_record(record)) == record


@given(work(), sittings())
def test_a_record_survives_the_bundle_file_exactly(
    pair: tuple[Task, Rewrite], sessions: list[WorkSession]
) -> None:
    """What a reviewer reads from ``records/rewrites.jsonl`` is what the writer sealed."""
    task, rewrite = pair
    effort = summarise_effort(sessions, rewrite.text)
    [parsed] = parse_records(serialize_records([bundle_record(task, rewrite, effort)]))
    assert work_from_record(parsed, seq=task.seq, bundle_id=rewrite.sealed_bundle_id) == (task, rewrite)
    assert effort_of_record(parsed) == effort


@given(work())
def test_export_and_bundle_carry_the_same_fields_with_the_same_values(pair: tuple[Task, Rewrite]) -> None:
    """The same fields but the effort, which only bundles carry (the export has the sittings)."""
    task, rewrite = pair
    exported, record = export_record(*pair), bundle_record(*pair, unrecorded(pair[1]))
    assert {k: v for k, v in exported.items() if k not in ("id", "source", "sealed_bundle_id")} == {
        k: v for k, v in record.items() if k not in ("task_id", "effort")
    }
    assert (exported["id"], record["task_id"]) == (task.id, task.id)
    assert (exported["source"], exported["sealed_bundle_id"]) == (task.source, rewrite.sealed_bundle_id)


def test_what_the_record_cannot_hold_comes_back_neutral() -> None:
    """No queue position, import file name or cursor travels in a bundle; empty turns read as none."""
    task = Task(
        id="t",
        seq=42,
        project="P",
        messages=(),
        original="x",
        original_sha256=sha256_text("x"),
        source="a.csv",
    )
    rewrite = Rewrite(rewrite_id="rw", task_id="t", text="y", cursor=7, created_at="c", updated_at="u")
    back_task, back_rewrite = work_from_record(bundle_record(task, rewrite, unrecorded(rewrite)))
    assert (back_task.seq, back_task.source, back_task.messages, back_rewrite.cursor) == (0, None, None, 0)
    assert back_rewrite.sealed_bundle_id is None and back_rewrite.text == "y"


def test_the_export_row_keeps_its_reader_friendly_field_order() -> None:
    task = Task(id="t", seq=1, project="P", original="x", original_sha256=sha256_text("x"))
    rewrite = Rewrite(rewrite_id="rw", task_id="t", text="y", created_at="c", updated_at="u")
    assert list(export_record(task, rewrite))[:3] == ["id", "project", "prompt"]
    assert list(export_record(task, rewrite))[-1] == "sealed_bundle_id"


def _valid_record() -> dict[str, Any]:
    task = Task(id="t", seq=1, project="P", original="x", original_sha256=sha256_text("x"))
    rewrite = Rewrite(rewrite_id="rw", task_id="t", text="y", created_at="c", updated_at="u")
    return bundle_record(task, rewrite, unrecorded(rewrite))


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"status": "finished"}, ValueError),
        ({"messages": [{"role": "robot", "content": "hi"}]}, ValidationError),
        ({"ratings": {"tone": "good"}}, ValidationError),
        ({"tags": None}, TypeError),
    ],
)
def test_a_record_with_a_wrong_value_is_refused(change: dict[str, Any], error: type[Exception]) -> None:
    with pytest.raises(error):
        work_from_record({**_valid_record(), **change})


def test_a_record_missing_a_field_names_it() -> None:
    record = _valid_record()
    del record["started_from"]
    with pytest.raises(KeyError, match="started_from"):
        work_from_record(record)


def test_a_sealed_bundle_reads_back_as_the_stored_work(data_dir: Path) -> None:
    with Store(data_dir) as store:
        store.import_file(DATA / "openai_chat.jsonl", project="Chat")
        for row in store.tasks.queue():
            task = store.tasks.get(row.id)
            assert task is not None
            store.rewrites.save(new_rewrite(task).model_copy(update={"status": RewriteStatus.SUBMITTED}))
        sealed = seal_submitted(store, KEY, "Ada", created_at=datetime(2025, 1, 1, tzinfo=UTC))
        assert sealed is not None
        verified = open_bundle(sealed.data, trust=SignerTrust.only_key(KEY.public_key))
        for record in verified.records:
            task, rewrite = work_from_record(record, bundle_id=verified.bundle_id)
            stored_task, stored_rewrite = store.tasks.get(task.id), store.rewrites.get(task.id)
            assert stored_task is not None and stored_rewrite is not None
            assert task == stored_task.model_copy(update={"seq": 0, "source": None})
            assert rewrite == stored_rewrite
            assert record["effort"]["status"] == "not recorded"
            assert json.dumps(record, sort_keys=True) == json.dumps(
                bundle_record(task, rewrite, effort_of_record(record)), sort_keys=True
            )


def test_a_record_without_effort_reads_as_not_recorded() -> None:
    """Version 1 bundles have no ``effort``: "not recorded", never zeros."""
    record = _valid_record()
    del record["effort"]
    effort = effort_of_record(record)
    assert effort.status == "not recorded" and effort.typed_chars is None and effort.shares is None
    assert not effort.needs_a_look
