"""``workstation lint PATH|- [--style DIR] [--json]``: the prose rules, headless, for pipelines.

Prints one ``path:line:column: level rule message`` line per finding (line and column 1-based,
columns in characters), or a JSON document with the findings and the text's metrics. Exit
status: 1 when any finding has level ``error``, 0 otherwise, 2 for a usage or input problem
(unreadable file, text that is not UTF-8, a style folder with no usable rule).
"""

from __future__ import annotations

import argparse
import io
import re
import stat
import sys
from bisect import bisect_right
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from workstation.cli.common import MESSAGE_LIMIT_CHARS, json_text
from workstation.core.files.inputs import TEXT_INPUT, InputRefused, read_input
from workstation.core.files.path_kinds import kind_of
from workstation.core.prose.engine import Linter
from workstation.core.prose.findings import Finding
from workstation.core.prose.rule_kinds import attach_spelling
from workstation.core.prose.spelling_backend import app_spelling_backend
from workstation.core.prose.style_pack import StylePack, default_style_pack, load_styles
from workstation.core.prose.text_metrics import text_metrics
from workstation.core.text.safe_text import one_line

EXIT_CLEAN = 0
EXIT_ERRORS_FOUND = 1
EXIT_USAGE = 2
STDIN_NAME = "<stdin>"
STDIN_PATH = "-"
_LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")


def register(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``lint`` subcommand to an argparse subparsers object; its handler returns the exit code."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "lint",
        description=(
            "Lint a UTF-8 text file (or standard input with '-') with the Workstation style pack "
            "or with Vale-format styles. Exit status: 1 if any finding is an error, 0 otherwise, "
            "2 for usage or input problems."
        ),
    )
    parser.add_argument("path", metavar="PATH|-", help="text file to lint, or - for standard input")
    parser.add_argument(
        "--style",
        metavar="DIR",
        action="append",
        help="a Vale style folder, a StylesPath folder that holds style folders, or a folder with "
        "a .vale.ini (or the file itself: its StylesPath, BasedOnStyles, Vocab and MinAlertLevel "
        "apply) (repeatable); default: the built-in Workstation style",
    )
    parser.add_argument(
        "--disable",
        metavar="CATEGORY",
        action="append",
        default=[],
        help="switch off a category of rules, e.g. --disable wordiness, or a rule of a style "
        "without meta.json by its Style.Rule name, e.g. --disable Microsoft.Contractions (repeatable)",
    )
    parser.add_argument(
        "--markup",
        choices=("auto", "markdown", "text"),
        default="auto",
        help="read the text as Markdown (code, link targets and URLs are not linted) or as plain "
        "text; auto, the default: plain text for a .txt file, Markdown otherwise (model output is)",
    )
    parser.add_argument("--json", action="store_true", help="print findings and metrics as JSON")
    parser.set_defaults(handler=run_lint)
    return parser


def run_lint(
    args: argparse.Namespace,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Handler of ``workstation lint``; returns the process exit status."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    try:
        display_name, text = _read_input(args.path, stdin)
    except _InputError as exc:
        _complain(stderr, str(exc))
        return EXIT_USAGE
    pack = _load_pack(args.style, stderr)
    if pack is None:
        return EXIT_USAGE
    disabled = pack.current_category_names(args.disable)
    unknown = sorted(disabled - set(pack.category_names))
    if unknown:
        _complain(stderr, f"unknown category {', '.join(unknown)}; known: {', '.join(pack.category_names)}")
        return EXIT_USAGE
    linter = Linter(pack, disabled_categories=disabled, markdown=reads_as_markdown(args.path, args.markup))
    report = linter.lint_report(text)
    for problem in report.problems:
        _complain(stderr, f"warning: {problem}")
    locate = _LineIndex(text)
    if args.json:
        document = {
            "path": display_name,
            "findings": [_finding_json(finding, locate) for finding in report.findings],
            "metrics": text_metrics(text, report.findings).to_dict(),
            "style_errors": [issue.to_dict() for issue in pack.errors],
            "problems": list(report.problems),
        }
        _write(stdout, json_text(document, sort_keys=False) + "\n")
    else:
        lines = []
        shown_name = one_line(display_name, MESSAGE_LIMIT_CHARS)
        for finding in report.findings:
            line, column = locate(finding.start)
            what = one_line(f"{finding.level} {finding.rule} {finding.message}", MESSAGE_LIMIT_CHARS)
            lines.append(f"{shown_name}:{line}:{column}: {what}\n")
        _write(stdout, "".join(lines))
    has_error = any(finding.level == "error" for finding in report.findings)
    return EXIT_ERRORS_FOUND if has_error else EXIT_CLEAN


def reads_as_markdown(path: str, markup: str) -> bool:
    """Whether ``workstation lint`` reads ``path`` as Markdown: as asked, else by its extension
    the way Vale does (``.txt`` is plain text), with standard input taken as model output."""
    if markup != "auto":
        return markup == "markdown"
    return path == STDIN_PATH or Path(path).suffix.lower() != ".txt"


class _InputError(Exception):
    pass


def _read_input(path: str, stdin: TextIO) -> tuple[str, str]:
    """(name to show, text). Accepts UTF-8 with or without a byte-order mark."""
    stream: BinaryIO | None = None
    if path == STDIN_PATH:
        buffer = getattr(stdin, "buffer", None)  # a test's StringIO has none: its characters are the text
        stream = buffer if buffer is not None else io.BytesIO(stdin.read(TEXT_INPUT.limit_bytes + 1).encode())
    try:
        raw = read_input(path, TEXT_INPUT, stdin=stream)
    except InputRefused as exc:
        raise _InputError(exc.message) from None
    name = STDIN_NAME if path == STDIN_PATH else path
    try:
        return name, raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _InputError(f"{name}: not UTF-8 text (bad byte at offset {exc.start})") from None


def _load_pack(style_dirs: list[str] | None, stderr: TextIO) -> StylePack | None:
    if not style_dirs:
        pack = default_style_pack()
    else:
        missing = [folder for folder in style_dirs if not Path(folder).exists()]
        if missing:
            _complain(stderr, f"style folder not found: {', '.join(missing)}")
            return None
        for folder in style_dirs:
            st_mode = Path(folder).stat().st_mode
            if not (stat.S_ISDIR(st_mode) or stat.S_ISREG(st_mode)):
                _complain(stderr, f"{folder} is {kind_of(st_mode)}; give a style folder or a .yml rule file")
                return None
        pack = attach_spelling(load_styles(style_dirs), app_spelling_backend())
    for issue in pack.errors:
        _complain(stderr, f"style {'error' if issue.skipped else 'notice'}: {issue}")
    if not pack.rules:
        _complain(stderr, "no usable rules were loaded")
        return None
    return pack


def _complain(stderr: TextIO, message: str) -> None:
    print(f"workstation lint: {one_line(message, MESSAGE_LIMIT_CHARS)}", file=stderr)


class _LineIndex:
    """Code-point offset → (line, column), both 1-based; ``\\r\\n``, ``\\n`` and ``\\r`` end lines."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [match.end() for match in _LINE_BREAK_RE.finditer(text)]

    def __call__(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


def _finding_json(finding: Finding, locate: _LineIndex) -> dict[str, Any]:
    line, column = locate(finding.start)
    return {**finding.to_dict(), "line": line, "column": column}


def _write(stream: TextIO, content: str) -> None:
    """Write even when the terminal's encoding cannot show every character."""
    try:
        stream.write(content)
    except UnicodeEncodeError:
        encoding = getattr(stream, "encoding", None) or "ascii"
        stream.write(content.encode(encoding, "backslashreplace").decode(encoding))
