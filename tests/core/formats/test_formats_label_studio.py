"""Label Studio import: a streamed JSON array (any size, any chunking) or JSON Lines of tasks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from formats_testkit import DATA_DIR, assert_golden, collect, error_texts, render
from hypothesis import given, settings
from hypothesis import strategies as st

from workstation.core.formats import json_array, read_tasks
from workstation.core.formats.reading import read_chunks


def _write(tmp_path: Path, text: str | bytes, name: str = "export.json") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def _task(number: int, **data: object) -> dict[str, object]:
    return {"id": number, "data": {"prompt": f"Prompt {number}", "response": f"Answer {number}", **data}}


@pytest.mark.parametrize("fixture", ["label_studio_export.json", "label_studio_tasks.jsonl"])
def test_fixture_matches_golden(monkeypatch: pytest.MonkeyPatch, fixture: str) -> None:
    monkeypatch.chdir(DATA_DIR)
    assert_golden(f"import_{fixture.replace('.', '_')}.txt", render(read_tasks(fixture)))


def test_items_report_the_line_where_they_start(tmp_path: Path) -> None:
    text = "[\n" + ",\n".join(json.dumps(_task(n), indent=2) for n in range(1, 4)) + "\n]\n"
    records, errors = collect(_write(tmp_path, text))
    assert not errors
    assert [(r.line, r.task.id) for r in records] == [(2, "1"), (9, "2"), (16, "3")]


def test_data_id_wins_over_task_id_and_mapping_may_omit_data_prefix(tmp_path: Path) -> None:
    tasks = [{"id": 5, "data": {"id": "own-5", "q": "Why?", "a": "Because."}, "annotations": [{"x": 1}]}]
    for field_map in ({"prompt": "q", "response": "a"}, {"prompt": "data.q", "response": "data.a"}):
        [record], errors = collect(_write(tmp_path, json.dumps(tasks)), field_map=field_map)
        assert not errors
        task = record.task
        assert (task.id, task.prompt, task.original) == ("own-5", "Why?", "Because.")
        assert task.metadata == {"label_studio": {"id": 5, "annotations": [{"x": 1}]}}


def test_bad_items_are_reported_and_reading_goes_on(tmp_path: Path) -> None:
    items = [_task(1), 42, {"id": 3, "data": "text"}, {"id": 4, "data": {"prompt": "only"}}, _task(5)]
    text = "[\n" + ",\n".join(json.dumps(item) for item in items) + "\n]"
    records, errors = collect(_write(tmp_path, text))
    assert [r.task.id for r in records] == ["1", "5"]
    assert [(e.line, e.message.split(";")[0]) for e in errors] == [
        (3, "item 2 of the array is a number, expected an object"),
        (4, '"data" must be an object, got a string'),
        (5, "the model output to rewrite is missing"),
    ]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            '[\n{"data": {"response": "a"}},\n{"data": {"response": "b',
            3,
            "the file ends before the JSON object starting here is complete (truncated file?)",
        ),
        (
            '[\n{"data": {"response": "a"}},\n',
            3,
            "the file ends before the JSON array is complete (truncated file?)",
        ),
        (
            '[\n{"data": {"response": "a"}}\n',
            3,
            "the file ends before the JSON array is complete (truncated file?)",
        ),
        (
            '[{"data": {"response": "a"}},\n]',
            2,
            'a "," before the closing "]" (JSON allows no trailing comma)',
        ),
        ('[{"data": {"response": "a"}} {"data": {}}]', 1, 'expected "," or "]" after item 1, found "{"'),
        ('[{"data": {"response": "a"}}]\n]', 2, "unexpected text after the end of the JSON array"),
        (
            '[\n{"data": {"response": "a",\n "x": }}]',
            3,
            "not valid JSON (Expecting value at line 3, column 7)",
        ),
    ],
)
def test_broken_arrays_stop_with_a_clear_error(tmp_path: Path, text: str, line: int, message: str) -> None:
    records, errors = collect(_write(tmp_path, text), format="label-studio")
    assert [(e.line, e.message) for e in errors] == [(line, message)]
    assert len(records) == (0 if "line 3, column 7" in message else 1)


def test_latin1_bytes_spoil_only_their_item(tmp_path: Path) -> None:
    data = (
        '[{"data": {"response": "fine"}},\n{"data": {"response": "caf\xe9"}},\n'
        '{"data": {"response": "also fine"}}]'
    ).encode("latin-1")
    records, errors = collect(_write(tmp_path, data))
    assert [r.task.original for r in records] == ["fine", "also fine"]
    assert errors[0].line == 2 and "not valid UTF-8 text (byte 0xE9)" in errors[0].message


def test_utf16_array_is_refused(tmp_path: Path) -> None:
    errors = error_texts(_write(tmp_path, json.dumps([_task(1)]).encode("utf-16")))
    assert len(errors) == 1 and "UTF-16" in errors[0]


@pytest.mark.parametrize(("chunk", "ids_read"), [(64, ["1"]), (1 << 20, ["1", "3"])])
def test_an_item_over_the_limit_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int, ids_read: list[str]
) -> None:
    # Read in small chunks, the item is found too big before it is complete, and reading stops;
    # read whole, it is parsed, refused, and the next item is read.
    monkeypatch.setattr(json_array, "MAX_RECORD_BYTES", 1000)
    monkeypatch.setattr(json_array, "ARRAY_READ_BYTES", chunk)
    text = json.dumps([_task(1), _task(2, notes="x" * 5000), _task(3)])
    records, errors = collect(_write(tmp_path, text))
    assert [r.task.id for r in records] == ids_read
    assert [e.message for e in errors] == ["the record is larger than 0 MB, the most one record may hold"]


def test_a_10_mb_item_is_read(tmp_path: Path) -> None:
    big = "It is important to note that " * (10 * 1024 * 1024 // 29)
    records, errors = collect(_write(tmp_path, json.dumps([_task(1, response=big), _task(2)], indent=1)))
    assert not errors and [len(r.task.original) for r in records] == [len(big), len("Answer 2")]


_texts = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=30)


@settings(max_examples=60, deadline=None)
@given(
    answers=st.lists(_texts.filter(lambda s: s.strip() != ""), min_size=0, max_size=6),
    chunk=st.integers(min_value=1, max_value=40),
    indent=st.sampled_from([None, 0, 2]),
)
def test_any_chunking_reads_the_same_tasks(
    tmp_path_factory: pytest.TempPathFactory, answers: list[str], chunk: int, indent: int | None
) -> None:
    tasks = [{"id": n, "data": {"response": answer, "note": "é\n"}} for n, answer in enumerate(answers)]
    path = tmp_path_factory.mktemp("ls") / "export.json"
    path.write_text(json.dumps(tasks, indent=indent, ensure_ascii=False), encoding="utf-8")
    assert "".join(read_chunks(path, chunk_bytes=chunk)) == path.read_text(encoding="utf-8")
    original_chunk = json_array.ARRAY_READ_BYTES
    json_array.ARRAY_READ_BYTES = chunk
    try:
        records, errors = collect(path)
    finally:
        json_array.ARRAY_READ_BYTES = original_chunk
    assert not errors
    assert [r.task.original for r in records] == answers
