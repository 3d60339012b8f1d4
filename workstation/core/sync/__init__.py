"""Outbox worker and upload targets."""
