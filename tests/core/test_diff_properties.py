"""Property tests: for any pair of texts the diff tiles both, maps monotonically, and is stable."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core.test_diff import assert_valid_diff
from workstation.core.diff import diff_words, tokenize
from workstation.core.diff.worddiff import clear_diff_caches

PROPERTY_SETTINGS = settings(
    max_examples=250,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)

_WORDS = ["the", "cat", "sat", "on", "a", "mat", "It", "was", "fine", "don't", "well-known", "3.14", "café"]
_UNICODE_PIECES = [
    "\U0001f469\u200d\U0001f469\u200d\U0001f467",  # family emoji (ZWJ sequence)
    "\U0001f44d\U0001f3fd",  # thumbs up, skin tone
    "\U0001f1eb\U0001f1f7",  # flag
    "e\u0301",  # combining acute
    "שלום",
    "مرحبا",
    "猫",
    "\U0001d401old",  # astral letter
    "\u200b",  # zero-width space
    "\u00ad",  # soft hyphen
    "<img src=x onerror=alert(1)>",
]
_PUNCTUATION = [",", ".", ";", "!", "?", "—", "(", ")", '"', "'", "-", "…"]
_SPACES = [" ", " ", " ", "  ", "\n", "\r\n", "\n\n", "\t", "\u00a0"]

token_pieces = st.one_of(
    st.sampled_from(_WORDS),
    st.sampled_from(_UNICODE_PIECES),
    st.sampled_from(_PUNCTUATION),
)


@st.composite
def prose(draw: st.DrawFn, max_pieces: int = 40) -> str:
    """Prose-like text: words (with repeats), punctuation, odd Unicode and varied whitespace."""
    pieces = draw(st.lists(token_pieces, max_size=max_pieces))
    parts: list[str] = []
    for piece in pieces:
        parts.append(piece)
        parts.append(draw(st.sampled_from([*_SPACES, ""])))
    return "".join(parts)


@st.composite
def edited_pair(draw: st.DrawFn) -> tuple[str, str]:
    """A text and a version of it with a few random edits (what a writer produces)."""
    original = draw(prose(max_pieces=60))
    rewrite = original
    for _ in range(draw(st.integers(0, 5))):
        start = draw(st.integers(0, len(rewrite)))
        end = draw(st.integers(start, min(len(rewrite), start + 12)))
        replacement = draw(st.one_of(st.just(""), prose(max_pieces=4)))
        rewrite = rewrite[:start] + replacement + rewrite[end:]
    return original, rewrite


any_text = st.text(alphabet=st.characters(codec=None), max_size=60)  # includes lone surrogates
text_pairs = st.one_of(edited_pair(), st.tuples(prose(), prose()), st.tuples(any_text, any_text))


@PROPERTY_SETTINGS
@given(text_pairs)
def test_chunks_tile_both_texts(pair: tuple[str, str]) -> None:
    original, rewrite = pair
    assert_valid_diff(diff_words(original, rewrite), original, rewrite)


@PROPERTY_SETTINGS
@given(text_pairs)
def test_options_keep_the_diff_valid(pair: tuple[str, str]) -> None:
    original, rewrite = pair
    assert_valid_diff(diff_words(original, rewrite, cleanup=False), original, rewrite)
    assert_valid_diff(diff_words(original, rewrite, max_tokens=3), original, rewrite)
    assert_valid_diff(diff_words(original, rewrite, max_tokens=1), original, rewrite)


@PROPERTY_SETTINGS
@given(text_pairs)
def test_diff_is_deterministic_and_cache_independent(pair: tuple[str, str]) -> None:
    original, rewrite = pair
    first = diff_words(original, rewrite)
    clear_diff_caches()
    assert diff_words(original, rewrite) == first


@PROPERTY_SETTINGS
@given(prose(max_pieces=60))
def test_identical_texts_have_no_changes(text: str) -> None:
    diff = diff_words(text, text)
    assert not diff.has_changes
    assert len(diff.chunks) == (1 if text else 0)


@PROPERTY_SETTINGS
@given(prose(max_pieces=60), st.data())
def test_whitespace_only_edits_have_no_changes(text: str, data: st.DataObject) -> None:
    def respace(match: re.Match[str]) -> str:
        return data.draw(st.sampled_from(_SPACES))

    rewrite = re.sub(r"\s+", respace, text)
    diff = diff_words(text, rewrite)
    assert_valid_diff(diff, text, rewrite)
    assert not diff.has_changes


@PROPERTY_SETTINGS
@given(text_pairs)
def test_equal_chunks_have_equal_tokens_apart_from_whitespace(pair: tuple[str, str]) -> None:
    original, rewrite = pair
    for chunk in diff_words(original, rewrite).chunks:
        if chunk.tag == "equal":
            a_tokens = [t.text for t in tokenize(original[chunk.a_start : chunk.a_end]) if t.kind != "space"]
            b_tokens = [t.text for t in tokenize(rewrite[chunk.b_start : chunk.b_end]) if t.kind != "space"]
            assert a_tokens == b_tokens
            assert re.sub(r"\s+", "", original[chunk.a_start : chunk.a_end]) == re.sub(
                r"\s+", "", rewrite[chunk.b_start : chunk.b_end]
            )


@PROPERTY_SETTINGS
@given(text_pairs)
def test_position_mapping_is_monotonic_and_in_range(pair: tuple[str, str]) -> None:
    original, rewrite = pair
    diff = diff_words(original, rewrite)
    for source, target, mapper in (
        (original, rewrite, diff.map_a_to_b),
        (rewrite, original, diff.map_b_to_a),
    ):
        mapped = [mapper(position) for position in range(len(source) + 1)]
        assert all(0 <= position <= len(target) for position in mapped)
        assert mapped == sorted(mapped)
        if source or target:
            assert mapped[-1] == len(target)


@PROPERTY_SETTINGS
@given(text_pairs)
def test_mapping_is_exact_inside_identical_equal_chunks(pair: tuple[str, str]) -> None:
    original, rewrite = pair
    diff = diff_words(original, rewrite)
    for chunk in diff.chunks:
        same_text = original[chunk.a_start : chunk.a_end] == rewrite[chunk.b_start : chunk.b_end]
        if chunk.tag == "equal" and same_text:
            for offset in range(chunk.a_end - chunk.a_start):
                assert diff.map_a_to_b(chunk.a_start + offset) == chunk.b_start + offset
                assert diff.map_b_to_a(chunk.b_start + offset) == chunk.a_start + offset


@PROPERTY_SETTINGS
@given(text_pairs)
def test_chunk_lookup_agrees_with_spans(pair: tuple[str, str]) -> None:
    original, rewrite = pair
    diff = diff_words(original, rewrite)
    for position in range(len(original) + 1):
        index = diff.chunk_index_at_a(position)
        if not diff.chunks:
            assert index is None
            continue
        assert index is not None
        chunk = diff.chunks[index]
        assert chunk.a_start <= position <= chunk.a_end
        assert position < chunk.a_end or position == len(original) or chunk.a_start == chunk.a_end


@PROPERTY_SETTINGS
@given(text_pairs)
def test_change_navigation_visits_changes_in_order(pair: tuple[str, str]) -> None:
    original, rewrite = pair
    diff = diff_words(original, rewrite)
    visited: list[int] = []
    index = diff.next_change_index(None)
    while index is not None:
        visited.append(index)
        index = diff.next_change_index(index)
    assert tuple(visited) == diff.change_indices
    assert [diff.chunks[i] for i in visited] == list(diff.changes())
