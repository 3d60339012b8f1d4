"""Property tests: any task written in an outside format reads back as the same task."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from formats_testkit import collect
from hypothesis import given, settings
from hypothesis import strategies as st

from workstation.core.models import Message, TaskInput

# Text the formats carry exactly: no lone surrogates (not Unicode), and for CSV no NUL or CR
# (CR LF inside a cell is read as LF, like every other line ending).
_json_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
_csv_text = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00\r"), max_size=40)


def _nonblank(text: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return text.filter(lambda value: value.strip() != "")


def _ident(text: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return text.map(str.strip).filter(lambda value: 0 < len(value) <= 200)


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | _json_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_json_text, inner, max_size=3),
    max_leaves=8,
)


def _messages(text: st.SearchStrategy[str]) -> st.SearchStrategy[list[Message] | None]:
    roles = st.sampled_from(["system", "user", "assistant", "tool", "developer"])
    turn = st.builds(lambda role, content: Message(role=role, content=content), roles, text)
    return st.none() | st.lists(turn, min_size=1, max_size=4)


@st.composite
def json_tasks(draw: st.DrawFn, *, prompt: bool = True, messages: bool = True) -> TaskInput:
    return TaskInput(
        id=draw(st.none() | _ident(_json_text)),
        prompt=draw(st.none() | _nonblank(_json_text)) if prompt else None,
        messages=draw(_messages(_json_text)) if messages else None,
        original=draw(_nonblank(_json_text)),
        model=draw(st.none() | _json_text.filter(bool)),
        metadata=draw(st.dictionaries(_json_text, _json_values, max_size=4)),
    )


def _turns(task: TaskInput) -> list[dict[str, str]]:
    return [message.model_dump() for message in task.messages or []]


def _common(task: TaskInput) -> dict[str, Any]:
    return {"id": task.id, "model": task.model, "metadata": task.metadata}


def native_line(task: TaskInput) -> dict[str, Any]:
    return {
        **_common(task),
        "prompt": task.prompt,
        "messages": _turns(task) or None,
        "response": task.original,
    }


def openai_line(task: TaskInput) -> dict[str, Any]:
    return {**_common(task), "messages": [*_turns(task), {"role": "assistant", "content": task.original}]}


def trl_line(task: TaskInput) -> dict[str, Any]:
    if task.messages:
        return {
            **_common(task),
            "prompt": _turns(task),
            "completion": [{"role": "assistant", "content": task.original}],
        }
    return {**_common(task), "prompt": task.prompt or "", "completion": task.original}


def label_studio_task(task: TaskInput) -> dict[str, Any]:
    data = {**native_line(task)}
    if task.id is None:
        data.pop("id")
    return {"data": data}


def _check(path: Path, tasks: list[TaskInput], fmt: str | None) -> None:
    records, errors = collect(path, format=fmt)
    assert [str(error) for error in errors] == []
    assert [record.task.model_dump() for record in records] == [task.model_dump() for task in tasks]


def _json_lines(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as stream:
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")


_JSON_CASES: list[tuple[str, Callable[[TaskInput], dict[str, Any]], dict[str, bool]]] = [
    ("native", native_line, {}),
    ("openai-chat", openai_line, {"prompt": False}),
    ("trl", trl_line, {}),
]


@pytest.mark.parametrize(("fmt", "writer", "limits"), _JSON_CASES, ids=[case[0] for case in _JSON_CASES])
def test_json_lines_formats_round_trip(
    tmp_path_factory: pytest.TempPathFactory,
    fmt: str,
    writer: Callable[[TaskInput], dict[str, Any]],
    limits: dict[str, bool],
) -> None:
    @settings(max_examples=60, deadline=None)
    @given(st.lists(json_tasks(**limits), min_size=1, max_size=5))
    def round_trip(tasks: list[TaskInput]) -> None:
        if fmt == "trl":  # TRL holds a plain prompt or conversation turns, never both
            tasks = [task.model_copy(update={"prompt": None}) if task.messages else task for task in tasks]
        path = tmp_path_factory.mktemp(fmt) / "tasks.jsonl"
        _json_lines(path, [writer(task) for task in tasks])
        _check(path, tasks, fmt)
        _check(path, tasks, None)  # and auto-detection picks the same format

    round_trip()


@settings(max_examples=60, deadline=None)
@given(st.lists(json_tasks(), min_size=1, max_size=5), st.sampled_from([None, 1]))
def test_label_studio_array_round_trips(
    tmp_path_factory: pytest.TempPathFactory, tasks: list[TaskInput], indent: int | None
) -> None:
    path = tmp_path_factory.mktemp("ls") / "export.json"
    path.write_text(
        json.dumps([label_studio_task(task) for task in tasks], indent=indent, ensure_ascii=False),
        encoding="utf-8",
    )
    _check(path, tasks, None)


@st.composite
def csv_tasks(draw: st.DrawFn) -> TaskInput:
    return TaskInput(
        id=draw(st.none() | _ident(_csv_text)),
        prompt=draw(st.none() | _csv_text.filter(bool)),
        messages=draw(_messages(_csv_text)),
        original=draw(_nonblank(_csv_text)),
        model=draw(st.none() | _csv_text.filter(bool)),
        metadata={"topic": draw(_csv_text), "batch": draw(_csv_text)},
    )


@settings(max_examples=80, deadline=None)
@given(st.lists(csv_tasks(), min_size=1, max_size=5), st.sampled_from([",", "\t"]), st.booleans())
def test_csv_and_tsv_round_trip(
    tmp_path_factory: pytest.TempPathFactory, tasks: list[TaskInput], delimiter: str, crlf: bool
) -> None:
    path = tmp_path_factory.mktemp("csv") / ("tasks.csv" if delimiter == "," else "tasks.tsv")
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, delimiter=delimiter, lineterminator="\r\n" if crlf else "\n")
        writer.writerow(["id", "prompt", "response", "model", "messages", "topic", "batch"])
        for task in tasks:
            turns = json.dumps(_turns(task), ensure_ascii=False) if task.messages else ""
            writer.writerow(
                [
                    task.id or "",
                    task.prompt or "",
                    task.original,
                    task.model or "",
                    turns,
                    task.metadata["topic"],
                    task.metadata["batch"],
                ]
            )
    _check(path, tasks, "csv" if delimiter == "," else "tsv")
