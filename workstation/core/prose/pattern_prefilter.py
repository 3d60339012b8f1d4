"""Find where a fallback-engine pattern could match, with RE2, before running the slow engine.

A pattern with look-around is slow on the backtracking engine mostly because it is tried at
every position of the text. Drop its look-around assertions (and read back-references as "any
text", atomic groups as plain groups, possessive quantifiers as greedy ones) and what is left
matches wherever the original does, and more: a *superset* that RE2 can run in linear time.

Every place the original could start a match is then at the start of, or inside, one of the
superset's matches (a leftmost-first scan only ever skips positions that lie inside a match it
reported). So the slow engine needs to be tried only at those positions, and on most texts,
where the superset finds nothing at all, not at all. The result is the same list of matches a
full scan gives.
"""

from __future__ import annotations

import re

_LOOK_AROUND_OPENERS = ("(?=", "(?!", "(?<=", "(?<!")
_POSSESSIVE_RE = re.compile(r"(?<!\\)([*+?}])\+")


def superset_pattern(source: str) -> str | None:
    """``source`` without look-around and the other syntax RE2 lacks; None when it cannot say.

    Conditionals (``(?(1)…)``) and recursion have no superset this simple: None.
    """
    out: list[str] = []
    index = 0
    in_class = False
    while index < len(source):
        char = source[index]
        if char == "\\":
            following = source[index + 1 : index + 2]
            if following.isdigit() and following != "0" and not in_class:
                out.append("(?s:.*?)")  # a back-reference matches some text: any text, at least
                index += 2
                while index < len(source) and source[index].isdigit():
                    index += 1
                continue
            if following in ("g", "k") and not in_class:
                return None  # named back-references: rare; do not guess
            out.append(source[index : index + 2])
            index += 2
            continue
        if in_class:
            in_class = char != "]" or (bool(out) and out[-1] in ("[", "[^"))
            out.append(char)
            index += 1
            continue
        if char == "[":
            in_class = True
            if source.startswith("[^", index):
                out.append("[^")
                index += 2
                continue
            out.append(char)
            index += 1
            continue
        if source.startswith(_LOOK_AROUND_OPENERS, index):
            end = _group_end(source, index)
            if end is None:
                return None
            index = end
            continue
        if source.startswith("(?>", index):
            out.append("(?:")
            index += 3
            continue
        if source.startswith(("(?(", "(?R", "(?&", "(?P>"), index):
            return None
        out.append(char)
        index += 1
    return _POSSESSIVE_RE.sub(r"\1", "".join(out))


def _group_end(source: str, start: int) -> int | None:
    """Index just past the group that opens at ``start`` (escapes and classes respected)."""
    depth = 0
    index = start
    in_class = False
    while index < len(source):
        char = source[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            if char == "]":
                in_class = False
        elif char == "[":
            in_class = True
            if source.startswith(("[]", "[^]"), index):
                index += 2 if source.startswith("[]", index) else 3
                continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return None


def candidate_starts(spans: list[tuple[int, int]]) -> list[int]:
    """Every position that starts, or lies inside, one of the superset's matches, in order."""
    starts: list[int] = []
    for start, end in spans:
        starts.extend(range(start, max(end, start + 1)))
    return starts
