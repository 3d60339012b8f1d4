"""Sealing and exporting from the window past records they cannot write: the writer is told how
many were left out and which tasks, in plain text, and the rest goes through.

The bad records hold an infinity (stored before imports refused them) under a key that carries
a screen-clearing escape sequence and a line break: outside text, shown defused.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.gui.test_outbox_gui import submit_two
from tests.gui.writer_driver import WriterDriver
from workstation.core.models import RewriteStatus
from workstation.gui.dialogs.transfer_dialogs import ExportOptions

SUBMITTED = ("demo-001", "demo-002")
STORED_INFINITY = '{"\\u001b[2J\\n": 1e400}'
SHOWN_FIELD = "metadata.\ufffd[2J (inf) is not a finite number, which JSON cannot hold"


def _store_infinity(writer: WriterDriver, *task_ids: str) -> None:
    """Give tasks metadata an older version could have imported (on the store thread)."""

    def old_data(store: Any) -> None:
        with store.database.write() as conn:
            for task_id in task_ids:
                conn.execute("UPDATE tasks SET metadata = ? WHERE id = ?", (STORED_INFINITY, task_id))

    writer.context.ops.run("store old data", old_data)
    writer.drain_operations()


@pytest.fixture
def crashes(monkeypatch: pytest.MonkeyPatch) -> list[type[BaseException]]:
    """Exceptions handed to the crash dialog."""
    seen: list[type[BaseException]] = []
    monkeypatch.setattr(sys, "excepthook", lambda exc_type, _exc, _tb: seen.append(exc_type))
    return seen


@pytest.fixture
def submitted(writer_with_key: WriterDriver) -> WriterDriver:
    submit_two(writer_with_key)
    for task_id in SUBMITTED:
        rewrite = writer_with_key.stored_rewrite(task_id)
        assert rewrite is not None and rewrite.status is RewriteStatus.SUBMITTED
    return writer_with_key


def _assert_defused(text: str) -> None:
    assert "\x1b" not in text and "\r" not in text


def test_seal_tells_the_writer_which_task_was_left_out(
    submitted: WriterDriver, message_boxes: list[tuple[str, str]], crashes: list[type[BaseException]]
) -> None:
    writer = submitted
    _store_infinity(writer, SUBMITTED[1])
    result = writer.outbox.seal()
    assert result.record_count == 1 and [item.task_id for item in result.left_out] == [SUBMITTED[1]]
    status = writer.status_message()
    assert status.startswith("Sealed 1 rewrite into bundle sha256:")
    assert status.endswith("it waits in the outbox. 1 could not be sealed (see the list).")
    ((title, text),) = message_boxes
    assert title == "Some work was not sealed"
    _assert_defused(text)
    assert text.startswith(f"Sealed 1 rewrite into bundle {result.bundle_id[:19]}…")  # what did go in
    left_out = text.index("1 submitted rewrite could not")
    lines = text[left_out:].split("\n")
    assert lines[0] == "1 submitted rewrite could not be put into the bundle:"
    assert lines[2].startswith(f"• task {SUBMITTED[1]!r} was not sealed: record ")
    assert lines[2].endswith(SHOWN_FIELD)
    assert "They stay submitted; the rest is sealed." in lines[-1]
    assert writer.stored_rewrite(SUBMITTED[1]).sealed_bundle_id is None  # type: ignore[union-attr]
    assert crashes == []


def test_seal_that_can_bundle_nothing_names_every_task_and_seals_nothing(
    qtbot: Any,
    submitted: WriterDriver,
    message_boxes: list[tuple[str, str]],
    crashes: list[type[BaseException]],
) -> None:
    writer = submitted
    _store_infinity(writer, *SUBMITTED)
    writer.outbox.start_seal()
    qtbot.waitUntil(lambda: bool(message_boxes), timeout=15_000)
    ((title, text),) = message_boxes
    assert title == "Sealing failed"
    _assert_defused(text)
    lines = text.split("\n")
    assert lines[0] == "Nothing was sealed: 2 submitted rewrites could not be put into a bundle:"
    assert sorted(line.split(" was not sealed: ")[0] for line in lines[2:4]) == [
        f"• task {task_id!r}" for task_id in SUBMITTED
    ]
    assert all(line.endswith(SHOWN_FIELD) for line in lines[2:4])
    assert crashes == []  # a refusal of the data, told in words: not a crash
    assert not writer.outbox.sealing and writer.outbox.rows() == []
    assert not writer.is_read_only()  # the editor is given back once the seal is over


def test_export_lists_the_rewrites_it_could_not_write(
    submitted: WriterDriver, tmp_path: Path, message_boxes: list[tuple[str, str]]
) -> None:
    writer = submitted
    _store_infinity(writer, SUBMITTED[0])
    out = tmp_path / "out.jsonl"
    result = writer.transfers.export_result(
        ExportOptions("jsonl", (RewriteStatus.SUBMITTED.value,), None, out)
    )
    assert result.written == 1 and [row.task_id for row in result.refused] == [SUBMITTED[0]]
    assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()] == [SUBMITTED[1]]
    assert writer.status_message().endswith("; 1 could not be exported (see the list)")
    ((title, text),) = message_boxes
    assert title == "Some rewrites were not exported"
    _assert_defused(text)
    assert f"• task {SUBMITTED[0]!r} was not exported: {SHOWN_FIELD}" in text.split("\n")


def test_export_of_only_refused_rewrites_says_nothing_was_exported(
    qtbot: Any, submitted: WriterDriver, tmp_path: Path, message_boxes: list[tuple[str, str]]
) -> None:
    writer = submitted
    _store_infinity(writer, *SUBMITTED)
    out = tmp_path / "out.jsonl"
    out.write_text("last week's export\n", encoding="utf-8")
    writer.window.transfers.start_export(ExportOptions("jsonl", (RewriteStatus.SUBMITTED.value,), None, out))
    qtbot.waitUntil(lambda: bool(message_boxes), timeout=10_000)
    ((title, text),) = message_boxes
    assert title == "Export failed"
    _assert_defused(text)
    assert text.startswith("Nothing was exported: 2 rewrites could not be written as JSON:")
    assert sum(line.endswith(SHOWN_FIELD) for line in text.split("\n")) == 2
    assert out.read_text(encoding="utf-8") == "last week's export\n"
