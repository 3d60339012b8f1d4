"""Lint Markdown as Vale does: code, link targets, URLs and raw HTML are not prose.

The linter runs its rules over a *masked* copy of the text, of the same length so every offset
holds, and then drops any finding that starts inside a skipped span:

- a code block, an HTML block or a link definition is made of whole lines; each of its
  characters becomes a space and its line breaks stay, so it reads as blank lines: the paragraphs
  around it stay apart and no sentence runs through it;
- a code span, link target, URL or HTML tag sits inside a sentence; each of its characters
  becomes ``*`` (line breaks stay), as Vale does for inline code. A non-word character keeps the
  words either side apart ("the `x` the" is no repetition) and ends no sentence, so
  ``see `os.path`.`` stays one sentence and a URL's dots split nothing.

Word and sentence counts are not taken from the masked copy: metrics read the writer's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from workstation.core.prose.findings import Finding
from workstation.core.text.markdown_scopes import markdown_scopes
from workstation.core.text.span_set import SpanSet

_NOT_LINE_BREAK_RE = re.compile(r"[^\r\n]")


def _masked(piece: str, filler: str) -> str:
    if "\n" in piece or "\r" in piece:
        return _NOT_LINE_BREAK_RE.sub(filler, piece)
    return filler * len(piece)


@dataclass(frozen=True, slots=True)
class LintView:
    """The text rules run on (``masked``), and the spans whose findings are dropped."""

    text: str
    masked: str
    skipped: SpanSet

    def keep_outside(self, findings: list[Finding]) -> list[Finding]:
        """Findings that start outside every skipped span, their ``matched`` text the writer's."""
        if not self.skipped.spans or not findings:
            return findings
        kept: list[Finding] = []
        for finding in findings:
            if finding.start in self.skipped:
                continue
            original = self.text[finding.start : finding.end]
            kept.append(finding if original == finding.matched else replace(finding, matched=original))
        return kept


def lint_view(text: str) -> LintView:
    """``text`` masked for lint (see the module docstring)."""
    scopes = markdown_scopes(text)
    skipped = scopes.skipped
    if not skipped:
        return LintView(text, text, SpanSet(()))
    fillers = sorted(
        [(start, end, " ") for start, end in scopes.block_skipped]
        + [(start, end, "*") for start, end in scopes.inline_skipped]
    )
    parts: list[str] = []
    position = 0
    for start, end, filler in fillers:
        start = max(start, position)  # an inline span inside a block one is masked already
        if end <= start:
            continue
        parts.append(text[position:start])
        parts.append(_masked(text[start:end], filler))
        position = end
    parts.append(text[position:])
    return LintView(text, "".join(parts), SpanSet(skipped))
