"""The expression language of story files: how a value is drawn, in the order Python would draw it.

A story file says ``deaths = "randint(9, 240)"`` or ``prev_year = "event.year - randint(8, 40)"``.
An expression is parsed with ``ast`` and checked against a small grammar (constants, names,
tuples and lists, ``+ - * // %``, comparisons, ``and``/``or``/``not``, ``a if c else b``, indexing,
``.year``/``.month``/``.day``, and calls of the generator's functions by name); nothing else is
accepted, and nothing is handed to ``eval``. Evaluation follows Python's order (left operand
first, arguments left to right, one branch of a conditional), so the random draws a story file
describes happen in exactly the order the same code would make them.

A text (a constant, a trap, a teaser) is a ``str.format`` template over the same names:
``"{expert[0]} {expert[1]}"``, ``"{mourning.day} {mourning:month}"``; a format spec that names
a function of FILTERS applies it.
"""

from __future__ import annotations

import ast
import operator
import string
from collections.abc import Callable, Collection, Mapping
from typing import Any

from .story import StoryError

Function = Callable[..., Any]

_ATTRS = frozenset({"year", "month", "day"})
_BINOPS: dict[type[ast.operator], Callable[[Any, Any], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
}
_COMPARE: dict[type[ast.cmpop], Callable[[Any, Any], bool]] = {
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.In: lambda a, b: a in b,
    ast.NotIn: lambda a, b: a not in b,
}
_PLAIN = (ast.Constant, ast.Name, ast.Tuple, ast.List, ast.Load, ast.And, ast.Or, ast.Not, ast.USub)


def compile_expr(text: str, names: Collection[str], functions: Collection[str], where: str) -> ast.expr:
    """Parse an expression and check it uses only the grammar, the given names and functions."""
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as e:
        raise StoryError(f"{where}: cannot parse {text!r}: {e.msg}") from None
    for node in ast.walk(tree):
        if isinstance(node, ast.Expression | ast.expr_context | ast.cmpop | ast.operator | ast.boolop):
            if (isinstance(node, ast.operator) and type(node) not in _BINOPS) or (
                isinstance(node, ast.cmpop) and type(node) not in _COMPARE
            ):
                raise StoryError(f"{where}: operator {type(node).__name__} is not allowed in {text!r}")
            continue
        if isinstance(node, ast.Name) and node.id not in names and node.id not in functions:
            raise StoryError(f"{where}: unknown name {node.id!r} in {text!r} (not drawn before this step)")
        if isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name) or node.func.id not in functions or node.keywords:
                raise StoryError(
                    f"{where}: only calls of {', '.join(sorted(functions))} with plain arguments are allowed, in {text!r}"
                )
        elif isinstance(node, ast.Attribute) and node.attr not in _ATTRS:
            raise StoryError(f"{where}: attribute .{node.attr} is not allowed in {text!r}")
        elif isinstance(node, ast.Constant) and not isinstance(node.value, int | float | str):
            raise StoryError(f"{where}: constant {node.value!r} is not allowed in {text!r}")
        elif not isinstance(
            node,
            _PLAIN
            + (ast.Call, ast.Attribute, ast.BinOp, ast.UnaryOp, ast.BoolOp, ast.Compare, ast.IfExp, ast.Subscript),
        ):
            raise StoryError(f"{where}: {type(node).__name__} is not allowed in {text!r}")
    return tree.body


def evaluate(node: ast.expr, env: Mapping[str, Any], functions: Mapping[str, Function]) -> Any:
    """The value of a compiled expression; random draws happen in Python's evaluation order."""

    def ev(n: ast.expr) -> Any:
        if isinstance(n, ast.Constant):
            return n.value
        if isinstance(n, ast.Name):
            return env[n.id] if n.id in env else functions[n.id]
        if isinstance(n, ast.Tuple):
            return tuple(ev(e) for e in n.elts)
        if isinstance(n, ast.List):
            return [ev(e) for e in n.elts]
        if isinstance(n, ast.BinOp):
            left = ev(n.left)
            return _BINOPS[type(n.op)](left, ev(n.right))
        if isinstance(n, ast.UnaryOp):
            v = ev(n.operand)
            return -v if isinstance(n.op, ast.USub) else not v
        if isinstance(n, ast.BoolOp):
            result: Any = None
            for e in n.values:
                result = ev(e)
                if bool(result) != isinstance(n.op, ast.And):
                    return result
            return result
        if isinstance(n, ast.Compare):
            left = ev(n.left)
            for op, comp in zip(n.ops, n.comparators, strict=True):
                right = ev(comp)
                if not _COMPARE[type(op)](left, right):
                    return False
                left = right
            return True
        if isinstance(n, ast.IfExp):
            return ev(n.body) if ev(n.test) else ev(n.orelse)
        if isinstance(n, ast.Subscript):
            seq = ev(n.value)
            return seq[ev(n.slice)]
        if isinstance(n, ast.Attribute):
            return getattr(ev(n.value), n.attr)
        if isinstance(n, ast.Call):
            assert isinstance(n.func, ast.Name)
            fn = functions[n.func.id]
            return fn(*(ev(a) for a in n.args))
        raise AssertionError(f"unchecked node {type(n).__name__}")  # pragma: no cover

    return ev(node)


class _Formatter(string.Formatter):
    def __init__(self, filters: Mapping[str, Callable[[Any], str]]) -> None:
        self.filters = filters

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec in self.filters:
            return self.filters[format_spec](value)
        return str(format(value, format_spec))


def check_text(text: str, names: Collection[str], filters: Collection[str], where: str) -> None:
    """Check a text template: fields name known values, without private attributes, specs known."""
    try:
        fields = [(f, spec) for _, f, spec, _ in string.Formatter().parse(text) if f is not None]
    except ValueError as e:
        raise StoryError(f"{where}: bad text template {text!r}: {e}") from None
    for f, spec in fields:
        root = f.split(".", 1)[0].split("[", 1)[0]
        if root not in names:
            raise StoryError(f"{where}: unknown name {root!r} in {text!r}")
        if "._" in f or "[_" in f:
            raise StoryError(f"{where}: private field {f!r} is not allowed in {text!r}")
        if spec and spec not in filters and "{" in spec:
            raise StoryError(f"{where}: nested field in format spec {spec!r} is not allowed in {text!r}")


def fill(text: str, env: Mapping[str, Any], filters: Mapping[str, Callable[[Any], str]]) -> str:
    """A text template filled with values; a format spec naming a filter applies it."""
    return _Formatter(filters).vformat(text, (), env)
