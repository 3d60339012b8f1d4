"""Prose assistance: lint rules, readability, spelling and text metrics."""
