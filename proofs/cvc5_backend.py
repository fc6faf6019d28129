"""The cvc5 back-end: an independent second decision of every :class:`proofs.backend.Query`.

Its own converter from sympy (one method per kind of node), the same reading as the z3
back-end: exact rational constants, square roots as a fresh ``s ≥ 0`` with ``s² = r`` where
``r ≥ 0``, SMT-LIB division, and the sympy assumptions of each symbol. Nonlinear real
arithmetic is decided by cvc5's cylindrical algebraic coverings (``nl-cov``). Every query runs
under a deterministic resource limit (``rlimit-per``) and a wall-clock limit
(``tlimit-per``); running out, incompleteness and exceptions come back as ``unknown`` or
``unsupported`` with the reason.

>>> from proofs.formula import parse_relations
>>> solve(Query([], parse_relations("x**2 + y**2 >= 2*x*y"))).answer
'unsat'
>>> a = solve(Query(parse_relations("x > 0"), parse_relations("x**2 >= x")))
>>> a.answer, 0 < sp.Rational(a.model["x"]) < 1
('sat', True)
"""

from __future__ import annotations

import time
from typing import Any

import cvc5
import sympy as sp
from cvc5 import Kind

from numerics.errors import EncodingError
from proofs.backend import Query, SolverAnswer

__all__ = ["DEFAULT_RLIMIT", "DEFAULT_TIMEOUT_MS", "solve"]

#: cvc5's deterministic resource limit per query (``rlimit-per``): about half a second of
#: nonlinear search, so that every registry query can be decided twice within ``verify``'s time
DEFAULT_RLIMIT = 40_000
#: wall-clock guard per query, in milliseconds (``tlimit-per``)
DEFAULT_TIMEOUT_MS = 1_000
_WHY = {"TIMEOUT": "wall-clock limit reached", "RESOURCEOUT": "resource limit reached",
        "INCOMPLETE": "incomplete for this query", "MEMOUT": "out of memory"}


class _Encoder:
    """Translate sympy expressions to cvc5 terms."""

    def __init__(self, tm: cvc5.TermManager) -> None:
        self.tm = tm
        self.real = tm.getRealSort()
        self.vars: dict[str, Any] = {}
        self.symbols: dict[str, sp.Symbol] = {}
        self.assumptions: list[Any] = []
        self._sqrt: dict[sp.Basic, Any] = {}

    def term(self, kind: Kind, *args: Any) -> Any:
        return self.tm.mkTerm(kind, *args)

    def num(self, r: sp.Rational) -> Any:
        return self.tm.mkReal(int(r.p), int(r.q))

    def var(self, s: sp.Symbol) -> Any:
        name = s.name
        if name in self.symbols and self.symbols[name] != s:
            raise EncodingError(f"symbol {name!r} appears with different assumptions")
        if name not in self.vars:
            v = self.tm.mkConst(self.real, name)
            self.vars[name] = v
            self.symbols[name] = s
            zero = self.num(sp.Integer(0))
            facts = [
                ("integer", lambda: self.term(Kind.IS_INTEGER, v)),
                ("positive", lambda: self.term(Kind.GT, v, zero)),
                ("nonnegative", lambda: self.term(Kind.GEQ, v, zero)),
                ("negative", lambda: self.term(Kind.LT, v, zero)),
                ("nonpositive", lambda: self.term(Kind.LEQ, v, zero)),
                ("nonzero", lambda: self.term(Kind.DISTINCT, v, zero)),
            ]
            for attr, make in facts:
                if getattr(s, f"is_{attr}") is True:
                    self.assumptions.append(make())
        return self.vars[name]

    def expr(self, e: sp.Basic) -> Any:
        if isinstance(e, sp.Symbol):
            return self.var(e)
        if isinstance(e, sp.Float):
            raise EncodingError(f"floating-point constant {e}: write it as a fraction")
        if e.is_Rational:
            return self.num(sp.Rational(e))
        method = getattr(self, f"_{type(e).__name__.lower()}", None)
        if method is None:
            raise EncodingError(f"{type(e).__name__} cannot be encoded for cvc5")
        return method(e)

    def _add(self, e: sp.Add) -> Any:
        return self.term(Kind.ADD, *[self.expr(a) for a in e.args])

    def _mul(self, e: sp.Mul) -> Any:
        num = [self.expr(a) for a in e.args
               if not (isinstance(a, sp.Pow) and a.exp.is_Integer and a.exp < 0)]
        den = [self.expr(a.base ** (-a.exp)) for a in e.args
               if isinstance(a, sp.Pow) and a.exp.is_Integer and a.exp < 0]
        out = num[0] if len(num) == 1 else (
            self.term(Kind.MULT, *num) if num else self.num(sp.Integer(1)))
        for d in den:
            out = self.term(Kind.DIVISION, out, d)
        return out

    def _pow(self, e: sp.Pow) -> Any:
        base, exp = e.base, e.exp
        if exp.is_Integer:
            k = int(exp)
            if k == 0:
                return self.num(sp.Integer(1))
            b = self.expr(base) if k > 0 else None
            if k == 1:
                return b
            if k > 0:
                return self.term(Kind.MULT, *([b] * k))
            return self.term(Kind.DIVISION, self.num(sp.Integer(1)), self.expr(base ** (-k)))
        if exp == sp.Rational(1, 2):
            return self._root(base)
        if exp == sp.Rational(-1, 2):
            return self.term(Kind.DIVISION, self.num(sp.Integer(1)), self._root(base))
        raise EncodingError(f"power with exponent {exp} cannot be encoded for cvc5")

    def _root(self, radicand: sp.Basic) -> Any:
        if radicand not in self._sqrt:
            r = self.expr(radicand)
            s = self.tm.mkConst(self.real, f"sqrt!{len(self._sqrt) + 1}")
            zero = self.num(sp.Integer(0))
            self.assumptions.append(self.term(
                Kind.AND,
                self.term(Kind.GEQ, s, zero),
                self.term(Kind.IMPLIES, self.term(Kind.GEQ, r, zero),
                          self.term(Kind.EQUAL, self.term(Kind.MULT, s, s), r)),
            ))
            self._sqrt[radicand] = s
        return self._sqrt[radicand]

    def _abs(self, e: sp.Abs) -> Any:
        a = self.expr(e.args[0])
        zero = self.num(sp.Integer(0))
        return self.term(Kind.ITE, self.term(Kind.GEQ, a, zero), a, self.term(Kind.NEG, a))

    def _extremum(self, e: sp.Basic, kind: Kind) -> Any:
        args = [self.expr(a) for a in e.args]
        out = args[0]
        for a in args[1:]:
            out = self.term(Kind.ITE, self.term(kind, a, out), a, out)
        return out

    def _max(self, e: sp.Basic) -> Any:
        return self._extremum(e, Kind.GT)

    def _min(self, e: sp.Basic) -> Any:
        return self._extremum(e, Kind.LT)

    def boolean(self, b: sp.Basic) -> Any:
        if b is sp.true:
            return self.tm.mkTrue()
        if b is sp.false:
            return self.tm.mkFalse()
        logic = {sp.And: Kind.AND, sp.Or: Kind.OR, sp.Implies: Kind.IMPLIES}
        for cls, kind in logic.items():
            if isinstance(b, cls):
                args = [self.boolean(a) for a in b.args]
                return args[0] if len(args) == 1 else self.term(kind, *args)
        if isinstance(b, sp.Not):
            return self.term(Kind.NOT, self.boolean(b.args[0]))
        rels = {
            sp.StrictLessThan: Kind.LT,
            sp.LessThan: Kind.LEQ,
            sp.StrictGreaterThan: Kind.GT,
            sp.GreaterThan: Kind.GEQ,
            sp.Equality: Kind.EQUAL,
            sp.Unequality: Kind.DISTINCT,
        }
        for cls, kind in rels.items():
            if isinstance(b, cls):
                return self.term(kind, self.expr(b.lhs), self.expr(b.rhs))
        raise EncodingError(f"cannot encode {sp.sstr(b)!r} as a cvc5 formula")


def _model_value(term: Any) -> tuple[str, sp.Expr | None]:
    if term.isRealValue():
        frac = term.getRealValue()
        return str(frac), sp.Rational(frac.numerator, frac.denominator)
    return f"{term}…", None  # a real algebraic number: text only, confirmed elsewhere or not


def solve(
    query: Query, *, rlimit: int = DEFAULT_RLIMIT, timeout_ms: int = DEFAULT_TIMEOUT_MS
) -> SolverAnswer:
    """cvc5's answer to ``query``: never raises (an unencodable query is ``unsupported``)."""
    start = time.perf_counter()

    def answer(kind: str, reason: str = "", **kw: Any) -> SolverAnswer:
        return SolverAnswer("cvc5", kind, reason, seconds=time.perf_counter() - start, **kw)

    tm = cvc5.TermManager()
    solver = cvc5.Solver(tm)
    try:
        solver.setLogic("ALL")
        solver.setOption("produce-models", "true")
        solver.setOption("nl-cov", "true")
        solver.setOption("rlimit-per", str(rlimit))
        solver.setOption("tlimit-per", str(timeout_ms))
        enc = _Encoder(tm)
        hyps = [enc.boolean(h) for h in query.hypotheses]
        goal = None
        if query.goal is not None:
            parts = [enc.boolean(g) for g in query.goal]
            goal = parts[0] if len(parts) == 1 else tm.mkTerm(Kind.AND, *parts)
        for f in [*hyps, *enc.assumptions]:
            solver.assertFormula(f)
        if goal is not None:
            solver.assertFormula(tm.mkTerm(Kind.NOT, goal))
        result = solver.checkSat()
    except EncodingError as exc:
        return answer("unsupported", str(exc))
    except RuntimeError as exc:  # cvc5 reports unsupported options or logics this way
        return answer("unsupported", f"cvc5 raised: {str(exc).strip()[:200]}")
    if result.isUnsat():
        return answer("unsat")
    if result.isSat():
        model: dict[str, str] = {}
        values: dict[str, Any] = {}
        try:
            for name, v in enc.vars.items():
                model[name], values[name] = _model_value(solver.getValue(v))
        except RuntimeError as exc:
            return answer("unknown", f"cvc5 said sat but gave no model: {exc}")
        return answer("sat", model=model, values=values)
    why = result.getUnknownExplanation().name
    return answer("unknown", _WHY.get(why, why.lower().replace("_", " ")))
