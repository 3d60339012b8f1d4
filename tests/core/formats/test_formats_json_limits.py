"""Numbers that are not finite and values nested too deeply are refused at import, with their line.

``1e400`` used to import as ``inf`` (then every seal and JSON export failed); JSON nested 1,500
levels deep raised a RecursionError later on. Every importer now says ``file:line: what is
wrong`` for the bad record and reads on.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from formats_testkit import collect

from workstation.core.formats import detect_format
from workstation.core.formats.json_limits import MAX_JSON_DEPTH, depth_problem

TOO_DEEP = f"nested too deeply (more than {MAX_JSON_DEPTH} levels)"
NOT_FINITE = ["1e400", "-1e400", "1" + "0" * 400 + ".5", "2.5E+309"]


def _nested(levels: int) -> str:
    return "[" * levels + "]" * levels


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# One bad record in the middle of each format, where the bad value sits in ``{value}``.
JSONL_SHAPES = {
    "native metadata": ('{{"response": "r", "metadata": {{"score": {value}}}}}', "native"),
    "native top-level field": ('{{"response": "r", "rating": {value}}}', "native"),
    "openai-chat messages": (
        '{{"messages": [{{"role": "user", "content": "q", "w": {value}}}, '
        '{{"role": "assistant", "content": "a"}}]}}',
        "openai-chat",
    ),
    "trl": ('{{"prompt": "p", "completion": "c", "extra": [{value}]}}', "trl"),
    "label-studio lines": ('{{"data": {{"response": "r", "score": {value}}}}}', "label-studio"),
}
GOOD_LINES = {
    "native": '{"response": "fine"}',
    "openai-chat": '{"messages": [{"role": "assistant", "content": "fine"}]}',
    "trl": '{"prompt": "p", "completion": "fine"}',
    "label-studio": '{"data": {"response": "fine"}}',
}


@pytest.mark.parametrize("literal", NOT_FINITE)
@pytest.mark.parametrize("shape", sorted(JSONL_SHAPES))
def test_json_lines_refuse_numbers_that_are_not_finite(tmp_path: Path, shape: str, literal: str) -> None:
    template, format_name = JSONL_SHAPES[shape]
    good = GOOD_LINES[format_name]
    path = _write(tmp_path, "tasks.jsonl", f"{good}\n{template.format(value=literal)}\n{good}\n")
    records, errors = collect(path, format=format_name)
    assert [record.line for record in records] == [1, 3]
    (error,) = errors
    assert error.line == 2
    assert "is too large to hold (it is not a finite 64-bit number)" in str(error)
    assert str(error).startswith(f"{path}:2: the number {literal[:10]}")


@pytest.mark.parametrize("levels", [MAX_JSON_DEPTH, MAX_JSON_DEPTH + 1, 1_500, 100_000])
@pytest.mark.parametrize("shape", sorted(JSONL_SHAPES))
def test_json_lines_refuse_deep_nesting(tmp_path: Path, shape: str, levels: int) -> None:
    template, format_name = JSONL_SHAPES[shape]
    good = GOOD_LINES[format_name]
    line = template.format(value=_nested(levels))
    path = _write(tmp_path, "tasks.jsonl", f"{good}\n{line}\n{good}\n")
    records, errors = collect(path, format=format_name)
    assert [record.line for record in records] == [1, 3]
    assert [str(error) for error in errors] == [f"{path}:2: {TOO_DEEP}"]


def test_the_limit_counts_the_record_itself_as_level_one(tmp_path: Path) -> None:
    inner = MAX_JSON_DEPTH - 1  # the record object plus this many levels is exactly the limit
    path = _write(tmp_path, "tasks.jsonl", f'{{"response": "r", "m": {_nested(inner)}}}\n')
    records, errors = collect(path)
    assert not errors and len(records) == 1
    path = _write(tmp_path, "tasks.jsonl", f'{{"response": "r", "m": {_nested(inner + 1)}}}\n')
    assert [error.message for error in collect(path)[1]] == [TOO_DEEP]


def test_brackets_inside_strings_do_not_count(tmp_path: Path) -> None:
    text = json.dumps({"response": "[" * 5000 + "{" * 5000, "metadata": {"note": '\\"[[[' * 100}})
    records, errors = collect(_write(tmp_path, "tasks.jsonl", text + "\n"))
    assert not errors
    assert records[0].task.original.startswith("[[[[")


def _array(*items: str) -> str:
    return "[\n" + ",\n".join(items) + "\n]\n"


@pytest.mark.parametrize("levels", [MAX_JSON_DEPTH + 1, 1_500])
def test_label_studio_array_refuses_deep_items_and_reads_on(tmp_path: Path, levels: int) -> None:
    deep = f'{{"data": {{"response": "r", "m": {_nested(levels)}}}}}'
    good = '{"data": {"response": "fine"}}'
    path = _write(tmp_path, "export.json", _array(good, deep, good))
    records, errors = collect(path)
    assert [record.line for record in records] == [2, 4]
    assert [str(error) for error in errors] == [f"{path}:3: {TOO_DEEP}"]


def test_label_studio_array_deeper_than_the_decoder_goes_stops_with_a_sentence(tmp_path: Path) -> None:
    """100,000 levels: past the decoder's own guard, the item's end is unknown, so reading stops."""
    deep = f'{{"data": {{"response": "r", "m": {_nested(100_000)}}}}}'
    path = _write(tmp_path, "export.json", _array('{"data": {"response": "fine"}}', deep))
    records, errors = collect(path)
    assert [record.line for record in records] == [2]
    assert [str(error) for error in errors] == [f"{path}:3: {TOO_DEEP}"]


@pytest.mark.parametrize("literal", NOT_FINITE)
def test_label_studio_array_refuses_numbers_that_are_not_finite(tmp_path: Path, literal: str) -> None:
    bad = f'{{"data": {{"response": "r"}}, "annotations": [{{"score": {literal}}}]}}'
    path = _write(tmp_path, "export.json", _array('{"data": {"response": "fine"}}', bad))
    records, errors = collect(path)
    assert [record.line for record in records] == [2]
    (error,) = errors
    assert error.line == 3 and "is too large to hold" in error.message


def test_csv_messages_column_is_held_to_the_same_limits(tmp_path: Path) -> None:
    rows = [
        ["response", "messages"],
        ["fine", ""],
        ["r", _nested(1_500)],
        ["r", '[{"role": "user", "content": "q", "w": 1e400}]'],
        ["r", '[{"role": "user", "content": "q", "w": NaN}]'],
    ]
    path = tmp_path / "tasks.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    records, errors = collect(path)
    assert [record.line for record in records] == [2]
    assert [(error.line, error.message) for error in errors] == [
        (3, f'the "messages" column is {TOO_DEEP}'),
        (
            4,
            'the "messages" column: the number 1e400 is too large to hold (it is not a finite 64-bit number)',
        ),
        (5, 'the "messages" column: NaN is not a number JSON allows'),
    ]


def test_csv_cells_that_look_like_huge_numbers_stay_text(tmp_path: Path) -> None:
    path = _write(tmp_path, "tasks.csv", "response,score\nr,1e400\n")
    records, errors = collect(path)
    assert not errors
    assert records[0].task.metadata == {"score": "1e400"}


def test_whole_numbers_too_long_to_read_are_a_sentence(tmp_path: Path) -> None:
    path = _write(tmp_path, "tasks.jsonl", '{"response": "r", "n": ' + "9" * 5000 + "}\n")
    (error,) = collect(path)[1]
    assert error.line == 1 and "has more than 4300 digits" in error.message


def test_huge_but_finite_numbers_import(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "tasks.jsonl",
        '{"response": "r", "metadata": {"a": 1e308, "b": 1e-400, "c": 12345678901234567890123}}\n',
    )
    records, errors = collect(path)
    assert not errors
    assert records[0].task.metadata == {"a": 1e308, "b": 0.0, "c": 12345678901234567890123}


@pytest.mark.parametrize("levels", [1_500, 100_000])
def test_detection_on_a_deep_first_line_does_not_crash(tmp_path: Path, levels: int) -> None:
    path = _write(tmp_path, "tasks.jsonl", '{"messages": ' + _nested(levels) + "}\n")
    assert detect_format(path) == "native"
    assert [error.message for error in collect(path)[1]] == [TOO_DEEP]


def test_depth_problem_handles_text_and_bytes_alike() -> None:
    for value in (_nested(MAX_JSON_DEPTH), '"' + "[" * 500 + '"', '{"a": "\\"[[["}'):
        assert depth_problem(value) is None
        assert depth_problem(value.encode()) is None
    for value in (_nested(MAX_JSON_DEPTH + 1), "{" * 200, '"x" ' + "[" * 101):
        assert depth_problem(value) == TOO_DEEP
        assert depth_problem(value.encode()) == TOO_DEEP
