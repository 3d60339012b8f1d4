"""Rewrite Workstation: an offline desktop workstation for rewriting model outputs."""

__version__ = "0.1.0"
APP_NAME = "Rewrite Workstation"
APP_ID = "rewrite-workstation"
