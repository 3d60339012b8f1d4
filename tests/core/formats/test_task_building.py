"""Checking a task without pydantic gives the task, the id and the sentences pydantic gives.

``build_task`` checks values of the declared types directly and sends anything else through
:class:`TaskInput`; both paths must agree on every input, and the store must keep the same rows.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workstation.core.formats import read_tasks
from workstation.core.formats.records import CheckedTask, ParsedRecord, RecordProblem
from workstation.core.formats.task_building import _checked_by_model, build_task
from workstation.core.models import MAX_TASK_ID_CHARS, ROLES, TaskInput
from workstation.core.store import Store

_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=12) | st.sampled_from(
    ["", " ", "\t\n", "  padded id  ", "x" * MAX_TASK_ID_CHARS, " " + "x" * MAX_TASK_ID_CHARS, "y" * 201]
)
_turns = st.lists(st.fixed_dictionaries({"role": st.sampled_from(ROLES), "content": _text}), max_size=3)
_metadata = st.dictionaries(st.text(max_size=5), st.none() | st.integers() | _text | st.lists(st.integers()))
_fields = st.fixed_dictionaries(
    {
        "original": _text,
        "task_id": st.none() | _text,
        "prompt": st.none() | _text,
        "messages": st.none() | _turns,
        "model": st.none() | _text,
        "metadata": st.none() | _metadata,
    }
)


def _outcome(check: Any, fields: dict[str, Any]) -> CheckedTask | str:
    try:
        return check(**fields)
    except RecordProblem as problem:
        return f"problem: {problem.message}"


def _by_model(**fields: Any) -> CheckedTask:
    return _checked_by_model(
        fields["original"],
        fields["task_id"],
        fields["prompt"],
        fields["messages"],
        fields["model"],
        fields["metadata"],
    )


@settings(max_examples=400, deadline=None)
@given(_fields)
def test_direct_check_gives_what_the_model_gives(fields: dict[str, Any]) -> None:
    if not fields["original"].strip():
        fields["original"] += "output"  # a blank output is refused before either path runs
    direct = _outcome(lambda **values: build_task(original_label="response", **values), fields)
    assert direct == _outcome(_by_model, fields)
    if isinstance(direct, CheckedTask):
        model = direct.to_task_input()
        assert direct.stable_id() == model.stable_id()
        assert model.id == direct.id and model.prompt == direct.prompt


def test_too_long_id_is_refused_with_the_models_sentence() -> None:
    with pytest.raises(RecordProblem, match=r"^id is longer than 200 characters$"):
        build_task(original="Sure!", original_label="response", task_id=" " + "x" * 201)
    kept = build_task(original="Sure!", original_label="response", task_id="  " + "x" * 200 + " ")
    assert kept.id == "x" * 200


@pytest.mark.parametrize(
    ("values", "sentence"),
    [
        ({"prompt": 5}, '"prompt": Input should be a valid string'),
        ({"model": ["m"]}, '"model": Input should be a valid string'),
        ({"messages": [{"role": "robot", "content": "hi"}]}, '"messages.0.role": Input should be'),
        ({"metadata": {1: "x"}}, '"metadata.1.[key]": Input should be a valid string'),
    ],
)
def test_values_of_other_types_get_pydantics_sentence(values: dict[str, Any], sentence: str) -> None:
    with pytest.raises(RecordProblem) as raised:
        build_task(original="Sure!", original_label="response", **values)
    assert raised.value.message.startswith(sentence)


def test_turns_with_extra_keys_keep_only_role_and_content() -> None:
    turn = {"role": "user", "content": "Hi", "name": "Ann"}
    task = build_task(original="Sure!", original_label="response", messages=[turn])
    assert task.messages == ({"role": "user", "content": "Hi"},)


def _native_file(tmp_path: Path) -> Path:
    records = [
        {"id": " a ", "prompt": "Write", "response": "Sure!", "model": "m", "metadata": {"z": 1, "b": [2]}},
        {"prompt": "", "response": "Hash me", "tag": "é"},
        {
            "messages": [
                {"role": "system", "content": "Be kind"},
                {"role": "user", "content": [{"type": "text", "text": "Hi"}, "there"]},
                {"role": "assistant", "content": "Hello!"},
            ]
        },
    ]
    path = tmp_path / "tasks.jsonl"
    path.write_text("".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records))
    return path


def test_the_store_keeps_what_the_model_says(tmp_path: Path) -> None:
    path = _native_file(tmp_path)
    expected = [item.task for item in read_tasks(path) if isinstance(item, ParsedRecord)]
    assert len(expected) == 3
    with Store(tmp_path / "data") as store:
        result = store.import_file(path, project="P")
        assert (result.added, result.errors) == (3, ())
        for model in expected:
            stored = store.tasks.get(model.stable_id())
            assert stored is not None
            assert (stored.prompt, stored.original) == (model.prompt, model.original)
            assert stored.model == model.model
            assert stored.metadata == model.metadata
            assert list(stored.messages or ()) == list(model.messages or ())
    assert expected[0].id == "a"
    assert expected[1].stable_id().startswith("h-") and expected[1].prompt is None


def test_a_task_reads_back_as_the_same_model() -> None:
    task = build_task(original="Sure!", original_label="response", prompt="Write", metadata={"k": 1})
    assert task.to_task_input() == TaskInput(prompt="Write", original="Sure!", metadata={"k": 1})
