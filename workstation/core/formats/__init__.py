"""Importers and exporters, one module per outside format."""
