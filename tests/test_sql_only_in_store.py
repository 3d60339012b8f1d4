"""SQL lives only in ``workstation/core/store``: everything else asks the store's query objects.

A statement written elsewhere couples that module to the tables' layout and slips past the
store's transactions; the schema could then not change without a search through the whole tree.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import workstation

PACKAGE_DIR = Path(workstation.__file__).parent
STORE_DIR = PACKAGE_DIR / "core" / "store"
EXECUTE_METHODS = frozenset({"execute", "executemany", "executescript"})
# Upper-case statement openings: prose ("Update the draft") and docstrings never match.
SQL_STATEMENT = re.compile(
    r"\b(SELECT\b.+\bFROM|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|"
    r"(CREATE|DROP|ALTER)\s+(TABLE|INDEX|VIEW|TRIGGER)|PRAGMA\s+\w+|BEGIN(\s+IMMEDIATE)?;?$|"
    r"VACUUM\b|COMMIT$|ROLLBACK$)",
    re.DOTALL,
)


def _string_parts(node: ast.expr) -> list[str]:
    """The literal text of a string or f-string expression (f-string holes left out)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        return ["".join(str(part.value) for part in node.values if isinstance(part, ast.Constant))]
    if isinstance(node, ast.BinOp):
        return _string_parts(node.left) + _string_parts(node.right)
    return []


def _docstring_nodes(tree: ast.Module) -> set[int]:
    """ids of the string constants that are docstrings (of the module, classes and functions)."""
    owners = [
        tree,
        *(n for n in ast.walk(tree) if isinstance(n, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)),
    ]
    found: set[int] = set()
    for owner in owners:
        body = owner.body
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            found.add(id(body[0].value))
    return found


def sql_in_source(source: str) -> list[str]:
    """``line: what`` for every SQL statement in a module's code (docstrings do not count).

    Two kinds: any string literal that reads as an SQL statement (a constant built for later
    use counts), and any ``execute``/``executemany``/``executescript`` call given a string.
    """
    tree = ast.parse(source)
    docstrings = _docstring_nodes(tree)
    problems: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in EXECUTE_METHODS
            and node.args
            and _string_parts(node.args[0])
        ):
            problems.append((node.lineno, f"{node.func.attr}() of a string"))
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
            and SQL_STATEMENT.search(node.value.strip())
        ):
            problems.append((node.lineno, f"SQL text {node.value.strip()[:60]!r}"))
    return [f"{line}: {what}" for line, what in sorted(problems)]


def test_no_module_outside_the_store_holds_sql() -> None:
    offenders = {
        str(path.relative_to(PACKAGE_DIR)): problems
        for path in sorted(PACKAGE_DIR.rglob("*.py"))
        if not path.is_relative_to(STORE_DIR)
        if (problems := sql_in_source(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}, "SQL belongs in workstation/core/store; move these into a query method"


def test_the_check_finds_sql_in_its_usual_disguises() -> None:
    source = '''
"""Module docstring that mentions SELECT id FROM tasks and a BEGIN IMMEDIATE transaction."""
_QUERY = (
    "SELECT id FROM tasks WHERE id IN "
    "(SELECT task_id FROM rewrites)"
)
def mark(conn, table):
    """Docstring: UPDATE rewrites SET x = 1 is fine to mention here."""
    conn.executemany(f"UPDATE {table} SET sealed = ?", [(1,)])
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("BEGIN IMMEDIATE")
    conn.execute(_QUERY)
    print("Update the draft, then select a task from the queue.")
'''
    found = sql_in_source(source)
    assert [line.split(":")[0] for line in found] == ["4", "9", "10", "10", "11", "11"]


def test_the_check_accepts_ordinary_code_and_prose() -> None:
    source = '''
def run(pool, message):
    """Select the task, then update it."""
    pool.execute(job)
    label = "Delete from the outbox? Select a bundle first."
    return f"Created table of {message} rows"
'''
    assert sql_in_source(source) == []
