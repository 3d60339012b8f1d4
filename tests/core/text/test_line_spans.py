"""Spans cut into lines the way a pane's blocks take them, and moved with the edits of a line."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from workstation.core.text.line_edits import LineEdit, follow_edit, renumber_lines
from workstation.core.text.line_spans import TextLines, cut_at_lines, reuse_equal


def marked(text: str, lines: TextLines, cut: dict[int, tuple[tuple[int, int], ...]]) -> list[str]:
    """The text under each piece of ``cut``, read back from the UTF-16 form of ``text``."""
    units = text.encode("utf-16-le")
    pieces = []
    for number in sorted(cut):
        for offset, length in cut[number]:
            start = lines.starts[number] + offset
            pieces.append(units[2 * start : 2 * (start + length)].decode("utf-16-le"))
    return pieces


def test_a_span_inside_a_line_is_placed_from_the_lines_start() -> None:
    text = "first line\nsecond line"
    lines = TextLines(text)
    assert lines.cut([(11, 17)]) == {1: ((0, 6),)}


def test_a_span_over_a_line_break_goes_on_in_the_next_line_without_the_break() -> None:
    text = "one two\nthree four"
    lines = TextLines(text)
    cut = lines.cut([(4, 13)])
    assert cut == {0: ((4, 3),), 1: ((0, 5),)}
    assert marked(text, lines, cut) == ["two", "three"]


def test_spans_after_an_emoji_are_cut_in_utf16_units() -> None:
    text = "🙂 smile\nand 🚀 go"
    lines = TextLines(text)
    cut = lines.cut([(2, 7), (14, 16)])
    assert marked(text, lines, cut) == ["smile", "go"]
    assert cut[0] == ((3, 5),)  # the emoji before "smile" takes two units


def test_spans_are_clipped_to_the_text_and_empty_ones_dropped() -> None:
    assert cut_at_lines([(-3, 2), (4, 4), (3, 99)], [0], 5) == {0: ((0, 2), (3, 2))}
    assert cut_at_lines([(7, 9)], [0], 5) == {}


def test_a_soft_line_break_keeps_one_block() -> None:
    text = "one\ntwo\nthree"
    lines = TextLines(text, soft_breaks=(3,))  # the first "\n" is Shift+Enter inside a block
    assert lines.line_count == 2
    assert lines.cut([(4, 7), (8, 13)]) == {0: ((4, 3),), 1: ((0, 5),)}


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet="ab \n", max_size=40),
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=6),
)
def test_cut_pieces_cover_exactly_the_spans_characters_but_line_breaks(
    text: str, raw_spans: list[tuple[int, int]]
) -> None:
    spans = [(min(a, b, len(text)), min(max(a, b), len(text))) for a, b in raw_spans]
    lines = TextLines(text)
    expected = {p for start, end in spans for p in range(start, end) if text[p] != "\n"}
    covered = {
        lines.starts[number] + offset + step
        for number, pieces in lines.cut(spans).items()
        for offset, length in pieces
        for step in range(length)
    }
    assert covered == expected


# ----------------------------------------------------------------------------- following edits
def edit_of(before: str, position: int, removed: int, added: str) -> tuple[str, LineEdit]:
    """The text after replacing ``removed`` characters at ``position`` with ``added``, and the
    edit as a document would report it (ASCII texts: code points are UTF-16 units)."""
    after = before[:position] + added + before[position + removed :]
    new_lines = TextLines(after)
    line = max(n for n, start in enumerate(new_lines.starts) if start <= position)
    tail = max(n for n, start in enumerate(new_lines.starts) if start <= position + len(added))
    grown = after.count("\n") - before.count("\n")
    edit = LineEdit(
        line=line,
        offset=position - new_lines.starts[line],
        removed=removed,
        added=len(added),
        old_lines=tail - line - grown,
        new_lines=tail - line,
        tail_offset=position + len(added) - new_lines.starts[tail],
    )
    return after, edit


def test_typing_before_a_mark_moves_it_and_typing_inside_one_grows_it() -> None:
    before = "the red fox\nruns"
    lines = TextLines(before).cut([(4, 7), (8, 11)])  # "red", "fox"
    after, edit = edit_of(before, 5, 0, "oo")  # "the rooed fox": inside "red"
    moved = follow_edit(lines, edit)
    assert marked(after, TextLines(after), moved) == ["rooed", "fox"]


def test_enter_splits_the_line_and_renumbers_the_lines_below() -> None:
    before = "alpha beta\ngamma"
    lines = TextLines(before).cut([(0, 5), (6, 10), (11, 16)])
    after, edit = edit_of(before, 6, 0, "\n")
    moved = follow_edit(lines, edit)
    assert marked(after, TextLines(after), moved) == ["alpha", "beta", "gamma"]
    assert sorted(moved) == [0, 1, 2]


def test_joining_two_lines_keeps_what_came_before_the_edit_and_everything_after_the_lines() -> None:
    before = "one two\nthree\nfour five"
    lines = TextLines(before).cut([(0, 3), (8, 13), (19, 23)])
    after, edit = edit_of(before, 7, 1, "")  # Backspace at the start of "three"
    moved = follow_edit(lines, edit)
    # "three" came from the line the edit removed the break of: unknown until re-analysed.
    assert marked(after, TextLines(after), moved) == ["one", "five"]


def test_renumbering_leaves_out_the_lines_the_edit_rewrote() -> None:
    _after, edit = edit_of("a\nb\nc\nd", 2, 2, "x\ny\nz")  # "b\n" replaced by three lines
    assert renumber_lines({0, 1, 3}, edit) == {0, 4}


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_marks_away_from_an_edit_move_with_the_text_they_mark(data: st.DataObject) -> None:
    before = data.draw(st.text(alphabet="ab \n", min_size=1, max_size=30))
    position = data.draw(st.integers(0, len(before)))
    removed = data.draw(st.integers(0, len(before) - position))
    if "\n" in before[position : position + removed]:
        removed = 0  # removing a line break loses the marks after it (tested above)
    added = data.draw(st.text(alphabet="c\n", max_size=4))
    spans = data.draw(st.lists(st.tuples(st.integers(0, len(before)), st.integers(0, 5)), max_size=5))
    spans = [(start, min(start + length, len(before))) for start, length in spans]
    away = [(s, e) for s, e in spans if s < e and (e <= position or s >= position + removed)]
    after, edit = edit_of(before, position, removed, added)

    shift = len(added) - removed  # text typed at a mark's start pushes the mark along
    expected = TextLines(after).cut(
        [(s if s < position else s + shift, e if e <= position else e + shift) for s, e in away]
    )
    moved = follow_edit(TextLines(before).cut(away), edit)
    assert {n: sorted(p) for n, p in moved.items()} == {n: sorted(p) for n, p in expected.items()}


def test_a_new_plan_shares_the_tuples_of_the_lines_it_did_not_change() -> None:
    old = {0: ((0, 3),), 1: ((2, 4), (9, 1)), 4: ((1, 1),)}
    new = {0: ((0, 3),), 1: ((2, 5),), 3: ((1, 1),)}
    shared = reuse_equal(new, old)
    assert shared == new
    assert shared[0] is old[0]  # equal: the very tuple the pane already holds
    assert shared[1] is new[1] and shared[3] is new[3]  # changed, or on another line
    assert reuse_equal(new, {}) is new
