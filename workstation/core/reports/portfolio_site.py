"""Writing the portfolio folder and its signed manifest.

The folder holds ``index.html``, ``style.css``, ``rewrites/NNNNN-<rewrite id>.html`` (one page a
rewrite), ``portfolio.pdf`` when a PDF renderer is given, and ``manifest.json`` with its
signature ``manifest.json.minisig`` (a signed record of kind ``portfolio``: ``workstation
verify-record manifest.json`` or ``minisign -Vm manifest.json`` checks it). The manifest lists
every file's SHA-256 and size, and for each rewrite its page, the bundle id it was sealed in, its
rewrite id and the SHA-256 of its text, so a third party holding the bundles can check that each
page shows exactly what was sealed (``portfolio_check``).

A folder is only ever written when it is empty or holds an earlier portfolio, whose listed files
are replaced; nothing else in it is touched.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from workstation.core.clock import iso_utc
from workstation.core.diff import inline_segments
from workstation.core.effort.sealed_effort import combined_effort
from workstation.core.files.atomic import write_file_atomically
from workstation.core.reports.portfolio import PortfolioEntry, PortfolioError
from workstation.core.reports.portfolio_html import (
    STYLE_FILE,
    STYLE_SHEET,
    index_page,
    pdf_document,
    rewrite_page,
)
from workstation.core.reports.signed_record import RecordAuthor, RecordKind, write_signed_record
from workstation.core.signing import SecretKey
from workstation.core.verdicts.records import verdict_summary

FORMAT_NAME = "rewrite-workstation.portfolio"
FORMAT_VERSION = 1
MANIFEST_FILE = "manifest.json"
INDEX_FILE = "index.html"
PDF_FILE = "portfolio.pdf"
PAGES_DIR = "rewrites"
FILE_MODE = 0o644
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")

PdfRenderer = Callable[..., bytes]
"""``html_to_pdf(html, title=...)`` from ``gui/common/pdf_render`` (the core stays Qt-free)."""


@dataclass(frozen=True)
class PortfolioWritten:
    """What was written: the folder, how many rewrites, and the manifest's signature file."""

    folder: Path
    rewrites: int
    signature: Path
    with_pdf: bool


def page_path(number: int, rewrite_id: str) -> str:
    """A rewrite page's path in the folder: numbered (unique) and the id made safe for a file name."""
    safe = _UNSAFE.sub("_", rewrite_id)[:64] or "rewrite"
    return f"{PAGES_DIR}/{number:05d}-{safe}.html"


def _digest(data: bytes) -> dict[str, Any]:
    return {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}


def build_site(
    entries: Sequence[PortfolioEntry],
    *,
    author: RecordAuthor,
    generated_at: datetime,
    accepted: bool,
    pdf_renderer: PdfRenderer | None = None,
) -> tuple[dict[str, bytes], bytes]:
    """Every file of the portfolio (path in the folder → bytes) and the manifest's bytes."""
    heading = "Accepted rewrites" if accepted else "Sealed rewrites"
    pages = [page_path(n, entry.rewrite.rewrite_id) for n, entry in enumerate(entries, 1)]
    files: dict[str, bytes] = {
        INDEX_FILE: index_page(entries, pages, writer=author.name, heading=heading).encode("utf-8"),
        STYLE_FILE: STYLE_SHEET.encode("utf-8"),
    }
    listed = []
    diffs = [inline_segments(entry.task.original, entry.rewrite.text) for entry in entries]
    for entry, page, segments in zip(entries, pages, diffs, strict=True):
        files[page] = rewrite_page(
            entry, segments, index_href=f"../{INDEX_FILE}", style_href=f"../{STYLE_FILE}"
        ).encode()
        listed.append(
            {
                "page": page,
                "page_sha256": hashlib.sha256(files[page]).hexdigest(),
                "bundle_id": entry.bundle_id,
                "bundle_seq": entry.bundle_seq,
                "rewrite_id": entry.rewrite.rewrite_id,
                "rewrite_sha256": entry.rewrite_sha256,
                "task_id": entry.task.id,
                "original_sha256": entry.task.original_sha256,
                "effort": entry.effort.as_record(),
                "verdicts": [verdict_summary(v) for v in entry.verdicts],
            }
        )
    if pdf_renderer is not None:
        files[PDF_FILE] = pdf_renderer(
            pdf_document(entries, diffs, writer=author.name, heading=heading), title=heading
        )
    manifest = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "writer": {"name": author.name, "fingerprint": author.fingerprint},
        "generated_at": iso_utc(generated_at),
        "accepted_only": accepted,
        "files": [{"path": path, **_digest(data)} for path, data in sorted(files.items())],
        "bundles": sorted({entry.bundle_id for entry in entries}),
        "effort": combined_effort([entry.effort for entry in entries]).as_record(),
        "rewrites": listed,
    }
    text = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return files, text.encode("utf-8")


def _earlier_files(folder: Path) -> list[Path]:
    """The files an earlier portfolio in ``folder`` listed; PortfolioError for any other folder."""
    if not folder.exists():
        return []
    if not folder.is_dir():
        raise PortfolioError(f"{folder} is a file, not a folder")
    if not any(folder.iterdir()):
        return []
    try:
        earlier = json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
        if earlier.get("format") != FORMAT_NAME:
            raise ValueError
        paths = [str(entry["path"]) for entry in earlier["files"]]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        raise PortfolioError(
            f"{folder} already holds files that are not a portfolio; choose an empty folder"
        ) from None
    inside = [folder / path for path in paths if path == page_or_top(path)]
    return [path for path in inside if path.is_file()]


def page_or_top(path: str) -> str | None:
    """``path`` when it is one the portfolio writes (a top file or a page), else None."""
    if path in (INDEX_FILE, STYLE_FILE, PDF_FILE) or re.fullmatch(
        rf"{PAGES_DIR}/\d{{5}}-[A-Za-z0-9_-]+\.html", path
    ):
        return path
    return None


def write_portfolio(
    folder: Path,
    entries: Sequence[PortfolioEntry],
    key: SecretKey,
    *,
    author: RecordAuthor,
    generated_at: datetime,
    accepted: bool,
    pdf_renderer: PdfRenderer | None = None,
) -> PortfolioWritten:
    """Write the portfolio into ``folder`` and sign its manifest with ``key``.

    Raises PortfolioError for a folder that holds other files, OSError when writing fails.
    """
    earlier = _earlier_files(folder)
    files, manifest = build_site(
        entries, author=author, generated_at=generated_at, accepted=accepted, pdf_renderer=pdf_renderer
    )
    for stale in earlier:
        stale.unlink()
    (folder / PAGES_DIR).mkdir(parents=True, exist_ok=True)
    for path, data in files.items():
        write_file_atomically(folder / path, data, mode=FILE_MODE)
    signature = write_signed_record(
        folder / MANIFEST_FILE, manifest, key, kind=RecordKind.PORTFOLIO, signer_name=author.name
    )
    return PortfolioWritten(folder, len(entries), signature, PDF_FILE in files)
