"""What a safe member path looks like inside a bundle (and in the manifest's file list)."""

from __future__ import annotations

MAX_MEMBER_PATH_CHARS = 255


def member_path_problem(path: str) -> str | None:
    """Return why ``path`` is unsafe as a bundle member name, or None when it is fine.

    Safe means: relative, forward slashes only, no empty, ``.`` or ``..`` parts, no drive letters
    or colons, no control characters. Such a name can never escape a folder if someone extracts it.
    """
    if not path:
        return "empty member name"
    if len(path) > MAX_MEMBER_PATH_CHARS:
        return f"member name longer than {MAX_MEMBER_PATH_CHARS} characters"
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in path):
        return f"member name {path!r} contains control characters"
    if "\\" in path:
        return f"member name {path!r} contains a backslash"
    if path.startswith("/"):
        return f"member name {path!r} is an absolute path"
    if ":" in path:
        return f"member name {path!r} contains a colon (drive letter or stream name)"
    parts = path.split("/")
    if ".." in parts:
        return f"member name {path!r} climbs out with '..'"
    if any(part in ("", ".") for part in parts):
        return f"member name {path!r} has an empty or '.' component"
    return None
