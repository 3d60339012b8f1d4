"""PySide6 user interface over workstation.core."""
