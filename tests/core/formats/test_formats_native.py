"""Native JSONL import: the happy path and every kind of bad input, reported by line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from formats_testkit import DATA_DIR, assert_golden, collect, error_texts, render

from workstation.core.formats import read_tasks
from workstation.core.formats.reading import read_lines


def _write(tmp_path: Path, data: bytes | str, name: str = "tasks.jsonl") -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _line(**record: object) -> str:
    return json.dumps(record, ensure_ascii=False) + "\n"


def test_native_fixture_matches_golden(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA_DIR)
    assert_golden("import_native_tasks.txt", render(read_tasks("native_tasks.jsonl")))


def test_unknown_keys_go_to_metadata_and_explicit_metadata_wins(tmp_path: Path) -> None:
    path = _write(tmp_path, _line(response="Sure!", locale="fr", batch=1, metadata={"batch": 2}))
    [record], errors = collect(path)
    assert not errors
    assert record.task.metadata == {"locale": "fr", "batch": 2}


def test_numeric_id_becomes_text(tmp_path: Path) -> None:
    [record], _ = collect(_write(tmp_path, _line(id=17, response="Sure!")))
    assert record.task.id == "17"


def test_utf8_bom_crlf_and_blank_lines_are_handled(tmp_path: Path) -> None:
    body = (
        "\ufeff"
        + _line(id="a", response="Café ☕").replace("\n", "\r\n")
        + "\r\n   \n"
        + _line(id="b", response="x")
        + "\ufeff"  # a second file's BOM, after `cat a.jsonl b.jsonl`
        + _line(id="c", response="y")
    )
    records, errors = collect(_write(tmp_path, body))
    assert not errors
    assert [(r.line, r.task.id, r.task.original) for r in records] == [
        (1, "a", "Café ☕"),
        (4, "b", "x"),
        (5, "c", "y"),
    ]


def test_every_bad_line_is_reported_with_its_line(tmp_path: Path) -> None:
    lines = [
        _line(id="ok-1", response="Fine."),
        '{"id": "x", "response": "a" "b"}\n',
        _line(id="n", response=42),
        "[1, 2, 3]\n",
        "7\n",
        _line(id="e", response="   \n "),
        "this is not json\n",
        _line(id="m", prompt="only a prompt"),
        _line(id="p", prompt=["not", "a", "string"], response="x"),
        _line(id="meta", response="x", metadata="oops"),
        _line(id="msg", response="x", messages=[{"role": "robot", "content": "hi"}]),
        _line(id=1.5, response="x"),
        _line(id="ok-2", response="Also fine."),
        '{"id": "cut", "response": "The file was cut off in the mid',
    ]
    records, errors = collect(_write(tmp_path, "".join(lines)))
    assert [r.task.id for r in records] == ["ok-1", "ok-2"]
    name = str(tmp_path / "tasks.jsonl")
    assert [str(e).removeprefix(name) for e in errors] == [
        ":2: not valid JSON (Expecting ',' delimiter at column 29)",
        ':3: "response" must be a string, got a number',
        ":4: expected a JSON object on this line, got a list",
        ":5: expected a JSON object on this line, got a number",
        ":6: the model output to rewrite is empty",
        ":7: not valid JSON (Expecting value at column 1)",
        ':8: the model output to rewrite is missing; expected one of "response", "original", "output" '
        "(or name the field with --field response=NAME)",
        ':9: "prompt" must be a string, got a list',
        ':10: "metadata" must be an object, got a string',
        ':11: messages[0].role must be one of system, user, assistant, tool, developer; got "robot"',
        ':12: "id" must be a string or a whole number, got a number',
        ":14: the line ends before the JSON object is complete (truncated file?)",
    ]


def test_latin1_bytes_spoil_only_their_line(tmp_path: Path) -> None:
    data = _line(id="a", response="fine").encode() + '{"id": "b", "response": "café"}\n'.encode("latin-1")
    records, errors = collect(_write(tmp_path, data))
    assert [r.task.id for r in records] == ["a"]
    assert len(errors) == 1 and errors[0].line == 2
    assert "not valid UTF-8 text (byte 0xE9 at column 29)" in errors[0].message
    assert "Latin-1" in errors[0].message


@pytest.mark.parametrize(
    ("encoding", "name"), [("utf-16", "UTF-16"), ("utf-32", "UTF-32"), ("utf-16-be", None)]
)
def test_utf16_and_utf32_files_are_refused_clearly(tmp_path: Path, encoding: str, name: str | None) -> None:
    data = (_line(id="a", response="fine") * 3).encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
        name = "UTF-16"
    errors = error_texts(_write(tmp_path, data), format="native")
    assert len(errors) == 1
    assert errors[0].endswith(
        f":1: the file is {name} encoded (it starts with a {name} byte-order mark); "
        "save it as UTF-8 and import it again"
    )


def test_utf16_without_bom_is_reported_as_nul_bytes(tmp_path: Path) -> None:
    errors = error_texts(
        _write(tmp_path, _line(id="a", response="fine").encode("utf-16-le")), format="native"
    )
    assert len(errors) == 1 and "NUL bytes" in errors[0] and "UTF-16" in errors[0]


def test_nan_and_lone_surrogates_are_refused(tmp_path: Path) -> None:
    body = '{"response": "x", "metadata": {"score": NaN}}\n{"response": "half an emoji \\ud83d"}\n'
    body += '{"response": "a whole emoji \\ud83d\\ude00"}\n'
    records, errors = collect(_write(tmp_path, body))
    assert [r.task.original for r in records] == ["a whole emoji 😀"]
    assert [e.message for e in errors] == [
        "NaN is not a number JSON allows",
        "the text holds a lone surrogate escape (\\ud83d without its pair), which is not valid Unicode",
    ]


def test_pretty_printed_json_gets_a_hint(tmp_path: Path) -> None:
    errors = error_texts(_write(tmp_path, '{\n  "response": "x"\n}\n'), format="native")
    assert "pretty-printed JSON" in errors[0]


def test_a_10_mb_record_is_read(tmp_path: Path) -> None:
    big = "All in all, it is worth noting. " * (10 * 1024 * 1024 // 32)
    path = _write(tmp_path, _line(id="big", response=big) + _line(id="small", response="x"))
    records, errors = collect(path)
    assert not errors
    assert [len(r.task.original) for r in records] == [len(big), 1]


def test_a_record_over_the_limit_is_an_error_and_reading_goes_on(tmp_path: Path) -> None:
    path = _write(tmp_path, "a" * 100 + "\n" + "bb\n" + "c" * 5000 + "\r\nd")
    lines = list(read_lines(path, max_line_bytes=64))
    assert lines[0] == (1, "", "the record is larger than 0 MB, the most one record may hold")
    assert lines[1] == (2, "bb\n", None)
    assert lines[2][0] == 3 and lines[2][2] is not None
    assert lines[3] == (4, "d", None)


def test_field_map_reads_other_names_and_dotted_paths(tmp_path: Path) -> None:
    record = {"uid": "q-1", "question": "Why?", "gen": {"text": "Because.", "by": "m-1"}, "llm": "m"}
    path = _write(tmp_path, json.dumps(record) + "\n")
    [parsed], errors = collect(
        path,
        format="native",
        field_map={"id": "uid", "prompt": "question", "response": "gen.text", "model": "llm"},
    )
    assert not errors
    task = parsed.task
    assert (task.id, task.prompt, task.original, task.model) == ("q-1", "Why?", "Because.", "m")
    assert task.metadata == {"gen": {"by": "m-1"}}


def test_field_map_naming_a_missing_field_says_so(tmp_path: Path) -> None:
    errors = error_texts(_write(tmp_path, _line(response="x")), field_map={"response": "answer"})
    assert errors[0].endswith(':1: the field "answer" (mapped to the output to rewrite) is missing')


def test_unknown_field_map_key_and_format_raise_value_error(tmp_path: Path) -> None:
    path = _write(tmp_path, _line(response="x"))
    with pytest.raises(ValueError, match=r"unknown field 'answer'.*response, prompt, id, model, messages"):
        read_tasks(path, field_map={"answer": "x"})
    with pytest.raises(ValueError, match="unknown import format 'yaml'"):
        read_tasks(path, format="yaml")


def test_missing_file_raises_before_reading(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no such file"):
        read_tasks(tmp_path / "nope.jsonl")
    with pytest.raises(IsADirectoryError):
        read_tasks(tmp_path)


def test_empty_file_yields_nothing(tmp_path: Path) -> None:
    assert list(read_tasks(_write(tmp_path, "\n \n"))) == []
    assert list(read_tasks(_write(tmp_path, "", "empty.jsonl"), format="native")) == []
