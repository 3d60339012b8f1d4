"""A package's names imported on first use (PEP 562), so importing one light submodule does not
pay for the heavy ones its package re-exports.

``from workstation.core.prose.findings import Finding`` runs ``workstation/core/prose/__init__.py``
first; if that imported the linter eagerly, every user of a plain dataclass would load RE2 and the
rule packs (about 180 ms). A package instead lists where each name lives and lets
:func:`lazy_module_getattr` import the module when the name is first looked up.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any


def lazy_module_getattr(package: str, names: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package``: ``names`` maps each re-exported name to the module
    that defines it; an unknown name raises :class:`AttributeError` as Python's own lookup does."""
    namespace = import_module(package).__dict__

    def lookup(name: str) -> Any:
        module = names.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(module), name)
        namespace[name] = value  # the next lookup finds it without coming here
        return value

    return lookup
