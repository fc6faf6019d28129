"""Symbolic evidence for the information family: Props. 9–10, eq. 20 (§5.3), §5.1, the anchor.

The formal goals of the family (``*_GOAL``) are defined here next to the proofs that conclude
them. Distributions on K points are indexed families ``p[x]``, ``x = 1..K``, with symbolic K;
termwise facts are summed with the finite-sum schemas of :mod:`proofs.lemmas`, and every
standard result used is a schema there (no trusted lemma steps). Contents, by claim:

* prop-9, prop-10: the data-processing inequality I(M; T) ≤ I(M; X) for a learner whose
  kernel given (X, M) does not involve M (:func:`dpi`, the DPI schema with its Markov premise
  checked); Gibbs' inequality on K points (:func:`gibbs`).
* eq-16-20: the grounding factor (20) for TV (equality, :func:`tv_sum`), χ² and KL (joint
  convexity of the perspective of the generator) and squared Hellinger (z3 termwise), all for
  every K (:func:`eq20_sum`); one generation of the composite rate (:data:`COMPOSITE_GOAL`).
* sec-5-1: cross-entropy = entropy + KL (every K), Gaussian NLL = squared error/(2σ²) +
  constant, Jensen–Shannon ≤ ln 2 (every K) and KL(P ‖ Q_ε) ≥ −½ ln(4ε) on a two-point family.
* prop-10 anchor: the Bhattacharyya (Chernoff at s = 1/2) bound on the probability that an
  MDL learner prefers a wrong coin, and Bernoulli's inequality for the keep-probability.

Every builder takes options that produce a false variant (a learner that reads M, a concave
f, a flipped sign, ...) so the tests can show the checker rejects it.
"""

from __future__ import annotations

import sympy as sp

from proofs.derivation import Algebra, Derivation, Given, Smt, Step, Use
from proofs.goal import Goal
from proofs.lemmas import (
    DATA_PROCESSING,
    FACTOR_OUT_OF_SUM,
    KERNEL_M,
    KERNEL_T,
    KERNEL_X,
    LOG_LE_MINUS_ONE,
    LOG_MONOTONE,
    MARKOV_SQRT,
    PERSPECTIVE_CONVEX,
    RV_M,
    RV_X,
    SUM_CONGRUENCE,
    SUM_MONOTONE,
    SUM_OF_SUMS,
    LearnerOutput,
    MutualInformation,
)
from proofs.smt import SmtResult, prove

__all__ = [
    "CHI2_GOAL",
    "COMPOSITE_GOAL",
    "F_GENERATORS",
    "HELLINGER_GOAL",
    "KL_GOAL",
    "TV_GOAL",
    "all_ones_beats_truth",
    "bernoulli_inequality_step",
    "bhattacharyya_bound",
    "bhattacharyya_coefficient",
    "composite_chain",
    "composite_goal",
    "cross_entropy_identity",
    "divergence",
    "dpi",
    "eq20_goal",
    "eq20_sum",
    "gaussian_nll_identity",
    "gibbs",
    "js_bound",
    "kl_two_point_family",
    "program_kernels",
    "statistic_kernels",
    "tv_sum",
    "tv_sum_z3",
]

# --- symbols -------------------------------------------------------------------------------
alpha = sp.Symbol("alpha", nonnegative=True)
p, s, q = sp.symbols("p s q", positive=True)
u = sp.Symbol("u", positive=True)
t_ = sp.Symbol("t", positive=True)
eps = sp.Symbol("epsilon", positive=True)


K = sp.Symbol("K", integer=True, positive=True)  # the number of points of the distributions
x = sp.Symbol("x", integer=True, positive=True)  # the summation index, 1..K


def _sum(e: sp.Expr, k: sp.Symbol = x) -> sp.Expr:
    return sp.Sum(e, (k, 1, K))


# --- prop-9 / prop-10: the data-processing inequality ----------------------------------------

_t, _x, _m = KERNEL_T, KERNEL_X, KERNEL_M
_kernel = sp.Function("K")  # a kernel K(t | x)


def statistic_kernels(peeks: bool = False) -> sp.Expr:
    """P(T = t | X = x, M = m) for a learner seeing only X: one kernel K(t | x).

    A learner that sees only X (a statistic, or a randomised fit with its own independent
    noise) has one kernel K(t | x) for every mechanism. ``peeks=True`` is the false variant:
    a learner whose output law depends on M as well, K(t | x)·r(m).
    """
    return _kernel(_t, _x) * sp.Function("r")(_m) if peeks else _kernel(_t, _x)


def program_kernels(prior_depends_on_m: bool = False) -> sp.Expr:
    """The program learner's kernel P(G = g₁ | X = x, M = m) with two candidate programs.

    Posterior sampling under prior weights 𝒰 = (w₁, w₂) over the two programs (e.g.
    2^−len): P(G = g₁ | x) = w₁L₁ / (w₁L₁ + w₂L₂) = u·L / (u·L + 1), with prior odds
    u = w₁/w₂ and likelihood ratio L(x) = P(x | g₁)/P(x | g₂). A *fixed* prior is a constant,
    the same u for every M. ``prior_depends_on_m=True`` is the false variant: a prior chosen
    with knowledge of M (the "exogenous information" the proof of Prop. 10 invokes), odds
    u(m).
    """
    lr = sp.Function("L")(_x)
    w = sp.Function("u")(_m) if prior_depends_on_m else sp.Symbol("u", positive=True)
    return w * lr / (w * lr + 1)


def dpi_goal(kernel: sp.Expr | None = None) -> Goal:
    """I(M; T) ≤ I(M; X) for the learner T with kernel ``kernel`` (default K(t | x))."""
    k = statistic_kernels() if kernel is None else kernel
    return Goal(sp.Le(MutualInformation(RV_M, LearnerOutput(k)), MutualInformation(RV_M, RV_X)),
                (), (), "prop-9/dpi")


DPI_GOAL = dpi_goal()


def dpi(kernel: sp.Expr | None = None, learner: str = "T") -> Derivation:
    """I(M; T) ≤ I(M; X) for a learner T whose law given (X, M) is ``kernel``.

    The data-processing inequality (a schema of the trust base) applies when M → X → T is a
    Markov chain; its premise, checked here, is that the kernel P(T = t | X = x, M = m) does
    not involve m. A kernel that depends on M (a learner that reads M, a prior chosen with
    knowledge of M) fails the premise.
    """
    k = statistic_kernels() if kernel is None else kernel
    g = dpi_goal(k)
    lhs, rhs = g.relation.lhs, g.relation.rhs
    return Derivation(
        f"data-processing inequality for M → X → {learner}",
        lhs,
        [Step("<=", rhs, Use(DATA_PROCESSING, bind={"k": sp.Lambda((_t, _x, _m), k)}),
              f"the law of {learner} given (X, M) does not involve M")],
        goal=(lhs, "<=", rhs),
    )


PI_ = sp.IndexedBase("pi", positive=True)  # P(M = m | X = x), m = 1..K
RHO_ = sp.IndexedBase("rho", positive=True)  # P(M = m | T = T(x))
_mm = sp.Symbol("m", integer=True, positive=True)
_im = sp.Symbol("i", integer=True)
GIBBS_HYP = (sp.Eq(_sum(PI_[_mm], _mm), 1), sp.Eq(_sum(RHO_[_mm], _mm), 1))


def gibbs_goal(flip: bool = False) -> Goal:
    """KL(π ‖ ρ) = Σ_m π_m ln(π_m/ρ_m) ≥ 0 for probability vectors on K points."""
    kl = _sum(PI_[_mm] * sp.log(PI_[_mm] / RHO_[_mm]), _mm)
    rel = sp.Le(kl, 0) if flip else sp.Ge(kl, 0)
    return Goal(rel, (K,), GIBBS_HYP, "Gibbs")


def gibbs(flip: bool = False) -> Derivation:
    """Σ_m π_m ln(π_m/ρ_m) ≥ 0 for probability vectors π, ρ on K points (Gibbs), every K.

    Termwise π ln(π/ρ) = −π ln(ρ/π) ≥ π(1 − ρ/π) = π − ρ by ln u ≤ u − 1, summed; then
    Σπ − Σρ = 0. Used for prop-9: I(M; X) − I(M; T(X)) = Σ_x p(x) KL(P(M | x) ‖ P(M | T(x))).
    ``flip`` is the false variant ≤ 0.
    """
    pi, rho = PI_[_im], RHO_[_im]
    kl = _sum(PI_[_mm] * sp.log(PI_[_mm] / RHO_[_mm]), _mm)
    diff = PI_[_mm] - RHO_[_mm]
    termwise = Smt(facts=(
        (sp.Le(sp.log(rho / pi), rho / pi - 1), Use(LOG_LE_MINUS_ONE)),
        (sp.Eq(sp.log(pi / rho), -sp.log(rho / pi)), Algebra()),
    ))
    rel = "<=" if flip else ">="
    return Derivation(
        "Gibbs' inequality on K points",
        kl,
        [
            Step(rel, _sum(diff, _mm), Use(SUM_MONOTONE, bind={"u": 1, "g": diff,
                                                               "h": PI_[_mm] * sp.log(
                                                                   PI_[_mm] / RHO_[_mm])},
                                            by=(Algebra(), termwise)),
                 "termwise π ln(π/ρ) ≥ π − ρ (ln u ≤ u − 1 at u = ρ/π)"),
            Step("=", _sum(PI_[_mm], _mm) + _sum(-RHO_[_mm], _mm),
                 Use(SUM_OF_SUMS, bind={"u": 1, "g": PI_[_mm], "h": -RHO_[_mm]}), "split"),
            Step("=", sp.Integer(0), Smt(facts=(
                (sp.Eq(_sum(-RHO_[_mm], _mm), -_sum(RHO_[_mm], _mm)),
                 Use(FACTOR_OUT_OF_SUM, bind={"u": 1, "w": -1, "g": RHO_[_mm]})),)),
                 "Σπ − Σρ = 1 − 1"),
        ],
        goal=(kl, rel, sp.Integer(0)),
        hypotheses=GIBBS_HYP,
    )


# --- eq-16-20: the grounding factor (20) -------------------------------------------------------

i_ = sp.Symbol("i", integer=True)  # the index of a termwise premise (the schemas' bound name)
P_ = sp.IndexedBase("p", positive=True)  # P on K points, P > 0
S_ = sp.IndexedBase("s", positive=True)  # S on K points, S > 0
P0 = sp.IndexedBase("p", nonnegative=True)  # for TV: zero entries allowed
S0 = sp.IndexedBase("s", nonnegative=True)
ALPHA_HYP = (sp.Le(alpha, 1),)


def _mixture(a: sp.Expr = alpha) -> sp.Expr:
    return a * p + (1 - a) * s


def _mix(pb: sp.IndexedBase, sb: sp.IndexedBase, k: sp.Symbol = x) -> sp.Expr:
    """Coordinate k of αP + (1−α)S."""
    return alpha * pb[k] + (1 - alpha) * sb[k]


#: The divergences of eq. 20 as summands D(a ‖ b) = Σ_x term(a_x, b_x).
TERMS: dict[str, object] = {
    "tv": lambda a, b: sp.Abs(a - b) / 2,
    "chi2": lambda a, b: (a - b) ** 2 / b,
    "hellinger": lambda a, b: (sp.sqrt(a) - sp.sqrt(b)) ** 2 / 2,
    "kl": lambda a, b: a * sp.log(a / b),
}

#: The generators f of the f-divergences (term(a, b) = b f(a/b)).
F_GENERATORS: dict[str, sp.Expr] = {
    "kl": t_ * sp.log(t_),
    "chi2": (t_ - 1) ** 2,
    "hellinger": (sp.sqrt(t_) - 1) ** 2 / 2,
}


def divergence(name: str, a: sp.IndexedBase, b: sp.Expr | sp.IndexedBase,
               k: sp.Symbol = x) -> sp.Expr:
    """D(a ‖ b) = Σ_{x=1}^{K} term(a_x, b_x); ``b`` an IndexedBase or an expression in x."""
    term = TERMS[name]
    bx = b[k] if isinstance(b, sp.IndexedBase) else b
    return sp.Sum(term(a[k], bx), (k, 1, K))  # type: ignore[operator]


def eq20_goal(name: str, factor: sp.Expr | None = None) -> Goal:
    """Eq. 20 for one divergence, over K points (symbolic K): D(P ‖ αP + (1−α)S) ≤ (1−α)
    D(P ‖ S), with equality for TV. ``factor`` replaces 1 − α (for false variants)."""
    c = (1 - alpha) if factor is None else factor
    pb, sb = (P0, S0) if name == "tv" else (P_, S_)
    lhs = divergence(name, pb, _mix(pb, sb))
    rhs = c * divergence(name, pb, sb)
    rel = sp.Eq(lhs, rhs) if name == "tv" else sp.Le(lhs, rhs)
    return Goal(rel, (alpha, K), ALPHA_HYP, f"eq-16-20/{name}")


TV_GOAL = eq20_goal("tv")
CHI2_GOAL = eq20_goal("chi2")
HELLINGER_GOAL = eq20_goal("hellinger")
KL_GOAL = eq20_goal("kl")


def tv_sum(factor: sp.Expr | None = None) -> Derivation:
    """TV(P, αP + (1−α)S) = (1−α) TV(P, S) for every K: termwise |p − m| = (1−α)|p − s|
    (z3), then the constant factor out of the sum. ``factor`` replaces 1 − α."""
    c = (1 - alpha) if factor is None else factor
    term = TERMS["tv"]
    g = term(P0[x], _mix(P0, S0))  # type: ignore[operator]
    h0 = term(P0[x], S0[x])  # type: ignore[operator]
    lhs = _sum(g)
    return Derivation(
        "eq. 20 for TV, every K",
        lhs,
        [
            Step("=", _sum(c * h0), Use(SUM_CONGRUENCE, bind={"u": 1, "g": g, "h": c * h0},
                                        by=(Smt(),)),
                 "termwise: p − m = (1 − α)(p − s) and 1 − α ≥ 0"),
            Step("=", c * _sum(h0), Use(FACTOR_OUT_OF_SUM, bind={"u": 1, "w": c, "g": h0}),
                 "1 − α does not depend on x"),
        ],
        goal=(lhs, "=", c * _sum(h0)),
        hypotheses=ALPHA_HYP,
    )


def _termwise(name: str, how: str, f: sp.Expr | None) -> object:
    """The justification of the termwise inequality term(p, m) ≤ (1−α) term(p, s) at index i."""
    pi, si = P_[i_], S_[i_]
    if how == "z3":
        return Smt()
    if how == "convexity":
        gen = F_GENERATORS[name] if f is None else f
        return Use(PERSPECTIVE_CONVEX,
                   bind={"f": sp.Lambda(t_, gen), "w": alpha, "a_1": pi, "b_1": pi,
                         "a_2": pi, "b_2": si},
                   by=(Algebra(), Given()))
    raise ValueError(f"unknown termwise justification {how!r}")


def eq20_sum(name: str, how: str = "convexity", f: sp.Expr | None = None,
             factor: sp.Expr | None = None, flip: bool = False) -> Derivation:
    """D(P ‖ αP + (1−α)S) ≤ (1−α) D(P ‖ S) for every K, for χ², squared Hellinger or KL.

    The termwise inequality term(p, m) ≤ (1−α) term(p, s) (m = αp + (1−α)s) is summed by
    monotonicity of finite sums, then 1 − α is taken out. ``how`` justifies the termwise
    step: ``convexity`` (the perspective of the generator f is jointly convex and
    (p, m) = α(p, p) + (1−α)(p, s), f(1) = 0) or ``z3`` (real arithmetic, square roots
    exact). False variants: ``f`` replaces the generator (a
    concave f), ``factor`` replaces 1 − α, ``flip`` asks for ≥.
    """
    c = (1 - alpha) if factor is None else factor
    term = TERMS[name]
    g = term(P_[x], _mix(P_, S_))  # type: ignore[operator]
    h0 = term(P_[x], S_[x])  # type: ignore[operator]
    rel = ">=" if flip else "<="
    lhs = _sum(g)
    by = _termwise(name, how, f)
    return Derivation(
        f"eq. 20 for {name}, every K ({how})",
        lhs,
        [
            Step(rel, _sum(c * h0), Use(SUM_MONOTONE, bind={"u": 1, "g": g, "h": c * h0},
                                        by=(Algebra(), by)),
                 "termwise inequality, summed over x = 1..K"),
            Step("=", c * _sum(h0), Use(FACTOR_OUT_OF_SUM, bind={"u": 1, "w": c, "g": h0}),
                 "1 − α does not depend on x"),
        ],
        goal=(lhs, rel, c * _sum(h0)),
        hypotheses=ALPHA_HYP,
    )


def tv_sum_z3(k: int = 3, factor: sp.Expr | None = None) -> SmtResult:
    """z3: TV(P, αP + (1−α)S) = (1−α)·TV(P, S) for distributions on ``k`` points."""
    ps = sp.symbols(f"p0:{k}", nonnegative=True)
    ss = sp.symbols(f"s0:{k}", nonnegative=True)
    c = (1 - alpha) if factor is None else factor
    hyps = [sp.Le(alpha, 1), sp.Eq(sum(ps), 1), sp.Eq(sum(ss), 1)]
    mix = [alpha * a + (1 - alpha) * b for a, b in zip(ps, ss, strict=True)]
    tv_m = sum(sp.Abs(a - b) for a, b in zip(ps, mix, strict=True)) / 2
    tv_s = sum(sp.Abs(a - b) for a, b in zip(ps, ss, strict=True)) / 2
    return prove(sp.Eq(tv_m, c * tv_s), hyps)


D_ = sp.symbols("D_0:4", real=True)  # D(P ‖ ·) after 0, 1, 2, 3 of the three operators
sigma = sp.Symbol("sigma", real=True)
kappa = sp.Symbol("kappa", real=True)


def composite_goal(kappa_lower: int = 0) -> Goal:
    """One generation: the three bounds (16), (17), (20) chain to the composite rate.

    ``kappa_lower`` = −1 is the false variant where κ_t = 1 − η_cφ_t may be negative.
    """
    hyps = (
        sp.Le(0, sigma), sp.Le(sigma, 1), sp.Le(sp.Integer(kappa_lower), kappa), sp.Le(kappa, 1),
        sp.Le(alpha, 1),
        sp.Le(D_[1], sigma * D_[0]), sp.Le(D_[2], kappa * D_[1]),
        sp.Le(D_[3], (1 - alpha) * D_[2]),
    )
    return Goal(sp.Le(D_[3], (1 - alpha) * kappa * sigma * D_[0]),
                (*D_, sigma, kappa, alpha), hyps, "eq-16-20/composite")


COMPOSITE_GOAL = composite_goal()


def composite_chain(kappa_lower: int = 0, steps: int = 1) -> SmtResult:
    """z3: D₁ ≤ σD₀, D₂ ≤ κD₁, D₃ ≤ (1−α)D₂ with σ, κ, α ∈ [0, 1] give D₃ ≤ (1−α)κσD₀.

    With ``steps`` > 1 the three operators are applied that many times in a row (one factor
    per generation: c_t = (1−α_t)κ_tσ), and the conclusion is D ≤ Π_t c_t · D₀.
    ``kappa_lower`` = −1 is the false variant where κ_t = 1 − η_cφ_t may be negative.
    """
    d = sp.symbols(f"D_0:{3 * steps + 1}", real=True)
    hyps: list[sp.Basic] = [sp.Le(0, sigma), sp.Le(sigma, 1)]
    rate = sp.Integer(1)
    for g in range(steps):
        kap = sp.Symbol(f"kappa_{g}", real=True)
        al = sp.Symbol(f"alpha_{g}", nonnegative=True)
        hyps += [sp.Le(sp.Integer(kappa_lower), kap), sp.Le(kap, 1), sp.Le(al, 1)]
        base = 3 * g
        hyps += [sp.Le(d[base + 1], sigma * d[base]), sp.Le(d[base + 2], kap * d[base + 1]),
                 sp.Le(d[base + 3], (1 - al) * d[base + 2])]
        rate *= (1 - al) * kap * sigma
    return prove(sp.Le(d[3 * steps], rate * d[0]), hyps)


# --- sec-5-1 -------------------------------------------------------------------------------

Q_ = sp.IndexedBase("q", positive=True)


def cross_entropy_goal(kl_sign: int = 1) -> Goal:
    """CE(P, Q) = H(P) + kl_sign·KL(P ‖ Q) over K points: −Σ p ln q = −Σ p ln p + Σ p ln(p/q)."""
    ce = _sum(-P_[x] * sp.log(Q_[x]))
    h = _sum(-P_[x] * sp.log(P_[x]))
    kl = _sum(kl_sign * P_[x] * sp.log(P_[x] / Q_[x]))
    return Goal(sp.Eq(ce, h + kl), (K,), (), "sec-5-1/cross-entropy")


CROSS_ENTROPY_GOAL = cross_entropy_goal()


def cross_entropy_identity(kl_sign: int = 1) -> Derivation:
    """−Σ p_x ln q_x = −Σ p_x ln p_x + kl_sign·Σ p_x ln(p_x/q_x) for every K (termwise, then
    linearity). True for kl_sign = +1 (any positive p, q, normalised or not); −1 is false."""
    g = cross_entropy_goal(kl_sign)
    lhs, rhs = g.relation.lhs, g.relation.rhs
    a_ = -P_[x] * sp.log(P_[x])
    b_ = kl_sign * P_[x] * sp.log(P_[x] / Q_[x])
    return Derivation(
        "cross-entropy = H(P) + KL(P‖Q), every K",
        lhs,
        [
            Step("=", _sum(a_ + b_), Use(SUM_CONGRUENCE, bind={"u": 1, "g": -P_[x] * sp.log(
                Q_[x]), "h": a_ + b_}), "termwise: ln q = ln p − ln(p/q)"),
            Step("=", rhs, Use(SUM_OF_SUMS, bind={"u": 1, "g": a_, "h": b_}), "split the sum"),
        ],
        goal=(lhs, "=", rhs),
    )


_xr, _mu = sp.symbols("x mu", real=True)
_sigma = sp.Symbol("sigma", positive=True)


def gaussian_nll_goal(scale: int | sp.Expr = 2) -> Goal:
    """−ln N(x; μ, σ²) = (x − μ)²/(2σ²) + ½ ln(2πσ²) (``scale`` replaces the 2)."""
    density = sp.exp(-(_xr - _mu) ** 2 / (2 * _sigma**2)) / sp.sqrt(2 * sp.pi * _sigma**2)
    rhs = (_xr - _mu) ** 2 / (sp.sympify(scale) * _sigma**2) + sp.log(2 * sp.pi * _sigma**2) / 2
    return Goal(sp.Eq(-sp.log(density), rhs), (_xr, _mu, _sigma), (), "sec-5-1/mse")


MSE_GOAL = gaussian_nll_goal()


def gaussian_nll_identity(scale: int | sp.Expr = 2) -> Derivation:
    """−ln N(x; μ, σ²) = (x − μ)²/(2σ²) + ½ ln(2πσ²) for real x, μ and σ > 0.

    ``scale`` replaces the 2 in the denominator (a false variant for any other value).
    """
    g = gaussian_nll_goal(scale)
    lhs, rhs = g.relation.lhs, g.relation.rhs
    return Derivation(
        "Gaussian negative log-likelihood = squared error/(2σ²) + constant",
        lhs,
        [Step("=", rhs, Algebra(), "ln of exp and of the normalising constant")],
        goal=(lhs, "=", rhs),
    )


_JS_HYP = (sp.Eq(_sum(P_[x]), 1), sp.Eq(_sum(Q_[x]), 1))


def _js_half(a: sp.IndexedBase, b: sp.IndexedBase, k: sp.Symbol = x) -> sp.Expr:
    """The summand of KL(A ‖ (A + B)/2): a ln(2a/(a + b))."""
    return a[k] * sp.log(2 * a[k] / (a[k] + b[k]))


def js_goal(bound: sp.Expr | None = None) -> Goal:
    """JS(P, Q) = ½KL(P ‖ M) + ½KL(Q ‖ M) ≤ ln 2, M = (P + Q)/2, for distributions on K points."""
    bound = sp.log(2) if bound is None else bound
    js = _sum(_js_half(P_, Q_)) / 2 + _sum(_js_half(Q_, P_)) / 2
    return Goal(sp.Le(js, bound), (K,), _JS_HYP, "sec-5-1/js-bounded")


def js_bound(bound: sp.Expr | None = None) -> Derivation:
    """JS(P, Q) ≤ ln 2 for every K: termwise a ln(2a/(a + b)) ≤ a ln 2 (ln is increasing and
    2a/(a + b) ≤ 2), summed, and Σp = Σq = 1. ``bound`` replaces ln 2 (a false variant below
    ln 2 is rejected: the ratio 2p/(p + q) approaches 2 as q → 0)."""
    g = js_goal(bound)
    lhs, rhs = g.relation.lhs, g.relation.rhs
    ln2 = sp.log(2)

    def termwise(a: sp.IndexedBase, b: sp.IndexedBase) -> object:
        r = 2 * a[i_] / (a[i_] + b[i_])
        return Smt(facts=((sp.Le(sp.log(r), ln2), Use(LOG_MONOTONE, by=(Algebra(), Smt()))),))

    def mono(a: sp.IndexedBase, b: sp.IndexedBase) -> tuple[sp.Basic, object]:
        return (sp.Le(_sum(_js_half(a, b)), _sum(ln2 * a[x])),
                Use(SUM_MONOTONE, bind={"u": 1, "g": _js_half(a, b), "h": ln2 * a[x]},
                    by=(Algebra(), termwise(a, b))))

    def factor(a: sp.IndexedBase) -> tuple[sp.Basic, object]:
        return (sp.Eq(_sum(ln2 * a[x]), ln2 * _sum(a[x])),
                Use(FACTOR_OUT_OF_SUM, bind={"u": 1, "w": ln2, "g": a[x]}))

    return Derivation(
        "JS ≤ ln 2, every K",
        lhs,
        [Step("<=", rhs, Smt(facts=(mono(P_, Q_), mono(Q_, P_), factor(P_), factor(Q_))),
              "termwise bounds summed; Σp = Σq = 1")],
        goal=(lhs, "<=", rhs),
        hypotheses=_JS_HYP,
    )


_e, _eta = sp.symbols("epsilon eta", positive=True)  # Q_ε = (ε, η), η = 1 − ε
KL_FAMILY_HYP = (sp.Eq(_e + _eta, 1),)


def kl_family_goal(bound: sp.Expr | None = None) -> Goal:
    """KL((½, ½) ‖ (ε, 1 − ε)) ≥ −½ ln(4ε): unbounded as ε → 0+ (``bound`` replaces it)."""
    half = sp.Rational(1, 2)
    kl = half * sp.log(half / _e) + half * sp.log(half / _eta)
    bound = -sp.log(4 * _e) / 2 if bound is None else bound
    return Goal(sp.Ge(kl, bound), (_e, _eta), KL_FAMILY_HYP, "KL on Q_ε")


def kl_family_lower(bound: sp.Expr | None = None) -> Derivation:
    """KL(P ‖ Q_ε) = −½ ln 4 − ½ ln ε − ½ ln(1 − ε) ≥ −½ ln(4ε), since ln(1 − ε) ≤ −ε < 0."""
    g = kl_family_goal(bound)
    lhs, rhs = g.relation.lhs, g.relation.rhs
    split = -sp.log(4) / 2 - sp.log(_e) / 2 - sp.log(_eta) / 2
    return Derivation(
        "KL on the two-point family is unbounded",
        lhs,
        [
            Step("=", split, Algebra(), "ln of the ratios, ε, η > 0"),
            Step(">=", -sp.log(4) / 2 - sp.log(_e) / 2,
                 Smt(facts=((sp.Le(sp.log(_eta), _eta - 1), Use(LOG_LE_MINUS_ONE)),)),
                 "ln η ≤ η − 1 = −ε < 0"),
            Step("=", rhs, Algebra(), "ln 4 + ln ε = ln(4ε)"),
        ],
        goal=(lhs, ">=", rhs),
        hypotheses=KL_FAMILY_HYP,
    )


def js_bounded_goal() -> Goal:
    """sec-5-1/js-bounded: JS ≤ ln 2 on every K, and KL(P ‖ Q_ε) ≥ −½ ln(4ε)."""
    js, fam = js_goal(), kl_family_goal()
    return Goal(sp.And(js.relation, fam.relation, evaluate=False), (K, _e, _eta),
                (*js.hypotheses, *fam.hypotheses), "sec-5-1/js-bounded")


JS_BOUNDED_GOAL = js_bounded_goal()


def kl_two_point_family() -> dict[str, sp.Basic]:
    """KL(P ‖ Q_ε) for P = (½, ½), Q_ε = (ε, 1 − ε): closed form and its limit as ε → 0+.

    Also JS(P, Q_ε) in closed form and its limit, and TV = ½ − ε.
    """
    e = sp.Symbol("epsilon", positive=True)
    half = sp.Rational(1, 2)
    kl = half * sp.log(half / e) + half * sp.log(half / (1 - e))
    closed = -sp.log(4 * e * (1 - e)) / 2
    m1, m2 = (half + e) / 2, (half + 1 - e) / 2
    js = (half * (half * sp.log(half / m1) + half * sp.log(half / m2))
          + half * (e * sp.log(e / m1) + (1 - e) * sp.log((1 - e) / m2)))
    return {
        "kl": kl,
        "closed": closed,
        "kl_limit": sp.limit(kl, e, 0, "+"),
        "js": js,
        "js_limit": sp.limit(js, e, 0, "+"),
        "epsilon": e,
    }


# --- prop-10 anchor -----------------------------------------------------------------------------

def bhattacharyya_coefficient(theta_i: sp.Expr, theta_j: sp.Expr) -> sp.Expr:
    """E_i[√(p_j(Y)/p_i(Y))] for one draw Y of Bernoulli(θ_i): √(θ_iθ_j) + √((1−θ_i)(1−θ_j))."""
    return sp.sqrt(theta_i * theta_j) + sp.sqrt((1 - theta_i) * (1 - theta_j))


def bhattacharyya_bound(theta_i: sp.Expr, len_i: int, theta_j: sp.Expr, len_j: int,
                        lam: int | sp.Expr = 1,
                        coefficient: sp.Expr | None = None) -> Derivation:
    """P_i(MDL score of coin j ≥ score of coin i) ≤ 2^(λ(len_i − len_j)/2) · B^N for every N.

    Score = P(data | coin)·2^(−λ·len). With k ones in N draws of coin i, j scores at least as
    well iff R(k) = (θ_j/θ_i)^k ((1−θ_j)/(1−θ_i))^(N−k) ≥ c = 2^(λ(len_j − len_i)). Markov's
    inequality with √: 1{R ≥ c} ≤ √(R/c); the binomial theorem then sums
    E_i[√R] = B^N with B the Bhattacharyya coefficient. Every step holds for symbolic N.
    ``coefficient`` replaces B (a false variant with a smaller base is rejected).
    """
    n = sp.Symbol("N", integer=True, nonnegative=True)
    k = sp.Symbol("k", integer=True, nonnegative=True)
    ti, tj = sp.Rational(theta_i), sp.Rational(theta_j)
    c = sp.Integer(2) ** (sp.sympify(lam) * (len_j - len_i))
    ratio = (tj / ti) ** k * ((1 - tj) / (1 - ti)) ** (n - k)
    pmf = sp.binomial(n, k) * ti**k * (1 - ti) ** (n - k)
    start = sp.Sum(pmf * sp.Piecewise((1, ratio >= c), (0, True)), (k, 0, n))
    markov = sp.Sum(pmf * sp.sqrt(ratio / c), (k, 0, n))
    b = bhattacharyya_coefficient(ti, tj) if coefficient is None else coefficient
    end = b**n / sp.sqrt(c)
    ki = sp.Symbol("i", integer=True)  # the index of the termwise premise
    pmf_i, ratio_i = pmf.subs(k, ki), ratio.subs(k, ki)
    termwise = Use(MARKOV_SQRT, bind={"w": pmf_i, "r": ratio_i, "c": c})
    lemma = Use(SUM_MONOTONE, bind={"u": 1, "g": pmf * sp.Piecewise((1, ratio >= c), (0, True)),
                                    "h": pmf * sp.sqrt(ratio / c)},
                by=(Algebra(), termwise))
    return Derivation(
        f"Bhattacharyya bound: coin {ti} vs coin {tj}",
        start,
        [
            Step("<=", markov, lemma, "Markov's inequality for √R, termwise"),
            Step("=", end, Algebra(), "binomial theorem: Σ C(N,k) a^k b^(N−k) = (a + b)^N"),
        ],
        goal=(start, "<=", end),
    )


def bernoulli_inequality_step(flip: bool = False) -> SmtResult:
    """z3, induction step of (1 − ε)^T ≥ 1 − Tε: if r ≥ 1 − Tε (r = (1−ε)^T ≥ 0, T ≥ 0,
    0 ≤ ε ≤ 1) then (1 − ε)r ≥ 1 − (T + 1)ε. ``flip`` asks for the false ≤ version."""
    r, tt, e = sp.symbols("r T epsilon", nonnegative=True)
    hyps = [sp.Le(e, 1), sp.Ge(r, 1 - tt * e)]
    goal = (sp.Le if flip else sp.Ge)((1 - e) * r, 1 - (tt + 1) * e)
    return prove(goal, hyps)


def all_ones_beats_truth(n_min: int = 1) -> SmtResult:
    """z3: on a sample of N ones, the coin 3/4 scores strictly above the true coin 1/4.

    Both programs have 4 bits, so the comparison is (3/4)^N vs (1/4)^N, i.e. y·3^N > y with
    y = (1/4)^N > 0. The power 3^N is a symbol x with the fact x ≥ 3^n_min (3^N is increasing
    in N); for N ≥ 1 (``n_min`` = 1) z3 proves it; ``n_min`` = 0 (allowing N = 0, where the
    two tie) is a false variant that z3 refutes.
    """
    x, y = sp.symbols("x y", positive=True)
    return prove(sp.Gt(x * y, y), [sp.Ge(x, sp.Integer(3) ** n_min)])
