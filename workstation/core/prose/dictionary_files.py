"""Hunspell dictionaries on disk: the pairs shipped with the app, and checking a pair before use.

A Hunspell dictionary is two files with one stem: ``en_GB.aff`` (the affix rules, the encoding,
the suggestion tables) and ``en_GB.dic`` (its first line the number of entries, then one entry a
line). The app ships its dictionaries as resources, one folder per language named by its BCP 47
tag (``resources/dictionaries/en-GB/en_GB.aff``), with their licence files beside them; nothing
is ever downloaded.

libhunspell reads a damaged pair without a word of complaint and then flags good words: a
``.dic`` cut in half loses the second half of the alphabet, a Latin-1 ``.dic`` behind a
``SET UTF-8`` loses every accented word, a truncated ``.aff`` loses the affix classes it cut
(measured with libhunspell 1.7). So :func:`check_dictionary_files` reads both files first and
refuses such a pair with one sentence. It cannot see a cut that falls exactly between two affix
classes, or a ``.dic`` whose count line was written too small.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from workstation.resources import resource_path

SHIPPED_FOLDER = "dictionaries"
"""The folder of :mod:`workstation.resources` that holds one sub-folder per language tag."""
MAX_DICTIONARY_FILE_BYTES = 64 * 1024 * 1024
"""The largest ``.aff`` or ``.dic`` read, in bytes (the biggest real ones are about 20 MB)."""

_DEFAULT_ENCODING = "ISO8859-1"  # what Hunspell assumes when the .aff has no SET line
_HUNSPELL_ENCODINGS = {"microsoft-cp1251": "cp1251", "tis620-2533": "tis-620"}  # Hunspell's names
_UTF8_BOM = b"\xef\xbb\xbf"
# Tables whose header line is "KEY count" followed by count lines starting with KEY.
_COUNTED_TABLES = frozenset(
    {"REP", "MAP", "ICONV", "OCONV", "PHONE", "BREAK", "COMPOUNDRULE", "CHECKCOMPOUNDPATTERN"}
)


class DictionaryError(ValueError):
    """A dictionary cannot be used; the message is one sentence naming the file and the problem."""


@dataclass(frozen=True)
class DictionaryFiles:
    """A ``.aff``/``.dic`` pair: ``folder/stem.aff`` and ``folder/stem.dic``, for ``language``."""

    language: str
    folder: Path
    stem: str

    @property
    def aff(self) -> Path:
        return self.folder / f"{self.stem}.aff"

    @property
    def dic(self) -> Path:
        return self.folder / f"{self.stem}.dic"


def shipped_dictionaries(root: Path | None = None) -> dict[str, DictionaryFiles]:
    """The dictionaries under ``root`` (default: the app's resources), by language tag, sorted.

    A language folder holds one ``.aff`` and its ``.dic``; a folder without a ``.aff`` is not
    listed (a missing ``.dic`` is left for :func:`check_dictionary_files` to name).
    """
    base = root if root is not None else resource_path(SHIPPED_FOLDER)
    found: dict[str, DictionaryFiles] = {}
    if not base.is_dir():
        return found
    for folder in sorted(base.iterdir()):
        affixes = sorted(folder.glob("*.aff")) if folder.is_dir() else []
        if affixes:
            found[folder.name] = DictionaryFiles(folder.name, folder, affixes[0].stem)
    return found


def check_dictionary_files(files: DictionaryFiles) -> str:
    """Check that both files are there, readable, in the ``.aff``'s encoding and complete.

    Returns the Python codec name of the pair's encoding; raises :class:`DictionaryError`.
    """
    aff_raw = _read(files.aff, files)
    dic_raw = _read(files.dic, files)
    encoding = _declared_encoding(aff_raw, files.aff)
    aff_text = _decode(aff_raw, encoding, files.aff, files.aff)
    dic_text = _decode(dic_raw, encoding, files.dic, files.aff)
    _check_affix_tables(aff_text, files.aff)
    _check_entry_count(dic_text, files.dic)
    return encoding


def _read(path: Path, files: DictionaryFiles) -> bytes:
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_DICTIONARY_FILE_BYTES + 1)
    except FileNotFoundError:
        raise DictionaryError(
            f"The {files.language} spelling dictionary is incomplete: {path.name} is missing."
        ) from None
    except OSError as error:
        raise DictionaryError(f"{path.name} cannot be read: {error.strerror or error}.") from None
    if len(raw) > MAX_DICTIONARY_FILE_BYTES:
        limit = MAX_DICTIONARY_FILE_BYTES // (1024 * 1024)
        raise DictionaryError(f"{path.name} is larger than {limit} MB; it is not a spelling dictionary.")
    if not raw.strip():
        raise DictionaryError(f"{path.name} is empty.")
    return raw


def _declared_encoding(aff_raw: bytes, path: Path) -> str:
    """The codec for the pair, from the ``.aff``'s ``SET`` line (Hunspell's default without one)."""
    name = _DEFAULT_ENCODING
    for line in aff_raw.removeprefix(_UTF8_BOM).decode("latin-1").splitlines():
        fields = line.split()
        if len(fields) >= 2 and fields[0] == "SET":
            name = fields[1]
            break
    codec = _HUNSPELL_ENCODINGS.get(name.lower(), name)
    try:
        return codecs.lookup(codec).name
    except LookupError:
        raise DictionaryError(f"{path.name} declares an encoding that is not supported: {name!r}.") from None


def _decode(raw: bytes, encoding: str, path: Path, aff: Path) -> str:
    body = raw.removeprefix(_UTF8_BOM) if encoding == "utf-8" else raw
    try:
        return body.decode(encoding)
    except UnicodeDecodeError as error:
        line = body[: error.start].count(b"\n") + 1
        byte = body[error.start]
        raise DictionaryError(
            f"{path.name} is not in the encoding {aff.name} declares ({encoding}): "
            f"byte 0x{byte:02X} on line {line:,}."
        ) from None


def _check_affix_tables(text: str, path: Path) -> None:
    """Every counted table (affix classes, REP, MAP, …) holds as many lines as its header says."""
    declared: dict[tuple[str, str], int] = {}
    seen: dict[tuple[str, str], int] = {}
    for line in text.splitlines():
        fields = line.split()
        if not fields or fields[0].startswith("#"):
            continue
        key = fields[0]
        if key in ("PFX", "SFX") and len(fields) >= 4:
            table = (key, fields[1])
            if table not in declared and fields[2] in ("Y", "N") and fields[3].isdigit():
                declared[table] = int(fields[3])
            else:
                seen[table] = seen.get(table, 0) + 1
        elif key in _COUNTED_TABLES:
            table = (key, "")
            if table not in declared and len(fields) == 2 and fields[1].isdigit():
                declared[table] = int(fields[1])
            else:
                seen[table] = seen.get(table, 0) + 1
    for table, count in declared.items():
        found = seen.get(table, 0)
        if found < count:
            name = " ".join(part for part in table if part)
            raise DictionaryError(
                f"{path.name} is truncated or damaged: {name} declares {count:,} lines but {found:,} follow."
            )


def _check_entry_count(text: str, path: Path) -> None:
    """The first line is the entry count, and at least that many entries follow."""
    lines = text.splitlines()
    first = lines[0].strip() if lines else ""
    if not first.isdigit():
        raise DictionaryError(f"{path.name} does not start with its number of words; it is not a .dic file.")
    declared = int(first)
    entries = sum(1 for line in lines[1:] if line.strip())
    if entries < declared:
        raise DictionaryError(
            f"{path.name} is truncated: it declares {declared:,} words but holds {entries:,}."
        )
