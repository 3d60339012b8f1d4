"""Dialogs; each exposes a function returning a typed result so tests need not click through exec()."""
