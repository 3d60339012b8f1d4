"""A big analysis runs with the cyclic garbage collector paused, and what it made is frozen out of
later collections' sight; the collector comes back as it was, whichever thread leaves last."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from workstation.gui.common.collector import collector_paused


@pytest.fixture(autouse=True)
def _collector_restored() -> Iterator[None]:
    enabled = gc.isenabled()
    yield
    gc.unfreeze()  # give the test's objects back to the collector
    (gc.enable if enabled else gc.disable)()


def test_the_collector_is_off_inside_and_what_was_made_is_frozen() -> None:
    gc.enable()
    frozen_before = gc.get_freeze_count()
    with collector_paused():
        assert not gc.isenabled()
        made = [[index] for index in range(1000)]  # tracked objects
    assert gc.isenabled()
    assert gc.get_freeze_count() >= frozen_before + len(made)


def test_a_collector_switched_off_before_stays_off() -> None:
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()


def test_it_comes_back_only_when_the_last_thread_leaves() -> None:
    gc.enable()
    inside, leave = threading.Event(), threading.Event()

    def other() -> None:
        with collector_paused():
            inside.set()
            leave.wait(10)

    thread = threading.Thread(target=other)
    thread.start()
    assert inside.wait(10)
    with collector_paused():
        pass
    assert not gc.isenabled(), "the other thread is still analysing"
    leave.set()
    thread.join(10)
    assert gc.isenabled()
