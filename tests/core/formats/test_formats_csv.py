"""CSV/TSV import: header mapping, quoted multi-line fields at the right line, and bad rows."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from formats_testkit import DATA_DIR, assert_golden, collect, error_texts, render
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workstation.core.formats import RecordError, csv_tsv, read_tasks


def _write(tmp_path: Path, data: str | bytes, name: str = "tasks.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _messages(path: Path, **options: object) -> list[tuple[int, str]]:
    return [(error.line, error.message) for error in collect(path, **options)[1]]


@pytest.mark.parametrize("fixture", ["tasks.csv", "tasks.tsv"])
def test_fixture_matches_golden(monkeypatch: pytest.MonkeyPatch, fixture: str) -> None:
    monkeypatch.chdir(DATA_DIR)
    assert_golden(f"import_{fixture.replace('.', '_')}.txt", render(read_tasks(fixture)))


def test_quoted_newlines_keep_rows_at_their_physical_line(tmp_path: Path) -> None:
    text = 'id,response\r\na,"one\r\ntwo"\r\n\r\nb,three\r\nc,"x\ny\nz"\nd,last'
    records, errors = collect(_write(tmp_path, text))
    assert not errors
    assert [(r.line, r.task.id, r.task.original) for r in records] == [
        (2, "a", "one\ntwo"),
        (5, "b", "three"),
        (6, "c", "x\ny\nz"),
        (9, "d", "last"),
    ]


def test_header_names_match_any_case_and_other_columns_become_metadata(tmp_path: Path) -> None:
    text = "\ufeffID,Prompt,Output,Model,Reviewer\nq1,Why?,Because.,m-7,ana\n"
    [record], errors = collect(_write(tmp_path, text))
    assert not errors
    task = record.task
    assert (task.id, task.prompt, task.original, task.model, task.metadata) == (
        "q1",
        "Why?",
        "Because.",
        "m-7",
        {"Reviewer": "ana"},
    )


def test_missing_response_column_stops_at_the_header(tmp_path: Path) -> None:
    errors = error_texts(_write(tmp_path, "id,prompt,answer\n1,Q,A\n"))
    assert errors == [
        f"{tmp_path / 'tasks.csv'}:1: missing header column for the model output; expected one of response, "
        "output, completion, original (or name it with --field response=COLUMN)"
    ]


def test_semicolon_header_gets_a_hint(tmp_path: Path) -> None:
    [(line, message)] = _messages(_write(tmp_path, "id;prompt;response\n1;Q;A\n"))
    assert line == 1
    assert message.endswith("the header looks semicolon-separated, save the file with commas or tabs")


def test_field_map_names_a_column(tmp_path: Path) -> None:
    path = _write(tmp_path, "question,answer\nQ,A\n")
    [record], errors = collect(path, field_map={"prompt": "question", "response": "Answer"})
    assert not errors and (record.task.prompt, record.task.original) == ("Q", "A")
    assert _messages(path, field_map={"response": "reply"}) == [
        (1, 'there is no column "reply" (given with --field response=reply); the header has question, answer')
    ]


def test_bad_header_cells(tmp_path: Path) -> None:
    assert _messages(_write(tmp_path, "id,,response\n")) == [(1, "header column 2 has no name")]
    assert _messages(_write(tmp_path, "id,Response,response\n")) == [
        (1, 'the header names the column "response" twice')
    ]


def test_ragged_rows_and_empty_responses_are_reported_by_line(tmp_path: Path) -> None:
    text = 'id,prompt,response\n1,p,ok\n2,p\n3,p,r,extra\n4,p,\n5,p,"  "\n6,p,fine\n'
    records, errors = collect(_write(tmp_path, text))
    assert [r.task.id for r in records] == ["1", "6"]
    assert [(e.line, e.message) for e in errors] == [
        (3, "the row has 2 fields but the header has 3"),
        (4, "the row has 4 fields but the header has 3 (an unquoted delimiter inside a field?)"),
        (5, "the model output to rewrite is empty"),
        (6, "the model output to rewrite is empty"),
    ]


def test_unclosed_quote_and_stray_quote(tmp_path: Path) -> None:
    text = 'id,response\n1,"fine"\n2,"bad"x\n3,ok\n4,"never closed\n5,lost\n'
    records, errors = collect(_write(tmp_path, text))
    assert [r.task.id for r in records] == ["1", "3"]
    assert [(e.line, e.message) for e in errors] == [
        (3, "this row is not valid CSV (',' expected after '\"')"),
        (5, "the file ends inside a quoted field that starts in this row (a missing closing quote?)"),
    ]


def test_latin1_row_is_reported_and_other_rows_read(tmp_path: Path) -> None:
    data = b"id,response\n1,fine\n2,caf\xe9\n3,also fine\n"
    records, errors = collect(_write(tmp_path, data))
    assert [r.task.id for r in records] == ["1", "3"]
    assert errors[0].line == 3 and errors[0].message.startswith(
        "not valid UTF-8 text (byte 0xE9 at column 6)"
    )


def test_latin1_header_stops_the_file(tmp_path: Path) -> None:
    errors = error_texts(_write(tmp_path, b"id,r\xe9ponse\n1,x\n"), format="csv")
    assert len(errors) == 1 and ":1: not valid UTF-8" in errors[0]


def test_utf16_csv_is_refused(tmp_path: Path) -> None:
    errors = error_texts(_write(tmp_path, "id,response\n1,x\n".encode("utf-16")), format="csv")
    assert len(errors) == 1 and "UTF-16" in errors[0]


def test_messages_column_holds_json(tmp_path: Path) -> None:
    good = '"[{""role"": ""user"", ""content"": ""Hi""}]"'
    path = _write(tmp_path, f"response,messages\nHello!,{good}\nHello!,not json\n")
    records, errors = collect(path)
    assert records[0].task.messages is not None and records[0].task.messages[0].content == "Hi"
    assert [(e.line, e.message) for e in errors] == [
        (3, 'the "messages" column must hold a JSON list of messages')
    ]


def test_a_10_mb_cell_is_read(tmp_path: Path) -> None:
    big = "In today's fast-paced world, " * (10 * 1024 * 1024 // 29)
    records, errors = collect(_write(tmp_path, f'id,response\nbig,"{big}"\nsmall,x\n'))
    assert not errors and [len(r.task.original) for r in records] == [len(big), 1]


def test_a_row_over_the_limit_stops_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csv_tsv, "MAX_RECORD_BYTES", 200)
    text = 'id,response\n1,ok\n2,"never closed\n' + "more text\n" * 50
    records, errors = collect(_write(tmp_path, text))
    assert [r.task.id for r in records] == ["1"]
    assert [(e.line, e.message) for e in errors] == [
        (3, "the row is larger than 0 MB, the most one record may hold (a missing closing quote?)")
    ]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300), delimiter=st.sampled_from([",", "\t"]))
def test_any_text_gives_records_or_errors_never_an_exception(
    tmp_path: Path, text: str, delimiter: str
) -> None:
    path = tmp_path / "fuzz.csv"
    path.write_bytes(("response" + delimiter + "id\n" + text).encode("utf-8", "surrogatepass"))
    for item in read_tasks(path, format="csv" if delimiter == "," else "tsv"):
        if isinstance(item, RecordError):
            assert item.message and not item.message.startswith("Traceback")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=300))
def test_any_bytes_give_records_or_errors_never_an_exception(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "fuzz.csv"
    path.write_bytes(raw)
    for item in read_tasks(path, format="csv"):
        assert isinstance(item, RecordError) or item.task.original.strip()


def test_writer_output_reads_back(tmp_path: Path) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["id", "response", "note"])
    writer.writerow(["a", 'He said "hi",\nthen left.', "x,y"])
    [record], errors = collect(_write(tmp_path, buffer.getvalue()))
    assert not errors and record.task.original == 'He said "hi",\nthen left.'
    assert record.task.metadata == {"note": "x,y"}
