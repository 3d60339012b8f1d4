"""The whole product minus pixels. Nothing under this package may import Qt."""
