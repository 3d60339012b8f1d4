"""Exports: each format's shape (golden files), atomic writing, native re-import, and loading the
files with Hugging Face ``datasets``."""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from formats_testkit import DATA_DIR, assert_golden, collect, make_rewrite, make_task

from workstation.core.formats import EXPORT_FORMATS, read_tasks, write_export
from workstation.core.formats.export import ExportResult
from workstation.core.models import Rewrite, Task, TaskInput, sha256_text

CHAT = [
    {"role": "system", "content": "You answer for Parcelly support."},
    {"role": "user", "content": "Où est mon colis ?"},
]


def _pairs() -> list[tuple[Task, Rewrite]]:
    plain = make_task(
        "email-001",
        prompt="Email my landlord about the tap.",
        original="I hope this email finds you well. I am writing to delve into the tap.",
    )
    chat = make_task(
        "support-203",
        prompt=None,
        messages=CHAT,
        seq=2,
        original="Great question! Rest assured, your parcel is on its journey. 📦",
    )
    bare = make_task("poem-007", prompt=None, seq=3, original="Whispers of winter, a tapestry of frost.")
    return [
        (plain, make_rewrite(plain, "The kitchen tap has dripped for a week. Could someone look at it?")),
        (
            chat,
            make_rewrite(chat, "Il arrive demain ; le suivi est ici. 📦", ratings={"clarity": 3, "tone": 2}),
        ),
        (bare, make_rewrite(bare, "First frost: the lawn gone white and stiff.", tags=(), notes="")),
    ]


def _rows(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_each_format_matches_its_golden_file(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"{fmt}.jsonl"
    assert write_export(_pairs(), fmt, out) == ExportResult(written=3)
    data = out.read_bytes()
    assert b"\r" not in data and data.endswith(b"\n")
    assert_golden(f"export_{fmt}.jsonl", data.decode("utf-8"))


def test_trl_preference_plain_file_uses_strings(tmp_path: Path) -> None:
    plain = [pair for pair in _pairs() if not pair[0].messages]
    write_export(plain, "trl-preference", tmp_path / "out.jsonl")
    assert _rows(tmp_path / "out.jsonl") == [
        {
            "prompt": "Email my landlord about the tap.",
            "chosen": "The kitchen tap has dripped for a week. Could someone look at it?",
            "rejected": "I hope this email finds you well. I am writing to delve into the tap.",
        },
        {
            "prompt": "",
            "chosen": "First frost: the lawn gone white and stiff.",
            "rejected": "Whispers of winter, a tapestry of frost.",
        },
    ]


@pytest.mark.parametrize("order", [(0, 1, 2), (1, 0, 2), (0, 2, 1)])
def test_trl_preference_never_mixes_forms(tmp_path: Path, order: tuple[int, ...]) -> None:
    pairs = _pairs()
    write_export((pairs[index] for index in order), "trl-preference", tmp_path / "out.jsonl")
    rows = _rows(tmp_path / "out.jsonl")
    assert all(isinstance(row["prompt"], list) for row in rows)
    by_rejected = {row["rejected"][0]["content"]: row for row in rows}  # type: ignore[index]
    assert [row["rejected"][0]["content"] for row in rows] == [pairs[i][0].original for i in order]  # type: ignore[index]
    assert by_rejected[pairs[0][0].original]["prompt"] == [{"role": "user", "content": pairs[0][0].prompt}]
    assert by_rejected[pairs[1][0].original]["prompt"] == CHAT
    assert by_rejected[pairs[2][0].original]["prompt"] == []
    assert list(tmp_path.iterdir()) == [tmp_path / "out.jsonl"]


def test_sft_and_dpo_put_the_rewrite_after_the_context(tmp_path: Path) -> None:
    task, rewrite = _pairs()[1]
    write_export([(task, rewrite)], "sft-messages", tmp_path / "sft.jsonl")
    write_export([(task, rewrite)], "openai-dpo", tmp_path / "dpo.jsonl")
    assert _rows(tmp_path / "sft.jsonl") == [
        {"messages": [*CHAT, {"role": "assistant", "content": rewrite.text}]}
    ]
    assert _rows(tmp_path / "dpo.jsonl") == [
        {
            "input": {"messages": CHAT},
            "preferred_output": [{"role": "assistant", "content": rewrite.text}],
            "non_preferred_output": [{"role": "assistant", "content": task.original}],
        }
    ]


def test_a_prompt_next_to_messages_becomes_the_last_user_turn(tmp_path: Path) -> None:
    task = make_task("t", prompt="Now answer in French.", messages=[CHAT[0]])
    write_export([(task, make_rewrite(task))], "sft-messages", tmp_path / "sft.jsonl")
    [row] = _rows(tmp_path / "sft.jsonl")
    assert row["messages"][:2] == [CHAT[0], {"role": "user", "content": "Now answer in French."}]  # type: ignore[index]


def test_native_export_holds_every_field_and_reimports(tmp_path: Path) -> None:
    out = tmp_path / "all.jsonl"
    pairs = _pairs()
    write_export(pairs, "jsonl", out)
    first = _rows(out)[0]
    assert list(first) == [
        "id",
        "project",
        "prompt",
        "messages",
        "original",
        "original_sha256",
        "model",
        "metadata",
        "source",
        "rewrite_id",
        "rewrite",
        "status",
        "ratings",
        "tags",
        "notes",
        "flag_reason",
        "active_seconds",
        "metrics",
        "started_from",
        "created_at",
        "updated_at",
        "submitted_at",
        "sealed_bundle_id",
    ]
    records, errors = collect(out)  # detected as native
    assert not errors
    for record, (task, rewrite) in zip(records, pairs, strict=True):
        back = record.task
        assert (back.id, back.prompt, back.original, back.model) == (
            task.id,
            task.prompt,
            task.original,
            task.model,
        )
        assert back.messages == (list(task.messages) if task.messages else None)
        assert back.metadata["batch"] == "b1" and back.metadata["rewrite"] == rewrite.text
        assert sha256_text(back.original) == back.metadata["original_sha256"]


def test_a_failed_export_leaves_the_old_file_and_no_temp_file(tmp_path: Path) -> None:
    out = tmp_path / "export.jsonl"
    out.write_text("previous export\n", encoding="utf-8")

    def failing() -> Iterator[tuple[Task, Rewrite]]:
        yield from _pairs()[:2]
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError, match="database went away"):
        write_export(failing(), "sft-messages", out)
    assert out.read_text(encoding="utf-8") == "previous export\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["export.jsonl"]


def test_bad_arguments_raise_before_writing(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown export format 'csv'; choose one of trl-preference"):
        write_export([], "csv", tmp_path / "x.jsonl")
    _task, rewrite = _pairs()[0]
    other = make_task("someone-else")
    with pytest.raises(ValueError, match="belongs to task email-001, not someone-else"):
        write_export([(other, rewrite)], "jsonl", tmp_path / "x.jsonl")
    assert not (tmp_path / "x.jsonl").exists()


def test_empty_export_writes_an_empty_file_in_a_new_folder(tmp_path: Path) -> None:
    out = tmp_path / "new" / "folder" / "none.jsonl"
    assert write_export(iter(()), "openai-dpo", out) == ExportResult(written=0)
    assert out.read_bytes() == b""


def _as_stored(task: TaskInput, seq: int) -> Task:
    """What the store would make of an imported task (enough of it for exporting)."""
    return Task(
        id=task.stable_id(),
        seq=seq,
        project="demo",
        prompt=task.prompt,
        messages=tuple(task.messages) if task.messages else None,
        original=task.original,
        original_sha256=sha256_text(task.original),
        model=task.model,
        metadata=task.metadata,
    )


@pytest.mark.parametrize(
    ("fixture", "field_map"),
    [
        ("native_tasks.jsonl", None),
        ("openai_chat.jsonl", None),
        ("trl_prompt_completion.jsonl", None),
        ("trl_conversational.jsonl", None),
        ("trl_preference.jsonl", {"response": "rejected"}),
        ("label_studio_export.json", None),
        ("tasks.csv", None),
        ("tasks.tsv", None),
    ],
)
def test_every_import_format_round_trips_to_every_export(
    tmp_path: Path, fixture: str, field_map: dict[str, str] | None
) -> None:
    tasks = [record.task for record in collect(DATA_DIR / fixture, field_map=field_map)[0]]
    assert tasks
    pairs = [
        (stored, make_rewrite(stored, f"Rewrite {n}."))
        for n, stored in enumerate((_as_stored(task, n) for n, task in enumerate(tasks)), start=1)
    ]
    for fmt in EXPORT_FORMATS:
        out = tmp_path / f"{fmt}.jsonl"
        assert write_export(pairs, fmt, out) == ExportResult(written=len(tasks))
        rows = _rows(out)
        chosen = {
            "trl-preference": "chosen",
            "sft-messages": "messages",
            "openai-dpo": "preferred_output",
            "jsonl": "rewrite",
        }[fmt]
        assert [json.dumps(row[chosen]).count("Rewrite ") for row in rows] == [1] * len(tasks)
    back = list(read_tasks(tmp_path / "jsonl.jsonl"))
    assert [item.task.original for item in back] == [task.original for task in tasks]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("fmt", "columns"),
    [
        ("trl-preference", ["prompt", "chosen", "rejected"]),
        ("sft-messages", ["messages"]),
        ("openai-dpo", ["input", "preferred_output", "non_preferred_output"]),
        (
            "jsonl",
            [
                "id",
                "project",
                "prompt",
                "messages",
                "original",
                "original_sha256",
                "model",
                "metadata",
                "source",
                "rewrite_id",
                "rewrite",
                "status",
                "ratings",
                "tags",
                "notes",
                "flag_reason",
                "active_seconds",
                "metrics",
                "started_from",
                "created_at",
                "updated_at",
                "submitted_at",
                "sealed_bundle_id",
            ],
        ),
    ],
)
def test_exports_load_with_hugging_face_datasets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str, columns: list[str]
) -> None:
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    datasets = pytest.importorskip("datasets")
    importlib.import_module("datasets.utils.logging").disable_progress_bar()
    out = tmp_path / f"{fmt}.jsonl"
    pairs = _pairs() * 4
    write_export(pairs, fmt, out)
    dataset = datasets.load_dataset(
        "json", data_files=str(out), split="train", cache_dir=str(tmp_path / "cache")
    )
    assert dataset.num_rows == len(pairs)
    assert dataset.column_names == columns
