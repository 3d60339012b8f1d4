"""Word diff: chunks a reviewer sees, navigation and position mapping, hostile and odd input."""

from __future__ import annotations

import pytest

from workstation.core.diff import Chunk, WordDiff, count_words, diff_words, tokenize
from workstation.core.diff.worddiff import clear_diff_caches


def _visible_tokens(text: str) -> list[str]:
    return [token.text for token in tokenize(text) if token.kind != "space"]


def assert_valid_diff(diff: WordDiff, original: str, rewrite: str) -> None:
    """Every structural promise of ``WordDiff`` (shared with the other diff test modules)."""
    assert diff.a_length == len(original)
    assert diff.b_length == len(rewrite)
    if not original and not rewrite:
        assert diff.chunks == ()
        return
    assert diff.chunks, "non-empty texts need at least one chunk"
    cursor_a = cursor_b = 0
    previous: Chunk | None = None
    token_starts_a = {token.start for token in tokenize(original)} | {len(original)}
    token_starts_b = {token.start for token in tokenize(rewrite)} | {len(rewrite)}
    for chunk in diff.chunks:
        # Tiling: each chunk starts where the previous ended, on both sides.
        assert (chunk.a_start, chunk.b_start) == (cursor_a, cursor_b), chunk
        assert chunk.a_start <= chunk.a_end and chunk.b_start <= chunk.b_end, chunk
        assert chunk.a_end > chunk.a_start or chunk.b_end > chunk.b_start, f"empty chunk {chunk}"
        # Chunk edges never cut through a token.
        assert chunk.a_end in token_starts_a and chunk.b_end in token_starts_b, chunk
        a_text = original[chunk.a_start : chunk.a_end]
        b_text = rewrite[chunk.b_start : chunk.b_end]
        assert chunk.a_words == count_words(a_text), chunk
        assert chunk.b_words == count_words(b_text), chunk
        if chunk.tag == "equal":
            assert _visible_tokens(a_text) == _visible_tokens(b_text), chunk
            assert previous is None or previous.tag != "equal", "adjacent equal chunks must merge"
        else:
            # Changes hug their tokens: no leading/trailing whitespace, something visible inside.
            for side in (a_text, b_text):
                if side:
                    assert side.strip() == side and _visible_tokens(side), side
            expected_tag = "insert" if not a_text else "delete" if not b_text else "replace"
            assert chunk.tag == expected_tag, chunk
            assert _visible_tokens(a_text) != _visible_tokens(b_text), chunk
        previous = chunk
        cursor_a, cursor_b = chunk.a_end, chunk.b_end
    assert (cursor_a, cursor_b) == (len(original), len(rewrite))
    assert sum(chunk.a_words for chunk in diff.chunks) == count_words(original)
    assert sum(chunk.b_words for chunk in diff.chunks) == count_words(rewrite)


def _pieces(diff: WordDiff, original: str, rewrite: str) -> list[tuple[str, str, str]]:
    """(tag, original text, rewrite text) per chunk: what a reviewer sees highlighted."""
    return [
        (chunk.tag, original[chunk.a_start : chunk.a_end], rewrite[chunk.b_start : chunk.b_end])
        for chunk in diff.chunks
    ]


def _diff(original: str, rewrite: str, **options: object) -> list[tuple[str, str, str]]:
    diff = diff_words(original, rewrite, **options)  # type: ignore[arg-type]
    assert_valid_diff(diff, original, rewrite)
    return _pieces(diff, original, rewrite)


# --- ordinary edits ---------------------------------------------------------------------------


def test_identical_texts_are_one_equal_chunk() -> None:
    text = "The model said hello. The writer agreed."
    diff = diff_words(text, text)
    assert_valid_diff(diff, text, text)
    assert diff.chunks == (Chunk("equal", 0, len(text), 0, len(text), 7, 7),)
    assert diff.changes() == () and not diff.has_changes


def test_both_empty_gives_no_chunks() -> None:
    diff = diff_words("", "")
    assert diff.chunks == () and diff.changes() == ()
    assert diff.chunk_index_at_a(0) is None and diff.map_a_to_b(0) == 0 and diff.map_b_to_a(0) == 0


def test_empty_original_is_one_insert() -> None:
    assert _diff("", "Brand new text.") == [("insert", "", "Brand new text.")]


def test_empty_rewrite_is_one_delete() -> None:
    assert _diff("All of this goes.", "") == [("delete", "All of this goes.", "")]


def test_whitespace_only_original() -> None:
    assert _diff("  \n", "Words") == [("insert", "", "Words"), ("equal", "  \n", "")]


def test_insert_at_start() -> None:
    assert _diff("quick fox", "The quick fox") == [
        ("insert", "", "The"),
        ("equal", "quick fox", " quick fox"),
    ]


def test_insert_at_end_hugs_the_new_words() -> None:
    assert _diff("The fox", "The fox jumped high") == [
        ("equal", "The fox", "The fox "),
        ("insert", "", "jumped high"),
    ]


def test_delete_in_middle_keeps_whitespace_out_of_the_highlight() -> None:
    assert _diff("the big dog", "the dog") == [
        ("equal", "the ", "the "),
        ("delete", "big", ""),
        ("equal", " dog", "dog"),
    ]


def test_delete_at_end_sits_after_last_word() -> None:
    diff = diff_words("the dog big", "the dog")
    assert _pieces(diff, "the dog big", "the dog")[-1] == ("delete", "big", "")
    assert diff.changes()[0].b_start == 7


def test_single_word_replacement() -> None:
    assert _diff("one two three four five", "one two THREE four five") == [
        ("equal", "one two ", "one two "),
        ("replace", "three", "THREE"),
        ("equal", " four five", " four five"),
    ]


def test_changed_comma_is_visible_but_not_a_word() -> None:
    pieces = _diff("Yes, we can.", "Yes; we can.")
    assert pieces == [("equal", "Yes", "Yes"), ("replace", ",", ";"), ("equal", " we can.", " we can.")]
    assert diff_words("Yes, we can.", "Yes; we can.").changes()[0].a_words == 0


def test_removed_and_added_punctuation() -> None:
    assert _diff("Hello world", "Hello, world!") == [
        ("equal", "Hello", "Hello"),
        ("insert", "", ","),
        ("equal", " world", " world"),
        ("insert", "", "!"),
    ]


def test_punctuation_never_displaces_words() -> None:
    # Same words, punctuation moved around them: every word stays matched.
    diff = diff_words("; ! x", "x ; !")
    assert all(chunk.a_words == 0 and chunk.b_words == 0 for chunk in diff.changes())


def test_joined_words_are_a_change() -> None:
    assert _diff("to day", "today") == [("replace", "to day", "today")]


def test_case_change_is_a_change() -> None:
    assert _diff("Hello", "hello") == [("replace", "Hello", "hello")]


def test_moved_sentence_shows_as_delete_and_insert() -> None:
    original = "Alpha beta gamma. Delta epsilon zeta. Eta theta iota."
    rewrite = "Delta epsilon zeta. Alpha beta gamma. Eta theta iota."
    diff = diff_words(original, rewrite)
    assert_valid_diff(diff, original, rewrite)
    kept = sum(chunk.a_words for chunk in diff.chunks if chunk.tag == "equal")
    assert kept == 6  # one of the swapped sentences plus the last one


def test_cleanup_absorbs_a_lone_function_word_between_big_changes() -> None:
    original = "We firmly believe the committee results were remarkably clear today."
    rewrite = "Honestly nobody really expected the outcome would land so clearly now."
    assert ("equal", " the ", " the ") in _diff(original, rewrite, cleanup=False)
    assert _diff(original, rewrite) == [
        ("replace", original[:-1], rewrite[:-1]),
        ("equal", ".", "."),
    ]


def test_cleanup_keeps_a_word_between_small_changes() -> None:
    pieces = _diff("The quick brown fox", "A slow brown dog")
    assert ("equal", " brown ", " brown ") in pieces


def test_cleanup_keeps_content_words_between_big_changes() -> None:
    original = "It is important to note that effective communication plays a pivotal role here."
    rewrite = "Good communication makes or breaks it."
    assert ("equal", " communication ", " communication ") in _diff(original, rewrite)


def test_cleanup_never_merges_changes_across_paragraphs() -> None:
    original = "Old first sentence goes here.\n\nAnother old sentence follows it."
    rewrite = "New opening line is written.\n\nA different closing line now."
    pieces = _diff(original, rewrite)
    assert ("equal", ".\n\n", ".\n\n") in pieces


# --- whitespace policy ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("original", "rewrite"),
    [
        ("one two", "one  two"),
        ("one two", "one\ntwo"),
        ("line one\nline two\n", "line one\r\nline two\r\n"),
        ("para one.\n\npara two.", "para one.\npara two."),
        ("tab\tseparated", "tab separated"),
        ("  leading", "leading"),
        ("trailing", "trailing \n\n"),
        ("nbsp\u00a0here", "nbsp here"),
    ],
)
def test_whitespace_only_differences_create_no_change(original: str, rewrite: str) -> None:
    diff = diff_words(original, rewrite)
    assert_valid_diff(diff, original, rewrite)
    assert not diff.has_changes
    assert [chunk.tag for chunk in diff.chunks] == ["equal"]


def test_crlf_text_with_a_real_edit() -> None:
    original = "First line here.\r\nSecond line here.\r\n"
    rewrite = "First line here.\nSecond line there.\n"
    assert [piece for piece in _diff(original, rewrite) if piece[0] != "equal"] == [
        ("replace", "here", "there")
    ]


# --- Unicode ------------------------------------------------------------------------------------


def test_emoji_and_astral_characters_before_a_change_keep_spans_right() -> None:
    original = "👩‍👩‍👧 family \U0001d401old 🇫🇷 trip was fine"
    rewrite = "👩‍👩‍👧 family \U0001d401old 🇫🇷 trip was great"
    diff = diff_words(original, rewrite)
    assert_valid_diff(diff, original, rewrite)
    (change,) = diff.changes()
    assert original[change.a_start : change.a_end] == "fine"
    assert rewrite[change.b_start : change.b_end] == "great"


def test_changed_emoji_is_one_token() -> None:
    assert [piece for piece in _diff("ok 👍🏽 then", "ok 👍🏿 then") if piece[0] != "equal"] == [
        ("replace", "👍🏽", "👍🏿")
    ]
    assert [piece for piece in _diff("us 👩‍👩‍👧 now", "us 👩‍👩‍👦 now") if piece[0] != "equal"] == [
        ("replace", "👩‍👩‍👧", "👩‍👩‍👦")
    ]


def test_combining_mark_stays_with_its_letter() -> None:
    pieces = _diff("cafe\u0301 noir", "cafe noir")
    assert [piece for piece in pieces if piece[0] != "equal"] == [("replace", "cafe\u0301", "cafe")]


def test_added_combining_mark_changes_the_whole_word() -> None:
    assert [p for p in _diff("resume here", "re\u0301sume\u0301 here") if p[0] != "equal"] == [
        ("replace", "resume", "re\u0301sume\u0301")
    ]


@pytest.mark.parametrize(
    ("original", "rewrite", "old", "new"),
    [
        ("שלום עולם יפה", "שלום עולם נפלא", "יפה", "נפלא"),
        ("مرحبا بالعالم الجميل", "مرحبا بالعالم الواسع", "الجميل", "الواسع"),
        ("كَتَبَ الولد", "كَتَبْ الولد", "كَتَبَ", "كَتَبْ"),
    ],
)
def test_right_to_left_scripts(original: str, rewrite: str, old: str, new: str) -> None:
    assert [piece for piece in _diff(original, rewrite) if piece[0] != "equal"] == [("replace", old, new)]


def test_cjk_characters_are_diffed_one_by_one() -> None:
    assert [piece for piece in _diff("我喜欢猫", "我喜欢狗") if piece[0] != "equal"] == [
        ("replace", "猫", "狗")
    ]


@pytest.mark.parametrize("invisible", ["\u200b", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e"])
def test_hidden_zero_width_character_inside_a_word_is_flagged(invisible: str) -> None:
    original = "the secret word here"
    rewrite = f"the sec{invisible}ret word here"
    assert [piece for piece in _diff(original, rewrite) if piece[0] != "equal"] == [
        ("replace", "secret", f"sec{invisible}ret")
    ]


def test_lone_zero_width_space_between_words_is_an_insert() -> None:
    pieces = _diff("one two", "one \u200b two")
    assert [piece for piece in pieces if piece[0] != "equal"] == [("insert", "", "\u200b")]


def test_html_looking_text_is_plain_text() -> None:
    original = "Click <b>here</b> now"
    rewrite = "Click <img src=x onerror=alert(1)> now"
    diff = diff_words(original, rewrite)
    assert_valid_diff(diff, original, rewrite)
    changed_b = "".join(rewrite[c.b_start : c.b_end] for c in diff.changes())
    assert "img" in changed_b and "onerror" in changed_b and "alert" in changed_b


def test_lone_surrogates_and_control_characters_do_not_break_the_diff() -> None:
    original = "bad \ud800 half \x00 nul \x1b[31m esc"
    rewrite = "bad \udfff half \x00 nul \x1b[32m esc"
    diff = diff_words(original, rewrite)
    assert_valid_diff(diff, original, rewrite)
    assert diff.has_changes


# --- navigation and mapping ---------------------------------------------------------------------

_NAV_ORIGINAL = "Alpha beta gamma delta epsilon zeta eta theta."
_NAV_REWRITE = "Alpha BETA gamma delta epsilon zeta theta iota."


def test_chunk_index_at_positions_in_both_texts() -> None:
    diff = diff_words(_NAV_ORIGINAL, _NAV_REWRITE)
    for index, chunk in enumerate(diff.chunks):
        if chunk.a_end > chunk.a_start:
            assert diff.chunk_index_at_a(chunk.a_start) == index
            assert diff.chunk_index_at_a(chunk.a_end - 1) == index
        if chunk.b_end > chunk.b_start:
            assert diff.chunk_index_at_b(chunk.b_start) == index
            assert diff.chunk_index_at_b(chunk.b_end - 1) == index
    assert diff.chunk_index_at_a(len(_NAV_ORIGINAL)) == len(diff.chunks) - 1
    assert diff.chunk_index_at_b(len(_NAV_REWRITE)) == len(diff.chunks) - 1


def test_next_and_previous_change_walk_every_change() -> None:
    diff = diff_words(_NAV_ORIGINAL, _NAV_REWRITE)
    forward: list[int] = []
    index = diff.next_change_index(None)
    while index is not None:
        forward.append(index)
        index = diff.next_change_index(index)
    assert tuple(forward) == diff.change_indices and len(forward) == 3
    backward: list[int] = []
    index = diff.previous_change_index(None)
    while index is not None:
        backward.append(index)
        index = diff.previous_change_index(index)
    assert backward == forward[::-1]
    assert diff.next_change_index(forward[-1]) is None and diff.previous_change_index(forward[0]) is None


def test_navigation_without_changes() -> None:
    diff = diff_words("same", "same")
    assert diff.next_change_index(None) is None and diff.previous_change_index(None) is None


def test_map_positions_inside_equal_text_is_exact() -> None:
    original = "Intro words here. Something changed. The end is the same."
    rewrite = "Intro words here. Something else changed a lot. The end is the same."
    diff = diff_words(original, rewrite)
    assert diff.map_a_to_b(original.index("words")) == rewrite.index("words")
    assert diff.map_a_to_b(original.index("end")) == rewrite.index("end")
    assert diff.map_b_to_a(rewrite.index("end")) == original.index("end")
    assert diff.map_a_to_b(len(original)) == len(rewrite)
    assert diff.map_b_to_a(0) == 0


def test_map_into_an_insertion_goes_to_its_end() -> None:
    diff = diff_words("a c", "a b c")
    insert = diff.changes()[0]
    assert diff.map_b_to_a(insert.b_start) == insert.a_start
    assert diff.map_a_to_b(insert.a_start) == diff.chunks[diff.chunk_index_at_a(insert.a_start)].b_start


@pytest.mark.parametrize("position", [-1, 100])
def test_positions_outside_the_text_are_rejected(position: int) -> None:
    diff = diff_words("short", "shorter")
    with pytest.raises(ValueError, match="outside"):
        diff.map_a_to_b(position)
    with pytest.raises(ValueError, match="outside"):
        diff.chunk_index_at_b(position)


# --- bad input, limits, caches ------------------------------------------------------------------


@pytest.mark.parametrize(("original", "rewrite"), [(None, "x"), ("x", b"x"), (1, 2)])
def test_non_string_input_is_rejected(original: object, rewrite: object) -> None:
    with pytest.raises(TypeError):
        diff_words(original, rewrite)  # type: ignore[arg-type]


@pytest.mark.parametrize("max_tokens", [0, -5, True, 2.5, "10"])
def test_bad_max_tokens_is_rejected(max_tokens: object) -> None:
    with pytest.raises(ValueError, match="max_tokens"):
        diff_words("a", "b", max_tokens=max_tokens)  # type: ignore[arg-type]


def test_small_token_limit_falls_back_to_sentences_then_coarse() -> None:
    original = "One two. Three four five six seven. Eight nine. Ten eleven twelve."
    rewrite = "One two. Three FOUR five SIX seven. Eight nine. Ten eleven twelve!"
    fine = diff_words(original, rewrite)
    assert not fine.coarse
    assert [original[c.a_start : c.a_end] for c in fine.changes()] == ["four", "six", "."]
    # The changed paragraph holds 9 + 9 pieces (after the common head "One two. "); its changed
    # sentences hold 5 + 5 and 3 + 3: with a limit of 16 only the sentences are refined.
    by_sentence = diff_words(original, rewrite, max_tokens=16)
    assert_valid_diff(by_sentence, original, rewrite)
    assert not by_sentence.coarse and by_sentence == fine
    # Below that, changed sentences are not refined: only their identical ends are kept.
    coarse = diff_words(original, rewrite, max_tokens=15)
    assert_valid_diff(coarse, original, rewrite)
    assert coarse.coarse
    assert [original[c.a_start : c.a_end] for c in coarse.changes()] == ["four five six", "."]


def test_results_do_not_depend_on_caches() -> None:
    original = "Para one stays.\n\nPara two is edited here.\n\nPara three stays too."
    first = diff_words(original, original.replace("edited", "changed"))
    second = diff_words(original, original.replace("edited", "changed"))
    clear_diff_caches()
    third = diff_words(original, original.replace("edited", "changed"))
    assert first == second == third


def test_typing_sequence_matches_fresh_diffs() -> None:
    original = "\n\n".join(f"Paragraph {n} has some words in it, number {n}." for n in range(40))
    current = original
    for step, position in enumerate([10, 300, 301, 302, 900, 5, len(original) - 3]):
        current = current[:position] + "xyz "[step % 4] + current[position:]
        live = diff_words(original, current)
        clear_diff_caches()
        assert live == diff_words(original, current)
        assert_valid_diff(live, original, current)


def test_large_texts_finish_and_stay_valid() -> None:
    paragraph = " ".join(f"word{n % 997}" for n in range(120)) + "."
    original = "\n\n".join(f"{paragraph} Section {n}." for n in range(400))  # ~50,000 words
    rewrite = original.replace("word5 ", "WORD5 ").replace("Section 7.", "Part seven.")
    diff = diff_words(original, rewrite)
    assert not diff.coarse
    assert len(diff.changes()) > 400
    assert sum(chunk.a_words for chunk in diff.chunks) == count_words(original)
