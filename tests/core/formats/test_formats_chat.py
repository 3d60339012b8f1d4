"""OpenAI chat and TRL prompt/completion imports: conversations split at the last assistant turn."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from formats_testkit import DATA_DIR, assert_golden, collect, error_texts, render

from workstation.core.formats import read_tasks


def _write(tmp_path: Path, *records: object, name: str = "chat.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path


def _turn(role: str, content: object) -> dict[str, object]:
    return {"role": role, "content": content}


@pytest.mark.parametrize(
    ("fixture", "field_map", "golden"),
    [
        ("openai_chat.jsonl", None, "import_openai_chat.txt"),
        ("trl_prompt_completion.jsonl", None, "import_trl_prompt_completion.txt"),
        ("trl_conversational.jsonl", None, "import_trl_conversational.txt"),
        ("trl_preference.jsonl", {"response": "rejected"}, "import_trl_preference_rejected.txt"),
    ],
)
def test_fixture_matches_golden(
    monkeypatch: pytest.MonkeyPatch, fixture: str, field_map: dict[str, str] | None, golden: str
) -> None:
    monkeypatch.chdir(DATA_DIR)
    assert_golden(golden, render(read_tasks(fixture, field_map=field_map)))


def test_openai_last_assistant_turn_is_the_output_and_earlier_turns_the_context(tmp_path: Path) -> None:
    turns = [
        _turn("system", "Be brief."),
        _turn("user", "Hi"),
        _turn("assistant", "Hello!"),
        _turn("user", "Tell me more"),
        _turn("assistant", "Certainly! Let me delve in."),
    ]
    [record], errors = collect(_write(tmp_path, {"messages": turns, "id": "c1"}), format="openai-chat")
    assert not errors
    assert record.task.original == "Certainly! Let me delve in."
    assert [(m.role, m.content) for m in record.task.messages or []] == [
        ("system", "Be brief."),
        ("user", "Hi"),
        ("assistant", "Hello!"),
        ("user", "Tell me more"),
    ]
    assert record.task.prompt is None and record.task.id == "c1"


def test_openai_text_parts_are_joined_and_null_context_content_is_empty(tmp_path: Path) -> None:
    turns = [
        _turn("user", "Q"),
        {"role": "assistant", "content": None, "tool_calls": []},
        _turn("assistant", [{"type": "text", "text": "Part one."}, {"type": "text", "text": "Part two."}]),
    ]
    [record], _ = collect(_write(tmp_path, {"messages": turns}), format="openai-chat")
    assert record.task.original == "Part one.\nPart two."
    assert record.task.messages is not None and record.task.messages[1].content == ""


def test_openai_bad_conversations_are_explained(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        {"messages": [_turn("user", "Only a question")]},
        {"messages": [_turn("user", "Q"), _turn("assistant", "A"), _turn("user", "And?")]},
        {"messages": []},
        {"messages": "hello"},
        {"messages": [_turn("user", "Q"), _turn("assistant", [{"type": "image_url", "image_url": {}}])]},
        {"messages": [_turn("user", "Q"), _turn("assistant", 5)]},
        {"messages": [_turn("user", "Q"), _turn("assistant", "  ")]},
        {"conversation": []},
        {"messages": [["user", "Q"]]},
    )
    messages = [text.split(":", 2)[2].strip() for text in error_texts(path, format="openai-chat")]
    assert messages == [
        '"messages" has no assistant turn to rewrite',
        '"messages" ends with a user turn after the last assistant turn; the output to rewrite must be the '
        "final turn",
        '"messages" is empty; it needs an assistant turn to rewrite',
        '"messages" must be a list of messages, got a string',
        'messages[1].content[0] is a "image_url" part; only text parts can be imported',
        "messages[1].content must be a string or a list of text parts, got a number",
        "the model output to rewrite is empty",
        'the "messages" list is missing; OpenAI chat lines need "messages" ending in an assistant turn',
        "messages[0] must be an object with role and content, got a list",
    ]


def test_trl_conversational_prompt_becomes_the_context(tmp_path: Path) -> None:
    record = {"prompt": [_turn("system", "S"), _turn("user", "U")], "completion": [_turn("assistant", "A")]}
    [parsed], errors = collect(_write(tmp_path, record), format="trl")
    assert not errors
    assert parsed.task.original == "A" and parsed.task.prompt is None
    assert [m.role for m in parsed.task.messages or []] == ["system", "user"]


def test_trl_preference_rows_need_a_choice(tmp_path: Path) -> None:
    path = DATA_DIR / "trl_preference.jsonl"
    errors = error_texts(path)
    assert len(errors) == 2 and "--field response=rejected" in errors[0]
    records, errors = collect(path, field_map={"response": "rejected"})
    assert not errors
    assert records[0].task.original.startswith("Certainly! Octopuses")
    assert records[0].task.metadata == {
        "chosen": "Octopuses have three hearts, and two of them stop beating while they swim."
    }


def test_trl_preference_with_implicit_prompt_splits_the_rejected_conversation(tmp_path: Path) -> None:
    rejected = [_turn("user", "Q"), _turn("assistant", "Robotic A")]
    path = _write(tmp_path, {"chosen": [_turn("user", "Q"), _turn("assistant", "A")], "rejected": rejected})
    [parsed], errors = collect(path, format="trl", field_map={"response": "rejected"})
    assert not errors
    assert parsed.task.original == "Robotic A"
    assert [(m.role, m.content) for m in parsed.task.messages or []] == [("user", "Q")]


def test_trl_type_errors(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        {"prompt": 3, "completion": "x"},
        {"prompt": "p", "completion": {"text": "x"}},
        {"prompt": "p"},
        {"prompt": [_turn("user", "p")], "completion": [_turn("user", "not an answer")]},
    )
    messages = [text.split(":", 2)[2].strip() for text in error_texts(path, format="trl")]
    assert messages == [
        '"prompt" must be a string or a list of messages, got a number',
        '"completion" must be a string, got an object',
        'the "completion" field is missing; TRL rows need "prompt" and "completion"',
        '"completion" has no assistant turn to rewrite',
    ]
