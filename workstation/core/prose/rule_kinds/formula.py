"""The formulas and conditions of Vale ``metric`` rules, parsed and evaluated without running code.

Vale hands a metric rule's ``formula`` to Tengo, a scripting language. This app runs no code from
style files, so a formula is read here by a small recursive-descent parser into a tree and the
tree is evaluated over floats. The language is what Vale documents for formulas:

* numbers (``0.39``, ``15``, ``1e3``) and the figures a text has (see :data:`VARIABLES`;
  ``heading.h2`` is written as Vale allows, and means ``heading_h2``);
* ``+ - * /``, parentheses and unary minus, with the usual precedence (``*`` and ``/`` first,
  left to right);
* ``math.sqrt(x)`` and ``math.abs(x)``.

A ``condition`` is a comparison (``>``, ``<``, ``>=``, ``<=``, ``==``, ``!=``) followed by a
formula: ``> 8.0``.

Style files are outside input, so everything is bounded: a formula is at most
:data:`MAX_FORMULA_CHARS` characters, nests at most :data:`MAX_NESTING` levels (parentheses,
unary minus and calls), and a number literal is at most 40 characters and finite. Evaluating
never raises anything but :class:`UndefinedResult` (division by zero, the square root of a
negative number, an infinite result), which the rule turns into "no finding, and a notice".
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

MAX_FORMULA_CHARS = 2000
"""The longest formula or condition read, in characters (published ones are under 100)."""
MAX_NESTING = 32
"""How deep parentheses, unary minus and calls may nest inside one formula."""
_MAX_NUMBER_CHARS = 40

TEXT_VARIABLES = (
    "words",
    "sentences",
    "paragraphs",
    "characters",
    "syllables",
    "complex_words",
    "long_words",
    "polysyllabic_words",
)
"""Figures of the prose itself (:class:`~workstation.core.prose.readability.ReadingFigures`)."""
MARKUP_VARIABLES = (
    "pre",
    "list",
    "blockquote",
    "heading_h1",
    "heading_h2",
    "heading_h3",
    "heading_h4",
    "heading_h5",
    "heading_h6",
)
"""Counts of markup blocks, as Vale counts HTML tags; 0 in plain text, as Vale sets them when a
file has none."""
VARIABLES = TEXT_VARIABLES + MARKUP_VARIABLES

_FUNCTIONS: dict[str, Callable[[float], float]] = {"math.sqrt": math.sqrt, "math.abs": abs}
COMPARISONS = (">=", "<=", "==", "!=", ">", "<")

_TOKEN_RE = re.compile(
    r"(?:"
    r"(?P<number>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)"
    r"|(?P<name>[A-Za-z_][A-Za-z_0-9]*(?:\.[A-Za-z_][A-Za-z_0-9]*)*)"
    r"|(?P<operator>>=|<=|==|!=|[-+*/()<>,])"
    r")",
    re.ASCII,
)
_HEADING_NAME_RE = re.compile(r"heading\.(h[1-6])")


class FormulaError(ValueError):
    """A formula or condition that cannot be read; the message says why, for a style author."""


class UndefinedResult(ArithmeticError):
    """A formula has no value on this text (division by zero …); the message says why."""


@dataclass(frozen=True, slots=True)
class Number:
    value: float


@dataclass(frozen=True, slots=True)
class Variable:
    name: str


@dataclass(frozen=True, slots=True)
class Negation:
    operand: Node


@dataclass(frozen=True, slots=True)
class Call:
    function: str
    argument: Node


@dataclass(frozen=True, slots=True)
class Chain:
    """Operations of one precedence, left to right: ``first (op operand)*``.

    One flat node instead of a left-leaning tree, so ``1 + 1 + … + 1`` (a thousand terms) is
    evaluated in a loop rather than a thousand nested calls.
    """

    first: Node
    rest: tuple[tuple[str, Node], ...]


type Node = Number | Variable | Negation | Call | Chain


@dataclass(frozen=True, slots=True)
class Condition:
    """``value <comparison> bound``: when a metric rule reports."""

    comparison: str
    bound: Node

    def holds(self, value: float, variables: Mapping[str, float]) -> bool:
        """Whether ``value`` meets the condition; raises :class:`UndefinedResult` like :func:`evaluate`."""
        bound = evaluate(self.bound, variables)
        return {
            ">": value > bound,
            "<": value < bound,
            ">=": value >= bound,
            "<=": value <= bound,
            "==": value == bound,
            "!=": value != bound,
        }[self.comparison]


def parse_formula(source: str, variables: tuple[str, ...] = VARIABLES) -> Node:
    """The tree of a formula; raises :class:`FormulaError` naming the problem and its column."""
    parser = _Parser(source, variables)
    node = parser.expression()
    parser.expect_end()
    return node


def parse_condition(source: str, variables: tuple[str, ...] = VARIABLES) -> Condition:
    """A condition such as ``> 8.0``; raises :class:`FormulaError`."""
    parser = _Parser(source, variables)
    comparison = parser.take_comparison()
    bound = parser.expression()
    parser.expect_end()
    return Condition(comparison, bound)


def evaluate(node: Node, variables: Mapping[str, float]) -> float:
    """The value of a parsed formula for these figures.

    Raises :class:`UndefinedResult` when the value does not exist or is not finite: a division
    by zero (``words / sentences`` of a text with no sentence), the square root of a negative
    number, a result too large for a float.
    """
    value = _value(node, variables)
    if not math.isfinite(value):
        raise UndefinedResult("the result is too large to be a number")
    return value


def _value(node: Node, variables: Mapping[str, float]) -> float:
    if isinstance(node, Number):
        return node.value
    if isinstance(node, Variable):
        return float(variables.get(node.name, 0.0))
    if isinstance(node, Negation):
        return -_value(node.operand, variables)
    if isinstance(node, Call):
        argument = _value(node.argument, variables)
        if node.function == "math.sqrt" and argument < 0:
            raise UndefinedResult(f"math.sqrt of a negative number ({argument:g})")
        return _FUNCTIONS[node.function](argument)
    total = _value(node.first, variables)
    for operator, operand in node.rest:
        right = _value(operand, variables)
        if operator == "+":
            total += right
        elif operator == "-":
            total -= right
        elif operator == "*":
            total *= right
        elif right == 0:
            raise UndefinedResult("the formula divides by zero")
        else:
            total /= right
    return total


class _Parser:
    """Recursive descent over the tokens of one formula; depth is counted and capped."""

    def __init__(self, source: str, variables: tuple[str, ...]) -> None:
        if not isinstance(source, str) or not source.strip():
            raise FormulaError("it is empty")
        if len(source) > MAX_FORMULA_CHARS:
            raise FormulaError(f"it is longer than {MAX_FORMULA_CHARS} characters")
        self._variables = variables
        self._tokens = _tokens(source)
        self._index = 0
        self._depth = 0

    def _peek(self) -> tuple[str, str, int]:
        return self._tokens[self._index] if self._index < len(self._tokens) else ("end", "", -1)

    def _advance(self) -> tuple[str, str, int]:
        token = self._peek()
        self._index += 1
        return token

    def _enter(self) -> None:
        self._depth += 1
        if self._depth > MAX_NESTING:
            raise FormulaError(f"it nests deeper than {MAX_NESTING} levels")

    def expect_end(self) -> None:
        kind, text, column = self._peek()
        if kind != "end":
            raise FormulaError(f"unexpected '{text}' at column {column + 1}")

    def take_comparison(self) -> str:
        kind, text, column = self._advance()
        if kind != "operator" or text not in COMPARISONS:
            where = f"'{text}' at column {column + 1}" if kind != "end" else "nothing"
            raise FormulaError(f"a condition starts with one of {' '.join(COMPARISONS)}, not {where}")
        return text

    def expression(self) -> Node:
        self._enter()
        node = self._chain(("+", "-"), self._term)
        self._depth -= 1
        return node

    def _term(self) -> Node:
        return self._chain(("*", "/"), self._unary)

    def _chain(self, operators: tuple[str, ...], operand: Callable[[], Node]) -> Node:
        first = operand()
        rest: list[tuple[str, Node]] = []
        while self._peek()[0] == "operator" and self._peek()[1] in operators:
            rest.append((self._advance()[1], operand()))
        return Chain(first, tuple(rest)) if rest else first

    def _unary(self) -> Node:
        kind, text, _ = self._peek()
        if kind == "operator" and text in ("-", "+"):
            self._advance()
            self._enter()
            operand = self._unary()
            self._depth -= 1
            return Negation(operand) if text == "-" else operand
        return self._primary()

    def _primary(self) -> Node:
        kind, text, column = self._advance()
        if kind == "number":
            return _number(text, column)
        if kind == "name":
            return self._name(text, column)
        if kind == "operator" and text == "(":
            node = self.expression()
            self._close(column)
            return node
        if kind == "end":
            raise FormulaError("it ends where a number, a name or '(' should follow")
        raise FormulaError(f"unexpected '{text}' at column {column + 1}")

    def _name(self, text: str, column: int) -> Node:
        if self._peek()[:2] == ("operator", "("):
            if text not in _FUNCTIONS:
                known = ", ".join(_FUNCTIONS)
                raise FormulaError(f"unknown function '{text}' at column {column + 1} (known: {known})")
            self._advance()
            self._enter()
            argument = self.expression()
            self._depth -= 1
            self._close(column)
            return Call(text, argument)
        name = _HEADING_NAME_RE.sub(r"heading_\1", text)
        if name not in self._variables:
            raise FormulaError(
                f"unknown variable '{text}' at column {column + 1} (known: {', '.join(self._variables)})"
            )
        return Variable(name)

    def _close(self, opened_at: int) -> None:
        kind, text, _ = self._advance()
        if (kind, text) != ("operator", ")"):
            raise FormulaError(f"the '(' at column {opened_at + 1} is never closed")


def _tokens(source: str) -> list[tuple[str, str, int]]:
    """(kind, text, column) of each token; raises :class:`FormulaError` at the first stray character."""
    tokens: list[tuple[str, str, int]] = []
    position, end = 0, len(source)
    while True:
        while position < end and source[position].isspace():
            position += 1
        if position == end:
            return tokens
        match = _TOKEN_RE.match(source, position)
        if match is None or match.lastgroup is None:
            raise FormulaError(f"unexpected '{source[position]}' at column {position + 1}")
        kind = match.lastgroup
        tokens.append((kind, match.group(kind), match.start()))
        position = match.end()


def _number(text: str, column: int) -> Number:
    if len(text) > _MAX_NUMBER_CHARS:
        raise FormulaError(f"the number at column {column + 1} is longer than {_MAX_NUMBER_CHARS} digits")
    value = float(text)
    if not math.isfinite(value):
        raise FormulaError(f"the number at column {column + 1} is too large")
    return Number(value)
