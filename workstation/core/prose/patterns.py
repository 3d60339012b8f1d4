"""Regular expressions that can never hang the editor.

Every rule pattern is compiled with RE2 (linear time, no catastrophic backtracking). RE2 has no
look-around or back-references, which some published Vale styles use; such a pattern is run by
the third-party ``regex`` module instead, always with a time budget, and is refused with a reason
when that module is not installed or the caller turned the fallback off.

RE2 runs on UTF-8 bytes, so its offsets are converted back to code points through
:class:`EncodedText`, which a lint pass builds once and shares between all rules.
"""

from __future__ import annotations

import re
import time
from bisect import bisect_right
from typing import Any, Literal, NamedTuple

import re2

try:  # Optional: only needed for patterns RE2 cannot run.
    import regex as _fallback_regex
except ImportError:  # pragma: no cover - exercised by monkeypatching in tests
    _fallback_regex = None

Engine = Literal["re2", "fallback"]

#: RE2's memory budget per pattern, in bytes. Large token alternations need more than the
#: default 8 MiB to keep the fast DFA instead of dropping to the slower NFA.
RE2_MAX_MEMORY_BYTES = 64 << 20

#: Default wall-clock budget, in seconds, for one fallback pattern over one text.
DEFAULT_FALLBACK_BUDGET_S = 0.1


_NON_ASCII_RUN_RE = re.compile(r"[^\x00-\x7f]+")


class PatternError(ValueError):
    """A pattern that cannot be used; the message is the reason, written for a style author."""


class PatternTimeout(RuntimeError):
    """A fallback pattern ran past its time budget on a text."""


def fallback_available() -> bool:
    """Whether look-around/back-reference patterns can run at all (``regex`` is installed)."""
    return _fallback_regex is not None


def _re2_options() -> Any:
    options = re2.Options()
    options.max_mem = RE2_MAX_MEMORY_BYTES
    options.log_errors = False  # RE2 would otherwise print every bad pattern to stderr
    return options


class EncodedText:
    """A text with its UTF-8 form and byte → code-point offset conversion.

    Built once per lint pass. Pure-ASCII text (the common case) converts by identity; otherwise
    a table of the runs of non-ASCII characters, built on first use, converts any offset with one
    binary search.
    """

    __slots__ = (
        "_run_byte_ends",
        "_run_byte_starts",
        "_run_char_ends",
        "_run_char_starts",
        "_run_extra_after",
        "data",
        "is_ascii",
        "text",
    )

    def __init__(self, text: str) -> None:
        self.text = text
        self.data = text.encode("utf-8", "surrogatepass")
        self.is_ascii = len(self.data) == len(text)
        self._run_byte_starts: list[int] | None = None
        self._run_byte_ends: list[int] = []
        self._run_char_starts: list[int] = []
        self._run_char_ends: list[int] = []
        self._run_extra_after: list[int] = []

    def _build_runs(self) -> list[int]:
        byte_starts: list[int] = []
        extra = 0  # bytes beyond one per character, so far
        for run in _NON_ASCII_RUN_RE.finditer(self.text):
            char_start = run.start()
            byte_start = char_start + extra
            extra += len(run.group().encode("utf-8", "surrogatepass")) - len(run.group())
            byte_starts.append(byte_start)
            self._run_char_starts.append(char_start)
            self._run_char_ends.append(run.end())
            self._run_byte_ends.append(run.end() + extra)
            self._run_extra_after.append(extra)
        self._run_byte_starts = byte_starts
        return byte_starts

    def char_offset(self, byte_offset: int) -> int:
        """Code-point offset of a byte offset that lies on a character boundary."""
        if self.is_ascii:
            return byte_offset
        starts = self._run_byte_starts if self._run_byte_starts is not None else self._build_runs()
        index = bisect_right(starts, byte_offset) - 1
        if index < 0:
            return byte_offset
        if byte_offset >= self._run_byte_ends[index]:
            return byte_offset - self._run_extra_after[index]
        # Inside a run of non-ASCII characters: decode just the part of the run before it.
        piece = self.data[starts[index] : byte_offset]
        return self._run_char_starts[index] + len(piece.decode("utf-8", "surrogatepass"))

    def to_bytes(self, char_offset: int) -> int:
        """Byte offset of a code-point offset, by the same table (one binary search)."""
        if self.is_ascii:
            return char_offset
        byte_starts = self._run_byte_starts if self._run_byte_starts is not None else self._build_runs()
        index = bisect_right(self._run_char_starts, char_offset) - 1
        if index < 0:
            return char_offset
        if char_offset >= self._run_char_ends[index]:
            return char_offset + self._run_extra_after[index]
        piece = self.text[self._run_char_starts[index] : char_offset]
        return byte_starts[index] + len(piece.encode("utf-8", "surrogatepass"))


class RawMatch(NamedTuple):
    """A match in code points.

    A named tuple rather than a dataclass: thousands are made per lint pass and tuples are cheap.
    """

    start: int
    end: int


def _too_slow(source: str, budget_s: float) -> PatternTimeout:
    return PatternTimeout(f"pattern {source!r} ran longer than {budget_s * 1000:.0f} ms")


class SafePattern:
    """A compiled pattern that runs in linear time (RE2) or under a time budget (fallback)."""

    __slots__ = ("_compiled", "engine", "re2_error", "source")

    def __init__(self, source: str, engine: Engine, compiled: Any, re2_error: str = "") -> None:
        self.source = source
        self.engine: Engine = engine
        self._compiled = compiled
        self.re2_error = re2_error

    def __repr__(self) -> str:
        return f"SafePattern({self.source!r}, engine={self.engine!r})"

    def matches(self, encoded: EncodedText, *, budget_s: float = DEFAULT_FALLBACK_BUDGET_S) -> list[RawMatch]:
        """All non-overlapping matches, leftmost first, as code-point spans.

        A fallback pattern that runs past ``budget_s`` raises :class:`PatternTimeout`; RE2
        patterns are linear and have no budget.
        """
        if self.engine == "re2":
            return self._re2_matches(encoded)
        found: list[RawMatch] = []
        try:
            for match in self._compiled.finditer(encoded.text, timeout=budget_s):
                found.append(RawMatch(*match.span()))
        except TimeoutError as exc:
            raise _too_slow(self.source, budget_s) from exc
        return found

    def search(self, text: str, *, budget_s: float = DEFAULT_FALLBACK_BUDGET_S) -> bool:
        """Whether the pattern matches anywhere in a short ``text``."""
        if self.engine == "re2":
            return self._compiled.search(text.encode("utf-8", "surrogatepass")) is not None
        try:
            return self._compiled.search(text, timeout=budget_s) is not None
        except TimeoutError as exc:
            raise _too_slow(self.source, budget_s) from exc

    def match_at(
        self, encoded: EncodedText, start: int, *, budget_s: float = DEFAULT_FALLBACK_BUDGET_S
    ) -> tuple[int, tuple[str | None, ...]] | None:
        """(end, groups) of a match that starts exactly at code point ``start``, or None.

        The text around ``start`` is context, as in a scan: ``\\b``, ``^`` and look-around see it.
        """
        if self.engine == "re2":
            found = self._compiled.match(encoded.data, encoded.to_bytes(start))
            if found is None:
                return None
            groups = tuple(
                None if group is None else group.decode("utf-8", "surrogatepass") for group in found.groups()
            )
            return encoded.char_offset(found.end()), groups
        try:
            found = self._compiled.match(encoded.text, start, timeout=budget_s)
        except TimeoutError as exc:
            raise _too_slow(self.source, budget_s) from exc
        return None if found is None else (found.end(), tuple(found.groups()))

    def matches_at(self, text: str, starts: list[int], budget_s: float) -> list[RawMatch]:
        """What a scan of ``text`` finds, trying only the positions in ``starts`` (ascending).

        For a fallback pattern whose possible match starts are known (see
        :mod:`pattern_prefilter`); raises :class:`PatternTimeout` past ``budget_s`` in all.
        """
        deadline = time.perf_counter() + budget_s
        found: list[RawMatch] = []
        reach = 0
        try:
            for start in starts:
                if start < reach:
                    continue
                left = deadline - time.perf_counter()
                if left <= 0:
                    raise TimeoutError
                match = self._compiled.match(text, start, timeout=left)
                if match is not None:
                    found.append(RawMatch(start, match.end()))
                    reach = max(match.end(), start + 1)
        except TimeoutError as exc:
            raise _too_slow(self.source, budget_s) from exc
        return found

    def _re2_matches(self, encoded: EncodedText) -> list[RawMatch]:
        spans = [match.span() for match in self._compiled.finditer(encoded.data)]
        if encoded.is_ascii:
            return [RawMatch(start, end) for start, end in spans]
        convert = encoded.char_offset
        data = encoded.data
        return [
            RawMatch(convert(start), convert(end))
            for start, end in spans
            # The binding steps one byte past an empty match, so "x*" (or "\C") also matches
            # inside a multi-byte character; such matches are no text and are dropped.
            if not (_inside_character(data, start) or _inside_character(data, end))
        ]


def _inside_character(data: bytes, offset: int) -> bool:
    """Whether a byte offset falls inside a UTF-8 sequence (on a continuation byte)."""
    return offset < len(data) and data[offset] & 0xC0 == 0x80


def compile_pattern(source: str, *, allow_fallback: bool = True) -> SafePattern:
    """Compile ``source`` with RE2, or with the time-limited fallback engine if RE2 cannot.

    Raises :class:`PatternError` with a reason when the pattern is invalid for both engines,
    or when only the fallback could run it and the fallback is off or not installed.
    """
    try:
        compiled = re2.compile(source.encode("utf-8", "surrogatepass"), _re2_options())
    except re2.error as exc:
        re2_error = _describe_re2_error(exc)
    else:
        return SafePattern(source, "re2", compiled)
    if _fallback_regex is None or not allow_fallback:
        why = "the fallback engine is turned off" if _fallback_regex else "no fallback engine installed"
        raise PatternError(f"RE2 cannot run this pattern ({re2_error}) and {why}; rule refused")
    try:
        compiled = _fallback_regex.compile(source, _fallback_regex.VERSION0)
    except _fallback_regex.error as exc:
        raise PatternError(f"invalid regular expression: {exc} (RE2 said: {re2_error})") from exc
    except (ValueError, OverflowError, RecursionError) as exc:
        raise PatternError(f"invalid regular expression: {exc}") from exc
    return SafePattern(source, "fallback", compiled, re2_error=re2_error)


def _describe_re2_error(exc: Exception) -> str:
    detail = exc.args[0] if exc.args else str(exc)
    if isinstance(detail, bytes):
        detail = detail.decode("utf-8", "replace")
    return str(detail)
