"""Symbolic evidence for Remark 6 (training against an imperfect verifier).

Four models, each with its own derivations and z3 encodings:

* fixed verifier: the filter map A ↦ A·TPR / (A·TPR + (1 − A)·FPR), its closed form by
  induction (u and v stand for TPR^t and FPR^t), the improvement threshold TPR > FPR in both
  directions, the fixed points {0, 1}, and a geometric tail bound for 1 − A_t;
* proxy exploitation: the replicator π_t ∝ π_0·r^t, its closed form, a bound on the accuracy
  that decays like (r_C/r_max)^t, and the one-step ratio facts;
* KL-regularised updates: stationarity of the Lagrangian at the Gibbs policy, the Gibbs
  variational identity, the Gibbs inequality KL ≥ 0 (from ln x ≤ x − 1), and the closed form of
  the iteration;
* learned verifier: once the verifier accepts exactly the support of the policy, the accepted
  distribution is the policy itself.

Decay of ρ^t for 0 ≤ ρ < 1 is proved, not cited: with ρ = 1/(1 + h), Bernoulli's inequality
(1 + h)^t ≥ 1 + t·h (induction, z3) gives ρ^t ≤ 1/(1 + t·h), whose limit sympy computes.
"""

from __future__ import annotations

import sympy as sp

from proofs.derivation import (
    Algebra,
    Derivation,
    Given,
    Induction,
    Smt,
    Step,
    Use,
    at,
)
from proofs.goal import Goal
from proofs.lemmas import (
    BINOMIAL_FREQUENCY_SECOND_MOMENT,
    BINOMIAL_Y,
    FACTOR_OUT_OF_SUM,
    LOG_LE_MINUS_ONE,
    POWER_MONOTONE,
    SUM_CONGRUENCE,
    SUM_MONOTONE,
    SUM_OF_SUMS,
    BinomialAverage,
)
from proofs.names import Name
from proofs.smt import SmtResult, prove

__all__ = [
    "bernoulli_step",
    "filter_map",
    "fixed_closed_form_base",
    "fixed_closed_form_direct",
    "fixed_closed_form_step",
    "fixed_point_queries",
    "fixed_tail_bound",
    "geometric_decay",
    "geometric_limit",
    "gibbs_inequality",
    "gibbs_iteration_step",
    "gibbs_optimum_value",
    "gibbs_stationarity",
    "gibbs_stationarity_all",
    "gibbs_value_at_optimum",
    "gibbs_variational_identity",
    "power_monotone_step",
    "proxy_accuracy_bound",
    "proxy_ratio_queries",
    "replicator_closed_form_direct",
    "replicator_closed_form_step",
    "replicator_is_gibbs",
    "rubber_stamp",
    "threshold_queries",
]

# --- symbols ---------------------------------------------------------------------------
A = sp.Symbol("A", positive=True)  # current accuracy, with A < 1 as a hypothesis
A0 = sp.Symbol("A_0", positive=True)
TPR = Name("TPR", positive=True)  # a Name prints upright in LaTeX: \mathrm{TPR}
FPR = Name("FPR", nonnegative=True)
u = sp.Symbol("u", positive=True)  # stands for TPR^t
v = sp.Symbol("v", nonnegative=True)  # stands for FPR^t
t = sp.Symbol("t", integer=True, nonnegative=True)
tr = sp.Symbol("t", nonnegative=True)  # a real t ≥ 0 for the polynomial induction steps
h = sp.Symbol("h", positive=True)  # ρ = 1/(1 + h)
q = sp.Symbol("q", positive=True)  # stands for (1 + h)^t
w = sp.Symbol("w", nonnegative=True)  # stands for (FPR/TPR)^t
beta = sp.Symbol("beta", positive=True)


def filter_map(a: sp.Expr, tpr: sp.Expr, fpr: sp.Expr) -> sp.Expr:
    """One generation of training on accepted answers (infinite-sample limit)."""
    return a * tpr / (a * tpr + (1 - a) * fpr)


def _closed(a0: sp.Expr, up: sp.Expr, vp: sp.Expr) -> sp.Expr:
    return a0 * up / (a0 * up + (1 - a0) * vp)


# --- Bernoulli and geometric decay -------------------------------------------------------

def bernoulli_step() -> Derivation:
    """Induction step of (1 + h)^t ≥ 1 + t·h: from q ≥ 1 + t·h get (1 + h)·q ≥ 1 + (t + 1)·h."""
    hyps = (sp.Ge(q, 1 + tr * h),)
    return Derivation(
        "Bernoulli's inequality, induction step (q stands for (1+h)^t)",
        (1 + h) * q,
        [
            Step(">=", (1 + h) * (1 + tr * h), Smt(), "induction hypothesis times 1 + h > 0"),
            Step("=", 1 + (tr + 1) * h + tr * h**2, Algebra(), "expand"),
            Step(">=", 1 + (tr + 1) * h, Algebra(), "drop t·h² ≥ 0"),
        ],
        goal=((1 + h) * q, ">=", 1 + (tr + 1) * h),
        hypotheses=hyps,
    )


def geometric_decay() -> Derivation:
    """ρ^t = 1/(1 + h)^t ≤ 1/(1 + t·h) for ρ = 1/(1 + h) ∈ (0, 1), given Bernoulli."""
    return Derivation(
        "geometric decay: ρ^t ≤ 1/(1 + t·h) for ρ = 1/(1+h)",
        1 / q,
        [Step("<=", 1 / (1 + tr * h), Smt(), "q = (1+h)^t ≥ 1 + t·h (Bernoulli) and both > 0")],
        goal=(1 / q, "<=", 1 / (1 + tr * h)),
        hypotheses=(sp.Ge(q, 1 + tr * h),),
    )


def geometric_limit(scale: sp.Expr | None = None) -> sp.Expr:
    """lim_{t→∞} scale/(1 + t·h) for h > 0 (sympy): the bound that makes ρ^t → 0."""
    tt = sp.Symbol("t", positive=True)
    k = sp.Integer(1) if scale is None else scale
    return sp.limit(k / (1 + tt * h), tt, sp.oo)


# --- fixed verifier ----------------------------------------------------------------------

_FIXED_HYPS = (sp.Lt(A0, 1),)


def fixed_closed_form_step() -> Derivation:
    """If A_t = A_0 u/(A_0 u + (1−A_0) v) then the filter gives the same form with u·TPR, v·FPR."""
    at = _closed(A0, u, v)
    nxt = _closed(A0, u * TPR, v * FPR)
    return Derivation(
        "fixed verifier: closed form, induction step (u = TPR^t, v = FPR^t)",
        filter_map(at, TPR, FPR),
        [Step("=", nxt, Algebra(), "cancel the common denominator A_0·u + (1 − A_0)·v")],
        goal=(filter_map(at, TPR, FPR), "=", nxt),
        hypotheses=_FIXED_HYPS,
    )


def fixed_closed_form_direct() -> Derivation:
    """The closed form with a symbolic exponent t satisfies A_{t+1} = F(A_t)."""
    at = _closed(A0, TPR**t, FPR**t)
    nxt = _closed(A0, TPR ** (t + 1), FPR ** (t + 1))
    return Derivation(
        "fixed verifier: closed form satisfies the filter map (symbolic t)",
        filter_map(at, TPR, FPR),
        [Step("=", nxt, Algebra(), "TPR·TPR^t = TPR^{t+1}, FPR·FPR^t = FPR^{t+1}")],
        goal=(filter_map(at, TPR, FPR), "=", nxt),
        hypotheses=(*_FIXED_HYPS, sp.Gt(FPR, 0)),
    )


def fixed_closed_form_base() -> Derivation:
    """At t = 0 (u = v = 1) the closed form is A_0."""
    return Derivation(
        "fixed verifier: closed form at t = 0",
        _closed(A0, sp.Integer(1), sp.Integer(1)),
        [Step("=", A0, Algebra(), "A_0/(A_0 + 1 − A_0)")],
        goal=(_closed(A0, sp.Integer(1), sp.Integer(1)), "=", A0),
    )


def fixed_tail_bound() -> Derivation:
    """1 − A_t ≤ (1 − A_0)/A_0 · w with w = (FPR/TPR)^t; w → 0 when FPR < TPR."""
    at = A0 / (A0 + (1 - A0) * w)
    return Derivation(
        "fixed verifier: 1 − A_t ≤ (1−A_0)/A_0 · (FPR/TPR)^t",
        1 - at,
        [
            Step("=", (1 - A0) * w / (A0 + (1 - A0) * w), Algebra(), "common denominator"),
            Step("<=", (1 - A0) * w / A0, Smt(), "drop (1 − A_0)·w ≥ 0 from the denominator"),
        ],
        goal=(1 - at, "<=", (1 - A0) * w / A0),
        hypotheses=_FIXED_HYPS,
    )


def _threshold_hyps() -> list[sp.Basic]:
    return [sp.Lt(A, 1), sp.Le(TPR, 1), sp.Le(FPR, 1)]


def threshold_queries() -> list[tuple[str, SmtResult]]:
    """z3: on 0 < A < 1, F(A) > A iff TPR > FPR (both directions); < iff <; = iff =."""
    fa = filter_map(A, TPR, FPR)
    hyps = _threshold_hyps()
    gain_num = A * TPR - A * (A * TPR + (1 - A) * FPR)
    return [
        ("TPR > FPR ⇒ A_{t+1} > A_t", prove(sp.Gt(fa, A), [*hyps, sp.Gt(TPR, FPR)])),
        ("A_{t+1} > A_t ⇒ TPR > FPR", prove(sp.Gt(TPR, FPR), [*hyps, sp.Gt(fa, A)])),
        ("TPR < FPR ⇒ A_{t+1} < A_t", prove(sp.Lt(fa, A), [*hyps, sp.Lt(TPR, FPR)])),
        ("A_{t+1} < A_t ⇒ TPR < FPR", prove(sp.Lt(TPR, FPR), [*hyps, sp.Lt(fa, A)])),
        ("cleared numerator = A(1−A)(TPR−FPR)",
         prove(sp.Eq(gain_num, A * (1 - A) * (TPR - FPR)), [])),
        ("denominator > 0", prove(sp.Gt(A * TPR + (1 - A) * FPR, 0), hyps)),
    ]


def fixed_point_queries() -> list[tuple[str, SmtResult]]:
    """z3: for TPR ≠ FPR the fixed points of the filter on [0, 1] are exactly 0 and 1."""
    a = sp.Symbol("A", nonnegative=True)
    fa = filter_map(a, TPR, FPR)
    hyps = [sp.Le(a, 1), sp.Le(TPR, 1), sp.Le(FPR, 1), sp.Ne(TPR, FPR),
            sp.Gt(a * TPR + (1 - a) * FPR, 0)]
    is_end = sp.Or(sp.Eq(a, 0), sp.Eq(a, 1))
    return [
        ("F(A) = A ⇒ A ∈ {0, 1}", prove(is_end, [*hyps, sp.Eq(fa, a)])),
        ("A ∈ {0, 1} ⇒ F(A) = A", prove(sp.Eq(fa, a), [*hyps, is_end])),
    ]


# --- proxy exploitation ------------------------------------------------------------------

P1, P2, P3 = sp.symbols("pi_1 pi_2 pi_3", positive=True)  # unnormalised π_0 weights
R1, R2, R3 = sp.symbols("r_1 r_2 r_3", positive=True)  # acceptance probabilities
U1, U2, U3 = sp.symbols("u_1 u_2 u_3", positive=True)  # stand for r_i^t
Z = sp.Symbol("Z", positive=True)  # a normaliser


def _normalised(ws: list[sp.Expr]) -> list[sp.Expr]:
    z = sum(ws)
    return [x / z for x in ws]


def _replicator_step(pol: list[sp.Expr], rs: list[sp.Expr]) -> list[sp.Expr]:
    return _normalised([p * r for p, r in zip(pol, rs, strict=True)])


def replicator_closed_form_step() -> Derivation:
    """K = 3: one replicator step of π_0·r^t/Z (any normaliser Z > 0) is π_0·r^{t+1}/Z_{t+1}.

    u_i stands for r_i^t; the normaliser of the current policy cancels, so the step holds
    whatever Z is (in particular for Z_t = Σ π_0 r^t).
    """
    ps, rs, us = [P1, P2, P3], [R1, R2, R3], [U1, U2, U3]
    cur = [p * x / Z for p, x in zip(ps, us, strict=True)]
    nxt = _normalised([p * x * r for p, x, r in zip(ps, us, rs, strict=True)])
    start = _replicator_step(cur, rs)[0]
    return Derivation(
        "replicator: closed form, induction step (first coordinate; the others are symmetric)",
        start,
        [Step("=", nxt[0], Algebra(), "Z cancels")],
        goal=(start, "=", nxt[0]),
    )


def replicator_closed_form_direct() -> Derivation:
    """K = 3 with symbolic t: the step maps π_0 r^t/Z_t to π_0 r^{t+1}/Z_{t+1}."""
    ps, rs = [P1, P2, P3], [R1, R2, R3]
    cur = _normalised([p * r**t for p, r in zip(ps, rs, strict=True)])
    nxt = _normalised([p * r ** (t + 1) for p, r in zip(ps, rs, strict=True)])
    start = _replicator_step(cur, rs)[1]
    return Derivation(
        "replicator: closed form with symbolic t (second coordinate)",
        start,
        [Step("=", nxt[1], Algebra(), "r·r^t = r^{t+1}; Z_t cancels")],
        goal=(start, "=", nxt[1]),
    )


def proxy_accuracy_bound() -> Derivation:
    """Accuracy x/(x + y) ≤ (a/m)·(u/v) when x ≤ a·u and y ≥ m·v.

    x = Σ_{c∈C} π_0(c) r(c)^t ≤ π_0(C)·r_C^t = a·u (r_C the largest r on correct answers);
    y = Z_t − x ≥ π_0(M)·r_max^t = m·v (M the maximisers of r on the support, all wrong).
    """
    x, y = sp.symbols("x y", nonnegative=True)
    a, m, uu, vv = sp.symbols("a m u v", positive=True)
    hyps = (sp.Le(x, a * uu), sp.Ge(y, m * vv), sp.Gt(x + y, 0))
    return Derivation(
        "proxy: accuracy ≤ π_0(C)/π_0(M) · (r_C/r_max)^t",
        x / (x + y),
        [
            Step("<=", x / y, Smt(), "drop x ≥ 0 from the denominator (y ≥ m·v > 0)"),
            Step("<=", a * uu / (m * vv), Smt(), "x ≤ a·u and y ≥ m·v"),
        ],
        goal=(x / (x + y), "<=", a * uu / (m * vv)),
        hypotheses=hyps,
    )


def power_monotone_step() -> Derivation:
    """Induction step of r^t ≤ s^t for 0 ≤ r ≤ s: from p ≤ p' get r·p ≤ s·p'."""
    r, s_, p, pp = sp.symbols("r s p p'", nonnegative=True)
    hyps = (sp.Le(r, s_), sp.Le(p, pp))
    return Derivation(
        "powers are monotone: r ≤ s ⇒ r^t ≤ s^t (induction step; p = r^t, p' = s^t)",
        r * p,
        [Step("<=", s_ * pp, Smt(), "multiply two inequalities between non-negatives")],
        goal=(r * p, "<=", s_ * pp),
        hypotheses=hyps,
    )


def proxy_ratio_queries() -> tuple[list[tuple[str, SmtResult]], tuple[str, SmtResult]]:
    """z3, K = 3 (c correct, w wrong with the largest r, o any other answer), one step.

    Proved: the odds π(c)/π(w) are multiplied by r_c/r_w, so they fall strictly when
    r_c < r_w; the mass on the maximiser never falls. Returned separately: the statement
    "the accuracy never rises in one step", which z3 should refute with a confirmed model
    (the accuracy can rise before it collapses).
    """
    pc, pw, po = sp.symbols("p_c p_w p_o", positive=True)
    rc, rw, ro = sp.symbols("r_c r_w r_o", positive=True)
    hyps = [sp.Eq(pc + pw + po, 1), sp.Le(rc, 1), sp.Le(rw, 1), sp.Le(ro, 1),
            sp.Lt(rc, rw), sp.Le(ro, rw)]
    z = pc * rc + pw * rw + po * ro
    nc, nw = pc * rc / z, pw * rw / z
    proved = [
        ("odds multiply by r_c/r_w", prove(sp.Eq(nc / nw, (pc / pw) * (rc / rw)), hyps)),
        ("odds fall strictly", prove(sp.Lt(nc / nw, pc / pw), hyps)),
        ("mass on the maximiser never falls", prove(sp.Ge(nw, pw), hyps)),
    ]
    rises = ("accuracy never rises in one step", prove(sp.Le(nc, pc), hyps))
    return proved, rises


# --- KL-regularised ----------------------------------------------------------------------

Q1, Q2, Q3 = sp.symbols("q_1 q_2 q_3", positive=True)  # reference policy π_ref
RW1, RW2, RW3 = sp.symbols("rho_1 rho_2 rho_3", real=True)  # rewards (any real numbers)
W1, W2, W3 = sp.symbols("w_1 w_2 w_3", positive=True)  # unnormalised comparison policy


def _gibbs_parts(
    z: sp.Expr = Z,
) -> tuple[list[sp.Expr], list[sp.Expr], list[sp.Expr], sp.Expr]:
    """π_ref, rewards, π* = π_ref e^{r/β}/z and z (by default a positive symbol)."""
    ref = [Q1, Q2, Q3]
    rew = [RW1, RW2, RW3]
    star = [p * sp.exp(r / beta) / z for p, r in zip(ref, rew, strict=True)]
    return ref, rew, star, z


def _partition() -> sp.Expr:
    return sum(p * sp.exp(r / beta) for p, r in zip([Q1, Q2, Q3], [RW1, RW2, RW3], strict=True))


def _objective(pol: list[sp.Expr], ref: list[sp.Expr], rew: list[sp.Expr]) -> sp.Expr:
    return sum(p * r for p, r in zip(pol, rew, strict=True)) - beta * sum(
        p * sp.log(p / q_) for p, q_ in zip(pol, ref, strict=True)
    )


def _kl(pol: list[sp.Expr], other: list[sp.Expr]) -> sp.Expr:
    return sum(p * sp.log(p / o) for p, o in zip(pol, other, strict=True))


def gibbs_stationarity() -> Derivation:
    """∂/∂π_1 of E_π[r] − β KL(π‖π_ref) − λ(Σπ − 1) at π* = π_ref e^{r/β}/Z is β ln Z − β − λ.

    The value does not depend on the coordinate (the computation is the same for every i), so
    λ = β ln Z − β makes every partial derivative vanish: π* is a stationary point.
    """
    ref, rew, star, z = _gibbs_parts()
    pis = sp.symbols("x_1 x_2 x_3", positive=True)
    lam = sp.Symbol("lambda", real=True)
    lagr = _objective(list(pis), ref, rew) - lam * (sum(pis) - 1)
    grads = [sp.diff(lagr, x).subs(dict(zip(pis, star, strict=True))) for x in pis]
    return Derivation(
        "KL-regularised: Lagrange stationarity at π* ∝ π_ref e^{r/β} (coordinate 1)",
        grads[0],
        [Step("=", beta * sp.log(z) - beta - lam, Algebra(),
              "r_1 − β(ln(π*_1/π_ref,1) + 1) − λ with ln(π*_1/π_ref,1) = r_1/β − ln Z")],
        goal=(grads[0], "=", beta * sp.log(z) - beta - lam),
    )


def gibbs_stationarity_all() -> list[Derivation]:
    """The same stationarity computation for each of the three coordinates."""
    ref, rew, star, z = _gibbs_parts()
    pis = sp.symbols("x_1 x_2 x_3", positive=True)
    lam = sp.Symbol("lambda", real=True)
    lagr = _objective(list(pis), ref, rew) - lam * (sum(pis) - 1)
    out = []
    for i, x in enumerate(pis):
        g = sp.diff(lagr, x).subs(dict(zip(pis, star, strict=True)))
        out.append(Derivation(
            f"KL-regularised: Lagrange stationarity at π*, coordinate {i + 1}",
            g,
            [Step("=", beta * sp.log(z) - beta - lam, Algebra(),
                  f"ln(π*_{i + 1}/π_ref,{i + 1}) = r_{i + 1}/β − ln Z")],
            goal=(g, "=", beta * sp.log(z) - beta - lam),
        ))
    return out


def gibbs_variational_identity() -> Derivation:
    """K = 3: E_π[r] − β KL(π‖π_ref) = β ln Z − β KL(π‖π*) for every policy π = w/Σw > 0.

    π* = π_ref e^{r/β}/Z; the identity holds for every Z > 0 (it uses only Σπ = 1), in
    particular for the normaliser Z = Σ π_ref e^{r/β}.
    """
    ref, rew, star, z = _gibbs_parts()
    pol = _normalised([W1, W2, W3])
    lhs = _objective(pol, ref, rew)
    rhs = beta * sp.log(z) - beta * _kl(pol, star)
    return Derivation(
        "Gibbs variational identity (K = 3, π = w/Σw arbitrary)",
        lhs,
        [Step("=", rhs, Algebra(), "ln(π/π*) = ln(π/π_ref) − r/β + ln Z; Σπ = 1")],
        goal=(lhs, "=", rhs),
    )


def _log_facts(pol: list[sp.Expr], oth: list[sp.Expr]) -> tuple[tuple[sp.Basic, Use], ...]:
    """ln(σ_i/π_i) ≤ σ_i/π_i − 1 for each coordinate: instances of the schema ln x ≤ x − 1."""
    return tuple(
        (sp.Le(sp.log(o / p), o / p - 1, evaluate=False), Use(LOG_LE_MINUS_ONE))
        for p, o in zip(pol, oth, strict=True)
    )


def gibbs_inequality() -> Derivation:
    """K = 3: KL(π‖σ) ≥ 0 for positive π = w/Σw, σ = s/Σs, from ln x ≤ x − 1 termwise."""
    s1, s2, s3 = sp.symbols("s_1 s_2 s_3", positive=True)
    pol = _normalised([W1, W2, W3])
    oth = _normalised([s1, s2, s3])
    neg_kl = sum(p * sp.log(o / p) for p, o in zip(pol, oth, strict=True))
    linear = sum(p * (o / p - 1) for p, o in zip(pol, oth, strict=True))
    return Derivation(
        "Gibbs inequality: −KL(π‖σ) ≤ 0 (K = 3)",
        neg_kl,
        [
            Step("<=", linear, Smt(facts=_log_facts(pol, oth)),
                 "ln x ≤ x − 1 at x = σ_i/π_i, times π_i > 0"),
            Step("=", sum(oth) - sum(pol), Algebra(), "π_i(σ_i/π_i − 1) = σ_i − π_i"),
            Step("=", sp.Integer(0), Algebra(), "both sum to 1"),
        ],
        goal=(neg_kl, "<=", sp.Integer(0)),
    )


def gibbs_optimum_value() -> Derivation:
    """E_π[r] − β KL(π‖π_ref) ≤ β ln Z for every π, Z = Σ π_ref e^{r/β} (K = 3).

    The rewards enter through E_i = e^{r_i/β} (r_i = β ln E_i), so Z = Σ π_ref,i E_i is
    a rational expression and the sample points of the spot checks are cheap.

    The variational identity writes the objective as β ln Z − β KL(π‖π*) = β ln Z +
    β Σ π_i ln(π*_i/π_i); then ln x ≤ x − 1 at x = π*_i/π_i and Σπ* = Σπ = 1.
    """
    ref = [Q1, Q2, Q3]
    ex = sp.symbols("E_1:4", positive=True)  # E_i = e^{r_i/β}, so r_i = β ln E_i
    rew = [beta * sp.log(e) for e in ex]
    z = sum(q_ * e for q_, e in zip(ref, ex, strict=True))
    star = [q_ * e / z for q_, e in zip(ref, ex, strict=True)]
    pol = _normalised([W1, W2, W3])
    lhs = _objective(pol, ref, rew)
    blz = beta * sp.log(z)
    mid = blz + beta * sum(p * sp.log(o / p) for p, o in zip(pol, star, strict=True))
    linear = blz + beta * sum(p * (o / p - 1) for p, o in zip(pol, star, strict=True))
    return Derivation(
        "KL-regularised: every policy's value is at most β ln Z",
        lhs,
        [
            Step("=", mid, Algebra(), "ln(π/π*) = ln(π/π_ref) − r/β + ln Z and Σπ = 1"),
            Step("<=", linear, Smt(facts=_log_facts(pol, star)),
                 "ln x ≤ x − 1 at x = π*_i/π_i, times β π_i > 0"),
            Step("=", blz, Algebra(), "Σπ* = Σπ = 1"),
        ],
        goal=(lhs, "<=", blz),
    )


def gibbs_value_at_optimum() -> Derivation:
    """At π = π* the objective equals β ln Z, for Z the normaliser of π* (K = 3)."""
    z = sp.Symbol("Z", positive=True)
    ref, rew, star, _ = _gibbs_parts(z)
    val = _objective(star, ref, rew)
    total = sum(star)
    # Σπ* = 1 is what makes the value β ln Z: write the value as β ln Z·Σπ* first
    return Derivation(
        "KL-regularised: value at π* is β ln Z·Σπ* = β ln Z",
        val,
        [Step("=", beta * sp.log(z) * total, Algebra(),
              "ln(π*_i/π_ref,i) = r_i/β − ln Z, so each term is β ln Z·π*_i")],
        goal=(val, "=", beta * sp.log(z) * total),
    )


def gibbs_iteration_step() -> Derivation:
    """K = 3, symbolic t: the Gibbs update of π_0 e^{t r/β}/Z is π_0 e^{(t+1) r/β}/Z_{t+1}."""
    p0 = [Q1, Q2, Q3]
    rew = [RW1, RW2, RW3]
    cur = [p * sp.exp(t * r / beta) / Z for p, r in zip(p0, rew, strict=True)]
    upd = _normalised([p * sp.exp(r / beta) for p, r in zip(cur, rew, strict=True)])
    nxt = _normalised([p * sp.exp((t + 1) * r / beta) for p, r in zip(p0, rew, strict=True)])
    return Derivation(
        "KL-regularised iteration: π_t ∝ π_0 e^{t r/β}, induction step (coordinate 1)",
        upd[0],
        [Step("=", nxt[0], Algebra(), "e^{t r/β}·e^{r/β} = e^{(t+1) r/β}; Z cancels")],
        goal=(upd[0], "=", nxt[0]),
    )


def replicator_is_gibbs() -> Derivation:
    """π_0 e^{t·ln r} = π_0 r^t: the replicator is the Gibbs iteration for reward ln r, β = 1."""
    return Derivation(
        "replicator = Gibbs iteration with reward ln r and β = 1",
        P1 * sp.exp(t * sp.log(R1)),
        [Step("=", P1 * R1**t, Algebra(), "e^{t ln r} = r^t for r > 0")],
        goal=(P1 * sp.exp(t * sp.log(R1)), "=", P1 * R1**t),
    )


# --- learned verifier --------------------------------------------------------------------

def rubber_stamp() -> Derivation:
    """A verifier with v = 1 on the support of π accepts with law π·v/Σπ·v = π (K = 3)."""
    pol = _normalised([W1, W2, W3])
    acc = _normalised([p * 1 for p in pol])
    return Derivation(
        "learned verifier: accepting the whole support leaves the policy unchanged",
        acc[0],
        [Step("=", pol[0], Algebra(), "Σ π·1 = 1")],
        goal=(acc[0], "=", pol[0]),
    )


# --- formal goals: proxy exploitation and the learned verifier, for every number of answers --

tt = sp.Symbol("t", integer=True, nonnegative=True)
ca = sp.Symbol("c", integer=True, positive=True)  # a correct answer, 1..K_C
wa = sp.Symbol("w", integer=True, positive=True)  # another wrong answer, 1..K_W
KC = sp.Symbol("K_C", integer=True, positive=True)
KW = sp.Symbol("K_W", integer=True, positive=True)
pc = sp.IndexedBase("a", nonnegative=True)  # π_0 on the correct answers
ec = sp.IndexedBase("e", nonnegative=True)  # r(c) = r_C/(1 + e_c) ≤ r_C
pw = sp.IndexedBase("b", nonnegative=True)  # π_0 on the other wrong answers
uw = sp.IndexedBase("u", nonnegative=True)  # their acceptance probabilities
rC = sp.Symbol("r_C", positive=True)  # the largest acceptance of a correct answer
rmax = sp.Symbol("r_max", positive=True)  # the acceptance of the maximisers M (all wrong)
mM = sp.Symbol("m", positive=True)  # π_0(M)


def proxy_masses() -> tuple[sp.Basic, sp.Basic]:
    """X_t = Σ_c π_0(c) r(c)^t (correct) and Y_t = π_0(M) r_max^t + Σ_w π_0(w) r(w)^t (wrong):
    π_t(C) = X_t/(X_t + Y_t) for π_t ∝ π_0 r^t."""
    x = sp.Sum(pc[ca] * (rC / (1 + ec[ca])) ** tt, (ca, 1, KC))
    y = mM * rmax**tt + sp.Sum(pw[wa] * uw[wa] ** tt, (wa, 1, KW))
    return x, y


def proxy_bound() -> sp.Basic:
    """π_0(C)/π_0(M) · r_C^t / r_max^t."""
    return sp.Sum(pc[ca], (ca, 1, KC)) / mM * rC**tt / rmax**tt


def proxy_general() -> Derivation:
    """Every number of answers: π_t(C) = X/(X + Y) ≤ π_0(C)/π_0(M)·(r_C/r_max)^t."""
    x, y = proxy_masses()
    mass_c = sp.Sum(pc[ca], (ca, 1, KC))
    # z3 sees r_max^t and r_max^(−t) as two opaque numbers: tell it they are inverses
    inverse = (sp.Eq(sp.Mul(rmax**tt, rmax ** (-tt), evaluate=False), 1, evaluate=False),
               Algebra("r^t r^(−t) = 1"))
    # the premise of the termwise sum is stated at the schema's own (renamed) index i
    i = sp.Symbol("i", integer=True)
    termwise = (
        sp.Le(x, sp.Sum(pc[ca] * rC**tt, (ca, 1, KC))),
        Use(SUM_MONOTONE, bind={"u": sp.Integer(1), "g": pc[ca] * (rC / (1 + ec[ca])) ** tt,
                                "h": pc[ca] * rC**tt},
            by=(Algebra(), Smt(facts=((sp.Le((rC / (1 + ec[i])) ** tt, rC**tt),
                                       Use(POWER_MONOTONE)),)))),
    )
    factor = (sp.Eq(sp.Sum(pc[ca] * rC**tt, (ca, 1, KC)), rC**tt * mass_c),
              Use(FACTOR_OUT_OF_SUM, bind={"u": sp.Integer(1), "w": rC**tt, "g": pc[ca]}))
    return Derivation(
        "proxy (every number of answers): π_t(C) ≤ π_0(C)/π_0(M)·(r_C/r_max)^t",
        x / (x + y),
        [
            Step("<=", x / (mM * rmax**tt), Smt(facts=(inverse,)),
                 "Y_t ≥ π_0(M) r_max^t > 0: drop the other wrong answers and X_t ≥ 0"),
            Step("<=", proxy_bound(), Smt(facts=(termwise, factor)),
                 "r(c)^t ≤ r_C^t for every correct c (monotone powers), summed"),
        ],
        goal=(x / (x + y), "<=", proxy_bound()),
    )


hb = sp.Symbol("h", positive=True)


def bernoulli_statement() -> sp.Basic:
    """(1 + h)^t ≥ 1 + t h."""
    return sp.Ge((1 + hb) ** tt, 1 + tt * hb)


def bernoulli_induction(statement: sp.Basic | None = None) -> Induction:
    """Bernoulli's inequality (1 + h)^t ≥ 1 + t·h for every t ≥ 0 (h > 0), by induction:
    with r_C/r_max = 1/(1 + h) it gives (r_C/r_max)^t ≤ 1/(1 + t h) → 0."""
    stmt = statement if statement is not None else bernoulli_statement()
    base = at(stmt, tt, 0)
    nxt = at(stmt, tt, tt + 1)
    return Induction(
        "Bernoulli's inequality by induction on t",
        tt,
        stmt,
        Derivation("base case t = 0", base.lhs, [Step(">=", base.rhs, Algebra(), "(1+h)^0 = 1")],
                   goal=(base.lhs, ">=", base.rhs)),
        Derivation(
            "step t → t + 1",
            nxt.lhs,
            [
                Step("=", (1 + hb) * (1 + hb) ** tt, Algebra(), "(1+h)^{t+1} = (1+h)(1+h)^t"),
                Step(">=", (1 + hb) * stmt.rhs, Smt(), "induction hypothesis times 1 + h > 0"),
                Step(">=", nxt.rhs, Smt(), "1 + (t+1)h + t h² ≥ 1 + (t+1)h"),
            ],
            goal=(nxt.lhs, ">=", nxt.rhs),
            hypotheses=(stmt,),
        ),
    )


def proxy_goal() -> Goal:
    """rem-6/proxy-exploit's formal goal (see :data:`PROXY_GOAL`)."""
    x, y = proxy_masses()
    return Goal(sp.And(sp.Le(x / (x + y), proxy_bound()), bernoulli_statement(), evaluate=False),
                (tt, KC, KW, rC, rmax, mM, hb), (), "rem-6/proxy-exploit")


#: rem-6/proxy-exploit: for every t and every number of answers, with r(c) ≤ r_C on the
#: correct answers and the maximisers M (mass m = π_0(M), acceptance r_max) wrong, the
#: accuracy of π_t ∝ π_0 r^t is at most π_0(C)/π_0(M)·r_C^t/r_max^t; and (1 + h)^t ≥ 1 + t h,
#: so with r_C/r_max = 1/(1 + h) the bound is at most π_0(C)/(π_0(M)(1 + t h)) → 0.
PROXY_GOAL = proxy_goal()


# --- learned verifier: the Gini identity of one refit, for every number of answers ----------

xq = sp.Symbol("x", integer=True, positive=True)
KA = sp.Symbol("K", integer=True, positive=True)
MA = sp.Symbol("m", integer=True, positive=True)  # accepted draws
qv = sp.IndexedBase("q", nonnegative=True)  # the accepted law π v/Σ π v
piv = sp.IndexedBase("pi", nonnegative=True)  # the policy
za = sp.Symbol("z", integer=True, positive=True)
Q_PROBABILITY = (sp.Lambda(xq, sp.Le(qv[xq], 1)), sp.Eq(sp.Sum(qv[xq], (xq, 1, KA)), 1))
PI_SUMS_TO_ONE = sp.Eq(sp.Sum(piv[xq], (xq, 1, KA)), 1)


def _s(e: sp.Basic) -> sp.Basic:
    return sp.Sum(e, (xq, 1, KA))


def refit_gini_general() -> Derivation:
    """Every K: 1 − Σ_x E[Q̂(x)²] = (1 − 1/m)(1 − Σ_x q(x)²) for the empirical law Q̂ of m
    draws from q (each N Q̂(x) ~ Binomial(m, q(x)); binomial second moment per answer, then
    linearity of the finite sum)."""
    second = BinomialAverage(BINOMIAL_Y**2, BINOMIAL_Y, MA, qv[xq])
    q, q2 = qv[xq], qv[xq] ** 2
    keep = 1 - 1 / MA
    start = 1 - _s(second)
    moment = Use(BINOMIAL_FREQUENCY_SECOND_MOMENT, by=(Algebra(), Given("q(x) ≤ 1")))
    minus = sp.Integer(-1)
    return Derivation(
        "refit (every K): E[G(Q̂)] = (1 − 1/m)·G(q)",
        start,
        [
            Step("=", 1 - _s(keep * q2 + q / MA),
                 Use(SUM_CONGRUENCE, bind={"u": minus, "g": second, "h": keep * q2 + q / MA},
                     by=(moment,)),
                 "binomial second moment at each answer: q² + q(1 − q)/m"),
            Step("=", 1 - (_s(keep * q2) + _s(q / MA)),
                 Use(SUM_OF_SUMS, bind={"u": minus, "g": keep * q2, "h": q / MA}),
                 "split the sum"),
            Step("=", 1 - (keep * _s(q2) + _s(q / MA)),
                 Use(FACTOR_OUT_OF_SUM, bind={"u": minus, "w": keep, "g": q2}),
                 "1 − 1/m does not depend on x"),
            Step("=", 1 - (keep * _s(q2) + _s(q) / MA),
                 Use(FACTOR_OUT_OF_SUM, bind={"u": minus, "w": 1 / MA, "g": q}),
                 "1/m does not depend on x"),
            Step("=", keep * (1 - _s(q2)), Smt(), "Σ_x q(x) = 1"),
        ],
        goal=(start, "=", keep * (1 - _s(q2))),
        hypotheses=Q_PROBABILITY,
    )


def rubber_stamp_general() -> Derivation:
    """Every K: a verifier that accepts the whole support (v = 1 there) accepts with law
    π(z)·1/Σ_x π(x)·1 = π(z): the policy itself."""
    start = piv[za] * 1 / _s(piv[xq] * 1)
    return Derivation(
        "learned verifier (every K): accepting the whole support leaves the policy unchanged",
        start,
        [Step("=", piv[za], Smt(), "Σ_x π(x) = 1")],
        goal=(start, "=", piv[za]),
        hypotheses=(PI_SUMS_TO_ONE,),
    )


def learned_goal() -> Goal:
    """rem-6/learned-verifier's formal goal (see :data:`LEARNED_GOAL`)."""
    second = BinomialAverage(BINOMIAL_Y**2, BINOMIAL_Y, MA, qv[xq])
    return Goal(
        sp.And(sp.Eq(1 - _s(second), (1 - 1 / MA) * (1 - _s(qv[xq] ** 2))),
               sp.Eq(piv[za] / _s(piv[xq]), piv[za]), evaluate=False),
        (MA, KA, za),
        (*Q_PROBABILITY, PI_SUMS_TO_ONE),
        "rem-6/learned-verifier",
    )


#: rem-6/learned-verifier: for every number K of answers and m ≥ 1 accepted draws from the
#: accepted law q, E[G(Q̂)] = (1 − 1/m)·G(q); and a verifier accepting the policy's whole
#: support accepts with the policy's own law.
LEARNED_GOAL = learned_goal()
