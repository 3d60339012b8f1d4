"""Sizes the build reports, in the units the README's performance table uses (MB = 10^6 bytes)."""

from __future__ import annotations

from pathlib import Path


def folder_size(folder: Path) -> int:
    """Bytes of every regular file under ``folder``; links count as nothing (they take no space)."""
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def megabytes(size_bytes: int) -> float:
    return round(size_bytes / 1e6, 1)
