"""Precision back-ends: scoped mpmath evaluation and certified arb enclosures.

* :func:`mp_value` evaluates a sympy expression with mpmath at a requested number of
  significant digits, always inside ``mpmath.workdps`` (never changing global precision).
* :func:`certify` decides ``f(x) <= g(x)`` (or ``<``) over a box with python-flint's ``arb``
  ball arithmetic and bisection. ``certified`` means every sub-box was *certainly* fine
  (arb comparisons are certain); ``refuted`` comes with a witness point where ``f > g`` was
  re-confirmed at four times the precision; anything else is ``undecided``. ``mpmath.iv`` is
  not used: it is not certified.

>>> import sympy as sp
>>> x = sp.Symbol("x", real=True)
>>> certify(sp.log(1 + x), "<", x, {x: ("1/10", "2")}).status
'certified'
>>> r = certify(x, "<=", sp.log(1 + x), {x: ("0", "2")})
>>> r.status, r.witness is not None
('refuted', True)

Touching cases (equality somewhere on the box) usually stay undecided: interval arithmetic
cannot separate ``g - f`` from 0 near the contact point. That is reported, never passed:

>>> certify(sp.log(1 + x), "<=", x, {x: ("0", "2")}, max_boxes=200).status
'undecided'
>>> mpmath.nstr(mp_value(sp.pi, dps=30), 30)
'3.14159265358979323846264338328'
"""

from __future__ import annotations

import heapq
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import flint
import mpmath
import sympy as sp

from numerics.errors import EncodingError, InputError
from numerics.validate import as_fraction

__all__ = ["CertifyResult", "agree", "certify", "certify_relation", "mp_value", "to_arb", "truth"]


def mp_value(expr: sp.Basic, subs: Mapping[sp.Symbol, Any] | None = None, dps: int = 50) -> Any:
    """``expr`` (with ``subs``) as an mpmath number correct to about ``dps`` digits.

    Substituted values are converted exactly (strings and Fractions become Rationals).
    """
    exact = {k: sp.Rational(str(as_fraction(v, str(k)))) for k, v in (subs or {}).items()}
    value = sp.sympify(expr).subs(exact)
    with mpmath.workdps(dps + 10):
        out = sp.N(value, dps + 10)
        if not out.is_number:
            raise InputError(f"expression still has free symbols: {out.free_symbols}")
        result = mpmath.mpf(str(out)) if out.is_real else mpmath.mpc(complex(out))
    with mpmath.workdps(dps):
        return +result


def agree(a: Any, b: Any, digits: int) -> bool:
    """Whether two numbers agree to ``digits`` significant digits (relative, or absolute near 0).

    >>> agree(mpmath.mpf(1), mpmath.mpf("1.0000000001"), 9), agree(1, 1.001, 9)
    (True, False)
    """
    with mpmath.workdps(digits + 10):
        a, b = mpmath.mpf(a), mpmath.mpf(b)
        scale = max(abs(a), abs(b), mpmath.mpf(1))
        return bool(abs(a - b) <= scale * mpmath.mpf(10) ** (-digits))


# --- arb ------------------------------------------------------------------------------


def _arb_rational(r: sp.Rational) -> flint.arb:
    return flint.arb(flint.fmpq(int(r.p), int(r.q)))


def to_arb(
    expr: sp.Basic, env: Mapping[sp.Symbol, flint.arb], nonneg: frozenset = frozenset()
) -> flint.arb:
    """Evaluate a sympy expression in arb ball arithmetic (balls for the symbols in ``env``).

    Supported: rationals, + - * /, integer and real powers, sqrt, log, exp, Abs, pi, E,
    digamma/loggamma/gamma. Anything else raises EncodingError. ``nonneg`` lists radicands
    known to be read only where they are non-negative (a domain condition): their square root
    is taken of the non-negative part of the ball, so a ball that touches 0 still evaluates.
    """
    if isinstance(expr, sp.Symbol):
        if expr not in env:
            raise EncodingError(f"symbol {expr} has no box")
        return env[expr]
    if isinstance(expr, sp.Float):
        raise EncodingError(f"floating-point constant {expr}: write it as a fraction")
    if expr.is_Rational:
        return _arb_rational(sp.Rational(expr))
    if expr is sp.pi:
        return flint.arb.pi()
    if expr is sp.E:
        return flint.arb(1).exp()
    if isinstance(expr, sp.Add):
        out = flint.arb(0)
        for a in expr.args:
            out = out + to_arb(a, env, nonneg)
        return out
    if isinstance(expr, sp.Mul):
        out = flint.arb(1)
        for a in expr.args:
            out = out * to_arb(a, env, nonneg)
        return out
    if isinstance(expr, sp.Pow):
        base = to_arb(expr.base, env, nonneg)
        if expr.exp.is_Integer:
            return base ** int(expr.exp)
        if expr.exp == sp.Rational(1, 2):
            return _sqrt_nonneg(base) if expr.base in nonneg else base.sqrt()
        return base ** to_arb(expr.exp, env, nonneg)
    funcs = {
        sp.log: lambda a: a.log(),
        sp.exp: lambda a: a.exp(),
        sp.Abs: lambda a: abs(a),
        sp.digamma: lambda a: a.digamma(),
        sp.loggamma: lambda a: a.lgamma(),
        sp.gamma: lambda a: a.gamma(),
    }
    for cls, fn in funcs.items():
        if isinstance(expr, cls):
            if len(expr.args) != 1:
                raise EncodingError(f"{cls.__name__} with {len(expr.args)} arguments")
            return fn(to_arb(expr.args[0], env, nonneg))
    raise EncodingError(f"cannot evaluate {type(expr).__name__} in arb")


def _sqrt_nonneg(ball: flint.arb) -> flint.arb:
    """sqrt of the non-negative part of a ball: [0, sqrt(upper)] when it touches 0."""
    if ball >= 0:
        return ball.sqrt()
    top = ball.upper()
    if not top >= 0:
        return flint.arb("nan")
    return flint.arb(0).union(top.sqrt())


@dataclass
class CertifyResult:
    """Outcome of an arb certification over a box."""

    status: str  # "certified" | "refuted" | "undecided"
    reason: str = ""
    witness: dict[str, str] | None = None
    boxes: int = 0
    prec: int = 0
    unresolved: list[dict[str, tuple[str, str]]] = field(default_factory=list)
    #: domain conditions not certainly true on every examined part of the box
    side_conditions: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [self.status, f"{self.boxes} boxes at {self.prec} bits"]
        if self.witness:
            parts.append("witness " + ", ".join(f"{k} = {v}" for k, v in self.witness.items()))
        if self.side_conditions:
            parts.append("where " + ", ".join(self.side_conditions))
        if self.reason:
            parts.append(self.reason)
        return "; ".join(parts)


Box = dict[sp.Symbol, tuple[Fraction, Fraction]]


def _ball(lo: Fraction, hi: Fraction) -> flint.arb:
    a = flint.arb(flint.fmpq(lo.numerator, lo.denominator))
    if lo == hi:
        return a
    return a.union(flint.arb(flint.fmpq(hi.numerator, hi.denominator)))


def _with_prec(prec: int, fn: Any) -> Any:
    old = flint.ctx.prec
    flint.ctx.prec = prec
    try:
        return fn()
    finally:
        flint.ctx.prec = old


_REL = (sp.StrictLessThan, sp.LessThan, sp.StrictGreaterThan, sp.GreaterThan, sp.Equality,
        sp.Unequality)


def truth(
    relation: sp.Basic, env: Mapping[sp.Symbol, flint.arb], nonneg: frozenset = frozenset()
) -> bool | None:
    """Whether ``relation`` holds at every point of the balls in ``env`` (True), at none
    (False), or neither / undefined somewhere (None). arb comparisons are certain.

    >>> x = sp.Symbol("x", real=True)
    >>> truth(sp.Gt(x, 0), {x: flint.arb(1)}), truth(sp.Gt(sp.log(x), 0), {x: _ball(-1, 1)})
    (True, None)
    """
    if relation is sp.true or relation is sp.false:
        return bool(relation)
    if not isinstance(relation, _REL):
        raise EncodingError(f"cannot decide {sp.sstr(relation)!r} with arb")
    try:
        v = to_arb(relation.lhs - relation.rhs, env, nonneg)
    except (ZeroDivisionError, ValueError):
        return None
    tests = {
        sp.StrictGreaterThan: (lambda: v > 0, lambda: v <= 0),
        sp.GreaterThan: (lambda: v >= 0, lambda: v < 0),
        sp.StrictLessThan: (lambda: v < 0, lambda: v >= 0),
        sp.LessThan: (lambda: v <= 0, lambda: v > 0),
        sp.Equality: (lambda: v == 0, lambda: v != 0),
        sp.Unequality: (lambda: v != 0, lambda: v == 0),
    }
    yes, no = tests[type(relation)]
    if yes():
        return True
    if no():
        return False
    return None


def certify(
    f: sp.Basic,
    rel: str,
    g: sp.Basic,
    box: Mapping[sp.Symbol, tuple[object, object]],
    *,
    prec: int = 128,
    max_boxes: int = 20_000,
    assume: Sequence[sp.Basic] = (),
    conditions: Sequence[sp.Basic] = (),
    deadline: float | None = None,
) -> CertifyResult:
    """Certify ``f <= g`` (``rel="<="``) or ``f < g`` (``rel="<"``) on a closed box.

    The box maps each free symbol to ``(lo, hi)`` (exact: ints, strings or Fractions).
    Bisection splits the widest side; a sub-box is settled when arb says ``g - f >= 0``
    (resp. ``> 0``) for certain. A midpoint where ``g - f < 0`` (resp. ``<= 0``) for certain
    is a counterexample, re-checked at 4x precision. See :func:`certify_relation` for
    ``assume``, ``conditions`` and ``deadline``.
    """
    if rel not in ("<=", "<"):
        raise InputError(f"relation must be '<=' or '<', got {rel!r}")
    relation = (sp.Le if rel == "<=" else sp.Lt)(sp.sympify(f), sp.sympify(g), evaluate=False)
    return certify_relation(relation, box, prec=prec, max_boxes=max_boxes, assume=assume,
                            conditions=conditions, deadline=deadline)


def _tighten(box: Box, relations: Sequence[sp.Basic]) -> Box:
    """Intersect the box with the plain bounds ``x >= c``, ``x < c``, ... among ``relations``."""
    out = dict(box)
    for r in relations:
        if not isinstance(r, _REL[:4]):
            continue
        lhs, rhs = r.lhs, r.rhs
        if isinstance(rhs, sp.Symbol) and lhs.is_Rational:
            lhs, rhs = rhs, lhs
            lower = isinstance(r, (sp.StrictLessThan, sp.LessThan))
        else:
            lower = isinstance(r, (sp.StrictGreaterThan, sp.GreaterThan))
        if not (isinstance(lhs, sp.Symbol) and rhs.is_Rational and lhs in out):
            continue
        c = Fraction(int(rhs.p), int(rhs.q))
        lo, hi = out[lhs]
        out[lhs] = (max(lo, c), hi) if lower else (lo, min(hi, c))
    return out


def certify_relation(
    relation: sp.Basic,
    box: Mapping[sp.Symbol, tuple[object, object]],
    *,
    prec: int = 128,
    max_boxes: int = 20_000,
    assume: Sequence[sp.Basic] = (),
    conditions: Sequence[sp.Basic] = (),
    deadline: float | None = None,
) -> CertifyResult:
    """Certify a relation (``<, <=, >, >=, ==, !=``) at every point of a closed box.

    Only points where every relation in ``assume`` (hypotheses) and in ``conditions``
    (domain conditions: where the terms are defined) holds count: a sub-box where one of them
    is certainly false is dropped, and a witness must satisfy all of them for certain. The
    domain conditions not certainly true on every examined sub-box are returned as
    ``side_conditions``. ``max_boxes`` is the deterministic limit, ``deadline`` (a
    :func:`time.monotonic` value) the wall-clock one; running out is ``undecided``.

    >>> x = sp.Symbol("x", real=True)
    >>> r = certify_relation(sp.Gt(sp.sqrt(x), -1), {x: (-1, 1)}, conditions=[sp.Ge(x, 0)])
    >>> r.status, r.side_conditions
    ('certified', ['x >= 0'])
    """
    relation = sp.sympify(relation)
    assume, conditions = list(assume), list(conditions)
    free: set[sp.Symbol] = set(relation.free_symbols)
    for c in [*assume, *conditions]:
        free |= c.free_symbols
    exact_box: Box = {}
    for s, (lo, hi) in box.items():
        a, b = as_fraction(lo, f"{s} lower bound"), as_fraction(hi, f"{s} upper bound")
        if a > b:
            raise InputError(f"box for {s} is empty: {a} > {b}")
        exact_box[s] = (a, b)
    missing = [s for s in sorted(free, key=lambda s: s.name) if s not in exact_box]
    if missing:
        raise InputError(f"no box given for {', '.join(map(str, missing))}")
    exact_box = _tighten(exact_box, [*assume, *conditions])
    if any(lo > hi for lo, hi in exact_box.values()):
        return CertifyResult("undecided", "the hypotheses exclude the whole box, so any "
                             "statement would follow vacuously", prec=prec)
    return _with_prec(prec, lambda: _bisect(
        relation, sorted(free, key=lambda s: s.name), exact_box, assume, conditions, prec,
        max_boxes, deadline))


def _bisect(
    relation: sp.Basic, free: list[sp.Symbol], box: Box, assume: list[sp.Basic],
    conditions: list[sp.Basic], prec: int, max_boxes: int, deadline: float | None,
) -> CertifyResult:
    counter = 0
    queue: list[tuple[int, int, Box]] = [(0, 0, dict(box))]
    processed = 0
    unimplied: set[int] = set()
    examined = False
    nonneg = frozenset(c.lhs for c in conditions
                       if isinstance(c, sp.GreaterThan) and c.rhs == 0)

    def done(status: str, reason: str = "", **kw: Any) -> CertifyResult:
        sides = [_condition_text(conditions[i]) for i in sorted(unimplied)]
        return CertifyResult(status, reason, boxes=processed, prec=prec, side_conditions=sides,
                             **kw)

    while queue:
        depth, _, b = heapq.heappop(queue)
        processed += 1
        if processed > max_boxes:
            remaining = [b] + [q[2] for q in queue[:4]]
            processed -= 1
            return done(
                "undecided",
                f"gave up after {max_boxes} boxes; {len(queue) + 1} sub-boxes unresolved",
                unresolved=[{str(s): (str(lo), str(hi)) for s, (lo, hi) in r.items()}
                            for r in remaining],
            )
        if deadline is not None and time.monotonic() > deadline:
            return done("undecided", f"ran out of time after {processed - 1} boxes")
        env = {s: _ball(*b[s]) for s in free}
        hyp = [truth(c, env) for c in assume]
        if any(t is False for t in hyp):
            continue  # outside the hypotheses
        dom = [truth(c, env) for c in conditions]
        unimplied |= {i for i, t in enumerate(dom) if t is not True}
        if any(t is False for t in dom):
            continue  # outside the domain: the statement says nothing here
        examined = True
        if truth(relation, env, nonneg) is True:
            continue
        mid = {s: (lo + hi) / 2 for s, (lo, hi) in b.items() if s in free}
        for point in (mid, {s: lo for s, (lo, hi) in b.items() if s in free}):
            if _refutes(relation, [*assume, *conditions], point, prec) and _refutes(
                    relation, [*assume, *conditions], point, 4 * prec):
                at = _with_prec(4 * prec, lambda p=point: to_arb(
                    relation.lhs - relation.rhs, {s: _ball(v, v) for s, v in p.items()}))
                return done(
                    "refuted",
                    f"lhs - rhs = {at.str(10, radius=False)} at the witness",
                    witness={str(s): str(v) for s, v in point.items()},
                )
        widths = {s: b[s][1] - b[s][0] for s in free}
        if not widths:
            return done("undecided", "constant comparison arb could not separate")
        s_split = max(widths, key=lambda s: widths[s])
        if widths[s_split] == 0:
            return done("undecided", "a degenerate box arb could not separate")
        lo, hi = b[s_split]
        m = (lo + hi) / 2
        for part in ((lo, m), (m, hi)):
            nb = dict(b)
            nb[s_split] = part
            counter += 1
            heapq.heappush(queue, (depth + 1, counter, nb))
    if not examined:
        return done("undecided", "no point of the box satisfies the hypotheses and the domain "
                    "conditions, so any statement would follow vacuously")
    return done("certified")


def _refutes(relation: sp.Basic, required: list[sp.Basic], point: Mapping[sp.Symbol, Fraction],
             prec: int) -> bool:
    """At ``point``, every required relation certainly holds and ``relation`` certainly fails."""
    def check() -> bool:
        env = {s: _ball(v, v) for s, v in point.items()}
        return all(truth(c, env) is True for c in required) and truth(relation, env) is False
    return bool(_with_prec(prec, check))


def _condition_text(cond: sp.Basic) -> str:
    ops = {sp.Unequality: "!=", sp.GreaterThan: ">=", sp.StrictGreaterThan: ">"}
    for cls, op in ops.items():
        if isinstance(cond, cls) and cond.rhs == 0:
            return f"{sp.sstr(cond.lhs)} {op} 0"
    return sp.sstr(cond)
