"""The package stays readable: small modules, and a GUI whose imports run one way only.

A cycle between GUI modules (a controller importing the window that imports it, even only for
type checking) is how a window turns into a service locator again; the graph is read from the
source, ``if TYPE_CHECKING:`` imports included, so no import can hide from it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import workstation

PACKAGE_DIR = Path(workstation.__file__).parent
MAX_MODULE_LINES = 400


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        parts = path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _imported(tree: ast.Module, known: dict[str, Path]) -> Iterator[str]:
    """Every module of ours that ``tree`` imports, anywhere in the file."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                yield full if full in known else node.module
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


def import_graph(prefix: str) -> dict[str, set[str]]:
    known = _modules()
    graph: dict[str, set[str]] = {}
    for name, path in known.items():
        if name.startswith(prefix):
            deps = set(_imported(ast.parse(path.read_text(encoding="utf-8")), known))
            graph[name] = {dep for dep in deps if dep.startswith(prefix) and dep != name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle as a path ``[a, b, ..., a]``, or None (depth-first search with colours)."""
    state: dict[str, int] = {}  # 1 on the current path, 2 finished
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for dep in sorted(graph.get(node, ())):
            if state.get(dep) == 1:
                return [*path[path.index(dep) :], dep]
            if dep not in state and (cycle := visit(dep)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def test_no_module_is_longer_than_a_reader_holds_in_mind() -> None:
    long = {
        str(path.relative_to(PACKAGE_DIR.parent)): lines
        for path in _modules().values()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}, f"split these modules into the parts a reader would name: {long}"


def test_the_gui_import_graph_has_no_cycle() -> None:
    graph = import_graph("workstation.gui")
    assert "workstation.gui.writer.window" in graph and "workstation.gui.context" in graph
    assert find_cycle(graph) is None, " -> ".join(find_cycle(graph) or [])


def test_the_cycle_finder_finds_a_type_checking_cycle() -> None:
    source = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from workstation.gui.b import B\n"
    known = {"workstation.gui.a": Path("a.py"), "workstation.gui.b": Path("b.py")}
    graph = {
        "workstation.gui.a": set(_imported(ast.parse(source), known)) & set(known),
        "workstation.gui.b": {"workstation.gui.a"},
    }
    assert find_cycle(graph) == ["workstation.gui.a", "workstation.gui.b", "workstation.gui.a"]


def test_nothing_below_the_app_imports_a_window() -> None:
    """Only app.py opens windows: controllers, widgets and dialogs get the context instead."""
    graph = import_graph("workstation.gui")
    importers = sorted(name for name, deps in graph.items() if "workstation.gui.writer.window" in deps)
    assert importers == ["workstation.gui.app"]
