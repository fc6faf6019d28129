"""Parse formulas typed by reviewers into sympy, without evaluating any Python.

The text is parsed with :mod:`ast` and only a whitelist of nodes is translated: numbers,
names (real symbols), ``+ - * / ** ^``, comparisons (chains allowed: ``0 < x < 1``), ``and``,
and the functions ``log``/``ln``, ``exp``, ``sqrt``, ``abs``. Decimal literals become exact
rationals from their text (``0.1`` is 1/10), never binary floats.

>>> parse_relations("0 < x < 1")
[0 < x, x < 1]
>>> parse_relations("x*(1-x) <= 1/4")
[x*(1 - x) <= 1/4]
>>> parse_expression("0.1*y^2")
y**2/10
>>> parse_expression("2^3^2")
512
>>> parse_relations("__import__('os').system('true') > 0")
Traceback (most recent call last):
...
numerics.errors.FormulaError: cannot use attribute access in a formula
>>> parse_relations("x <")
Traceback (most recent call last):
...
numerics.errors.FormulaError: malformed formula 'x <': invalid syntax
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable

import sympy as sp

from numerics.errors import FormulaError

__all__ = ["parse_box", "parse_expression", "parse_relations", "symbol"]

_FUNCS: dict[str, Callable[..., sp.Expr]] = {
    "log": sp.log,
    "ln": sp.log,
    "exp": sp.exp,
    "sqrt": sp.sqrt,
    "abs": sp.Abs,
    "Abs": sp.Abs,
}
_CONSTS: dict[str, sp.Expr] = {"pi": sp.pi, "e": sp.E, "E": sp.E}
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_MAX_LEN = 2000


def symbol(name: str) -> sp.Symbol:
    """The real symbol used for ``name`` in parsed formulas."""
    return sp.Symbol(name, real=True)


class _Translator:
    def __init__(self, text: str) -> None:
        self.text = text

    def expr(self, node: ast.AST) -> sp.Expr:
        if isinstance(node, ast.Constant):
            if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
                raise FormulaError(f"unsupported constant {node.value!r} in a formula")
            source = ast.get_source_segment(self.text, node) or repr(node.value)
            try:
                return sp.Rational(source.replace("_", ""))
            except (TypeError, ValueError):
                raise FormulaError(f"cannot read the number {source!r}") from None
        if isinstance(node, ast.Name):
            if node.id in _CONSTS:
                return _CONSTS[node.id]
            if node.id in _FUNCS:
                raise FormulaError(f"{node.id} is a function: write {node.id}(...)")
            if not _NAME.match(node.id):
                raise FormulaError(f"name {node.id!r} is not allowed in a formula")
            return symbol(node.id)
        if isinstance(node, ast.UnaryOp):
            if isinstance(node.op, ast.USub):
                return -self.expr(node.operand)
            if isinstance(node.op, ast.UAdd):
                return self.expr(node.operand)
            raise FormulaError("only + and - may prefix a term")
        if isinstance(node, ast.BinOp):
            a, b = self.expr(node.left), self.expr(node.right)
            if isinstance(node.op, ast.Add):
                return a + b
            if isinstance(node.op, ast.Sub):
                return a - b
            if isinstance(node.op, ast.Mult):
                return a * b
            if isinstance(node.op, ast.Div):
                if b == 0:
                    raise FormulaError("division by the constant 0")
                return a / b
            if isinstance(node.op, ast.Pow):
                return a**b
            raise FormulaError(f"operator {type(node.op).__name__} is not allowed")
        if isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name):
                raise FormulaError("cannot use attribute access in a formula")
            if node.func.id not in _FUNCS:
                allowed = ", ".join(sorted(set(_FUNCS) - {"Abs"}))
                raise FormulaError(f"function {node.func.id!r} is not allowed (use {allowed})")
            if node.keywords or len(node.args) != 1:
                raise FormulaError(f"{node.func.id} takes exactly one argument")
            return _FUNCS[node.func.id](self.expr(node.args[0]))
        if isinstance(node, ast.Attribute):
            raise FormulaError("cannot use attribute access in a formula")
        if isinstance(node, ast.Compare):
            raise FormulaError("a comparison is not allowed here")
        raise FormulaError(f"cannot use {type(node).__name__} in a formula")

    def relations(self, node: ast.AST) -> list[sp.Basic]:
        if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.And):
            out: list[sp.Basic] = []
            for value in node.values:
                out.extend(self.relations(value))
            return out
        if isinstance(node, ast.Compare):
            terms = [node.left, *node.comparators]
            exprs = [self.expr(t) for t in terms]
            out = []
            for op, a, b in zip(node.ops, exprs, exprs[1:], strict=False):
                out.append(self._relation(op, a, b))
            return out
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            raise FormulaError("cannot use attribute access in a formula")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Call):
            raise FormulaError("cannot use a call result as a function")
        if isinstance(node, ast.Call):
            self.expr(node)  # raises a precise error for disallowed calls
        raise FormulaError("expected a relation such as 'x**2 >= 0' or '0 < x < 1'")

    @staticmethod
    def _relation(op: ast.cmpop, a: sp.Expr, b: sp.Expr) -> sp.Basic:
        table = {
            ast.Lt: sp.Lt,
            ast.LtE: sp.Le,
            ast.Gt: sp.Gt,
            ast.GtE: sp.Ge,
            ast.Eq: sp.Eq,
            ast.NotEq: sp.Ne,
        }
        if type(op) not in table:
            raise FormulaError(f"comparison {type(op).__name__} is not allowed")
        rel = table[type(op)](a, b, evaluate=False)
        return rel


def _normalise(text: str) -> str:
    return text.strip().replace("^", "**")


def _parse(text: str) -> ast.Expression:
    if not isinstance(text, str) or not text.strip():
        raise FormulaError("empty formula")
    if len(text) > _MAX_LEN:
        raise FormulaError(f"formula longer than {_MAX_LEN} characters")
    try:
        # '^' means power here; rewrite it before parsing so it gets the precedence of '**'
        # (Python's '^' binds looser than '*', which would silently change the formula).
        return ast.parse(_normalise(text), mode="eval")
    except SyntaxError as exc:
        raise FormulaError(f"malformed formula {text.strip()!r}: {exc.msg}") from None


def parse_expression(text: str) -> sp.Expr:
    """Parse an arithmetic expression (no comparison)."""
    tree = _parse(text)
    return _Translator(_normalise(text)).expr(tree.body)


def parse_relations(text: str) -> list[sp.Basic]:
    """Parse a relation or a conjunction of relations into a list of sympy relationals."""
    tree = _parse(text)
    return _Translator(_normalise(text)).relations(tree.body)


def parse_box(text: str) -> tuple[sp.Symbol, sp.Rational, sp.Rational]:
    """Parse ``"x=a..b"`` into (symbol, a, b) with exact rational bounds, a < b.

    >>> parse_box("x=0..1/2")
    (x, 0, 1/2)
    >>> parse_box("x=1..0")
    Traceback (most recent call last):
    ...
    numerics.errors.FormulaError: box 'x=1..0' is empty: need lower < upper
    """
    m = re.match(r"^\s*([A-Za-z][A-Za-z0-9_]*)\s*=\s*(.+?)\s*\.\.\s*(.+?)\s*$", text or "")
    if not m:
        raise FormulaError(f"box {text!r} must look like x=0..1")
    name, lo_text, hi_text = m.groups()
    lo, hi = parse_expression(lo_text), parse_expression(hi_text)
    if not (lo.is_Rational and hi.is_Rational):
        raise FormulaError(f"box {text!r} needs rational bounds such as 0, 1/2, 0.25")
    if not lo < hi:
        raise FormulaError(f"box {text!r} is empty: need lower < upper")
    return symbol(name), sp.Rational(lo), sp.Rational(hi)
