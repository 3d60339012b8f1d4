"""Finding where a reviewer's anchored comment points in the text the writer has now.

An anchor's span (code points) is exact on the judged text; once the writer edits the reopened
draft it may have moved. The span is used as is while it still holds the quoted text, else the
quote's occurrence nearest to where it was; when the quote is gone the comment is shown without
a place (the writer changed that passage).
"""

from __future__ import annotations

from workstation.core.models import Anchor


def locate_anchor(text: str, anchor: Anchor) -> tuple[int, int] | None:
    """The ``(start, end)`` code-point span of ``anchor`` in ``text``, or None when it is gone."""
    quote = anchor.quote
    if not quote:
        return None
    if text[anchor.start : anchor.end] == quote:
        return anchor.start, anchor.end
    best: int | None = None
    found = text.find(quote)
    while found >= 0:
        if best is None or abs(found - anchor.start) < abs(best - anchor.start):
            best = found
        found = text.find(quote, found + 1)
    return None if best is None else (best, best + len(quote))
