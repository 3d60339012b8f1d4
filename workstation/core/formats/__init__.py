"""Importers and exporters, one module per outside format.

Reading: :func:`read_tasks` (auto-detects with :func:`detect_format`) yields
:class:`ParsedRecord` / :class:`RecordError`. Writing: :func:`write_export` in one of
:data:`EXPORT_FORMATS`.
"""

from workstation.core.formats.detect import FORMAT_NAMES, FormatDetectionError, detect_format
from workstation.core.formats.export import EXPORT_FORMATS, write_export
from workstation.core.formats.fields import FIELD_TARGETS, parse_field_options
from workstation.core.formats.importing import IMPORT_FORMATS, read_tasks, resolve_format_name
from workstation.core.formats.records import ParsedRecord, RecordError

__all__ = [
    "EXPORT_FORMATS",
    "FIELD_TARGETS",
    "FORMAT_NAMES",
    "IMPORT_FORMATS",
    "FormatDetectionError",
    "ParsedRecord",
    "RecordError",
    "detect_format",
    "parse_field_options",
    "read_tasks",
    "resolve_format_name",
    "write_export",
]
