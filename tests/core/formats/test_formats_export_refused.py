"""Exports past values JSON cannot hold: a NaN or an infinity stored before imports refused them.

Such a row is refused with a sentence naming its task and field, the rest is written, and what is
written is strict JSON (no ``NaN``/``Infinity`` a data team's reader would choke on).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.core.bundles.seal_testkit import DATA, submit, task_ids
from workstation.core.formats.export import EXPORT_FORMATS, NothingExported, write_export
from workstation.core.formats.json_limits import STRICT_JSON
from workstation.core.models import RewriteStatus
from workstation.core.store import Store

TRAINING_FORMATS = [fmt for fmt in EXPORT_FORMATS if fmt != "jsonl"]


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    """Three submitted rewrites; the second task's metadata and the third's metrics hold
    values an older version could have stored."""
    with Store(data_dir) as opened:
        opened.import_file(DATA / "native_tasks.jsonl", project="Mail")
        ids = task_ids(opened)[:3]
        for task_id in ids[:2]:
            submit(opened, task_id)
        submit(opened, ids[2], metrics={"ratio": float("nan")})
        opened.database.conn.execute(
            "UPDATE tasks SET metadata = ? WHERE id = ?", ('{"scores": [1, 1e400]}', ids[1])
        )
        yield opened


def _pairs(store: Store) -> Iterator[Any]:
    return store.rewrites.pairs(statuses=[RewriteStatus.SUBMITTED.value])


def _strict_rows(text: str) -> list[dict[str, Any]]:
    """The rows as a strict JSON reader sees them (NaN and Infinity are refused)."""
    return [STRICT_JSON.decode(line) for line in text.splitlines()]


def test_jsonl_refuses_each_bad_row_by_name_and_writes_the_rest(store: Store, tmp_path: Path) -> None:
    ids = task_ids(store)[:3]
    out = tmp_path / "export.jsonl"
    result = write_export(_pairs(store), "jsonl", out)
    assert result.written == 1
    assert [row["id"] for row in _strict_rows(out.read_text(encoding="utf-8"))] == [ids[0]]
    said = {row.task_id: str(row) for row in result.refused}
    assert said == {
        ids[1]: f"task {ids[1]!r} was not exported: metadata.scores[1] (inf) is not a finite number, "
        "which JSON cannot hold",
        ids[2]: f"task {ids[2]!r} was not exported: metrics.ratio (nan) is not a finite number, "
        "which JSON cannot hold",
    }
    assert {row.rewrite_id for row in result.refused} == {
        rewrite.rewrite_id for task, rewrite in _pairs(store) if task.id in ids[1:]
    }


def test_jsonl_to_a_stream_refuses_the_same_rows(store: Store) -> None:
    stream = io.StringIO()
    result = write_export(_pairs(store), "jsonl", stream)
    assert result.written == 1 and len(result.refused) == 2
    assert len(_strict_rows(stream.getvalue())) == 1
    assert "Infinity" not in stream.getvalue() and "NaN" not in stream.getvalue()


@pytest.mark.parametrize("fmt", TRAINING_FORMATS)
def test_training_formats_carry_no_numbers_so_every_row_is_written(
    store: Store, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"{fmt}.jsonl"
    result = write_export(_pairs(store), fmt, out)
    assert result.written == 3 and result.refused == ()
    assert len(_strict_rows(out.read_text(encoding="utf-8"))) == 3


def test_when_every_row_is_refused_nothing_is_written(store: Store, tmp_path: Path) -> None:
    ids = task_ids(store)[:3]
    store.database.conn.execute("UPDATE tasks SET metadata = ? WHERE id = ?", ('{"x": -1e999}', ids[0]))
    out = tmp_path / "export.jsonl"
    out.write_text("last week's export\n", encoding="utf-8")
    with pytest.raises(NothingExported) as caught:
        write_export(_pairs(store), "jsonl", out)
    assert [row.task_id for row in caught.value.refused] == ids
    message = str(caught.value)
    assert message.startswith("nothing was exported: all 3 rewrites could not be written as JSON: ")
    assert "metadata.x (-inf) is not a finite number" in message
    assert out.read_text(encoding="utf-8") == "last week's export\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["data", "export.jsonl"]  # no temp file left
