"""Symbolic evidence for the contraction family: eq-4-5, prop-1, lem-7, thm-5.

The formal goals of the family are defined here (``*_GOAL``) next to the proofs that conclude
them. Sequences are undefined functions of an integer time (``D(n)``, ``Q(t)``), a recursion
is a ``Lambda`` hypothesis ("for every t"), and statements over all n or t are proved by
:class:`proofs.derivation.Induction` (a checked base case and a checked step). Distributions
over K outcomes are indexed families ``p[x]``, ``x = 1..K``, with symbolic K; sums over them
use the linearity schemas of :mod:`proofs.lemmas`.
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy as sp

from proofs.derivation import Algebra, Derivation, Given, Induction, Smt, Step, Use, at
from proofs.goal import Goal
from proofs.lemmas import (
    FACTOR_OUT_OF_SUM,
    MONOTONE_FROM_ZERO,
    POWER_NONNEGATIVE,
    SUM_CONGRUENCE,
    SUM_MONOTONE,
    SUM_OF_SUMS,
)
from proofs.smt import SmtResult, prove

# --- symbols ---------------------------------------------------------------------------
c = sp.Symbol("c", positive=True)
delta = sp.Symbol("delta", nonnegative=True)
D0, Dn, Dn1 = sp.symbols("D_0 D_n D_{n+1}", real=True)
p = sp.Symbol("p", nonnegative=True)  # stands for c^n
s = sp.Symbol("s", nonnegative=True)  # stands for Σ_{i<n} c^i
n = sp.Symbol("n", integer=True, nonnegative=True)
alpha = sp.Symbol("alpha", positive=True)
a = sp.Symbol("a", positive=True)  # a lower bound on α_t
t = sp.Symbol("t", integer=True, nonnegative=True)
r = sp.Symbol("r", nonnegative=True)  # stands for (1-α)^t
P_, Q0, Qt = sp.symbols("P Q_0 Q_t", real=True)
i = sp.Symbol("i", integer=True, nonnegative=True)
D = sp.Function("D")
Q = sp.Function("Q")
A = sp.Function("alpha")  # a schedule α(s)
K = sp.Symbol("K", integer=True, positive=True)
x = sp.Symbol("x", integer=True, positive=True)
p_ = sp.IndexedBase("p", nonnegative=True)
q_ = sp.IndexedBase("q", nonnegative=True)


def tv(u: sp.Basic, v: sp.Basic) -> sp.Basic:
    """TV = Σ_{x=1}^{K} |u_x − v_x|/2 for expressions in the indexed entries at x."""
    return sp.Sum(sp.Abs(u - v) / 2, (x, 1, K))


# --- goals -------------------------------------------------------------------------------

def contraction_bound(k: sp.Basic) -> sp.Basic:
    """c^k D(0) + δ Σ_{i<k} c^i."""
    return c**k * D(0) + delta * sp.Sum(c**i, (i, 0, k - 1))


CONTRACTION_RECURSION = sp.Lambda(t, sp.Le(D(t + 1), c * D(t) + delta))

#: eq-4-5: D_n ≤ c^n D_0 + δ Σ_{i<n} c^i for every n, when D_{t+1} ≤ c D_t + δ for every t.
EQ45_GOAL = Goal(sp.Le(D(n), contraction_bound(n)), (c, delta, n),
                 (sp.Le(c, 1), CONTRACTION_RECURSION), "eq-4-5")


def idealised_closed(k: sp.Basic) -> sp.Basic:
    """(1 − (1−α)^k) P + (1−α)^k Q(0)."""
    return (1 - (1 - alpha) ** k) * P_ + (1 - alpha) ** k * Q(0)


IDEALISED_RECURSION = sp.Lambda(t, sp.Eq(Q(t + 1), alpha * P_ + (1 - alpha) * Q(t)))
_r = (1 - alpha) ** t
_qt_x = (1 - _r) * p_[x] + _r * q_[x]  # coordinate x of the closed form

#: prop-1: the closed form (per coordinate) and TV(Q_t, P) = (1−α)^t TV(Q_0, P) over K outcomes.
PROP1_GOAL = Goal(
    sp.And(sp.Eq(Q(t), idealised_closed(t)),
           sp.Eq(tv(_qt_x, p_[x]), _r * tv(q_[x], p_[x])), evaluate=False),
    (alpha, P_, t, K),
    (sp.Le(alpha, 1), IDEALISED_RECURSION),
    "prop-1",
)

_mix_x = alpha * p_[x] + (1 - alpha) * q_[x]
_sum_p = sp.Eq(sp.Sum(p_[x], (x, 1, K)), 1)
_sum_q = sp.Eq(sp.Sum(q_[x], (x, 1, K)), 1)

#: lem-7: TV(P', Q) = α TV(P, Q) ≤ α with P' = αP + (1−α)Q, over K outcomes.
LEM7_GOAL = Goal(
    sp.And(sp.Eq(tv(_mix_x, q_[x]), alpha * tv(p_[x], q_[x])),
           sp.Le(alpha * tv(p_[x], q_[x]), alpha), evaluate=False),
    (alpha, K),
    (sp.Le(alpha, 1), _sum_p, _sum_q),
    "lem-7",
)

SCOPE_RECURSION = sp.Lambda(t, sp.Eq(Q(t + 1), A(t) * P_ + (1 - A(t)) * Q(t)))

#: thm-5/sufficient: |Q_t − P| ≤ (1 − a)^t |Q_0 − P| when a ≤ α_s ≤ 1 for every s.
SCOPE_GOAL = Goal(
    sp.Le(sp.Abs(Q(t) - P_), (1 - a) ** t * sp.Abs(Q(0) - P_)),
    (a, P_, t),
    (SCOPE_RECURSION, sp.Lambda(t, sp.Le(a, A(t))), sp.Lambda(t, sp.Le(A(t), 1))),
    "thm-5/sufficient",
)

_xr = sp.Symbol("x", real=True)

#: 1 − x ≤ e^{−x} (x ≥ 0) and ln(1 − x) ≥ −2x (0 ≤ x ≤ 1/2): the two halves of thm-5/sharp.
SHARP_GOAL = Goal(
    sp.And(sp.Le(1 - _xr, sp.exp(-_xr)), sp.Le(-2 * _xr, sp.log(1 - _xr)), evaluate=False),
    (_xr,),
    (sp.Le(0, _xr), sp.Le(_xr, sp.Rational(1, 2))),
    "thm-5/sharp",
)


def _tv(u: Sequence[sp.Basic], v: Sequence[sp.Basic]) -> sp.Basic:
    """Total variation ½ Σ |u_i − v_i| of two symbolic vectors."""
    return sp.Rational(1, 2) * sum(sp.Abs(a - b) for a, b in zip(u, v, strict=True))


# --- eq-4-5: the contraction lemma -----------------------------------------------------

def contraction_step() -> Derivation:
    """Induction step: D_{n+1} ≤ c D_n + δ and D_n ≤ p D_0 + δ s give the bound at n+1."""
    hyps = (sp.Le(c, 1), sp.Le(Dn1, c * Dn + delta), sp.Le(Dn, p * D0 + delta * s))
    return Derivation(
        "contraction lemma, induction step",
        Dn1,
        [
            Step("<=", c * Dn + delta, Smt(), "eq. 4: the one-step recursion"),
            Step("<=", c * (p * D0 + delta * s) + delta, Smt(),
                 "induction hypothesis, multiplied by c ≥ 0"),
            Step("=", (c * p) * D0 + delta * (c * s + 1), Algebra(),
                 "regroup: p ↦ c·p = c^{n+1}, s ↦ c·s + 1 = Σ_{i<n+1} c^i"),
        ],
        goal=(Dn1, "<=", (c * p) * D0 + delta * (c * s + 1)),
        hypotheses=hyps,
    )


def contraction_induction(statement: sp.Basic | None = None) -> Induction:
    """eq-4-5 by induction on n: base n = 0, step from n to n + 1 (z3 over opaque D(n), c^n,
    and the sum). ``statement`` replaces the bound to be proved (for tests of false bounds)."""
    stmt = statement if statement is not None else sp.Le(D(n), contraction_bound(n))
    base = at(stmt, n, 0)
    nxt = at(stmt, n, n + 1)
    hyps = (sp.Le(c, 1), sp.Le(D(n + 1), c * D(n) + delta), stmt)
    return Induction(
        "eq-4-5 by induction on n",
        n,
        stmt,
        Derivation("base case n = 0", base.lhs, [Step("<=", base.rhs, Algebra(),
                                                       "c^0 = 1 and the empty sum is 0")],
                   goal=(base.lhs, "<=", base.rhs)),
        Derivation(
            "step n → n + 1",
            nxt.lhs,
            [
                Step("<=", c * D(n) + delta, Given(), "eq. 4 at t = n"),
                Step("<=", c * stmt.rhs + delta, Smt(), "induction hypothesis times c ≥ 0"),
                Step("=", nxt.rhs, Algebra(),
                     "c·c^n = c^{n+1}, c Σ_{i<n} c^i + 1 = Σ_{i<n+1} c^i"),
            ],
            goal=(nxt.lhs, "<=", nxt.rhs),
            hypotheses=hyps,
        ),
        hypotheses=(sp.Le(c, 1), CONTRACTION_RECURSION),
    )


def contraction_closed_form() -> Derivation:
    """Σ_{i<n} c^i = (1 - c^n)/(1 - c) for c ≠ 1, as an identity in n."""
    i = sp.Symbol("i", integer=True, nonnegative=True)
    geometric = sp.Sum(c**i, (i, 0, n - 1))
    closed = (1 - c**n) / (1 - c)
    return Derivation(
        "geometric sum (c ≠ 1)",
        geometric,
        [Step("=", closed, Algebra(), "evaluate the finite geometric sum")],
        goal=(geometric, "=", closed),
        hypotheses=(sp.Ne(c, 1),),
    )


def contraction_recurrence_of_closed_form() -> Derivation:
    """The closed form satisfies s_{n+1} = c s_n + 1 (so it is the s of the induction)."""
    closed = lambda k: (1 - c**k) / (1 - c)  # noqa: E731 - a one-line helper for readability
    return Derivation(
        "closed form obeys the recursion of s",
        c * closed(n) + 1,
        [Step("=", closed(n + 1), Algebra(), "(c − c^{n+1})/(1−c) + 1 = (1 − c^{n+1})/(1−c)")],
        goal=(c * closed(n) + 1, "=", closed(n + 1)),
        hypotheses=(sp.Ne(c, 1),),
    )


def contraction_floor() -> dict[str, sp.Basic]:
    """The floor δ(1 - c^n)/(1 - c) → δ/(1 - c); with c = 1 - α it is δ/α → ∞ as α → 0+."""
    cc = sp.Symbol("c", positive=True)
    floor_n = delta * (1 - cc**n) / (1 - cc)
    half = sp.Rational(1, 2)
    limit_n = sp.limit(floor_n.subs(cc, half), n, sp.oo)
    floor_alpha = (delta / (1 - cc)).subs(cc, 1 - alpha)
    limit_alpha = sp.limit(floor_alpha.subs(delta, 1), alpha, 0, "+")
    return {
        "limit_at_c_half": limit_n,
        "floor_in_alpha": sp.simplify(floor_alpha),
        "limit_alpha_to_0": limit_alpha,
    }


def contraction_unrolled(steps: int) -> SmtResult:
    """z3: for this many steps, the recursion hypotheses imply the closed-form bound."""
    ds = sp.symbols(f"D_0:{steps + 1}", real=True)
    hyps = [sp.Le(c, 1)]
    hyps += [sp.Le(ds[k + 1], c * ds[k] + delta) for k in range(steps)]
    bound = c**steps * ds[0] + delta * sum(c**i for i in range(steps))
    return prove(sp.Le(ds[steps], bound), hyps)


def contraction_step_z3() -> SmtResult:
    """z3: the induction step as one polynomial query."""
    hyps = [sp.Le(c, 1), sp.Le(Dn1, c * Dn + delta), sp.Le(Dn, p * D0 + delta * s)]
    return prove(sp.Le(Dn1, (c * p) * D0 + delta * (c * s + 1)), hyps)


# --- prop-1: the idealised update converges ------------------------------------------------

def idealised_closed_form_step() -> Derivation:
    """If Q_t = (1 - r)P + r Q_0 then αP + (1-α)Q_t = (1 - (1-α)r)P + (1-α) r Q_0."""
    qt = (1 - r) * P_ + r * Q0
    nxt = (1 - (1 - alpha) * r) * P_ + (1 - alpha) * r * Q0
    return Derivation(
        "prop-1: closed form, induction step (r stands for (1-α)^t)",
        alpha * P_ + (1 - alpha) * qt,
        [Step("=", nxt, Algebra(), "expand and regroup by P and Q_0")],
        goal=(alpha * P_ + (1 - alpha) * qt, "=", nxt),
    )


def idealised_closed_form_direct() -> Derivation:
    """The closed form with symbolic t satisfies the update exactly."""
    q = lambda k: (1 - (1 - alpha) ** k) * P_ + (1 - alpha) ** k * Q0  # noqa: E731
    return Derivation(
        "prop-1: closed form satisfies Q_{t+1} = αP + (1-α)Q_t",
        alpha * P_ + (1 - alpha) * q(t),
        [Step("=", q(t + 1), Algebra(), "(1-α)·(1-α)^t = (1-α)^{t+1}")],
        goal=(alpha * P_ + (1 - alpha) * q(t), "=", q(t + 1)),
    )


def idealised_tv() -> Derivation:
    """|Q_t(x) - P(x)| = (1-α)^t |Q_0(x) - P(x)| pointwise, hence the TV identity."""
    qt = (1 - r) * P_ + r * Q0
    return Derivation(
        "prop-1: TV(Q_t, P) = (1-α)^t TV(Q_0, P), pointwise form",
        sp.Abs(qt - P_),
        [
            Step("=", sp.Abs(r * (Q0 - P_)), Algebra(), "Q_t − P = r (Q_0 − P)"),
            Step("=", r * sp.Abs(Q0 - P_), Algebra(), "|r·y| = r·|y| for r ≥ 0"),
        ],
        goal=(sp.Abs(qt - P_), "=", r * sp.Abs(Q0 - P_)),
    )


def idealised_induction(closed: sp.Basic | None = None) -> Induction:
    """prop-1's closed form by induction on t: Q(0) = closed(0), and the update maps closed(t)
    to closed(t + 1). ``closed`` (a function of t) replaces the closed form (for tests)."""
    form = closed if closed is not None else idealised_closed(t)
    stmt = sp.Eq(Q(t), form)
    base = at(stmt, t, 0)
    nxt = at(stmt, t, t + 1)
    return Induction(
        "prop-1 closed form by induction on t",
        t,
        stmt,
        Derivation("base case t = 0", base.lhs, [Step("=", base.rhs, Algebra(), "(1−α)^0 = 1")],
                   goal=(base.lhs, "=", base.rhs)),
        Derivation(
            "step t → t + 1",
            nxt.lhs,
            [
                Step("=", alpha * P_ + (1 - alpha) * Q(t), Given(), "the update at time t"),
                Step("=", alpha * P_ + (1 - alpha) * form, Smt(), "induction hypothesis"),
                Step("=", nxt.rhs, Algebra(), "(1−α)·(1−α)^t = (1−α)^{t+1}"),
            ],
            goal=(nxt.lhs, "=", nxt.rhs),
            hypotheses=(sp.Le(alpha, 1), IDEALISED_RECURSION.expr, stmt),
        ),
        hypotheses=(sp.Le(alpha, 1), IDEALISED_RECURSION),
    )


def idealised_tv_general() -> Derivation:
    """TV(Q_t, P) = (1−α)^t TV(Q_0, P) over K outcomes (symbolic K), termwise then linearity."""
    lhs = tv(_qt_x, p_[x])
    r_nonneg = (sp.Ge(_r, 0), Use(POWER_NONNEGATIVE, by=(Smt(),)))
    return Derivation(
        "prop-1: TV identity for every K",
        lhs,
        [
            Step("=", sp.Sum(_r * sp.Abs(q_[x] - p_[x]) / 2, (x, 1, K)),
                 Use(SUM_CONGRUENCE, bind={"g": sp.Abs(_qt_x - p_[x]) / 2,
                                           "h": _r * sp.Abs(q_[x] - p_[x]) / 2},
                     by=(Smt(facts=(r_nonneg,)),)),
                 "termwise: Q_t(x) − P(x) = (1−α)^t (Q_0(x) − P(x)) and (1−α)^t ≥ 0"),
            Step("=", _r * tv(q_[x], p_[x]),
                 Use(FACTOR_OUT_OF_SUM, bind={"w": _r, "g": sp.Abs(q_[x] - p_[x]) / 2}),
                 "(1−α)^t does not depend on x"),
        ],
        goal=(lhs, "=", _r * tv(q_[x], p_[x])),
        hypotheses=(sp.Le(alpha, 1),),
    )


def idealised_tv_z3(k: int, steps: int) -> SmtResult:
    """z3: K = k categories, unrolled `steps` updates: TV(Q_T, P) = (1-α)^T TV(Q_0, P)."""
    ps = sp.symbols(f"p0:{k}", nonnegative=True)
    qs = sp.symbols(f"q0:{k}", nonnegative=True)
    al = sp.Symbol("alpha", nonnegative=True)
    hyps = [sp.Le(al, 1), sp.Eq(sum(ps), 1), sp.Eq(sum(qs), 1)]
    q = list(qs)
    for _ in range(steps):
        q = [al * ps[i] + (1 - al) * q[i] for i in range(k)]
    goal = sp.Eq(_tv(q, ps), (1 - al) ** steps * _tv(qs, ps))
    return prove(goal, hyps)


# --- lem-7: asymptotic self-reference ----------------------------------------------------

def self_reference_pointwise() -> Derivation:
    """P'_t(x) - Q_t(x) = α (P(x) - Q_t(x)), so |P'_t - Q_t| = α |P - Q_t| pointwise."""
    mix = alpha * P_ + (1 - alpha) * Qt
    return Derivation(
        "lem-7: TV(P'_t, Q_t) = α TV(P, Q_t), pointwise form",
        sp.Abs(mix - Qt),
        [
            Step("=", sp.Abs(alpha * (P_ - Qt)), Algebra(), "P' − Q = α(P − Q)"),
            Step("=", alpha * sp.Abs(P_ - Qt), Algebra(), "|α·y| = α·|y| for α ≥ 0"),
        ],
        goal=(sp.Abs(mix - Qt), "=", alpha * sp.Abs(P_ - Qt)),
    )


def self_reference_general() -> list[Derivation]:
    """lem-7 for every K: TV(P', Q) = α TV(P, Q), and α TV(P, Q) ≤ α."""
    lhs = tv(_mix_x, q_[x])
    d1 = Derivation(
        "lem-7: TV(P', Q) = α TV(P, Q) for every K",
        lhs,
        [
            Step("=", sp.Sum(alpha * sp.Abs(p_[x] - q_[x]) / 2, (x, 1, K)),
                 Use(SUM_CONGRUENCE, bind={"g": sp.Abs(_mix_x - q_[x]) / 2,
                                           "h": alpha * sp.Abs(p_[x] - q_[x]) / 2}),
                 "termwise: P'(x) − Q(x) = α (P(x) − Q(x)) and α ≥ 0"),
            Step("=", alpha * tv(p_[x], q_[x]),
                 Use(FACTOR_OUT_OF_SUM, bind={"w": alpha, "g": sp.Abs(p_[x] - q_[x]) / 2}),
                 "α does not depend on x"),
        ],
        goal=(lhs, "=", alpha * tv(p_[x], q_[x])),
        hypotheses=(sp.Le(alpha, 1),),
    )
    half_sum = lambda e: sp.Sum(e / 2, (x, 1, K))  # noqa: E731
    d2 = Derivation(
        "lem-7: α TV(P, Q) ≤ α for every K",
        alpha * tv(p_[x], q_[x]),
        [
            Step("<=", alpha * half_sum(p_[x] + q_[x]),
                 Use(SUM_MONOTONE, bind={"g": sp.Abs(p_[x] - q_[x]) / 2,
                                         "h": (p_[x] + q_[x]) / 2}, by=(Algebra(), Smt())),
                 "|p − q| ≤ p + q for p, q ≥ 0"),
            Step("=", alpha / 2 * sp.Sum(p_[x] + q_[x], (x, 1, K)),
                 Use(FACTOR_OUT_OF_SUM, bind={"w": sp.Rational(1, 2), "g": p_[x] + q_[x]}),
                 "take out the half"),
            Step("=", alpha / 2 * (sp.Sum(p_[x], (x, 1, K)) + sp.Sum(q_[x], (x, 1, K))),
                 Use(SUM_OF_SUMS, bind={"g": p_[x], "h": q_[x]}), "split the sum"),
            Step("=", alpha, Smt(), "Σp = Σq = 1"),
        ],
        goal=(alpha * tv(p_[x], q_[x]), "<=", alpha),
        hypotheses=(sp.Le(alpha, 1), _sum_p, _sum_q),
    )
    return [d1, d2]


def self_reference_z3(k: int) -> list[tuple[str, SmtResult]]:
    """z3 for K = k: the equality, TV ≤ 1, and the full chain TV(P', Q) ≤ α."""
    ps = sp.symbols(f"p0:{k}", nonnegative=True)
    qs = sp.symbols(f"q0:{k}", nonnegative=True)
    al = sp.Symbol("alpha", nonnegative=True)
    hyps = [sp.Le(al, 1), sp.Eq(sum(ps), 1), sp.Eq(sum(qs), 1)]
    mix = [al * ps[i] + (1 - al) * qs[i] for i in range(k)]
    return [
        (f"K={k}: TV(P',Q) = α TV(P,Q)", prove(sp.Eq(_tv(mix, qs), al * _tv(ps, qs)), hyps)),
        (f"K={k}: TV(P,Q) ≤ 1", prove(sp.Le(_tv(ps, qs), 1), hyps)),
        (f"K={k}: TV(P',Q) ≤ α", prove(sp.Le(_tv(mix, qs), al), hyps)),
    ]


# --- thm-5: the scope condition ------------------------------------------------------------

def scope_product_step() -> Derivation:
    """Q_{t+1} - P = (1 - α_t)(Q_t - P): the distance is multiplied by 1 - α_t each step."""
    at = sp.Symbol("alpha_t", nonnegative=True)
    return Derivation(
        "thm-5: one step multiplies Q − P by (1 − α_t)",
        at * P_ + (1 - at) * Qt - P_,
        [Step("=", (1 - at) * (Qt - P_), Algebra(), "expand")],
        goal=(at * P_ + (1 - at) * Qt - P_, "=", (1 - at) * (Qt - P_)),
    )


def scope_induction() -> Induction:
    """thm-5: |Q_t − P| ≤ (1 − a)^t |Q_0 − P| by induction on t when a ≤ α_s ≤ 1."""
    stmt = SCOPE_GOAL.relation
    base = at(stmt, t, 0)
    nxt = at(stmt, t, t + 1)
    al, q = A(t), Q(t)
    hyps = (SCOPE_RECURSION.expr, sp.Le(a, al), sp.Le(al, 1), stmt)
    return Induction(
        "thm-5 product bound by induction on t",
        t,
        stmt,
        Derivation("base case t = 0", base.lhs, [Step("<=", base.rhs, Algebra(), "(1−a)^0 = 1")],
                   goal=(base.lhs, "<=", base.rhs)),
        Derivation(
            "step t → t + 1",
            nxt.lhs,
            [
                Step("=", sp.Abs(al * P_ + (1 - al) * q - P_), Smt(), "the update at time t"),
                Step("=", (1 - al) * sp.Abs(q - P_), Smt(), "α_t ≤ 1"),
                Step("<=", (1 - a) * sp.Abs(q - P_), Smt(), "a ≤ α_t"),
                Step("<=", (1 - a) * (1 - a) ** t * sp.Abs(Q(0) - P_), Smt(),
                     "induction hypothesis, 1 − a ≥ 0"),
                Step("=", nxt.rhs, Algebra(), "(1−a)(1−a)^t = (1−a)^{t+1}"),
            ],
            goal=(nxt.lhs, "<=", nxt.rhs),
            hypotheses=hyps,
        ),
        hypotheses=SCOPE_GOAL.hypotheses,
    )


def scope_sufficient_z3() -> SmtResult:
    """z3: if 0 ≤ π ≤ m and a ≤ α_t ≤ 1 then 0 ≤ π(1-α_t) ≤ m(1-a) (the product bound step)."""
    pi_, m, at = sp.symbols("pi m alpha_t", real=True)
    hyps = [sp.Le(0, pi_), sp.Le(pi_, m), sp.Lt(0, a), sp.Le(a, at), sp.Le(at, 1)]
    goal = sp.And(sp.Le(0, pi_ * (1 - at)), sp.Le(pi_ * (1 - at), m * (1 - a)))
    return prove(goal, hyps)


def one_minus_x_below_exp() -> Derivation:
    """1 − x ≤ e^{−x} on [0, ∞), from monotonicity: f(0) = 0 and f' = 1 − e^{−x} ≥ 0, where
    f' ≥ 0 is itself monotonicity of f' (f'(0) = 0, f'' = e^{−x} ≥ 0)."""
    xx = sp.Symbol("x", real=True)
    z = sp.Symbol("z", real=True)
    f = sp.Lambda(z, sp.exp(-z) - (1 - z))
    fprime = sp.Lambda(z, 1 - sp.exp(-z))
    return Derivation(
        "1 − x ≤ e^{−x} on [0, ∞)",
        1 - xx,
        [
            Step("<=", sp.exp(-xx), Use(
                MONOTONE_FROM_ZERO, bind={"g": f, "a": 0},
                by=(Smt(), Algebra(), Algebra(),
                    Use(MONOTONE_FROM_ZERO, bind={"g": fprime, "a": 0},
                        by=(Smt(), Algebra(), Algebra(), Algebra())))),
                "f(x) = e^{−x} − (1 − x) ≥ 0"),
        ],
        goal=(1 - xx, "<=", sp.exp(-xx)),
        hypotheses=(sp.Le(0, xx),),
    )


def log_one_minus_x_lower() -> Derivation:
    """ln(1 − x) ≥ −2x on [0, 1/2], from monotonicity: g(0) = 0, g' = 2 − 1/(1 − x) ≥ 0."""
    xx = sp.Symbol("x", real=True)
    z = sp.Symbol("z", real=True)
    g = sp.Lambda(z, sp.log(1 - z) + 2 * z)
    return Derivation(
        "ln(1 − x) ≥ −2x on [0, 1/2]",
        -2 * xx,
        [
            Step("<=", sp.log(1 - xx), Use(
                MONOTONE_FROM_ZERO, bind={"g": g, "a": 0},
                by=(Smt(), Algebra(), Algebra(), Smt())),
                "g(x) = ln(1 − x) + 2x ≥ 0"),
        ],
        goal=(-2 * xx, "<=", sp.log(1 - xx)),
        hypotheses=(sp.Le(0, xx), sp.Le(xx, sp.Rational(1, 2))),
    )


def harmonic_schedule_product() -> dict[str, sp.Basic]:
    """α_t = 1/(t+2) (i.e. 1/(t+1) counted from t = 1): Π_{s<t}(1-α_s) = 1/(t+1) → 0.

    And a summable schedule α_t = 1/(t+2)^2: the product tends to 1/2, not 0.
    """
    k = sp.Symbol("k", integer=True, nonnegative=True)
    prod_h = sp.simplify(sp.product(1 - sp.Rational(1, 1) / (k + 2), (k, 0, t - 1)))
    prod_s = sp.simplify(sp.product(1 - 1 / (k + 2) ** 2, (k, 0, t - 1)))
    return {
        "harmonic_product": prod_h,
        "harmonic_limit": sp.limit(prod_h, t, sp.oo),
        "harmonic_alpha_limit": sp.limit(1 / (t + 2), t, sp.oo),
        "summable_product": prod_s,
        "summable_limit": sp.limit(prod_s, t, sp.oo),
    }


# --- thm-5 in the finite-sample loop (eq. 9, N fixed): diversity of the mixture ------------

_m_x = alpha * p_[x] + (1 - alpha) * q_[x]  # coordinate x of the mixture M = αP + (1−α)Q
_sq_sum = lambda e: sp.Sum(e, (x, 1, K))  # noqa: E731 - a one-line helper for readability

#: thm-5/converse-diversity: Σ m_x² ≤ α Σ p_x² + (1−α) Σ q_x² for every K, i.e.
#: G(M) ≥ α G(P) + (1−α) G(Q) with G = 1 − Σ(·)².
CONVERSE_DIVERSITY_GOAL = Goal(
    sp.Le(_sq_sum(_m_x**2), alpha * _sq_sum(p_[x] ** 2) + (1 - alpha) * _sq_sum(q_[x] ** 2)),
    (alpha, K),
    (sp.Le(alpha, 1),),
    "thm-5/converse-diversity",
)

_L, _c = sp.symbols("L c", real=True)
_LIMSUP_HYPS = (sp.Le(0, _L), sp.Le(_L, 1), sp.Le(0, _c), sp.Lt(_c, 1), sp.Le(_L, _c * _L))

#: thm-5/vanishing-alpha: Σ (q_x² − m_x²) ≤ 2α Σ q_x² for every K, i.e.
#: G(M) ≤ G(Q) + 2α(1 − G(Q)) ≤ G(Q) + 2α; and a limsup L ∈ [0, 1] with L ≤ c L, c < 1, is 0.
VANISHING_GOAL = Goal(
    sp.And(sp.Le(_sq_sum(q_[x] ** 2) - _sq_sum(_m_x**2), 2 * alpha * _sq_sum(q_[x] ** 2)),
           sp.Eq(_L, 0), evaluate=False),
    (alpha, K, _L, _c),
    (sp.Le(alpha, 1), *_LIMSUP_HYPS),
    "thm-5/vanishing-alpha",
)


def mixture_diversity_lower(weight: sp.Basic | None = None) -> Derivation:
    """Σ m_x² ≤ α Σ p_x² + (1−α) Σ q_x² over K outcomes (symbolic K): termwise convexity of
    y², then linearity. ``weight`` replaces the (1 − α) of the result (false variants)."""
    w = 1 - alpha if weight is None else weight
    lhs = _sq_sum(_m_x**2)
    termwise = alpha * p_[x] ** 2 + (1 - alpha) * q_[x] ** 2
    end = alpha * _sq_sum(p_[x] ** 2) + w * _sq_sum(q_[x] ** 2)
    return Derivation(
        "thm-5: G(M) ≥ αG(P) + (1−α)G(Q) for every K",
        lhs,
        [
            Step("<=", _sq_sum(termwise),
                 Use(SUM_MONOTONE, bind={"u": 1, "g": _m_x**2, "h": termwise},
                     by=(Algebra(), Smt())),
                 "m² ≤ αp² + (1−α)q²: α(1−α)(p − q)² ≥ 0, coordinate by coordinate"),
            Step("=", end, Algebra(), "linearity of the finite sum"),
        ],
        goal=(lhs, "<=", end),
        hypotheses=(sp.Le(alpha, 1),),
    )


def mixture_diversity_upper(factor: sp.Basic | None = None) -> Derivation:
    """Σ q_x² − Σ m_x² ≤ 2α Σ q_x² over K outcomes (symbolic K), from the coordinate bound
    q² − m² = α[(2−α)q² − 2(1−α)pq − αp²] ≤ 2αq² for p, q ≥ 0. ``factor`` replaces the 2
    (false variants)."""
    f = 2 if factor is None else factor
    lhs = _sq_sum(q_[x] ** 2) - _sq_sum(_m_x**2)
    return Derivation(
        "thm-5: G(M) ≤ G(Q) + 2α(1 − G(Q)) for every K",
        lhs,
        [
            Step("=", _sq_sum(q_[x] ** 2 - _m_x**2), Algebra(), "linearity of the finite sum"),
            Step("<=", _sq_sum(f * alpha * q_[x] ** 2),
                 Use(SUM_MONOTONE, bind={"u": 1, "g": q_[x] ** 2 - _m_x**2,
                                         "h": f * alpha * q_[x] ** 2},
                     by=(Algebra(), Smt())),
                 "q² − m² ≤ 2αq² for p, q ≥ 0 and α ∈ [0, 1], coordinate by coordinate"),
            Step("=", f * alpha * _sq_sum(q_[x] ** 2), Algebra(), "factor out 2α"),
        ],
        goal=(lhs, "<=", f * alpha * _sq_sum(q_[x] ** 2)),
        hypotheses=(sp.Le(alpha, 1),),
    )


def limsup_step() -> Derivation:
    """A limsup L ∈ [0, 1] of a sequence with L ≤ c L and 0 ≤ c < 1 is 0 (z3)."""
    return Derivation(
        "limsup step: L ≤ cL with c < 1 forces L = 0",
        _L,
        [Step("=", sp.Integer(0), Smt(), "(1 − c) L ≤ 0 with 1 − c > 0 and L ≥ 0")],
        goal=(_L, "=", sp.Integer(0)),
        hypotheses=_LIMSUP_HYPS,
    )
