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

Domain conditions. sympy simplifies while it builds (``x/x`` becomes ``1``), so the translator
records the condition under which each term is defined *before* that happens, on the
unsimplified input: a denominator is non-zero, a square root's radicand is non-negative, a
logarithm's argument is positive, a non-integer power has a non-negative (for a negative
exponent, positive) base, and a symbolic exponent a positive base:

>>> p = parse_statement("x/x == 1 and log(y) < y")
>>> p.relations
[Eq(1, 1), log(y) < y]
>>> [condition_text(c) for c in p.conditions]
['x != 0', 'y > 0']

Resource limits are applied while parsing, before anything large is computed: an integer of
more than a thousand digits, or a power of a symbol with an exponent above a thousand, raises
:class:`numerics.errors.LimitError` (a limit, not malformed input):

>>> parse_relations("9**9**9 > 0")
Traceback (most recent call last):
...
numerics.errors.LimitError: 9**387420489 has more than 1000 digits
"""

from __future__ import annotations

import ast
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from numerics.errors import FormulaError, LimitError

__all__ = [
    "MAX_DIGITS",
    "MAX_EXPONENT",
    "Parsed",
    "condition_text",
    "domain_conditions",
    "parse_box",
    "parse_expression",
    "parse_relations",
    "parse_statement",
    "symbol",
]

_FUNCS: dict[str, Callable[..., sp.Expr]] = {
    "log": sp.log,
    "ln": sp.log,
    "exp": sp.exp,
    "sqrt": sp.sqrt,
    "abs": sp.Abs,
    "Abs": sp.Abs,
}
_CONSTS: dict[str, sp.Expr] = {"pi": sp.pi, "e": sp.E, "E": sp.E}
#: names that would silently become variables but mean something that is not a real number
_NOT_REAL = {
    "nan": "nan is not a number: formulas are statements about real numbers",
    "NaN": "nan is not a number: formulas are statements about real numbers",
    "oo": "infinity (oo) is not a real number: write a bound such as x < 10**6",
    "inf": "infinity (inf) is not a real number: write a bound such as x < 10**6",
    "infinity": "infinity is not a real number: write a bound such as x < 10**6",
    "zoo": "complex infinity (zoo) is not a real number",
    "I": "I is the imaginary unit in sympy: formulas are over the reals; rename the variable",
}
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_MAX_LEN = 2000
#: largest number of decimal digits of an integer (numerator or denominator) a formula may hold
MAX_DIGITS = 1000
_MAX_BITS = int(MAX_DIGITS * math.log2(10)) + 1
#: largest exponent of a power of a non-constant base
MAX_EXPONENT = 1000
_LONG_DIGITS = re.compile(r"\d{" + str(MAX_DIGITS + 1) + ",}")


def symbol(name: str) -> sp.Symbol:
    """The real symbol used for ``name`` in parsed formulas."""
    return sp.Symbol(name, real=True)


def condition_text(cond: sp.Basic) -> str:
    """A domain condition as text, e.g. ``'x - 1 != 0'``.

    >>> condition_text(sp.Ne(symbol("x") - 1, 0))
    'x - 1 != 0'
    """
    ops = {sp.Unequality: "!=", sp.GreaterThan: ">=", sp.StrictGreaterThan: ">"}
    for cls, op in ops.items():
        if isinstance(cond, cls) and cond.rhs == 0:
            return f"{sp.sstr(cond.lhs)} {op} 0"
    return sp.sstr(cond)


def _check_size(value: sp.Basic, what: str) -> None:
    if value.is_Rational and (
        int(value.p).bit_length() > _MAX_BITS or int(value.q).bit_length() > _MAX_BITS
    ):
        raise LimitError(f"{what} has more than {MAX_DIGITS} digits")


def _check_power(base: sp.Expr, exp: sp.Expr, what: str) -> None:
    """Refuse a power whose value would be huge, before sympy computes it."""
    if not exp.is_Rational:
        return
    _check_size(exp, f"the exponent of {what}")
    if base.is_Rational:
        if base in (0, 1, -1):
            return
        # digits of base**exp ~ |exp| * log10(max(|p|, q)) (of its numerator or denominator)
        size = max(abs(int(base.p)), int(base.q))
        if abs(exp) * math.log10(size) > MAX_DIGITS:
            raise LimitError(f"{what} has more than {MAX_DIGITS} digits")
        return
    if abs(exp) > MAX_EXPONENT or exp.q > MAX_EXPONENT:
        raise LimitError(f"the exponent of {what} is above the limit {MAX_EXPONENT}")


def _pow_conditions(base: sp.Expr, exp: sp.Expr) -> list[sp.Basic]:
    """Where ``base**exp`` is a real number (the real-power convention)."""
    if exp.is_Integer:
        return [sp.Ne(base, 0)] if exp.is_negative else []
    if exp.is_number and exp.is_real:
        # a non-integer power: x**(1/2), x**(2/3), x**pi (defined for x >= 0, or x > 0)
        return [sp.Ge(base, 0) if exp.is_positive else sp.Gt(base, 0)]
    return [sp.Gt(base, 0)]  # a symbolic exponent: base**y = exp(y*log(base))


def _keep(conds: Iterable[sp.Basic], out: list[sp.Basic], term: str) -> None:
    for c in conds:
        if c is sp.true:
            continue
        if c is sp.false:
            raise FormulaError(f"{term} is undefined (it is not a real number)")
        if c not in out:
            out.append(c)


def domain_conditions(expr: sp.Basic) -> list[sp.Basic]:
    """Where a sympy expression (or relation) is defined: one condition per partial term.

    This walks an expression that sympy has already built, so a singularity it simplified
    away (``x/x``) is gone; formulas given as text record theirs in :func:`parse_statement`.

    >>> x = symbol("x")
    >>> domain_conditions(sp.sqrt(x - 1) / x)
    [x - 1 >= 0, Ne(x, 0)]
    """
    out: list[sp.Basic] = []
    for node in sp.preorder_traversal(expr):
        if isinstance(node, sp.Pow):
            _keep(_pow_conditions(node.base, node.exp), out, sp.sstr(node))
        elif isinstance(node, sp.log):
            _keep([sp.Gt(node.args[0], 0)], out, sp.sstr(node))
    # inner terms first reads better: sqrt(x - 1)/x -> x - 1 >= 0, x != 0
    return sorted(out, key=lambda c: -sp.count_ops(c)) if len(out) > 1 else out


@dataclass
class Parsed:
    """The relations of a formula and the domain conditions of every term in it."""

    relations: list[sp.Basic]
    conditions: list[sp.Basic] = field(default_factory=list)
    variables: set[sp.Symbol] = field(default_factory=set)  # as written, before simplifying

    def symbols(self) -> set[sp.Symbol]:
        """Every variable of the formula, including ones simplified away (``x/x``)."""
        out: set[sp.Symbol] = set(self.variables)
        for r in [*self.relations, *self.conditions]:
            out |= r.free_symbols
        return out


class _Translator:
    def __init__(self, text: str) -> None:
        self.text = text
        self.conditions: list[sp.Basic] = []
        self.variables: set[sp.Symbol] = set()

    def _term(self, node: ast.AST) -> str:
        return ast.get_source_segment(self.text, node) or "a term"

    def expr(self, node: ast.AST) -> sp.Expr:
        if isinstance(node, ast.Constant):
            if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
                raise FormulaError(f"unsupported constant {node.value!r} in a formula")
            source = ast.get_source_segment(self.text, node) or repr(node.value)
            try:
                value = sp.Rational(source.replace("_", ""))
            except (TypeError, ValueError):
                raise FormulaError(f"cannot read the number {source!r}") from None
            _check_size(value, f"the number {source[:20]}…")
            return value
        if isinstance(node, ast.Name):
            if node.id in _CONSTS:
                return _CONSTS[node.id]
            if node.id in _FUNCS:
                raise FormulaError(f"{node.id} is a function: write {node.id}(...)")
            if node.id in _NOT_REAL:
                raise FormulaError(_NOT_REAL[node.id])
            if not _NAME.match(node.id):
                raise FormulaError(f"name {node.id!r} is not allowed in a formula")
            self.variables.add(symbol(node.id))
            return symbol(node.id)
        if isinstance(node, ast.UnaryOp):
            if isinstance(node.op, ast.USub):
                return -self.expr(node.operand)
            if isinstance(node.op, ast.UAdd):
                return self.expr(node.operand)
            raise FormulaError("only + and - may prefix a term")
        if isinstance(node, ast.BinOp):
            out = self._binop(node)
            _check_size(out, f"the value of {self._term(node)[:40]}")
            return out
        if isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name):
                raise FormulaError("cannot use attribute access in a formula")
            if node.func.id not in _FUNCS:
                allowed = ", ".join(sorted(set(_FUNCS) - {"Abs"}))
                raise FormulaError(f"function {node.func.id!r} is not allowed (use {allowed})")
            if node.keywords or len(node.args) != 1:
                raise FormulaError(f"{node.func.id} takes exactly one argument")
            arg = self.expr(node.args[0])
            name = node.func.id
            if name == "sqrt":
                _keep([sp.Ge(arg, 0)], self.conditions, self._term(node))
            elif name in ("log", "ln"):
                _keep([sp.Gt(arg, 0)], self.conditions, self._term(node))
            return _FUNCS[name](arg)
        if isinstance(node, ast.Attribute):
            raise FormulaError("cannot use attribute access in a formula")
        if isinstance(node, ast.Compare):
            raise FormulaError("a comparison is not allowed here")
        raise FormulaError(f"cannot use {type(node).__name__} in a formula")

    def _binop(self, node: ast.BinOp) -> sp.Expr:
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
            _keep([sp.Ne(b, 0)], self.conditions, self._term(node))
            return a / b
        if isinstance(node.op, ast.Pow):
            term = self._term(node)
            if a == 0 and b.is_number and b.is_negative:
                raise FormulaError(f"{term} divides by 0")
            _check_power(a, b, f"{sp.sstr(a)}**{sp.sstr(b)}" if a.is_number else term)
            _keep(_pow_conditions(a, b), self.conditions, term)
            return a**b
        raise FormulaError(f"operator {type(node.op).__name__} is not allowed")

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
    if _LONG_DIGITS.search(text):
        raise LimitError(f"a number in {text[:30]!r}… has more than {MAX_DIGITS} digits")
    if len(text) > _MAX_LEN:
        raise FormulaError(f"formula longer than {_MAX_LEN} characters")
    try:
        # '^' means power here; rewrite it before parsing so it gets the precedence of '**'
        # (Python's '^' binds looser than '*', which would silently change the formula).
        return ast.parse(_normalise(text), mode="eval")
    except (SyntaxError, ValueError) as exc:
        msg = getattr(exc, "msg", None) or str(exc)
        raise FormulaError(f"malformed formula {text.strip()!r}: {msg}") from None
    except RecursionError:
        raise FormulaError(f"formula {text.strip()[:30]!r}… is nested too deeply") from None


def _translate(text: str, what: Callable[[_Translator, ast.AST], object]) -> tuple[object, Any]:
    tree = _parse(text)
    tr = _Translator(_normalise(text))
    try:
        value = what(tr, tree.body)
    except RecursionError:
        raise FormulaError(f"formula {text.strip()[:30]!r}… is nested too deeply") from None
    return value, tr


def parse_expression(text: str) -> sp.Expr:
    """Parse an arithmetic expression (no comparison)."""
    return _translate(text, _Translator.expr)[0]  # type: ignore[return-value]


def parse_relations(text: str) -> list[sp.Basic]:
    """Parse a relation or a conjunction of relations into a list of sympy relationals."""
    return parse_statement(text).relations


def parse_statement(text: str) -> Parsed:
    """Parse a relation (or conjunction) and record the domain condition of every term."""
    rels, tr = _translate(text, _Translator.relations)
    return Parsed(list(rels), tr.conditions, tr.variables)  # type: ignore[arg-type]


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
    if name in _NOT_REAL or name in _CONSTS or name in _FUNCS:
        raise FormulaError(f"box {text!r}: {name} is not a variable")
    lo, hi = parse_expression(lo_text), parse_expression(hi_text)
    if not (lo.is_Rational and hi.is_Rational):
        raise FormulaError(f"box {text!r} needs rational bounds such as 0, 1/2, 0.25")
    if not lo < hi:
        raise FormulaError(f"box {text!r} is empty: need lower < upper")
    return symbol(name), sp.Rational(lo), sp.Rational(hi)
