"""Words ignored in a task are kept with that task in the store: after a restart, never elsewhere."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workstation.core.store import Store
from workstation.core.store.ignored_words import KEY_PREFIX, ignore_word, ignored_words


def test_ignored_words_survive_reopening_the_store_and_stay_with_their_task(data_dir: Path) -> None:
    with Store(data_dir) as store:
        assert ignore_word(store.state, "t1", "Zentrix") == ("Zentrix",)
        assert ignore_word(store.state, "t1", "okonkwo") == ("okonkwo", "Zentrix")
        assert ignore_word(store.state, "t1", "zentrix") == ("okonkwo", "Zentrix")  # once, any case
    with Store(data_dir) as store:
        assert ignored_words(store.state, "t1") == ("okonkwo", "Zentrix")
        assert ignored_words(store.state, "t2") == ()
        assert ignored_words(store.state, "t") == ()  # a prefix of another task's id
    with Store(data_dir.parent / "other-data") as other:
        assert ignored_words(other.state, "t1") == ()


@pytest.mark.parametrize("bad", ["", "  ", "two words"])
def test_only_single_words_are_ignored(data_dir: Path, bad: str) -> None:
    with Store(data_dir) as store:
        with pytest.raises(ValueError, match="not a single word"):
            ignore_word(store.state, "t1", bad)
        assert ignored_words(store.state, "t1") == ()


@pytest.mark.parametrize("damaged", [{"a": 1}, "Zentrix", [1, None, "", "Zentrix"]])
def test_a_damaged_value_reads_as_what_is_usable(data_dir: Path, damaged: object) -> None:
    with Store(data_dir) as store:
        store.state.set(KEY_PREFIX + "t1", damaged)
        expected = ("Zentrix",) if isinstance(damaged, list) else ()
        assert ignored_words(store.state, "t1") == expected
        assert ignore_word(store.state, "t1", "Okonkwo") == (*(("Okonkwo",)), *expected)
        assert json.loads(json.dumps(ignored_words(store.state, "t1"))) == ["Okonkwo", *expected]
