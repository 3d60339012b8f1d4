"""Format detection by content, the extension as a tie-breaker, and the ``format=`` override."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from formats_testkit import DATA_DIR, collect

from workstation.core.formats import FormatDetectionError, detect_format, read_tasks, resolve_format_name


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("native_tasks.jsonl", "native"),
        ("openai_chat.jsonl", "openai-chat"),
        ("trl_prompt_completion.jsonl", "trl"),
        ("trl_conversational.jsonl", "trl"),
        ("trl_preference.jsonl", "trl"),
        ("label_studio_export.json", "label-studio"),
        ("label_studio_tasks.jsonl", "label-studio"),
        ("tasks.csv", "csv"),
        ("tasks.tsv", "tsv"),
    ],
)
def test_each_fixture_is_detected(fixture: str, expected: str) -> None:
    assert detect_format(DATA_DIR / fixture) == expected


def _write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def test_content_wins_over_the_extension(tmp_path: Path) -> None:
    assert detect_format(_write(tmp_path, "tasks.csv", '{"messages": []}\n')) == "openai-chat"
    assert detect_format(_write(tmp_path, "tasks.json", "id\tprompt\tresponse\n")) == "tsv"
    assert detect_format(_write(tmp_path, "data.txt", "prompt,response\n")) == "csv"


def test_extension_breaks_a_tie(tmp_path: Path) -> None:
    assert detect_format(_write(tmp_path, "answers.tsv", "answer\nfoo\n")) == "tsv"
    assert detect_format(_write(tmp_path, "answers.csv", "answer\nfoo\n")) == "csv"
    assert detect_format(_write(tmp_path, "answers.txt", "response\nfoo\n")) == "csv"


def test_bad_first_records_are_skipped_when_detecting(tmp_path: Path) -> None:
    text = '\n{"broken": \n[1]\n{"prompt": "p", "completion": "c"}\n'
    assert detect_format(_write(tmp_path, "x.jsonl", text)) == "trl"


def test_bom_and_leading_blank_lines(tmp_path: Path) -> None:
    assert (
        detect_format(_write(tmp_path, "x.jsonl", '\ufeff\n\n  {"data": {"text": "t"}}\n')) == "label-studio"
    )
    assert detect_format(_write(tmp_path, "x.json", '\ufeff  \n [ {"data": {}} ]')) == "label-studio"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("notes.txt", "Dear team please find attached\n", "cannot tell the format"),
        ("empty.jsonl", "  \n\n", "the file is empty"),
        ("x.jsonl", '{"response": "x"}\n'.encode("utf-16"), "UTF-16 encoded"),
    ],
)
def test_unknown_formats_raise_a_clear_error(
    tmp_path: Path, name: str, data: str | bytes, message: str
) -> None:
    with pytest.raises(FormatDetectionError, match=message) as caught:
        detect_format(_write(tmp_path, name, data))
    assert str(caught.value).startswith(f"{tmp_path / name}:1: ")


def test_read_tasks_reports_an_undetectable_file_as_a_record_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "notes.txt", "Dear team please find attached\n")
    [error] = list(read_tasks(path))
    assert str(error).startswith(f"{path}:1: cannot tell the format")


def test_format_override_beats_detection(tmp_path: Path) -> None:
    record = {"prompt": "P", "completion": "C", "response": "R"}
    path = _write(tmp_path, "x.jsonl", json.dumps(record) + "\n")
    assert detect_format(path) == "native"
    [native], _ = collect(path)
    [trl], _ = collect(path, format="trl")
    assert native.task.original == "R" and native.task.metadata == {"completion": "C"}
    assert trl.task.original == "C" and trl.task.metadata == {"response": "R"}


def test_format_aliases() -> None:
    assert resolve_format_name("JSONL") == "native"
    assert resolve_format_name("openai") == "openai-chat"
    with pytest.raises(ValueError, match="choose one of native, openai-chat, trl, label-studio, csv, tsv"):
        resolve_format_name("parquet")
