"""50-digit numerics for the contraction family (eq-4-5, prop-1, lem-7, thm-5).

Each function iterates the recursion itself at high precision and compares with the closed
form; the comparison reports the largest relative gap, so a wrong closed form shows up as a
gap far above the working precision.

>>> gap = contraction_gap("1/2", "1/10", "3", 40)
>>> gap < mpmath.mpf(10) ** -45
True
"""

from __future__ import annotations

import mpmath

from numerics.validate import as_alpha, as_fraction, as_positive_int, as_probability_vector

__all__ = [
    "contraction_gap",
    "idealised_gap",
    "schedule_distance",
    "self_reference_gap",
]


def _mp(x: object) -> mpmath.mpf:
    f = as_fraction(x)
    return mpmath.mpf(f.numerator) / f.denominator


def contraction_gap(c: object, delta: object, d0: object, n: int, dps: int = 50) -> mpmath.mpf:
    """Max relative gap between D_{t+1} = c D_t + δ (worst case of eq. 4) and eq. 5's bound."""
    n = as_positive_int(n, "n")
    with mpmath.workdps(dps + 10):
        cc, dd, d = _mp(c), _mp(delta), _mp(d0)
        worst = mpmath.mpf(0)
        x = d
        for k in range(1, n + 1):
            x = cc * x + dd
            bound = cc**k * d + dd * mpmath.fsum(cc**i for i in range(k))
            worst = max(worst, abs(x - bound) / max(abs(bound), mpmath.mpf(1)))
        return +worst


def idealised_gap(p: object, q0: object, alpha: object, t: int, dps: int = 50) -> mpmath.mpf:
    """Iterate Q ← αP + (1−α)Q for t steps; max gap to the closed form and to the TV identity."""
    t = as_positive_int(t, "t")
    pv = as_probability_vector(p, "p")
    qv = as_probability_vector(q0, "q0")
    a = as_alpha(alpha)
    with mpmath.workdps(dps + 10):
        P = [_mp(x) for x in pv]
        Q0 = [_mp(x) for x in qv]
        A = _mp(a)
        Q = list(Q0)
        worst = mpmath.mpf(0)
        tv0 = mpmath.fsum(abs(x - y) for x, y in zip(Q0, P, strict=True)) / 2
        for k in range(1, t + 1):
            Q = [A * x + (1 - A) * y for x, y in zip(P, Q, strict=True)]
            r = (1 - A) ** k
            closed = [(1 - r) * x + r * y for x, y in zip(P, Q0, strict=True)]
            worst = max(worst, max(abs(u - v) for u, v in zip(Q, closed, strict=True)))
            tv = mpmath.fsum(abs(x - y) for x, y in zip(Q, P, strict=True)) / 2
            worst = max(worst, abs(tv - r * tv0))
        return +worst


def self_reference_gap(p: object, q: object, alpha: object, dps: int = 50) -> mpmath.mpf:
    """|TV(αP + (1−α)Q, Q) − α TV(P, Q)| at high precision (0 up to rounding if lem-7 holds)."""
    pv = as_probability_vector(p, "p")
    qv = as_probability_vector(q, "q")
    a = as_alpha(alpha)
    with mpmath.workdps(dps + 10):
        P = [_mp(x) for x in pv]
        Q = [_mp(x) for x in qv]
        A = _mp(a)
        mix = [A * x + (1 - A) * y for x, y in zip(P, Q, strict=True)]
        lhs = mpmath.fsum(abs(x - y) for x, y in zip(mix, Q, strict=True)) / 2
        rhs = A * mpmath.fsum(abs(x - y) for x, y in zip(P, Q, strict=True)) / 2
        return +abs(lhs - rhs)


def schedule_distance(alphas: list[object], dps: int = 50) -> list[mpmath.mpf]:
    """TV(Q_t, P)/TV(Q_0, P) = Π_{s<t}(1 − α_s) for t = 0..len(alphas), at high precision."""
    with mpmath.workdps(dps + 10):
        out = [mpmath.mpf(1)]
        for a in alphas:
            out.append(out[-1] * (1 - _mp(as_alpha(a))))
    with mpmath.workdps(dps):
        return [+x for x in out]
