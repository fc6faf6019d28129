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
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import flint
import mpmath
import sympy as sp

from numerics.errors import EncodingError, InputError
from numerics.validate import as_fraction

__all__ = ["CertifyResult", "agree", "certify", "mp_value", "to_arb"]


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


def to_arb(expr: sp.Basic, env: Mapping[sp.Symbol, flint.arb]) -> flint.arb:
    """Evaluate a sympy expression in arb ball arithmetic (balls for the symbols in ``env``).

    Supported: rationals, + - * /, integer and real powers, sqrt, log, exp, Abs, pi, E,
    digamma/loggamma/gamma. Anything else raises EncodingError.
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
            out = out + to_arb(a, env)
        return out
    if isinstance(expr, sp.Mul):
        out = flint.arb(1)
        for a in expr.args:
            out = out * to_arb(a, env)
        return out
    if isinstance(expr, sp.Pow):
        base = to_arb(expr.base, env)
        if expr.exp.is_Integer:
            return base ** int(expr.exp)
        if expr.exp == sp.Rational(1, 2):
            return base.sqrt()
        return base ** to_arb(expr.exp, env)
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
            return fn(to_arb(expr.args[0], env))
    raise EncodingError(f"cannot evaluate {type(expr).__name__} in arb")


@dataclass
class CertifyResult:
    """Outcome of an arb certification over a box."""

    status: str  # "certified" | "refuted" | "undecided"
    reason: str = ""
    witness: dict[str, str] | None = None
    boxes: int = 0
    prec: int = 0
    unresolved: list[dict[str, tuple[str, str]]] = field(default_factory=list)

    def summary(self) -> str:
        parts = [self.status, f"{self.boxes} boxes at {self.prec} bits"]
        if self.witness:
            parts.append("witness " + ", ".join(f"{k} = {v}" for k, v in self.witness.items()))
        if self.reason:
            parts.append(self.reason)
        return "; ".join(parts)


Box = dict[sp.Symbol, tuple[Fraction, Fraction]]


def _ball(lo: Fraction, hi: Fraction) -> flint.arb:
    a = flint.arb(flint.fmpq(lo.numerator, lo.denominator))
    if lo == hi:
        return a
    return a.union(flint.arb(flint.fmpq(hi.numerator, hi.denominator)))


def _value_at(h: sp.Basic, point: Mapping[sp.Symbol, Fraction], prec: int) -> flint.arb:
    old = flint.ctx.prec
    flint.ctx.prec = prec
    try:
        return to_arb(h, {s: _ball(v, v) for s, v in point.items()})
    finally:
        flint.ctx.prec = old


def certify(
    f: sp.Basic,
    rel: str,
    g: sp.Basic,
    box: Mapping[sp.Symbol, tuple[object, object]],
    *,
    prec: int = 128,
    max_boxes: int = 20_000,
) -> CertifyResult:
    """Certify ``f <= g`` (``rel="<="``) or ``f < g`` (``rel="<"``) on a closed box.

    The box maps each free symbol to ``(lo, hi)`` (exact: ints, strings or Fractions).
    Bisection splits the widest side; a sub-box is settled when arb says ``g - f >= 0``
    (resp. ``> 0``) for certain. A midpoint where ``g - f < 0`` (resp. ``<= 0``) for certain
    is a counterexample, re-checked at 4x precision.
    """
    if rel not in ("<=", "<"):
        raise InputError(f"relation must be '<=' or '<', got {rel!r}")
    h = sp.sympify(g) - sp.sympify(f)
    free = sorted(h.free_symbols, key=lambda s: s.name)
    exact_box: Box = {}
    for s, (lo, hi) in box.items():
        a, b = as_fraction(lo, f"{s} lower bound"), as_fraction(hi, f"{s} upper bound")
        if a > b:
            raise InputError(f"box for {s} is empty: {a} > {b}")
        exact_box[s] = (a, b)
    missing = [s for s in free if s not in exact_box]
    if missing:
        raise InputError(f"no box given for {', '.join(map(str, missing))}")
    strict = rel == "<"
    old = flint.ctx.prec
    flint.ctx.prec = prec
    try:
        return _bisect(h, free, exact_box, strict, prec, max_boxes)
    finally:
        flint.ctx.prec = old


def _bisect(
    h: sp.Basic, free: list[sp.Symbol], box: Box, strict: bool, prec: int, max_boxes: int
) -> CertifyResult:
    counter = 0
    queue: list[tuple[int, int, Box]] = [(0, 0, dict(box))]
    processed = 0
    while queue:
        depth, _, b = heapq.heappop(queue)
        processed += 1
        if processed > max_boxes:
            remaining = [b] + [q[2] for q in queue[:4]]
            return CertifyResult(
                "undecided",
                f"gave up after {max_boxes} boxes; {len(queue) + 1} sub-boxes unresolved",
                boxes=processed - 1,
                prec=prec,
                unresolved=[{str(s): (str(lo), str(hi)) for s, (lo, hi) in r.items()}
                            for r in remaining],
            )
        try:
            val = to_arb(h, {s: _ball(*b[s]) for s in free})
        except (ZeroDivisionError, ValueError):
            val = flint.arb("nan")
        settled = (val > 0) if strict else (val >= 0)
        if settled:
            continue
        mid = {s: (lo + hi) / 2 for s, (lo, hi) in b.items() if s in free}
        for point in (mid, {s: lo for s, (lo, hi) in b.items() if s in free}):
            at = _value_at(h, point, prec)
            bad = (at <= 0) if strict else (at < 0)
            if bad:
                again = _value_at(h, point, 4 * prec)
                if (again <= 0) if strict else (again < 0):
                    return CertifyResult(
                        "refuted",
                        f"g - f = {again.str(10, radius=False)} at the witness",
                        witness={str(s): str(v) for s, v in point.items()},
                        boxes=processed,
                        prec=prec,
                    )
        widths = {s: b[s][1] - b[s][0] for s in free}
        if not widths:
            return CertifyResult("undecided", "constant comparison arb could not separate",
                                 boxes=processed, prec=prec)
        s_split = max(widths, key=lambda s: widths[s])
        if widths[s_split] == 0:
            continue_reason = "a degenerate box arb could not separate"
            return CertifyResult("undecided", continue_reason, boxes=processed, prec=prec)
        lo, hi = b[s_split]
        m = (lo + hi) / 2
        for part in ((lo, m), (m, hi)):
            nb = dict(b)
            nb[s_split] = part
            counter += 1
            heapq.heappush(queue, (depth + 1, counter, nb))
    return CertifyResult("certified", boxes=processed, prec=prec)

