"""Fuzz targets for every importer: hostile files in, only ``RecordError`` values out.

Inputs mix raw bytes, structurally plausible files of each format (records with the fields the
importers read, chat turns, Label Studio tasks, CSV rows) holding hostile values (number literals
that overflow, ``NaN``, deep nesting, lone surrogates, bytes that are not UTF-8), and byte-level
mutations of those. Properties: reading never raises; every error is ``file:line: sentence`` with a
line in the file; every task read can be sealed (its JSON form is canonical-JSON encodable), so
nothing an import accepts can block a seal later.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

from hypothesis import strategies as st

from tests.core.formats.fuzz_harness import FuzzTarget, scratch_path
from workstation.core.bundles.canonical_json import canonical_json_bytes
from workstation.core.formats import ParsedRecord, RecordError, read_tasks

_RAW_START, _RAW_END = "\ue000", "\ue001"
_RAW_LITERAL = re.compile(f'"{_RAW_START}([^"]*){_RAW_END}"')
_LITERALS = [
    "1e400",
    "-1e400",
    "1" * 330 + ".5",
    "9" * 5000,
    "1e-400",
    "NaN",
    "Infinity",
    "-Infinity",
    "-0.0",
    "2",
]

_FIELD_NAMES = [
    "id", "prompt", "response", "original", "output", "messages", "model", "metadata", "data",
    "completion", "chosen", "rejected", "role", "content", "text", "type", "annotations", "question",
]  # fmt: skip
_ROLES = ["system", "user", "assistant", "tool", "developer", "robot", ""]

_keys = st.sampled_from(_FIELD_NAMES) | st.text(max_size=6)
_leaf = (
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats()
    | st.text(max_size=30)
    | st.sampled_from(_LITERALS).map(lambda literal: _RAW_START + literal + _RAW_END)
)
json_values = st.recursive(
    _leaf,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(_keys, children, max_size=5),
    max_leaves=12,
)
_deep = st.integers(min_value=90, max_value=3000).map(
    lambda levels: _RAW_START + "[" * levels + "]" * levels + _RAW_END
)
_values = json_values | _deep
_part = st.fixed_dictionaries(
    {}, optional={"type": st.sampled_from(["text", "image_url", "output_text"]), "text": _values}
)
_turn = st.fixed_dictionaries(
    {},
    optional={
        "role": st.sampled_from(_ROLES) | _values,
        "content": st.text(max_size=40) | st.lists(_part, max_size=3) | _values,
    },
)
_turns = st.lists(_turn, max_size=4)
_record = st.fixed_dictionaries(
    {},
    optional={
        "id": st.text(max_size=10) | st.integers() | _values,
        "prompt": st.text(max_size=40) | _turns | _values,
        "response": st.text(max_size=60) | _values,
        "completion": st.text(max_size=60) | _turns | _values,
        "messages": _turns | _values,
        "model": st.text(max_size=10) | _values,
        "metadata": st.dictionaries(_keys, _values, max_size=4) | _values,
        "chosen": _values,
        "rejected": _values,
    },
)
_records = _record | st.fixed_dictionaries(
    {"data": _record | _values}, optional={"id": _values, "annotations": _values}
)


def to_json(value: Any) -> str:
    """JSON text of ``value`` with the raw-literal markers replaced by the literal itself."""
    text = json.dumps(value, ensure_ascii=False)
    return _RAW_LITERAL.sub(lambda found: found.group(1), text)


def _encode(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")  # lone surrogates become bytes that are not UTF-8


_line_ends = st.sampled_from(["\n", "\r\n"])
json_lines = st.tuples(st.lists(_records, max_size=6), _line_ends, st.booleans()).map(
    lambda parts: _encode(
        ("\ufeff" if parts[2] else "") + parts[1].join(to_json(record) for record in parts[0]) + "\n"
    )
)
json_array = st.tuples(st.lists(_records, max_size=6), st.sampled_from([",\n", ", ", ","])).map(
    lambda parts: _encode("[" + parts[1].join(to_json(record) for record in parts[0]) + "]\n")
)
_cells = st.text(max_size=20) | st.sampled_from(['"', '""', ",", "\t", "\n", "1e400"]) | _values.map(to_json)
_columns = st.lists(
    st.sampled_from(["response", "prompt", "id", "model", "messages", "extra", "Response", ""]),
    min_size=1,
    max_size=5,
)


def _delimited(parts: tuple[list[str], list[list[str]], str]) -> bytes:
    header, rows, delimiter = parts
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return _encode(buffer.getvalue())


delimited = st.tuples(
    _columns, st.lists(st.lists(_cells, max_size=6), max_size=5), st.sampled_from([",", "\t"])
).map(_delimited)


@st.composite
def mutated(draw: st.DrawFn, base: st.SearchStrategy[bytes]) -> bytes:
    """``base`` with a few bytes replaced, inserted or cut, or the file truncated."""
    data = bytearray(draw(base))
    for _ in range(draw(st.integers(1, 4))):
        position = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["replace", "insert", "cut", "truncate"]))
        if action == "replace" and position < len(data):
            data[position] = draw(st.integers(0, 255))
        elif action == "insert":
            data[position:position] = draw(
                st.binary(min_size=1, max_size=8) | st.sampled_from([b"[" * 200, b"\x00", b"\xff", b'"'])
            )
        elif action == "cut":
            del data[position : position + draw(st.integers(1, 16))]
        else:
            del data[position:]
    return bytes(data)


def _file_contents(structured: st.SearchStrategy[bytes]) -> st.SearchStrategy[bytes]:
    return st.binary(max_size=300) | structured | mutated(structured)


def check_import(data: bytes, format_name: str | None, suffix: str) -> None:
    path = scratch_path(f"import{suffix}")
    path.write_bytes(data)
    lines = data.count(b"\n") + 1
    for item in read_tasks(path, format=format_name):
        if isinstance(item, RecordError):
            assert item.path == str(path) and 1 <= item.line <= lines, item
            assert item.message.strip() and str(item) == f"{path}:{item.line}: {item.message}"
        else:
            assert isinstance(item, ParsedRecord) and 1 <= item.line <= lines
            canonical_json_bytes(item.task.model_dump(mode="json"))  # what imports, seals


def _import_target(
    name: str, format_name: str | None, suffix: str, structured: st.SearchStrategy[bytes]
) -> FuzzTarget:
    return FuzzTarget(
        f"import:{name}", _file_contents(structured), lambda data: check_import(data, format_name, suffix)
    )


IMPORT_TARGETS: tuple[FuzzTarget, ...] = (
    _import_target("native", "native", ".jsonl", json_lines),
    _import_target("openai-chat", "openai-chat", ".jsonl", json_lines),
    _import_target("trl", "trl", ".jsonl", json_lines),
    _import_target("label-studio", "label-studio", ".json", json_array | json_lines),
    _import_target("csv", "csv", ".csv", delimited),
    _import_target("tsv", "tsv", ".tsv", delimited),
    _import_target("auto-detect", None, ".txt", json_lines | json_array | delimited),
)
