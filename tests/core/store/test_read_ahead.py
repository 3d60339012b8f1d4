"""The import's read-ahead: chunks in order with their positions, the reader's errors raised to the
taker, and a pause that the taker gets at once even while the reader is busy parsing."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from workstation.core.store.read_ahead import ReadAhead

ITEM_S = 0.002


def _parsing(count: int) -> Iterator[int]:
    """Items that each take ITEM_S of Python work holding the interpreter, as parsing does."""
    for number in range(count):
        until = time.perf_counter() + ITEM_S
        while time.perf_counter() < until:
            pass
        yield number


def test_chunks_come_in_order_with_the_position_at_their_end() -> None:
    read = iter(range(10))
    seen = [0]

    def position() -> int:
        return seen[0]

    def counted() -> Iterator[int]:
        for item in read:
            seen[0] = item + 1
            yield item

    with ReadAhead(counted(), chunk=4, depth=2, position=position) as reader:
        chunks = list(reader.chunks())
    assert chunks == [([0, 1, 2, 3], 4), ([4, 5, 6, 7], 8), ([8, 9], 10)]


def test_an_error_in_the_reader_is_raised_to_the_taker() -> None:
    def failing() -> Iterator[int]:
        yield 1
        raise ValueError("the file went away")

    with ReadAhead(failing(), chunk=1, depth=4) as reader, pytest.raises(ValueError, match="went away"):
        list(reader.chunks())


def test_the_taker_gets_the_pause_within_an_item_or_so_while_the_reader_is_busy() -> None:
    # Room for 200 items ahead: a reader that took the gate back each time would make the taker
    # wait until the queue was full, 0.4 s of parsing.
    with ReadAhead(_parsing(400), chunk=1, depth=200) as reader:
        time.sleep(0.02)  # the reader is under way
        waits = []
        for _ in range(5):
            asked = time.perf_counter()
            with reader.paused():
                waits.append(time.perf_counter() - asked)
            time.sleep(0.005)
        taken = sum(len(chunk) for chunk, _position in reader.chunks())
    assert taken == 400
    assert max(waits) < 0.08, waits
