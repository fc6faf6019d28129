"""Symbolic evidence for the information family: Props. 9–10, eq. 20 (§5.3), §5.1, the anchor.

Contents, by claim:

* prop-9, prop-10: the data-processing inequality I(M; T) ≤ I(M; X) for any learner T whose
  law given X does not involve the mechanism M (:func:`dpi`); Gibbs' inequality, which makes
  the information loss of a statistic a sum of Kullback–Leibler terms (:func:`gibbs`).
* eq-16-20: the grounding factor (20) for total variation (equality), χ², squared Hellinger
  and KL, one coordinate at a time, and in general through the joint convexity of the
  perspective q·f(p/q) (:func:`joint_convexity`); the chain of the three contraction factors.
* sec-5-1: cross-entropy = entropy + KL, Gaussian NLL = squared error/(2σ²) + constant,
  Jensen–Shannon ≤ ln 2, KL unbounded on a two-point family.
* prop-10 anchor: the Bhattacharyya (Chernoff at s = 1/2) bound on the probability that an
  MDL learner prefers a wrong coin, and Bernoulli's inequality for the keep-probability.

Every builder takes options that produce a false variant (a learner that reads M, a concave
f, a flipped sign, ...) so the tests can show the checker rejects it.
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy as sp

from proofs.derivation import Algebra, Condition, Derivation, Lemma, Smt, Step
from proofs.smt import SmtResult, prove

__all__ = [
    "all_ones_beats_truth",
    "bernoulli_inequality_step",
    "bhattacharyya_bound",
    "bhattacharyya_coefficient",
    "chi2_coordinate",
    "composite_chain",
    "cross_entropy_identity",
    "dpi",
    "gaussian_nll_identity",
    "gibbs",
    "hellinger_coordinate",
    "joint_convexity",
    "js_bound",
    "kl_coordinate",
    "kl_two_point_family",
    "program_kernels",
    "statistic_kernels",
    "tv_coordinate",
    "tv_sum_z3",
]

# --- symbols -------------------------------------------------------------------------------
alpha = sp.Symbol("alpha", nonnegative=True)
p, s, q = sp.symbols("p s q", positive=True)
u = sp.Symbol("u", positive=True)
t_ = sp.Symbol("t", positive=True)
eps = sp.Symbol("epsilon", positive=True)


# --- prop-9 / prop-10: the data-processing inequality ----------------------------------------

J = sp.Symbol("I_{M;X,T}", nonnegative=True)  # I(M; X, T)
I_BACK = sp.Symbol("I_{M;X|T}", nonnegative=True)  # I(M; X | T) ≥ 0 (Gibbs)
PI = sp.symbols("pi_1 pi_2", positive=True)  # P(M = m | X = x), m = 1, 2; π_3 = 1 − π_1 − π_2
POSTERIOR = (PI[0], PI[1], 1 - PI[0] - PI[1])
POSTERIOR_HYP = (sp.Lt(PI[0] + PI[1], 1),)


def statistic_kernels(peeks: bool = False) -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    """P(T = t | X = x, M = m) for m = 1, 2, 3 and one cell (x, t) of a learner seeing only X.

    A learner that sees only X (a statistic, or a randomised fit with its own independent
    noise) has one kernel K(t | x) for every mechanism. ``peeks=True`` is the false variant:
    a learner whose output law depends on M as well (three different kernels).
    """
    if peeks:
        return sp.symbols("K_1 K_2 K_3", positive=True)
    k = sp.Symbol("K", positive=True)
    return (k, k, k)


def program_kernels(prior_depends_on_m: bool = False) -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    """The program learner's kernel P(G = g₁ | X = x, M = m) with two candidate programs.

    Posterior sampling under prior weights 𝒰 = (w₁, w₂) over the two programs (e.g.
    2^−len): P(G = g₁ | x) = w₁L₁ / (w₁L₁ + w₂L₂) = u·L / (u·L + 1), with prior odds
    u = w₁/w₂ and likelihood ratio L = P(x | g₁)/P(x | g₂). A *fixed* prior is a constant, the
    same u for every M. ``prior_depends_on_m=True`` is the false variant: a prior chosen with
    knowledge of M (the "exogenous information" the proof of Prop. 10 invokes), one odds u_m
    per mechanism.
    """
    lr = sp.Symbol("L", positive=True)
    if prior_depends_on_m:
        us = sp.symbols("u_1 u_2 u_3", positive=True)
    else:
        us = (sp.Symbol("u", positive=True),) * 3
    return tuple(w * lr / (w * lr + 1) for w in us)  # type: ignore[return-value]


def dpi(kernels: Sequence[sp.Expr] | None = None, learner: str = "T") -> Derivation:
    """I(M; T) ≤ I(M; X) for a learner T whose law given X does not involve M.

    Chain rule both ways: I(M; T) = J − I(M; X | T) and I(M; X) = J − I(M; T | X) with
    J = I(M; X, T). I(M; T | X) = Σ_x p(x) Σ_t Σ_m π_m K_m log(K_m / Σ_j π_j K_j), where
    π_m = P(M = m | X = x) and K_m = P(T = t | X = x, M = m); the derivation writes the term of
    one generic cell (x, t) with three mechanisms. The Markov property M → X → T makes every
    K_m equal, so every log-ratio is log 1 = 0 (the lemma's side conditions) and
    I(M; T | X) = 0. A kernel that depends on M fails the side conditions.
    """
    ks = tuple(kernels) if kernels is not None else statistic_kernels()
    mix = sum(w * k for w, k in zip(POSTERIOR, ks, strict=True))
    cell = sum(w * k * sp.log(k / mix) for w, k in zip(POSTERIOR, ks, strict=True))
    markov = Lemma(
        f"Markov chain M → X → {learner}",
        f"the law of {learner} given (X, M) is its law given X, so I(M; {learner} | X) = 0",
        tuple(
            Condition(sp.Eq(k / mix, 1), Algebra(),
                      f"P({learner} = t | X = x, M = {m + 1}) / P({learner} = t | X = x) = 1")
            for m, k in enumerate(ks)
        ),
    )
    return Derivation(
        f"data-processing inequality for M → X → {learner}",
        J - I_BACK,
        [
            Step("<=", J, Algebra(), "I(M; X | T) ≥ 0 (Gibbs' inequality)"),
            Step("=", J - cell, markov, "the one-cell term of I(M; T | X) vanishes"),
        ],
        goal=(J - I_BACK, "<=", J - cell),
        hypotheses=POSTERIOR_HYP,
        description=(
            "chain rule: I(M; T) = J − I(M; X | T) and I(M; X) = J − I(M; T | X), "
            "J = I(M; X, T); the last expression is I(M; X) written with one generic cell "
            "of I(M; T | X)"
        ),
    )


def _log_le_minus_one() -> Lemma:
    """ln u ≤ u − 1 for u > 0 (g(u) = u − 1 − ln u has g(1) = 0 and its minimum at 1)."""
    g = u - 1 - sp.log(u)
    return Lemma(
        "ln u ≤ u − 1 for u > 0, with equality only at u = 1",
        "g(u) = u − 1 − ln u: g(1) = 0 and (u − 1)·g'(u) ≥ 0, so 1 is the minimum",
        (
            Condition(sp.Eq(g.subs(u, 1), 0), Algebra(), "g(1) = 0"),
            Condition(sp.Ge((u - 1) * sp.diff(g, u), 0), Algebra(),
                      "(u − 1)·g'(u) = (u − 1)²/u ≥ 0"),
            Condition(sp.Gt((u - 1) * sp.diff(g, u), 0), Smt((sp.Ne(u, 1),)),
                      "strictly > 0 for u ≠ 1: the equality case is u = 1 only"),
        ),
    )


def gibbs(flip: bool = False) -> Derivation:
    """Σ_m π_m ln(π_m/ρ_m) ≥ 0 for probability vectors π, ρ on three points (Gibbs).

    Used for prop-9: I(M; X) − I(M; T(X)) = Σ_x p(x) KL(P(M | x) ‖ P(M | T(x))) ≥ 0, zero iff
    every posterior is unchanged (T sufficient). ``flip`` is the false variant ≤ 0.
    """
    rho = sp.symbols("rho_1 rho_2", positive=True)
    pi = POSTERIOR
    r = (rho[0], rho[1], 1 - rho[0] - rho[1])
    hyps = (*POSTERIOR_HYP, sp.Lt(rho[0] + rho[1], 1))
    kl = sum(a * sp.log(a / b) for a, b in zip(pi, r, strict=True))
    lower = sum(a * (1 - b / a) for a, b in zip(pi, r, strict=True))
    rel = "<=" if flip else ">="
    return Derivation(
        "Gibbs' inequality on three points",
        kl,
        [
            Step(rel, lower, _log_le_minus_one(),
                 "each term: π ln(π/ρ) = −π ln(ρ/π) ≥ π(1 − ρ/π)"),
            Step("=", sp.Integer(0), Algebra(), "Σπ − Σρ = 1 − 1"),
        ],
        goal=(kl, rel, sp.Integer(0)),
        hypotheses=hyps,
    )


# --- eq-16-20: the grounding factor (20) -------------------------------------------------------

def _mixture(a: sp.Expr = alpha) -> sp.Expr:
    return a * p + (1 - a) * s


def tv_coordinate(factor: sp.Expr | None = None) -> Derivation:
    """|p − (αp + (1−α)s)| = (1−α)|p − s| per coordinate, hence TV(P, αP+(1−α)S) =
    (1−α)·TV(P, S). ``factor`` replaces 1 − α (a false variant such as (1−α)²)."""
    c = (1 - alpha) if factor is None else factor
    lhs = sp.Abs(p - _mixture())
    return Derivation(
        "eq. 20 for TV, one coordinate",
        lhs,
        [
            Step("=", sp.Abs((1 - alpha) * (p - s)), Algebra(), "p − M = (1 − α)(p − s)"),
            Step("=", c * sp.Abs(p - s), Smt(), "|(1−α)y| = (1−α)|y| since 0 ≤ 1 − α"),
        ],
        goal=(lhs, "=", c * sp.Abs(p - s)),
        hypotheses=(sp.Le(alpha, 1),),
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


def chi2_coordinate(factor: sp.Expr | None = None) -> SmtResult:
    """z3: (p − m)²/m ≤ (1−α)·(p − s)²/s per coordinate, m = αp + (1−α)s, 0 ≤ α < 1.

    Since p − m = (1−α)(p − s), this is (1−α)²(p−s)²/m ≤ (1−α)(p−s)²/s, i.e. (1−α)s ≤ m.
    ``factor`` replaces 1 − α on the right (the false variant (1−α)² is refuted).
    """
    c = (1 - alpha) if factor is None else factor
    m = _mixture()
    return prove(sp.Le((p - m) ** 2 / m, c * (p - s) ** 2 / s), [sp.Lt(alpha, 1)])


def hellinger_coordinate(factor: sp.Expr | None = None) -> SmtResult:
    """z3: (√p − √m)² ≤ (1−α)(√p − √s)² per coordinate (square roots encoded exactly).

    Summing and halving gives H²(P, αP + (1−α)S) ≤ (1−α) H²(P, S).
    """
    c = (1 - alpha) if factor is None else factor
    m = _mixture()
    return prove(sp.Le((sp.sqrt(p) - sp.sqrt(m)) ** 2, c * (sp.sqrt(p) - sp.sqrt(s)) ** 2),
                 [sp.Le(alpha, 1)])


def _log_concave() -> Lemma:
    """Jensen for the concave ln: ln(αp + (1−α)s) ≥ α ln p + (1−α) ln s."""
    x = sp.Symbol("x", positive=True)
    return Lemma(
        "Jensen's inequality for the concave logarithm (weighted AM–GM)",
        "ln(αp + (1−α)s) ≥ α ln p + (1−α) ln s for α ∈ [0, 1], p, s > 0",
        (
            Condition(sp.Le(sp.diff(sp.log(x), x, 2), 0), Algebra(), "(ln x)'' = −1/x² ≤ 0"),
            Condition(sp.Ge(p, 0), Algebra(), "the coordinate weight p is ≥ 0"),
        ),
    )


def kl_coordinate(flip: bool = False) -> Derivation:
    """p ln(p/m) ≤ (1−α) p ln(p/s) per coordinate (m = αp + (1−α)s), by concavity of ln.

    Summing over the coordinates gives KL(P ‖ αP + (1−α)S) ≤ (1−α) KL(P ‖ S) for every pair
    of finite distributions with S > 0 where P > 0. ``flip`` is the false variant ≥.
    """
    m = _mixture()
    lhs = p * sp.log(p / m)
    mid = p * sp.log(p) - p * (alpha * sp.log(p) + (1 - alpha) * sp.log(s))
    rhs = (1 - alpha) * p * sp.log(p / s)
    rel = ">=" if flip else "<="
    return Derivation(
        "eq. 20 for KL, one coordinate",
        lhs,
        [
            Step("=", p * sp.log(p) - p * sp.log(m), Lemma(
                "ln(a/b) = ln a − ln b for a, b > 0", "",
                (Condition(sp.Gt(m, 0), Smt(), "m = αp + (1−α)s > 0 for α ∈ [0, 1]"),),
            ), "split the logarithm"),
            Step(rel, mid, _log_concave(), "− ln m ≤ −(α ln p + (1−α) ln s), times p ≥ 0"),
            Step("=", rhs, Algebra(), "collect: (1−α)(p ln p − p ln s)"),
        ],
        goal=(lhs, rel, rhs),
        hypotheses=(sp.Le(alpha, 1),),
    )


#: The generators f of the f-divergences checked by :func:`joint_convexity`.
F_GENERATORS: dict[str, sp.Expr] = {
    "KL": t_ * sp.log(t_),
    "chi2": (t_ - 1) ** 2,
    "squared Hellinger": (sp.sqrt(t_) - 1) ** 2 / 2,
}


def joint_convexity(name: str = "KL", f: sp.Expr | None = None) -> Derivation:
    """q·f(p/q) at q = αp + (1−α)s is ≤ (1−α)·s·f(p/s), for a convex f with f(1) = 0.

    (p, m) = α(p, p) + (1−α)(p, s), and the perspective (p, q) ↦ q f(p/q) of a convex f is
    jointly convex, so the value at (p, m) is at most α·p f(1) + (1−α)·s f(p/s) = (1−α)·s
    f(p/s). Summing over coordinates: D_f(P ‖ αP + (1−α)S) ≤ (1−α) D_f(P ‖ S). The side
    conditions are the convexity of f (f'' ≥ 0 on (0, ∞), sympy) and f(1) = 0. ``f``
    overrides the generator (a false variant: a concave f).
    """
    gen = F_GENERATORS[name] if f is None else f
    m = _mixture()

    def persp(a: sp.Expr, b: sp.Expr) -> sp.Expr:
        return b * gen.subs(t_, a / b)

    lhs = persp(p, m)
    bound = alpha * persp(p, p) + (1 - alpha) * persp(p, s)
    rhs = (1 - alpha) * persp(p, s)
    lemma = Lemma(
        "joint convexity of the perspective of a convex function (f-divergences)",
        "(a, b) ↦ b f(a/b) is jointly convex on (0, ∞)² when f is convex",
        (
            Condition(sp.Ge(sp.diff(gen, t_, 2), 0), Algebra(), "f is convex: f'' ≥ 0"),
            Condition(sp.Eq(alpha * p + (1 - alpha) * p, p), Algebra(),
                      "(p, m) = α(p, p) + (1 − α)(p, s)"),
        ),
    )
    return Derivation(
        f"eq. 20 by joint convexity ({name}), one coordinate",
        lhs,
        [
            Step("<=", bound, lemma),
            Step("=", rhs, Lemma("f(1) = 0", "p·f(p/p) = p·f(1) = 0",
                                 (Condition(sp.Eq(gen.subs(t_, 1), 0), Algebra(), "f(1) = 0"),))),
        ],
        goal=(lhs, "<=", rhs),
        hypotheses=(sp.Le(alpha, 1),),
    )


def composite_chain(kappa_lower: int = 0, steps: int = 1) -> SmtResult:
    """z3: D₁ ≤ σD₀, D₂ ≤ κD₁, D₃ ≤ (1−α)D₂ with σ, κ, α ∈ [0, 1] give D₃ ≤ (1−α)κσD₀.

    With ``steps`` > 1 the three operators are applied that many times in a row (one factor
    per generation: c_t = (1−α_t)κ_tσ), and the conclusion is D ≤ Π_t c_t · D₀.
    ``kappa_lower`` = −1 is the false variant where κ_t = 1 − η_cφ_t may be negative.
    """
    sigma = sp.Symbol("sigma", nonnegative=True)
    d = sp.symbols(f"D_0:{3 * steps + 1}", real=True)
    hyps: list[sp.Basic] = [sp.Le(sigma, 1)]
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

def cross_entropy_identity(k: int = 3, kl_sign: int = 1) -> Derivation:
    """−Σ p_i ln q_i = −Σ p_i ln p_i + kl_sign·Σ p_i ln(p_i/q_i) for k symbolic points.

    True for kl_sign = +1 (for any positive p, q, normalised or not); −1 is a false variant.
    """
    ps = sp.symbols(f"p1:{k + 1}", positive=True)
    qs = sp.symbols(f"q1:{k + 1}", positive=True)
    ce = -sum(a * sp.log(b) for a, b in zip(ps, qs, strict=True))
    h = -sum(a * sp.log(a) for a in ps)
    kl = sum(a * sp.log(a / b) for a, b in zip(ps, qs, strict=True))
    return Derivation(
        f"cross-entropy = H(P) + KL(P‖Q), K = {k}",
        ce,
        [Step("=", h + kl_sign * kl, Algebra(), "ln q = ln p − ln(p/q), term by term")],
        goal=(ce, "=", h + kl_sign * kl),
    )


def gaussian_nll_identity(scale: int | sp.Expr = 2) -> Derivation:
    """−ln N(x; μ, σ²) = (x − μ)²/(2σ²) + ½ ln(2πσ²) for real x, μ and σ > 0.

    ``scale`` replaces the 2 in the denominator (a false variant for any other value).
    """
    x, mu = sp.symbols("x mu", real=True)
    sigma = sp.Symbol("sigma", positive=True)
    density = sp.exp(-(x - mu) ** 2 / (2 * sigma**2)) / sp.sqrt(2 * sp.pi * sigma**2)
    nll = -sp.log(density)
    rhs = (x - mu) ** 2 / (sp.sympify(scale) * sigma**2) + sp.log(2 * sp.pi * sigma**2) / 2
    return Derivation(
        "Gaussian negative log-likelihood = squared error/(2σ²) + constant",
        nll,
        [Step("=", rhs, Algebra(), "ln of exp and of the normalising constant")],
        goal=(nll, "=", rhs),
    )


def js_bound(bound: sp.Expr | None = None) -> Derivation:
    """p ln(p/m) ≤ p ln 2 per coordinate with m = (p + q)/2, since p/m = 2p/(p+q) ≤ 2.

    Summing: KL(P ‖ M) ≤ ln 2 and KL(Q ‖ M) ≤ ln 2, so JS(P, Q) = ½KL(P‖M) + ½KL(Q‖M) ≤ ln 2
    for all distributions (zero coordinates of P contribute 0). ``bound`` replaces ln 2 (a
    false variant below ln 2 is rejected: the ratio 2p/(p+q) approaches 2 as q → 0).
    """
    bound = sp.log(2) if bound is None else bound
    qq = sp.Symbol("q", nonnegative=True)
    lhs = p * sp.log(2 * p / (p + qq))
    mono = Lemma(
        "ln is increasing",
        "a ≤ b ⇒ ln a ≤ ln b, here a = 2p/(p + q), b = e^bound",
        (Condition(sp.Le(2 * p / (p + qq), sp.exp(bound)), Smt(),
                   "2p/(p + q) ≤ 2 for q ≥ 0"),
         Condition(sp.Ge(p, 0), Algebra(), "the weight p is ≥ 0")),
    )
    return Derivation(
        "JS ≤ ln 2, one coordinate of KL(P ‖ (P+Q)/2)",
        lhs,
        [Step("<=", p * bound, mono)],
        goal=(lhs, "<=", p * bound),
    )


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
    r_, c_ = sp.symbols("r c", positive=True)
    lemma = Lemma(
        "Markov's inequality with a square root",
        "1{r ≥ c} ≤ √(r/c) for r ≥ 0, c > 0, so P(R ≥ c) ≤ E[√(R/c)]",
        (
            Condition(sp.Ge(sp.sqrt(r_ / c_), 1), Smt((sp.Ge(r_, c_),)),
                      "on {r ≥ c}: √(r/c) ≥ 1"),
            Condition(sp.Ge(sp.sqrt(r_ / c_), 0), Smt(), "elsewhere √(r/c) ≥ 0"),
        ),
    )
    return Derivation(
        f"Bhattacharyya bound: coin {ti} vs coin {tj}",
        start,
        [
            Step("<=", markov, lemma),
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
