"""Line breaks as the editor holds them: a text pane knows only ``"\\n"``.

Windows (CRLF), old Mac (CR) and Unicode line and paragraph separators (U+2028, U+2029) all
become ``"\\n"`` when a text is shown, and what the writer types is saved in that form. Figures
computed from a text (spans, metrics) are computed on this form, so the editor and the command
line get the same ones.
"""

from __future__ import annotations


def editor_line_breaks(text: str) -> str:
    """``text`` with every CRLF, CR, U+2028 and U+2029 turned into ``"\\n"``.

    Code-point offsets change wherever a CRLF is folded: compute spans on the result.
    """
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n").replace("\u2028", "\n")
