"""The portfolio as HTML: an index, a page per rewrite, one small style sheet, and the PDF's page.

Every string that came from a task, a rewrite or a verdict goes through ``html.escape``; the
pages hold no script and load nothing from elsewhere (the only link out is to ``style.css``
beside them), and the style sheet follows the reader's light or dark preference. The diff is
the word diff of ``core.diff`` as track changes: ``<del>`` for the original's words taken out,
``<ins>`` for the rewrite's words put in.

The PDF is laid out by Qt's rich text (``gui/common/pdf_render``), which reads no style sheet
files and knows only some CSS, so :func:`pdf_document` writes the same content as one document
with its styles inline.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from workstation.core.bundles.spec import short_bundle_id
from workstation.core.diff import Segment, count_words
from workstation.core.effort.signals import EXTERNAL_INPUT, EffortSignals
from workstation.core.models import Verdict
from workstation.core.reports.portfolio import PortfolioEntry
from workstation.core.signing import short_fingerprint

STYLE_FILE = "style.css"
STYLE_SHEET = """\
:root { color-scheme: light dark; --text: #1d1d1f; --back: #ffffff; --muted: #5b5b66;
  --line: #d0d0d8; --del-back: #fde2e1; --del-text: #8a1c1c; --ins-back: #dcf5e3; --ins-text: #145c2c; }
@media (prefers-color-scheme: dark) {
  :root { --text: #e8e8ed; --back: #1c1c1f; --muted: #a4a4b0; --line: #3a3a42;
    --del-back: #4a1f22; --del-text: #ffb4ae; --ins-back: #183d26; --ins-text: #a8e6b9; }
}
body { font: 16px/1.55 system-ui, sans-serif; color: var(--text); background: var(--back);
  max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
a { color: inherit; }
.muted, th { color: var(--muted); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 0.35rem 0.5rem; border-bottom: 1px solid var(--line);
  vertical-align: top; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; border: 1px solid var(--line); padding: 0.75rem; }
del { background: var(--del-back); color: var(--del-text); }
ins { background: var(--ins-back); color: var(--ins-text); text-decoration: none; }
code { overflow-wrap: anywhere; }
"""

_PDF_DEL = "background-color:#fde2e1; color:#8a1c1c; text-decoration:line-through;"
_PDF_INS = "background-color:#dcf5e3; color:#145c2c;"


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def page_title(entry: PortfolioEntry) -> str:
    """A rewrite's title: its task and project."""
    return f"{entry.task.id} · {entry.task.project}"


def effort_words(effort: EffortSignals) -> str:
    """The sealed effort as one line: the three shares, or what was (not) recorded."""
    shares = effort.shares
    if shares is None:
        return effort.status.value
    words = f"typed {shares.typed:.0%} · pasted {shares.pasted:.0%} · {EXTERNAL_INPUT} {shares.external:.0%}"
    return words + (" (flagged for a look)" if effort.needs_a_look else "")


def verdict_words(verdicts: Sequence[Verdict]) -> str:
    """The verdicts as a short list (``accept by Rita``), or that there are none."""
    if not verdicts:
        return "not reviewed yet"
    return "; ".join(f"{v.verdict.value} by {v.reviewer_name}" for v in verdicts)


def diff_html(segments: Sequence[Segment], *, inline_styles: bool = False) -> str:
    """The word diff (``diff.inline_segments``) as escaped HTML: ``<del>`` and ``<ins>`` (styled
    spans for the PDF)."""
    parts = []
    for segment in segments:
        text = _e(segment.text)
        if segment.kind == "deleted":
            parts.append(f'<span style="{_PDF_DEL}">{text}</span>' if inline_styles else f"<del>{text}</del>")
        elif segment.kind == "inserted":
            parts.append(f'<span style="{_PDF_INS}">{text}</span>' if inline_styles else f"<ins>{text}</ins>")
        else:
            parts.append(text)
    return "".join(parts)


def _document(title: str, body: str, *, style_href: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n"
        f'<link rel="stylesheet" href="{_e(style_href)}">\n</head>\n<body>\n{body}</body>\n</html>\n'
    )


def index_page(entries: Sequence[PortfolioEntry], pages: Sequence[str], *, writer: str, heading: str) -> str:
    """The index: one row per rewrite linking its page (``pages``, paths relative to the index)."""
    rows = "".join(
        f'<tr><td><a href="{_e(page)}">{_e(page_title(entry))}</a></td>'
        f"<td>{_e(entry.sealed_at)}</td><td><code>{_e(short_bundle_id(entry.bundle_id))}</code></td>"
        f"<td>{count_words(entry.rewrite.text):,}</td><td>{_e(verdict_words(entry.verdicts))}</td></tr>\n"
        for entry, page in zip(entries, pages, strict=True)
    )
    empty = "" if entries else '<p class="muted">No sealed rewrites to show.</p>\n'
    body = (
        f'<h1>{_e(heading)}</h1>\n<p class="muted">By {_e(writer)}: {len(entries):,} sealed '
        f"rewrite{'s' if len(entries) != 1 else ''}. manifest.json lists each page's SHA-256 and the "
        "bundle it came from; its signature is manifest.json.minisig.</p>\n"
        f"{empty}<table>\n<tr><th>Task</th><th>Sealed</th><th>Bundle</th><th>Words</th>"
        f"<th>Verdicts</th></tr>\n{rows}</table>\n"
    )
    return _document(heading, body, style_href=STYLE_FILE)


def _verdict_rows(verdicts: Sequence[Verdict]) -> str:
    if not verdicts:
        return '<p class="muted">No reviewer has judged this text yet.</p>\n'
    rows = "".join(
        f"<tr><td>{_e(v.verdict.value)}</td><td>{_e(v.reason or '')}</td><td>{_e(v.comment)}</td>"
        f"<td>{_e(v.reviewer_name)} <code>{_e(short_fingerprint(v.reviewer_fingerprint))}</code></td>"
        f"<td>{_e(v.created_at)}</td></tr>\n"
        for v in verdicts
    )
    return (
        "<table>\n<tr><th>Verdict</th><th>Reason</th><th>Comment</th><th>Reviewer</th><th>When</th></tr>\n"
        f"{rows}</table>\n"
    )


def _entry_body(
    entry: PortfolioEntry, segments: Sequence[Segment], *, level: int, inline_styles: bool
) -> str:
    """A rewrite's facts, verdicts and diff; the web page adds both texts in full (the PDF keeps
    to the diff, which holds both, so a thousand rewrites still lay out in seconds)."""
    task, rewrite = entry.task, entry.rewrite
    text_style = ' style="white-space:pre-wrap;"' if inline_styles else ' class="text"'
    prompt = (
        f"<h{level + 1}>Prompt</h{level + 1}>\n<div{text_style}>{_e(task.prompt)}</div>\n"
        if task.prompt
        else ""
    )
    body = (
        f"<h{level}>{_e(page_title(entry))}</h{level}>\n<table>\n"
        f"<tr><th>Bundle</th><td><code>{_e(entry.bundle_id)}</code> (number {entry.bundle_seq})</td></tr>\n"
        f"<tr><th>Sealed</th><td>{_e(entry.sealed_at)}</td></tr>\n"
        f"<tr><th>Rewrite</th><td><code>{_e(rewrite.rewrite_id)}</code>, SHA-256 "
        f"<code>{_e(entry.rewrite_sha256)}</code></td></tr>\n"
        f"<tr><th>Effort</th><td>{_e(effort_words(entry.effort))}</td></tr>\n</table>\n"
        f"<h{level + 1}>Verdicts</h{level + 1}>\n{_verdict_rows(entry.verdicts)}"
        f"<h{level + 1}>Changes</h{level + 1}>\n"
        f"<div{text_style}>{diff_html(segments, inline_styles=inline_styles)}</div>\n{prompt}"
    )
    if inline_styles:
        return body
    return (
        f"{body}<h{level + 1}>Original</h{level + 1}>\n<div{text_style}>{_e(task.original)}</div>\n"
        f"<h{level + 1}>Rewrite</h{level + 1}>\n<div{text_style}>{_e(rewrite.text)}</div>\n"
    )


def rewrite_page(
    entry: PortfolioEntry, segments: Sequence[Segment], *, index_href: str, style_href: str
) -> str:
    """One rewrite's page: where it was sealed, its verdicts, the diff (``segments``), both texts."""
    body = f'<p><a href="{_e(index_href)}">All rewrites</a></p>\n' + _entry_body(
        entry, segments, level=1, inline_styles=False
    )
    return _document(page_title(entry), body, style_href=style_href)


def pdf_document(
    entries: Sequence[PortfolioEntry], diffs: Sequence[Sequence[Segment]], *, writer: str, heading: str
) -> str:
    """The whole portfolio as one HTML document for the PDF: styles inline, a page per rewrite
    (``diffs`` are the entries' word diffs, in the same order)."""
    parts = [
        f"<h1>{_e(heading)}</h1>\n<p>By {_e(writer)}: {len(entries):,} sealed rewrite"
        f"{'s' if len(entries) != 1 else ''}.</p>\n"
    ]
    for entry, segments in zip(entries, diffs, strict=True):
        parts.append('<div style="page-break-before:always;">')
        parts.append(_entry_body(entry, segments, level=2, inline_styles=True))
        parts.append("</div>\n")
    head = f'<html><head><meta charset="utf-8"><title>{_e(heading)}</title></head>'
    return f"{head}<body>{''.join(parts)}</body></html>"
