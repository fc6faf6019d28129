"""The z3 back-end: decide a :class:`proofs.backend.Query` of real (and integer) arithmetic.

The converter takes polynomial and rational arithmetic, ``abs``, ``Max``/``Min``, square roots
(a fresh variable ``s ≥ 0`` with ``s² = r`` wherever ``r ≥ 0``) and the sympy assumptions of
each symbol (positive, integer, ...); anything else raises
:class:`numerics.errors.EncodingError`. Division follows SMT-LIB (``x/0`` is some number), so
callers add the denominators' conditions; :func:`proofs.smt.prove` does.

>>> from proofs.formula import parse_relations
>>> solve(Query([], parse_relations("x**2 + 1 > 0"))).answer
'unsat'
>>> a = solve(Query(parse_relations("x > 0"), parse_relations("x**2 >= x")))
>>> a.answer, a.model
('sat', {'x': '1/2'})
"""

from __future__ import annotations

import time
from typing import Any

import sympy as sp
import z3

from numerics.errors import EncodingError
from proofs.backend import Query, SolverAnswer

__all__ = ["DEFAULT_RLIMIT", "DEFAULT_TIMEOUT_MS", "solve"]

#: z3's deterministic resource limit per query (reproducible across runs of one z3 version).
DEFAULT_RLIMIT = 20_000_000
#: Wall-clock guard per query, in milliseconds.
DEFAULT_TIMEOUT_MS = 20_000


class _Encoder:
    """Translate sympy expressions to z3: one method per kind of node."""

    def __init__(self) -> None:
        self.vars: dict[str, Any] = {}
        self.symbols: dict[str, sp.Symbol] = {}
        self.assumptions: list[Any] = []
        self._sqrt: dict[sp.Basic, Any] = {}

    def var(self, s: sp.Symbol) -> Any:
        name = s.name
        if name in self.symbols and self.symbols[name] != s:
            raise EncodingError(f"symbol {name!r} appears with different assumptions")
        if name not in self.vars:
            v = z3.Real(name)
            self.vars[name] = v
            self.symbols[name] = s
            facts = [
                ("integer", z3.IsInt(v)),
                ("positive", v > 0),
                ("nonnegative", v >= 0),
                ("negative", v < 0),
                ("nonpositive", v <= 0),
                ("nonzero", v != 0),
            ]
            for attr, formula in facts:
                if getattr(s, f"is_{attr}") is True:
                    self.assumptions.append(formula)
        return self.vars[name]

    def expr(self, e: sp.Basic) -> Any:
        if isinstance(e, sp.Symbol):
            return self.var(e)
        if isinstance(e, sp.Float):
            raise EncodingError(
                f"floating-point constant {e} in a z3 statement: write it as a fraction"
            )
        if e.is_Rational:
            r = sp.Rational(e)
            return z3.RealVal(f"{r.p}/{r.q}")
        method = getattr(self, f"_{type(e).__name__.lower()}", None)
        if method is not None:
            return method(e)
        name = type(e).__name__
        raise EncodingError(
            f"{name} is not polynomial/rational arithmetic; z3 cannot take it "
            "(give a box and use the arb certifier)"
        )

    def _add(self, e: sp.Add) -> Any:
        terms = [self.expr(a) for a in e.args]
        out = terms[0]
        for t in terms[1:]:
            out = out + t
        return out

    def _mul(self, e: sp.Mul) -> Any:
        num: list[Any] = []
        den: list[Any] = []
        for a in e.args:
            if isinstance(a, sp.Pow) and a.exp.is_Integer and a.exp < 0:
                den.append(self.expr(a.base ** (-a.exp)))
            else:
                num.append(self.expr(a))
        out = num[0] if num else z3.RealVal(1)
        for t in num[1:]:
            out = out * t
        for d in den:
            out = out / d
        return out

    def _pow(self, e: sp.Pow) -> Any:
        base, exp = e.base, e.exp
        if exp.is_Integer:
            k = int(exp)
            if k == 0:
                return z3.RealVal(1)  # 0**0 is 1 in sympy; keep that convention
            if k > 0:
                b = self.expr(base)
                out = b
                for _ in range(k - 1):
                    out = out * b
                return out
            return z3.RealVal(1) / self.expr(base ** (-k))
        if exp == sp.Rational(1, 2):
            return self._root(base)
        if exp == sp.Rational(-1, 2):
            return z3.RealVal(1) / self._root(base)
        raise EncodingError(f"power with exponent {exp} cannot be encoded for z3")

    def _root(self, radicand: sp.Basic) -> Any:
        if radicand not in self._sqrt:
            zr = self.expr(radicand)
            s = z3.Real(f"sqrt!{len(self._sqrt) + 1}")
            # defined where the radicand is non-negative; the caller states that condition
            self.assumptions.append(z3.And(s >= 0, z3.Implies(zr >= 0, s * s == zr)))
            self._sqrt[radicand] = s
        return self._sqrt[radicand]

    def _abs(self, e: sp.Abs) -> Any:
        inner = self.expr(e.args[0])
        return z3.If(inner >= 0, inner, -inner)

    def _max(self, e: sp.Basic) -> Any:
        args = [self.expr(a) for a in e.args]
        out = args[0]
        for a in args[1:]:
            out = z3.If(a > out, a, out)
        return out

    def _min(self, e: sp.Basic) -> Any:
        args = [self.expr(a) for a in e.args]
        out = args[0]
        for a in args[1:]:
            out = z3.If(a < out, a, out)
        return out

    def _piecewise(self, e: sp.Basic) -> Any:
        raise EncodingError("piecewise expressions are not supported by the z3 encoding")

    def boolean(self, b: sp.Basic) -> Any:
        if b is sp.true:
            return z3.BoolVal(True)
        if b is sp.false:
            return z3.BoolVal(False)
        if isinstance(b, sp.And):
            return z3.And(*[self.boolean(a) for a in b.args])
        if isinstance(b, sp.Or):
            return z3.Or(*[self.boolean(a) for a in b.args])
        if isinstance(b, sp.Not):
            return z3.Not(self.boolean(b.args[0]))
        if isinstance(b, sp.Implies):
            return z3.Implies(self.boolean(b.args[0]), self.boolean(b.args[1]))
        ops = {
            sp.StrictLessThan: lambda a, c: a < c,
            sp.LessThan: lambda a, c: a <= c,
            sp.StrictGreaterThan: lambda a, c: a > c,
            sp.GreaterThan: lambda a, c: a >= c,
            sp.Equality: lambda a, c: a == c,
            sp.Unequality: lambda a, c: a != c,
        }
        for cls, fn in ops.items():
            if isinstance(b, cls):
                return fn(self.expr(b.lhs), self.expr(b.rhs))
        raise EncodingError(f"cannot encode {sp.sstr(b)!r} as a z3 formula")


def encodable(relations: list[sp.Basic]) -> None:
    """Raise :class:`EncodingError` unless z3 can take every relation."""
    enc = _Encoder()
    for r in relations:
        enc.boolean(r)


def _model_value(val: Any) -> tuple[str, sp.Expr | None]:
    """Text and exact sympy value (None when irrational) of a z3 model value."""
    if z3.is_rational_value(val):
        frac = val.as_fraction()
        return str(frac), sp.Rational(frac.numerator, frac.denominator)
    if z3.is_algebraic_value(val):
        return val.approx(30).as_decimal(30).rstrip("?") + "…", None
    return str(val), None


def solve(
    query: Query, *, rlimit: int = DEFAULT_RLIMIT, timeout_ms: int = DEFAULT_TIMEOUT_MS
) -> SolverAnswer:
    """z3's answer to ``query``; raises only :class:`EncodingError` (query not encodable)."""
    start = time.perf_counter()
    enc = _Encoder()
    hyps = [enc.boolean(h) for h in query.hypotheses]
    goal = z3.And(*[enc.boolean(g) for g in query.goal]) if query.goal is not None else None
    s = z3.Solver()
    s.set("rlimit", rlimit)
    s.set("timeout", timeout_ms)
    s.add(*hyps, *enc.assumptions)
    if goal is not None:
        s.add(z3.Not(goal))
    try:
        answer = s.check()
    except z3.Z3Exception as exc:
        return SolverAnswer("z3", "unknown", f"z3 raised: {exc}",
                            seconds=time.perf_counter() - start)
    if answer == z3.unsat:
        return SolverAnswer("z3", "unsat", seconds=time.perf_counter() - start)
    if answer == z3.sat:
        m = s.model()
        model: dict[str, str] = {}
        values: dict[str, Any] = {}
        for name, v in enc.vars.items():
            model[name], values[name] = _model_value(m.eval(v, model_completion=True))
        # z3 re-evaluates its own model exactly (algebraic numbers included)
        ok = all(z3.is_true(m.eval(h, model_completion=True)) for h in [*hyps, *enc.assumptions])
        if goal is not None:
            ok = ok and z3.is_false(m.eval(goal, model_completion=True))
        return SolverAnswer("z3", "sat", model=model, values=values, self_checked=ok,
                            seconds=time.perf_counter() - start)
    return SolverAnswer("z3", "unknown", s.reason_unknown(), seconds=time.perf_counter() - start)
