"""Symbolic evidence for the contraction family: eq-4-5, prop-1, lem-7, thm-5.

Powers with a symbolic exponent (c^n, (1-α)^t) are handled the way z3 can take them: the
induction step is stated for a symbol standing for the power (p = c^n, with p_{n+1} = c·p),
which is valid for every value of that symbol, and the closed form is checked separately.
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy as sp

from proofs.derivation import Algebra, Condition, Derivation, Lemma, Smt, Step
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


def scope_sufficient_z3() -> SmtResult:
    """z3: if 0 ≤ π ≤ m and a ≤ α_t ≤ 1 then 0 ≤ π(1-α_t) ≤ m(1-a) (the product bound step)."""
    pi_, m, at = sp.symbols("pi m alpha_t", real=True)
    hyps = [sp.Le(0, pi_), sp.Le(pi_, m), sp.Lt(0, a), sp.Le(a, at), sp.Le(at, 1)]
    goal = sp.And(sp.Le(0, pi_ * (1 - at)), sp.Le(pi_ * (1 - at), m * (1 - a)))
    return prove(goal, hyps)


def one_minus_x_below_exp() -> Derivation:
    """1 - x ≤ e^{-x} for x ≥ 0 (used for: Σα_t = ∞ ⇒ Π(1-α_t) → 0)."""
    x = sp.Symbol("x", nonnegative=True)
    f = sp.exp(-x) - (1 - x)
    return Derivation(
        "1 − x ≤ e^{−x} on [0, ∞)",
        1 - x,
        [
            Step("<=", sp.exp(-x), Lemma(
                "monotonicity: f(0) = 0 and f' ≥ 0 on [0, ∞) give f ≥ 0 there",
                "f(x) = e^{−x} − (1 − x)",
                (
                    Condition(sp.Eq(f.subs(x, 0), 0), Algebra(), "f(0) = 0"),
                    Condition(sp.Ge(sp.diff(f, x), 0), Lemma(
                        "monotonicity again: f'(0) = 0 and f'' = e^{−x} ≥ 0",
                        "f'(x) = 1 − e^{−x}",
                        (
                            Condition(sp.Eq(sp.diff(f, x).subs(x, 0), 0), Algebra(), "f'(0) = 0"),
                            Condition(sp.Ge(sp.diff(f, x, 2), 0), Algebra(), "f''(x) = e^{−x} ≥ 0"),
                        ),
                    ), "f'(x) = 1 − e^{−x} ≥ 0"),
                ),
            )),
        ],
        goal=(1 - x, "<=", sp.exp(-x)),
    )


def log_one_minus_x_lower() -> Derivation:
    """ln(1 - x) ≥ -2x on [0, 1/2] (used for: Σα_t < ∞ ⇒ Π(1-α_t) stays positive)."""
    x = sp.Symbol("x", nonnegative=True)
    g = sp.log(1 - x) + 2 * x
    return Derivation(
        "ln(1 − x) ≥ −2x on [0, 1/2]",
        -2 * x,
        [
            Step("<=", sp.log(1 - x), Lemma(
                "monotonicity: g(0) = 0 and g' ≥ 0 on [0, 1/2] give g ≥ 0 there",
                "g(x) = ln(1 − x) + 2x",
                (
                    Condition(sp.Eq(g.subs(x, 0), 0), Algebra(), "g(0) = 0"),
                    Condition(sp.Ge(sp.diff(g, x), 0), Smt((sp.Le(x, sp.Rational(1, 2)),)),
                              "g'(x) = 2 − 1/(1 − x) ≥ 0 for x ≤ 1/2"),
                ),
            )),
        ],
        goal=(-2 * x, "<=", sp.log(1 - x)),
        hypotheses=(sp.Le(x, sp.Rational(1, 2)),),
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
