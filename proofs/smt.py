"""The z3 back-end: prove a polynomial/rational real-arithmetic statement, or refute it.

:func:`prove` takes a goal and hypotheses (sympy relations or formula text) and returns an
:class:`SmtResult` whose status is ``proved`` (z3 found the negated goal unsatisfiable under
the hypotheses), ``refuted`` (z3 found a model of the negation, and the model was re-checked
exactly in sympy), or ``undecided`` (z3 answered ``unknown``, ran out of its resource limit or
wall-clock time, raised, or the hypotheses are inconsistent so the proof would be vacuous).

Encoding rules: constants are exact rationals (a float in a statement is rejected); every
division and every square root adds a well-definedness condition (denominator ≠ 0, radicand
≥ 0); a condition the hypotheses do not already imply is added and reported in
``side_conditions``; sympy symbol assumptions (positive, nonnegative, integer, ...) become
hypotheses. log, exp and other transcendental functions are rejected with
:class:`numerics.errors.EncodingError` (use the arb certifier for those).

>>> prove("x*(1-x) <= 1/4", ["0 < x", "x < 1"]).status
'proved'
>>> r = prove("x**2 >= x", ["x > 0"])
>>> r.status, r.confirmed
('refuted', True)
>>> prove("(x**2 - 1)/(x - 1) == x + 1").side_conditions
['x - 1 != 0']
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import sympy as sp
import z3

from numerics.errors import EncodingError
from proofs.formula import parse_relations

__all__ = ["DEFAULT_RLIMIT", "DEFAULT_TIMEOUT_MS", "SmtResult", "prove"]

#: z3's deterministic resource limit per query (reproducible across runs of one z3 version).
DEFAULT_RLIMIT = 20_000_000
#: Wall-clock guard per query, in milliseconds.
DEFAULT_TIMEOUT_MS = 20_000


@dataclass
class SmtResult:
    """Outcome of one z3 query."""

    status: str  # "proved" | "refuted" | "undecided"
    reason: str = ""
    model: dict[str, str] = field(default_factory=dict)
    side_conditions: list[str] = field(default_factory=list)
    confirmed: bool = False
    seconds: float = 0.0

    def summary(self) -> str:
        parts = [self.status]
        if self.model:
            parts.append("counterexample " + ", ".join(f"{k} = {v}" for k, v in self.model.items()))
        if self.side_conditions:
            parts.append("under added side conditions " + ", ".join(self.side_conditions))
        if self.reason:
            parts.append(self.reason)
        return "; ".join(parts)


class _Encoder:
    """Translate sympy expressions to z3, collecting well-definedness conditions."""

    def __init__(self) -> None:
        self.vars: dict[str, Any] = {}
        self.symbols: dict[str, sp.Symbol] = {}
        self.conditions: list[tuple[Any, str]] = []  # (z3 formula, text)
        self.assumptions: list[tuple[Any, str]] = []
        self._fresh = 0

    def var(self, s: sp.Symbol) -> Any:
        name = s.name
        if name in self.symbols and self.symbols[name] != s:
            raise EncodingError(f"symbol {name!r} appears with different assumptions")
        if name not in self.vars:
            v = z3.Real(name)
            self.vars[name] = v
            self.symbols[name] = s
            facts = [
                ("integer", z3.IsInt(v), f"{name} is an integer"),
                ("positive", v > 0, f"{name} > 0"),
                ("nonnegative", v >= 0, f"{name} >= 0"),
                ("negative", v < 0, f"{name} < 0"),
                ("nonpositive", v <= 0, f"{name} <= 0"),
                ("nonzero", v != 0, f"{name} != 0"),
            ]
            for attr, formula, text in facts:
                if getattr(s, f"is_{attr}") is True:
                    self.assumptions.append((formula, text))
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
        if isinstance(e, sp.Add):
            terms = [self.expr(a) for a in e.args]
            out = terms[0]
            for t in terms[1:]:
                out = out + t
            return out
        if isinstance(e, sp.Mul):
            num: list[Any] = []
            den: list[sp.Basic] = []
            for a in e.args:
                if isinstance(a, sp.Pow) and a.exp.is_Integer and a.exp < 0:
                    den.append(a.base ** (-a.exp))
                elif a.is_Rational and not a.is_Integer:
                    r = sp.Rational(a)
                    num.append(z3.RealVal(f"{r.p}/{r.q}"))
                else:
                    num.append(self.expr(a))
            out = num[0] if num else z3.RealVal(1)
            for t in num[1:]:
                out = out * t
            for d in den:
                out = out / self._denominator(d)
            return out
        if isinstance(e, sp.Pow):
            base, exp = e.base, e.exp
            if exp.is_Integer:
                k = int(exp)
                if k == 0:
                    # 0**0 is 1 in sympy; keep that convention
                    return z3.RealVal(1)
                if k > 0:
                    return self._power(self.expr(base), k)
                return z3.RealVal(1) / self._denominator(base ** (-k))
            if exp == sp.Rational(1, 2):
                return self._sqrt(base)
            if exp == sp.Rational(-1, 2):
                return z3.RealVal(1) / self._denominator(sp.sqrt(base))
            raise EncodingError(f"power with exponent {exp} cannot be encoded for z3")
        if isinstance(e, sp.Abs):
            inner = self.expr(e.args[0])
            return z3.If(inner >= 0, inner, -inner)
        if isinstance(e, (sp.Max, sp.Min)):
            args = [self.expr(a) for a in e.args]
            out = args[0]
            for a in args[1:]:
                out = z3.If(a > out, a, out) if isinstance(e, sp.Max) else z3.If(a < out, a, out)
            return out
        if isinstance(e, sp.Piecewise):
            raise EncodingError("piecewise expressions are not supported by the z3 encoding")
        name = type(e).__name__
        raise EncodingError(
            f"{name} is not polynomial/rational arithmetic; z3 cannot take it "
            "(give a box and use the arb certifier)"
        )

    def _power(self, base: Any, k: int) -> Any:
        out = base
        for _ in range(k - 1):
            out = out * base
        return out

    def _denominator(self, d: sp.Basic) -> Any:
        zd = self.expr(d)
        self.conditions.append((zd != 0, f"{sp.sstr(d)} != 0"))
        return zd

    def _sqrt(self, radicand: sp.Basic) -> Any:
        zr = self.expr(radicand)
        self.conditions.append((zr >= 0, f"{sp.sstr(radicand)} >= 0"))
        self._fresh += 1
        s = z3.Real(f"sqrt!{self._fresh}")
        self.assumptions.append((z3.And(s >= 0, s * s == zr), f"sqrt definition {self._fresh}"))
        return s

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


def _as_relations(x: sp.Basic | str) -> list[sp.Basic]:
    if isinstance(x, str):
        return parse_relations(x)
    return [x]


def _model_value(val: Any) -> tuple[str, sp.Expr | None]:
    """Text and exact sympy value (None when irrational) of a z3 model value."""
    if z3.is_rational_value(val):
        frac = val.as_fraction()
        return str(frac), sp.Rational(frac.numerator, frac.denominator)
    if z3.is_algebraic_value(val):
        return val.approx(30).as_decimal(30).rstrip("?") + "…", None
    return str(val), None


def _confirm(
    goal: list[sp.Basic], hyps: list[sp.Basic], values: dict[str, sp.Expr | None],
    symbols: dict[str, sp.Symbol], dps: int = 60, approx: dict[str, str] | None = None,
) -> bool:
    """Re-check a counterexample in sympy: hypotheses true, goal false."""
    subs: dict[sp.Symbol, sp.Expr] = {}
    for name, sym in symbols.items():
        v = values.get(name)
        if v is None:
            if approx is None or name not in approx:
                return False
            v = sp.Float(approx[name].rstrip("…"), dps)
        subs[sym] = v

    def truth(rel: sp.Basic) -> bool | None:
        val = rel.subs(subs)
        if val in (sp.true, sp.false):
            return bool(val)
        try:
            return bool(val.evalf(dps))
        except TypeError:
            return None

    if any(truth(h) is not True for h in hyps):
        return False
    return any(truth(g) is False for g in goal)


def prove(
    goal: sp.Basic | str,
    hypotheses: Iterable[sp.Basic | str] = (),
    *,
    rlimit: int = DEFAULT_RLIMIT,
    timeout_ms: int = DEFAULT_TIMEOUT_MS,
) -> SmtResult:
    """Prove ``goal`` under ``hypotheses`` with z3, or refute it with a checked model.

    Never raises for solver trouble: ``unknown``, resource exhaustion, timeouts and
    ``Z3Exception`` all come back as ``undecided`` with the reason. A statement that cannot
    be encoded (log, exp, floats, ...) raises :class:`EncodingError`.
    """
    start = time.perf_counter()
    goal_rels = _as_relations(goal)
    hyp_rels: list[sp.Basic] = []
    for h in hypotheses:
        hyp_rels.extend(_as_relations(h))
    enc = _Encoder()
    z_goal = z3.And(*[enc.boolean(g) for g in goal_rels])
    z_hyps = [enc.boolean(h) for h in hyp_rels]
    z_hyps += [f for f, _ in enc.assumptions]
    result = _solve(enc, z_goal, z_hyps, rlimit, timeout_ms)
    if result.status == "refuted":
        by_z3 = result.confirmed
        by_sympy = _confirm(
            goal_rels, hyp_rels, _exact_values(result.model), enc.symbols, approx=result.model
        )
        # rational models are re-checked exactly in sympy; irrational (algebraic) ones by
        # z3's exact evaluation of the model, since a decimal cannot satisfy x**3 == 2
        rational = all(not v.endswith("…") for v in result.model.values())
        result.confirmed = by_sympy if rational else (by_z3 or by_sympy)
        if not result.confirmed:
            result.status = "undecided"
            result.reason = "z3 returned a model that sympy could not confirm as a counterexample"
    result.seconds = time.perf_counter() - start
    return result


def _exact_values(model: dict[str, str]) -> dict[str, sp.Expr | None]:
    out: dict[str, sp.Expr | None] = {}
    for k, v in model.items():
        out[k] = None if v.endswith("…") else sp.Rational(v)
    return out


def _solve(
    enc: _Encoder, z_goal: Any, z_hyps: Sequence[Any], rlimit: int, timeout_ms: int
) -> SmtResult:
    def solver() -> Any:
        s = z3.Solver()
        s.set("rlimit", rlimit)
        s.set("timeout", timeout_ms)
        return s

    try:
        # which well-definedness conditions do the hypotheses not already imply?
        added: list[str] = []
        extra: list[Any] = []
        for cond, text in enc.conditions:
            s = solver()
            s.add(*z_hyps)
            s.add(z3.Not(cond))
            if s.check() != z3.unsat:
                added.append(text)
                extra.append(cond)
        hyps = list(z_hyps) + extra
        s = solver()
        s.add(*hyps)
        consistent = s.check()
        if consistent == z3.unsat:
            return SmtResult(
                "undecided",
                "the hypotheses are inconsistent, so any goal would follow vacuously",
                side_conditions=added,
            )
        s = solver()
        s.add(*hyps)
        s.add(z3.Not(z_goal))
        answer = s.check()
        if answer == z3.unsat:
            return SmtResult("proved", side_conditions=added)
        if answer == z3.sat:
            m = s.model()
            model: dict[str, str] = {}
            for name, v in enc.vars.items():
                val = m.eval(v, model_completion=True)
                model[name] = _model_value(val)[0]
            # z3 re-evaluates its own model exactly (algebraic numbers included)
            exact_ok = z3.is_false(m.eval(z_goal, model_completion=True)) and all(
                z3.is_true(m.eval(h, model_completion=True)) for h in hyps
            )
            return SmtResult("refuted", model=model, side_conditions=added,
                             confirmed=exact_ok)
        return SmtResult(
            "undecided", f"z3 answered unknown ({s.reason_unknown()})", side_conditions=added
        )
    except z3.Z3Exception as exc:
        return SmtResult("undecided", f"z3 raised: {exc}")
