"""How the store writes a JSON column: compact UTF-8 text with sorted keys, the same bytes every time.

Apart from :mod:`workstation.core.store.rows` (which turns rows into pydantic models), so the
store modules a read needs (outbox, app state) can write JSON without importing the models.
"""

from __future__ import annotations

import json
from typing import Any


def dumps(value: Any) -> str:
    """``value`` as the text a JSON column holds: no spaces, non-ASCII as itself, keys sorted."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
