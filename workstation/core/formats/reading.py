"""Streaming text input for the importers: UTF-8 only, line by line or chunk by chunk.

Files are never loaded whole: a 1 GB file is read through a fixed-size buffer and a single record
may be at most :data:`MAX_RECORD_BYTES`. Encoding problems become sentences with a line number:
a UTF-16/UTF-32 byte-order mark or NUL bytes make the whole file unreadable
(:class:`UnreadableFile`); bytes that are not UTF-8 spoil only the line they are on. A
:class:`ReadProgress` passed to a reader hears how many of the file's bytes it has taken in.
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

MAX_RECORD_BYTES = 64 * 1024 * 1024
"""The largest single record (one JSON line, one CSV row, one array item) in bytes."""

READ_CHUNK_BYTES = 1024 * 1024
"""How much the chunk reader asks the operating system for at a time."""

_UTF8_BOM = codecs.BOM_UTF8
_FOREIGN_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)

_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")

PhysicalLine = tuple[int, str, str | None]
"""``(line number, text with its line ending, problem or None)`` as :func:`read_lines` yields it."""


class ReadProgress:
    """How far a reader got through its file, in bytes, for a progress bar.

    The reader sets ``total_bytes`` (the file's size) when it opens the file and adds to
    ``bytes_read`` as it reads, on its own thread; another thread may look at any time (each is
    one int, so a look always sees a value the reader wrote). The bytes are those read from the
    operating system, so a reader that buffers is up to one buffer ahead of what it parsed.
    """

    __slots__ = ("bytes_read", "total_bytes")

    def __init__(self) -> None:
        self.bytes_read = 0
        self.total_bytes = 0

    def fraction(self) -> float:
        """Share of the file read so far, 0.0 to 1.0 (0.0 before the file is open or when empty)."""
        if self.total_bytes <= 0:
            return 0.0
        return min(1.0, self.bytes_read / self.total_bytes)


class UnreadableFile(Exception):
    """The file as a whole cannot be read as UTF-8 text; ``line`` says where that showed."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def _foreign_bom_message(head: bytes) -> str | None:
    for bom, name in _FOREIGN_BOMS:
        if head.startswith(bom):
            return (
                f"the file is {name} encoded (it starts with a {name} byte-order mark); "
                "save it as UTF-8 and import it again"
            )
    return None


_NUL_MESSAGE = (
    "the file contains NUL bytes: it looks UTF-16 or UTF-32 encoded without a byte-order mark, "
    "or it is not a text file; save it as UTF-8 and import it again"
)


def describe_bad_utf8(raw: bytes, error: UnicodeDecodeError) -> str:
    """A sentence for bytes in one line that are not UTF-8, naming the byte and its column."""
    column = len(raw[: error.start].decode("utf-8", "replace")) + 1
    bad_byte = raw[error.start] if error.start < len(raw) else 0
    return (
        f"not valid UTF-8 text (byte 0x{bad_byte:02X} at column {column}); the file may be "
        "Latin-1 or Windows-1252 encoded, save it as UTF-8"
    )


def _open_skipping_bom(path: Path, progress: ReadProgress | None = None) -> BinaryIO:
    handle = open(path, "rb", buffering=READ_CHUNK_BYTES)  # noqa: SIM115 - the caller closes it
    head = handle.read(4)
    problem = _foreign_bom_message(head)
    if problem is not None:
        handle.close()
        raise UnreadableFile(1, problem)
    skipped = len(_UTF8_BOM) if head.startswith(_UTF8_BOM) else 0
    handle.seek(skipped)
    if progress is not None:
        progress.total_bytes = os.fstat(handle.fileno()).st_size
        progress.bytes_read = skipped
    return handle


def read_lines(
    path: Path, *, max_line_bytes: int = MAX_RECORD_BYTES, progress: ReadProgress | None = None
) -> Iterator[PhysicalLine]:
    """Yield every physical line of a UTF-8 file, keeping its ``\\n`` or ``\\r\\n`` ending.

    A UTF-8 byte-order mark is dropped. A line that is not UTF-8 comes back decoded with
    replacement characters and a problem sentence; a line longer than ``max_line_bytes`` comes
    back as ``""`` with a problem, and reading goes on after it. Raises :class:`UnreadableFile`
    for a UTF-16/32 file or NUL bytes, since nothing after that point can be trusted.
    """
    handle = _open_skipping_bom(path, progress)
    with handle:
        readline = handle.readline
        number = 0
        while True:
            raw = readline(max_line_bytes + 1)
            if progress is not None:
                progress.bytes_read += len(raw)
            if not raw:
                return
            number += 1
            if len(raw) > max_line_bytes and not raw.endswith(b"\n"):
                while True:
                    rest = readline(READ_CHUNK_BYTES)
                    if progress is not None:
                        progress.bytes_read += len(rest)
                    if not rest or rest.endswith(b"\n"):
                        break
                megabytes = max_line_bytes // (1024 * 1024)
                yield number, "", f"the record is larger than {megabytes} MB, the most one record may hold"
                continue
            if b"\x00" in raw:
                raise UnreadableFile(number, _NUL_MESSAGE)
            try:
                yield number, raw.decode("utf-8"), None
            except UnicodeDecodeError as error:
                yield number, raw.decode("utf-8", "replace"), describe_bad_utf8(raw, error)


def read_chunks(
    path: Path, *, chunk_bytes: int = READ_CHUNK_BYTES, progress: ReadProgress | None = None
) -> Iterator[str]:
    """Yield the file's text in pieces of about ``chunk_bytes``, for parsers that are not line based.

    Bytes that are not UTF-8 are kept as lone surrogates (``surrogateescape``) so the parser can
    report them at the record they spoil; see :func:`find_undecodable`. Raises
    :class:`UnreadableFile` for a UTF-16/32 file or NUL bytes (``line`` counts the lines before).
    """
    handle = _open_skipping_bom(path, progress)
    decoder = codecs.getincrementaldecoder("utf-8")("surrogateescape")
    lines_before = 1
    with handle:
        while True:
            raw = handle.read(chunk_bytes)
            if progress is not None:
                progress.bytes_read += len(raw)
            nul_at = raw.find(b"\x00")
            if nul_at >= 0:
                raise UnreadableFile(lines_before + raw.count(b"\n", 0, nul_at), _NUL_MESSAGE)
            lines_before += raw.count(b"\n")
            text = decoder.decode(raw, final=not raw)
            if text:
                yield text
            if not raw:
                return


def find_undecodable(text: str) -> int:
    """Index of the first byte :func:`read_chunks` could not decode, or -1 if the text is clean."""
    if text.isascii():
        return -1
    found = _ESCAPED_BYTE.search(text)
    return found.start() if found else -1


def peek_first_char(path: Path) -> str | None:
    """The first character that is not whitespace (after any UTF-8 BOM), or None for a blank file."""
    for text in read_chunks(path):
        stripped = text.lstrip()
        if stripped:
            return stripped[0]
    return None
