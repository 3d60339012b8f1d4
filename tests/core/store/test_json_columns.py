"""The store's JSON column text: the fast encoder the importer uses writes what ``dumps`` writes."""

from __future__ import annotations

import json.encoder
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workstation.core.store import json_columns
from workstation.core.store.json_columns import acyclic_dumps, dumps

_leaves = (
    st.none()
    | st.booleans()
    | st.integers(-(2**80), 2**80)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(alphabet=st.characters(codec="utf-8"))
)
_values = st.recursive(
    _leaves,
    lambda children: (
        st.lists(children, max_size=4)
        | st.lists(children, max_size=3).map(tuple)
        | st.dictionaries(st.text(max_size=6), children, max_size=5)
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(_values)
def test_fast_encoder_writes_the_same_text(value: Any) -> None:
    assert acyclic_dumps(value) == dumps(value)


def test_sorted_compact_and_non_ascii_as_itself() -> None:
    assert acyclic_dumps({"b": [1, 2.5], "a": "é\n", "c": (None,)}) == '{"a":"é\\n","b":[1,2.5],"c":[null]}'


def test_values_json_cannot_hold_are_refused_alike() -> None:
    for encode in (dumps, acyclic_dumps):
        with pytest.raises(TypeError):
            encode({"when": object()})


def test_without_the_c_encoder_the_public_one_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(json.encoder, "c_make_encoder", None)
    assert json_columns._acyclic_dumps() is dumps
